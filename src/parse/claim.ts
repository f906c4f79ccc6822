/**
 * A claim block (YAML) → a typed Claim. Fields are declared once here; step and check arguments
 * are declared by their kinds. Every expression is parsed and its names checked now, so a bad
 * claim file fails at parse time with file, line and column, not later inside a derivation.
 */
import katex from 'katex';
import type {
  Claim,
  CheckSpec,
  NamedExpr,
  StepSpec,
  SymbolDecl,
  LectureInfo,
  ExpectedVerdict,
  GivenFunction,
} from '../model/claim';
import { VERDICTS } from '../model/claim';
import { ClaimError } from '../model/source';
import type { Diagnostic, SourcePos } from '../model/source';
import {
  Issues,
  field,
  optional,
  readObject,
  required,
  closest,
  exprFromScalar,
  positionIn,
  objectJson,
  IDENT,
  EXPRESSION_REF,
  EXPRESSION_JSON,
  type ExprSource,
  type Field,
  type JsonSchema,
} from '../model/schema';
import type { YMap, YNode } from '../model/yaml-node';
import { parseDomain, isDomainError } from '../model/domain';
import { RESERVED, WRITTEN_DERIVATIVE, writtenDerivativeName } from '../expr/names';
import { parseExpr } from '../expr/parse';
import { CHECKS, FIGURES, STEPS } from '../kinds/registry';
import { claimScope } from '../kinds/scope';

export const ID_PATTERN = /^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$/;
/** A symbol's name: letters and digits, optionally one _subscript (n_g). */
const SYMBOL_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)?$/;
/** A define entry's key: a name, or a function heading such as bound(mu). */
const DEFINE_HEADING =
  /^([A-Za-z][A-Za-z0-9_]*)\s*(?:\(\s*([A-Za-z][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_]*)*)\s*\))?$/;
/** `given: f(t) = …`; [\s\S] rather than the s flag, so that the JSON Schema can carry the same pattern. */
const GIVEN = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*\(\s*([A-Za-z][A-Za-z0-9_]*)\s*\)\s*=\s*(\S[\s\S]*)$/;

/** A field read by hand below (readSymbols, readSteps …): passed through as its node, described for the JSON Schema. */
function readLater(describe: string, json: JsonSchema): Field<YNode> {
  return { describe, json: { description: describe, ...json }, read: (n) => n };
}
/** A field whose value is checked further after reading (with its own message); editors see the same rule in `extra`. */
function refined<T>(f: Field<T>, extra: JsonSchema): Field<T> {
  return { ...f, json: { ...f.json, ...extra } };
}

const instancesSchema = {
  count: optional(field.integer(1, 10_000_000), 'random instances per numeric check'),
  special: optional(
    field.list(field.record(field.expr(), { keys: 'any' })),
    'special points: partial assignments, the rest drawn',
  ),
};

const symbolObjectShape = {
  domain: required(field.string(), 'real, positive, integer 1..8, function, matrix(p, q) …'),
  latex: optional(field.string('LaTeX'), 'how the symbol is typeset'),
};
const symbolsJson: JsonSchema = {
  type: 'object',
  propertyNames: {
    anyOf: [{ pattern: SYMBOL_NAME.source, not: { enum: [...RESERVED] } }, { pattern: WRITTEN_DERIVATIVE.source }],
  },
  additionalProperties: {
    anyOf: [
      { type: 'string', description: 'the domain: real, positive, integer 1..8, function, matrix(p, q) …' },
      objectJson(symbolObjectShape, "a domain with the symbol's LaTeX"),
    ],
  },
};

/** One entry of derive, checks or figures: exactly one kind's key, with that kind's fields (and `given` for checks and figures). */
function kindEntriesJson(
  table: ReadonlyMap<string, { summary: string; schema: Field<unknown> }>,
  extra: Record<string, JsonSchema> = {},
): JsonSchema[] {
  return [...table].map(([name, kind]) => {
    const json = kind.schema.json as { properties: Record<string, JsonSchema>; required?: string[] };
    return {
      ...json,
      description: `${name}: ${kind.summary}`,
      properties: { ...json.properties, ...extra },
      required: [...new Set([name, ...(json.required ?? [])])],
      propertyNames: { not: { enum: [...table.keys()].filter((other) => other !== name) } },
    };
  });
}
const stepLatexJson: JsonSchema = {
  type: 'string',
  description: "how the derived name is typeset (LaTeX), as a symbol's latex:",
};
const givenItemJson: JsonSchema = {
  type: 'string',
  pattern: GIVEN.source,
  description: 'a concrete unknown function, e.g. f(t) = -log(1 + exp(-t))',
};
const givenJson: JsonSchema = {
  description: 'the unknown functions this makes concrete: one definition or a list',
  anyOf: [givenItemJson, { type: 'array', items: givenItemJson }],
};

