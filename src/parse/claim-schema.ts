/**
 * The fields of a claim block, declared once: the parser reads them (parse/claim.ts) and the
 * JSON Schema for editors is generated from them (claimJsonSchema).
 */

import { VERDICTS } from '../model/claim';

import type { SourcePos } from '../model/source';
import {
  field,
  optional,
  required,
  objectJson,
  IDENT,
  EXPRESSION_REF,
  EXPRESSION_JSON,
  type Field,
  type JsonSchema,
} from '../model/schema';
import type { YNode } from '../model/yaml-node';

import { RESERVED, WRITTEN_DERIVATIVE } from '../expr/names';

import { CHECKS, FIGURES, STEPS } from '../kinds/registry';

export const ID_PATTERN = /^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$/;
/** A symbol's name: letters and digits, optionally one _subscript (n_g). */
export const SYMBOL_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)?$/;
/** A define entry's key: a name, or a function heading such as bound(mu). */
export const DEFINE_HEADING =
  /^([A-Za-z][A-Za-z0-9_]*)\s*(?:\(\s*([A-Za-z][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_]*)*)\s*\))?$/;
/** `given: f(t) = …`; [\s\S] rather than the s flag, so that the JSON Schema can carry the same pattern. */
export const GIVEN = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*\(\s*([A-Za-z][A-Za-z0-9_]*)\s*\)\s*=\s*(\S[\s\S]*)$/;

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

export const symbolObjectShape = {
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

export const expectShape = {
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

export const claimShape = {
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
