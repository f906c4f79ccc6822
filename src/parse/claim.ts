/**
 * A claim block (YAML) → a typed Claim. The fields are declared in claim-schema.ts, symbols read in
 * claim-symbols.ts; step and check arguments are declared by their kinds. Every expression is parsed
 * and its names checked now, so a bad claim file fails at parse time with file, line and column, not
 * later inside a derivation.
 */

import type {
  Claim,
  CheckSpec,
  NamedExpr,
  StepSpec,
  LectureInfo,
  ExpectedVerdict,
  GivenFunction,
} from '../model/claim';
import { VERDICTS } from '../model/claim';
import { ClaimError } from '../model/source';
import type { Diagnostic, SourcePos } from '../model/source';
import { Issues, field, readObject, closest, exprFromScalar, positionIn, type ExprSource } from '../model/schema';
import type { YMap, YNode } from '../model/yaml-node';

import { writtenDerivativeName } from '../expr/names';
import { parseExpr } from '../expr/parse';
import { CHECKS, FIGURES, STEPS } from '../kinds/registry';
import { claimScope } from '../kinds/scope';
import { DEFINE_HEADING, GIVEN, ID_PATTERN, claimShape, expectShape } from './claim-schema';
import { readSymbols, texError } from './claim-symbols';

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