const expectShape = {
  verdict: required(field.oneOf(VERDICTS), 'the expected verdict'),
  reason: optional(field.string(), 'why the claim is not checked (required with not-checked)'),
};
const expectJson: JsonSchema = {
  anyOf: [
    { enum: VERDICTS.filter((v) => v !== 'not-checked'), description: 'proved, verified or refuted' },
    {
      ...objectJson(expectShape, '{verdict: not-checked, reason: "…"}'),
      if: { properties: { verdict: { const: 'not-checked' } } },
      then: { required: ['reason'] },
    },
  ],
};

/** `model: from <claim id>`: the model of another claim, used by reference. */
const MODEL_FROM = /^from\s+(\S+)$/;
const modelFrom: Field<{ id: string; pos: SourcePos }> = {
  describe: '"from" and the id of the claim whose model this claim uses',
  json: {
    type: 'string',
    pattern: '^from\\s+[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+$',
    description: 'from <claim id>: the model of that claim, by reference',
  },
  read(node, issues, where) {
    const m = node.type === 'scalar' && typeof node.value === 'string' ? MODEL_FROM.exec(node.value.trim()) : null;
    if (!m || !ID_PATTERN.test(m[1]!))
      return issues.error(
        node.pos,
        `${where} must be a mapping of names to expressions, or "from" and a claim id (model: from p.dirac-eigenvalues)`,
      );
    return { id: m[1]!, pos: node.pos };
  },
};

const claimShape = {
  id: required(
    refined(field.string('an id such as p.dirac-eigenvalues'), { type: 'string', pattern: ID_PATTERN.source }),
    'the id from CLAIMS.md',
  ),
  title: required(field.string(), "the claim's title"),
  where: required(field.string(), 'where in the lecture: lemma, slide, section'),
  statement: required(field.string('LaTeX'), 'the statement in LaTeX as the lecture writes it'),
  symbols: optional(
    readLater('a mapping of symbols to domains', symbolsJson),
    'every symbol and its domain; nothing undeclared may appear anywhere',
  ),
  define: optional(
    refined(field.record(field.expr(), { keys: 'any' }), { propertyNames: { pattern: DEFINE_HEADING.source } }),
    'abbreviations used in claimed forms (alpha: …), or functions (bound(mu): …)',
  ),
  model: optional(
    field.either(field.record(field.expr()), modelFrom, (n) => (n.type === 'scalar' ? 'b' : 'a')),
    'the model: named expressions (a loss, a vector field), or "from <claim id>": that claim\'s model, by reference',
  ),
  derive: optional(
    readLater('a mapping of names to steps', {
      type: 'object',
      propertyNames: { pattern: IDENT.source },
      additionalProperties: { anyOf: [{ $ref: EXPRESSION_REF }, ...kindEntriesJson(STEPS, { latex: stepLatexJson })] },
    }),
    'derivation steps, in order: name: {kind: argument, option: …} or name: expression',
  ),
  checks: optional(
    readLater('a list of checks', { type: 'array', items: { anyOf: kindEntriesJson(CHECKS, { given: givenJson }) } }),
    'what is claimed about the derived quantities, each - kind: …',
  ),
  figures: optional(
    readLater('a list of figures', { type: 'array', items: { anyOf: kindEntriesJson(FIGURES, { given: givenJson }) } }),
    'optional illustrations',
  ),
  instances: optional(field.object(instancesSchema), 'count (instances per numeric check) and special points'),
  expect: required(readLater('a verdict', expectJson), 'proved, verified, refuted or not-checked'),
  uses: optional(field.list(field.string('a claim id')), 'the ids this claim depends on'),
  corrects: optional(field.string('a claim id'), 'the id this claim corrects'),
  finding: optional(
    field.string(),
    'for a claim expected to be refuted: the one-line explanation shown beside the counterexample',
  ),
  reading: optional(field.string(), 'the precise reading that is checked, where the lecture is vague'),
};

/**
 * The claim block as a JSON Schema (draft-07, which editors' YAML language servers support best),
 * generated from the field declarations above and the kinds' own schemas, so it cannot drift from
 * what the parser accepts. It checks structure; expressions, LaTeX and names are checked by the tool.
 */
export function claimJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'claimcheck claim block',
    ...objectJson(claimShape, 'one ```claim block of a claim file'),
    // A claim needs a check unless it is expected not to be checked.
    if: {
      properties: { expect: { type: 'object', properties: { verdict: { const: 'not-checked' } } } },
      required: ['expect'],
    },
    else: { required: ['checks'], properties: { checks: { type: 'array', minItems: 1 } } },
    definitions: { expression: EXPRESSION_JSON },
  };
}

type TexProblem = { message: string; offset?: number } | undefined;
/** Validating LaTeX is most of parsing; watch mode re-reads every file on each save, so answers are kept (bounded). */
const TEX_CHECKED = new Map<string, TexProblem>();

function texError(tex: string): TexProblem {
  if (TEX_CHECKED.has(tex)) return TEX_CHECKED.get(tex);
  let problem: TexProblem;
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore', trust: false, maxExpand: 1000 });
  } catch (e) {
    const err = e as Error & { position?: number };
    problem = { message: err.message.replace(/^KaTeX parse error: /, ''), offset: err.position };
  }
  if (TEX_CHECKED.size >= 20_000) TEX_CHECKED.clear();
  TEX_CHECKED.set(tex, problem);
  return problem;
}

function posPlus(p: SourcePos, col: number): SourcePos {
  return { ...p, column: p.column + col };
}

function readSymbols(node: YNode | undefined, issues: Issues): SymbolDecl[] {
  if (!node) return [];
  if (node.type !== 'map') {
    issues.error(node.pos, 'symbols must be a mapping of names to domains');
    return [];
  }
  const out: SymbolDecl[] = [];
  const seen = new Set<string>();
  const written: Array<{ key: string; pos: SourcePos }> = [];
  for (const e of node.entries) {
    let name = e.key;
    const deriv = writtenDerivativeName(e.key);
    if (deriv) {
      name = deriv;
      written.push({ key: e.key, pos: e.keyPos });
    } else if (!SYMBOL_NAME.test(e.key)) {
      issues.error(
        e.keyPos,
        `"${e.key}" is not a valid symbol name`,
        "letters and digits, optionally one _subscript (n_g), or a value or derivative of a declared function at its expansion point such as f(0), f'(0)",
      );
      continue;
    }
    if (RESERVED.has(name)) {
      issues.error(
        e.keyPos,
        `"${name}" cannot be a symbol: it means ${name === 'i' ? 'the imaginary unit' : name === 'e' ? "Euler's number" : name === 'E' ? 'expectation' : name === 'I' ? 'the identity matrix' : 'something else'} in expressions`,
        'choose another name (eps for ε, for instance)',
      );
      continue;
    }
    if (seen.has(name)) {
      issues.error(e.keyPos, `"${e.key}" is declared twice`);
      continue;
    }
    seen.add(name);
    let domainText: string | undefined;
    let latex: string | undefined;
    let textPos = e.value.pos;
    if (e.value.type === 'scalar' && typeof e.value.value === 'string') domainText = e.value.value;
    else if (e.value.type === 'map') {
      const o = readObject(e.value, symbolObjectShape, issues, `symbols.${e.key}`);
      if (!o) continue;
      domainText = o.domain;
      latex = o.latex;
      textPos = e.value.entries.find((x) => x.key === 'domain')?.value.pos ?? textPos;
      if (latex) {
        const te = texError(latex);
        if (te) issues.error(e.value.pos, `symbols.${e.key}.latex: ${te.message}`);
      }
    } else {
      issues.error(
        e.value.pos,
        `the domain of ${e.key} must be a text such as "real", "positive", "integer 1..8", "function"`,
      );
      continue;
    }
    const d = parseDomain(domainText, textPos);
    if (isDomainError(d)) {
      issues.error(posPlus(textPos, d.offset), `symbols.${e.key}: ${d.message}`, d.hint);
      continue;
    }
    if (deriv && d.kind !== 'real') {
      issues.error(e.value.pos, `${e.key} is a number: its domain must be real, positive, negative, nonzero …`);
      continue;
    }
    out.push({ name, domain: d, ...(latex ? { latex } : {}), pos: e.keyPos });
  }
  // f'(1) is stored as f'(about) whatever the point written, so a point other than the function's own
  // expansion point (or an undeclared function) would silently constrain another number.
  for (const w of written) {
    const [, fn, , at] = WRITTEN_DERIVATIVE.exec(w.key)!;
    const f = out.find((x) => x.name === fn);
    if (!f || f.domain.kind !== 'function')
      issues.error(
        w.pos,
        `"${w.key}" names a value of "${fn}", which is not declared as a function`,
        `declare it, e.g. "${fn}: function"`,
      );
    else if (Number(at) !== f.domain.about)
      issues.error(
        w.pos,
        `"${w.key}" is at ${at}, but ${fn} is expanded at ${f.domain.about}: only its values there have symbols`,
        `write ${w.key.replace(/\([^)]*\)$/, `(${f.domain.about})`)}, or declare "${fn}: function, at ${at}"`,
      );
  }
  // Sizes of vectors and matrices must be integer symbols or numbers.
  for (const s of out) {
    const sizes =
      s.domain.kind === 'vector' ? [s.domain.size] : s.domain.kind === 'matrix' ? [s.domain.rows, s.domain.cols] : [];
    for (const z of sizes) {
      if (/^\d+$/.test(z)) continue;
      const decl = out.find((x) => x.name === z);
      if (!decl || decl.domain.kind !== 'integer')
        issues.error(s.pos, `the size "${z}" of ${s.name} must be a number or a symbol declared as an integer range`);
      else if (decl.domain.max - decl.domain.min > 15 || decl.domain.min < 1)
        issues.error(decl.pos, `${z} is a size: its range must be within 1..16 and hold at most 16 values`);
    }
  }
  return out;
}

function readKindEntry(
  node: YMap,
  table: ReadonlyMap<string, { schema: { read(n: YNode, i: Issues, w: string): unknown } }>,
  issues: Issues,
  where: string,
  what: string,
): { kind: string; args: unknown } | undefined {
  const kinds = node.entries.filter((e) => table.has(e.key));
  if (kinds.length !== 1) {
    const names = [...table.keys()];
    const guess = node.entries.map((e) => closest(e.key, names)).find(Boolean);
    issues.error(
      node.pos,
      kinds.length === 0
        ? `${where}: no known ${what} kind`
        : `${where}: more than one ${what} kind (${kinds.map((k) => k.key).join(', ')})`,
      `${guess ? `did you mean "${guess}"? ` : ''}known ${what} kinds: ${names.join(', ')}`,
    );
    return undefined;
  }
  const kind = kinds[0]!.key;
  const args = table.get(kind)!.schema.read(node, issues, `${where} (${kind})`);
  return args === undefined ? undefined : { kind, args };
}

function readSteps(node: YNode | undefined, issues: Issues): StepSpec[] {
  if (!node) return [];
  if (node.type !== 'map') {
    issues.error(node.pos, 'derive must be a mapping of names to steps, e.g. "J: {jacobian: v, wrt: [theta, psi]}"');
    return [];
  }
  const out: StepSpec[] = [];
  for (const e of node.entries) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(e.key)) {
      const heading = /^([A-Za-z][A-Za-z0-9_]*)\s*\(([^()]*)\)$/.exec(e.key);
      issues.error(
        e.keyPos,
        `"${e.key}" is not a valid name for a derived quantity`,
        heading
          ? `a function of arguments (${e.key}: …) can only be defined under define:; move it there, or write ${heading[1]}: with the expression itself here`
          : 'names use letters, digits and _, starting with a letter',
      );
      continue;
    }
    if (e.value.type !== 'map') {
      // A bare expression is shorthand for {let: expression}: `P: det(J)`.
      const expr = field.expr().read(e.value, issues, `derive.${e.key}`);
      if (expr) out.push({ name: e.key, kind: 'let', args: { let: expr, pos: e.value.pos }, pos: e.keyPos });
      continue;
    }
    // `latex:` beside the step's kind says how its name is typeset, as a symbol's does.
    const latexEntry = e.value.entries.find((x) => x.key === 'latex');
    let latex: string | undefined;
    if (latexEntry) {
      if (latexEntry.value.type !== 'scalar' || typeof latexEntry.value.value !== 'string')
        issues.error(latexEntry.value.pos, `derive.${e.key}.latex must be LaTeX text`);
      else {
        latex = latexEntry.value.value;
        const te = texError(latex);
        if (te) issues.error(latexEntry.value.pos, `derive.${e.key}.latex: ${te.message}`);
      }
    }
    const r = readKindEntry(
      { ...e.value, entries: e.value.entries.filter((x) => x !== latexEntry) },
      STEPS,
      issues,
      `derive.${e.key}`,
      'step',
    );
    if (r) out.push({ name: e.key, kind: r.kind, args: r.args, pos: e.keyPos, ...(latex ? { latex } : {}) });
  }
  return out;
}

/** `given: f(t) = …` (or a list of them) on a check or a figure: the functions it makes concrete. */
function readGiven(item: YMap, issues: Issues, where: string): GivenFunction[] | undefined {
  const entry = item.entries.find((e) => e.key === 'given');
  if (!entry) return undefined;
  const nodes = entry.value.type === 'seq' ? entry.value.items : [entry.value];
  const out: GivenFunction[] = [];
  for (const node of nodes) {
    const src = node.type === 'scalar' ? exprFromScalar(node) : undefined;
    const m = src ? GIVEN.exec(src.text) : null;
    if (!src || !m) {
      issues.error(
        node.pos,
        `${where}: given must define a declared function, as in given: f(t) = -log(1 + exp(-t))`,
        'one definition, or a list of them; quote it if it contains ": " or starts with [',
      );
      continue;
    }
    const offset = src.text.indexOf(m[3]!);
    out.push({
      fn: m[1]!,
      param: m[2]!,
      body: { text: m[3]!.trim(), pos: { ...src.pos, column: src.pos.column + offset } },
      pos: node.pos,
    });
  }
  return out;
}
function withoutGiven(item: YMap): YMap {
  return { ...item, entries: item.entries.filter((e) => e.key !== 'given') };
}

/** How the two lists of kinds read: their table, what an item is called, and an example item. */
const KIND_LISTS = {
  checks: { table: CHECKS, what: 'check', example: 'equal: lambda', more: 'to: …' },
  figures: { table: FIGURES, what: 'figure', example: 'spectrum: J', more: 'at: …' },
} as const;

/** `checks:` or `figures:`, a list of kind entries, each with its own `given:`; only a check carries a label. */
function readKindList(list: keyof typeof KIND_LISTS, node: YNode | undefined, issues: Issues): CheckSpec[] {
  const { table, what, example, more } = KIND_LISTS[list];
  if (!node) return [];
  if (node.type !== 'seq') {
    issues.error(node.pos, `${list} must be a list, each item one ${what} such as "- ${example}"`);
    return [];
  }
  const out: CheckSpec[] = [];
  node.items.forEach((item, k) => {
    if (item.type !== 'map') {
      issues.error(item.pos, `${list} item ${k + 1} must be a mapping such as "${example}" with "${more}"`);
      return;
    }
    const given = readGiven(item, issues, `${list} item ${k + 1}`);
    const r = readKindEntry(withoutGiven(item), table, issues, `${list} item ${k + 1}`, what);
    const label = list === 'checks' ? (r?.args as { label?: string } | undefined)?.label : undefined;
    if (r)
      out.push({ kind: r.kind, args: r.args, pos: item.pos, ...(label ? { label } : {}), ...(given ? { given } : {}) });
  });
  return out;
}

function readExpect(node: YNode, issues: Issues): Claim['expect'] | undefined {
  const verdict = expectShape.verdict.field;
  if (node.type === 'map') {
    const o = readObject(node, expectShape, issues, 'expect');
    if (!o) return undefined;
    if (o.verdict === 'not-checked' && !o.reason) {
      issues.error(node.pos, 'expect: not-checked needs a reason', 'write expect: {verdict: not-checked, reason: "…"}');
      return undefined;
    }
    return { verdict: o.verdict, ...(o.reason ? { reason: o.reason } : {}), pos: node.pos };
  }
  const v = verdict.read(node, issues, 'expect');
  if (!v) return undefined;
  if (v === 'not-checked') {
    issues.error(node.pos, 'expect: not-checked needs a reason', 'write expect: {verdict: not-checked, reason: "…"}');
    return undefined;
  }
  return { verdict: v as ExpectedVerdict, pos: node.pos };
}

/** Walk validated arguments and collect every expression in them. */
function expressionsIn(x: unknown, out: ExprSource[] = []): ExprSource[] {
  if (Array.isArray(x)) x.forEach((v) => expressionsIn(v, out));
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.text === 'string' && o.pos && typeof o.pos === 'object' && !('name' in o)) {
      out.push(o as unknown as ExprSource);
      return out;
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'pos') expressionsIn(v, out);
  }
  return out;
}

export function readClaim(
  node: YNode,
  file: string,
  lecture: LectureInfo | undefined,
): { claim?: Claim; diagnostics: Diagnostic[]; id?: string; title?: string; expect?: ExpectedVerdict } {
  const issues = new Issues();
  if (node.type !== 'map') {
    issues.error(node.pos, 'a claim block must be a YAML mapping (id:, title:, …)');
    return { diagnostics: issues.list };
  }
  const idNode = node.entries.find((e) => e.key === 'id')?.value;
  const titleNode = node.entries.find((e) => e.key === 'title')?.value;
  const id = idNode && idNode.type === 'scalar' ? String(idNode.value) : undefined;
  const title = titleNode && titleNode.type === 'scalar' ? String(titleNode.value) : undefined;
  // What an invalid claim expected, so the terminal and the report can say it ("← expected proved").
  const expectNode = node.entries.find((e) => e.key === 'expect')?.value;
  const expected =
    expectNode?.type === 'scalar' && (VERDICTS as readonly unknown[]).includes(expectNode.value)
      ? (expectNode.value as ExpectedVerdict)
      : undefined;
  const known = { id, title, ...(expected ? { expect: expected } : {}) };
  const o = readObject(node, claimShape as never, issues, 'claim') as Record<string, any> | undefined;
  if (!o) return { diagnostics: issues.list, ...known };
  if (!ID_PATTERN.test(o.id))
    issues.error(
      idNode!.pos,
      `"${o.id}" is not a valid claim id`,
      'lower case, dot-separated, like p.dirac-eigenvalues or l14.lemma10.corrected',
    );
  const statementNode = node.entries.find((e) => e.key === 'statement')!.value;
  const te = texError(o.statement);
  const statementSource = exprFromScalar(statementNode);
  if (te)
    issues.error(
      statementSource && te.offset !== undefined ? positionIn(statementSource, te.offset) : statementNode.pos,
      `statement is not valid LaTeX: ${te.message}`,
    );
  const symbols = readSymbols(o.symbols as YNode | undefined, issues);
  const derive = readSteps(o.derive as YNode | undefined, issues);
  const checks = readKindList('checks', o.checks as YNode | undefined, issues);
  const figures = readKindList('figures', o.figures as YNode | undefined, issues);
  const expect = readExpect(o.expect as YNode, issues);
  const named = (r: Array<{ name: string; pos: SourcePos; value: ExprSource }> | undefined): NamedExpr[] =>
    (r ?? []).map(({ name, pos, value }) => ({ name, pos, expr: value }));
  const defines: NamedExpr[] = [];
  for (const { name, pos, value } of (o.define ?? []) as Array<{ name: string; pos: SourcePos; value: ExprSource }>) {
    const m = DEFINE_HEADING.exec(name);
    if (!m) {
      issues.error(pos, `"${name}" in define is neither a name nor a function heading such as bound(mu)`);
      continue;
    }
    defines.push({ name: m[1]!, pos, expr: value, ...(m[2] ? { params: m[2].split(',').map((x) => x.trim()) } : {}) });
  }
  const instances = {
    ...(o.instances?.count ? { count: o.instances.count as number } : {}),
    special: ((o.instances?.special ?? []) as Array<Array<{ name: string; pos: SourcePos; value: ExprSource }>>).map(
      (assign) => ({
        assign: assign.map(({ name, pos, value }) => ({ name: writtenDerivativeName(name) ?? name, pos, expr: value })),
        pos: assign[0]?.pos ?? o.pos,
      }),
    ),
  };
  if (issues.list.length || !expect) return { diagnostics: issues.list, ...known };
  const claim: Claim = {
    id: o.id,
    title: o.title,
    file,
    pos: node.pos,
    ...(lecture ? { lecture } : {}),
    where: o.where,
    statement: { tex: o.statement, pos: statementNode.pos },
    symbols,
    define: defines,
    model: Array.isArray(o.model) ? named(o.model) : [],
    ...(o.model && !Array.isArray(o.model) ? { modelFrom: o.model as { id: string; pos: SourcePos } } : {}),
    derive,
    checks,
    figures,
    instances,
    expect,
    uses: ((o.uses ?? []) as string[]).map((u) => ({
      id: u,
      pos: node.entries.find((e) => e.key === 'uses')!.value.pos,
    })),
    ...(o.corrects
      ? { corrects: { id: o.corrects, pos: node.entries.find((e) => e.key === 'corrects')!.value.pos } }
      : {}),
    ...(o.finding ? { finding: o.finding } : {}),
    ...(o.reading ? { reading: o.reading } : {}),
  };
  // A claim whose model is another claim's has its names checked once that model is known (see parse/index.ts).
  if (!claim.modelFrom) checkNames(claim, issues);
  if (claim.checks.length === 0 && claim.expect.verdict !== 'not-checked')
    issues.error(node.pos, 'a claim needs at least one check (or expect: {verdict: not-checked, reason: …})');
  if (issues.list.length) return { diagnostics: issues.list, ...known };
  return { claim, diagnostics: [] };
}

/**
 * The names of a claim: no clash across symbols, define, model and derive, and every expression
 * parsed with the names the claim knows (nothing undeclared anywhere).
 */
export function checkNames(claim: Claim, issues: Issues): void {
  // Names must not clash across symbols, define, model and derive.
  const owners = new Map<string, string>();
  const claimName = (name: string, what: string, pos: SourcePos) => {
    const prev = owners.get(name);
    if (prev) issues.error(pos, `"${name}" is already ${prev}`);
    else owners.set(name, what);
  };
  for (const s of claim.symbols) claimName(s.name, 'a declared symbol', s.pos);
  for (const d of claim.define) claimName(d.name, 'defined under define', d.pos);
  for (const m of claim.model) claimName(m.name, 'a model name', m.pos);
  for (const s of claim.derive) claimName(s.name, 'a derived name', s.pos);
  // Parse every expression now, with the names this claim knows.
  const baseScope = claimScope(claim);
  const tryParse = (src: ExprSource, locals: string[] = []) => {
    try {
      parseExpr(src, locals.length ? claimScope(claim, locals) : baseScope);
    } catch (e) {
      if (e instanceof ClaimError) issues.error(e.pos ?? src.pos, e.message, e.hint);
      else issues.error(src.pos, (e as Error).message);
    }
  };
  for (const s of claim.symbols)
    if (s.domain.kind === 'normal') [s.domain.mean, s.domain.variance].forEach((x) => tryParse(x));
  for (const x of claim.define) tryParse(x.expr, x.params ?? []);
  for (const x of claim.model) tryParse(x.expr);
  for (const s of claim.derive) expressionsIn(s.args).forEach((x) => tryParse(x));
  const checkGiven = (spec: CheckSpec) => {
    for (const g of spec.given ?? []) {
      const decl = claim.symbols.find((s) => s.name === g.fn);
      if (decl?.domain.kind !== 'function')
        issues.error(
          g.pos,
          `given: "${g.fn}" is not a declared unknown function`,
          `declare it under symbols, e.g. "${g.fn}: function"`,
        );
      else tryParse(g.body, [g.param]);
    }
  };
  for (const c of claim.checks) {
    const locals = CHECKS.get(c.kind)!.localNames?.(c.args) ?? [];
    expressionsIn(c.args).forEach((x) => tryParse(x, locals));
    checkGiven(c);
  }
  for (const f of claim.figures) {
    const locals = FIGURES.get(f.kind)!.localNames?.(f.args) ?? [];
    expressionsIn(f.args).forEach((x) => tryParse(x, locals));
    checkGiven(f);
  }
  for (const sp of claim.instances.special)
    for (const a of sp.assign) {
      const decl = claim.symbols.find((s) => s.name === a.name);
      const isDerivative =
        /__d\d+$/.test(a.name) &&
        claim.symbols.some((s) => s.domain.kind === 'function' && a.name.startsWith(`${s.name}__d`));
      if (!isDerivative && (!decl || (decl.domain.kind !== 'real' && decl.domain.kind !== 'integer')))
        issues.error(
          a.pos,
          `special point: "${a.name}" is not a declared real or integer symbol`,
          'special points assign values to declared symbols, e.g. {h: 1/2}',
        );
      tryParse(a.expr);
    }
}
