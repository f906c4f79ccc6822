/**
 * A small typed validator over position-carrying YAML nodes. Every claim-file field and every
 * kind's arguments are declared with these combinators, so each error names file, line, column,
 * what is wrong and (for misspelt keys) what was probably meant.
 */
import type { SourcePos, Diagnostic } from './source';
import type { YNode, YMap } from './yaml-node';

/** An expression as written in a claim file; parsed later by the expression layer. */
export interface ExprSource {
  text: string;
  pos: SourcePos;
  /**
   * For text that spans source lines (a YAML block or folded scalar): where each of its source
   * lines starts in the text, and at which line and column of the file. Data, not a function:
   * claims are cached and sent to workers.
   */
  segments?: TextSegment[];
  /** A YAML block sequence of expressions, read as one vector. */
  items?: ExprSource[];
}

export class Issues {
  readonly list: Diagnostic[] = [];
  error(pos: SourcePos, message: string, hint?: string): undefined {
    this.list.push({ file: pos.file, line: pos.line, column: pos.column, message, ...(hint ? { hint } : {}) });
    return undefined;
  }
}

export interface Field<T> {
  /** Human description used in error messages ("a list of names"). */
  describe: string;
  read(node: YNode, issues: Issues, where: string): T | undefined;
  /** The same shape as a JSON Schema (draft-07) fragment, for editors: see claimJsonSchema. */
  json: JsonSchema;
}

/** A JSON Schema (draft-07) fragment. */
export type JsonSchema = { [key: string]: unknown };

/** Where claim.schema.json defines an expression; `field.expr()` refers to it (expressions nest). */
export const EXPRESSION_REF = '#/definitions/expression';
/** An expression as the YAML reader sees it: a non-blank text or a number, or a list of expressions. */
export const EXPRESSION_JSON: JsonSchema = {
  description: 'an expression (mathjs syntax), or a list of expressions read as a vector',
  anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'number' }, { type: 'array', items: { $ref: EXPRESSION_REF } }],
};

export const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

function kindOf(node: YNode): string {
  if (node.type === 'map') return 'a mapping';
  if (node.type === 'seq') return 'a list';
  if (node.value === null) return 'an empty value';
  return `${typeof node.value} ${JSON.stringify(node.value)}`;
}

function mismatch(node: YNode, issues: Issues, where: string, describe: string): undefined {
  return issues.error(node.pos, `${where} must be ${describe}, found ${kindOf(node)}`);
}

/** The text of an expression written as a YAML scalar (position moved past an opening quote). */
export function exprFromScalar(node: YNode): ExprSource | undefined {
  if (node.type !== 'scalar' || node.value === null || typeof node.value === 'boolean') return undefined;
  const quoted = node.source.startsWith('"') || node.source.startsWith("'");
  const pos = quoted ? { ...node.pos, column: node.pos.column + 1 } : node.pos;
  const text = String(node.value);
  const escaped = node.source.startsWith('"') && node.source.includes('\\');
  const segments = node.source.includes('\n') || escaped ? segmentsOf(text, node.source, node.pos) : undefined;
  return { text, pos, ...(segments ? { segments } : {}) };
}

/** The file position of a character of an expression's text. */
export function positionIn(src: ExprSource, index: number): SourcePos {
  // Text from several source lines (a YAML block or folded scalar) knows where each line's part began.
  if (src.segments?.length) {
    let seg = src.segments[0]!;
    for (const s of src.segments) if (s.offset <= index) seg = s;
    return { ...src.pos, line: seg.line, column: seg.column + Math.max(0, index - seg.offset) };
  }
  const before = src.text.slice(0, Math.max(0, index));
  const nl = before.lastIndexOf('\n');
  if (nl >= 0) return { ...src.pos, line: src.pos.line + before.split('\n').length - 1, column: index - nl };
  return { ...src.pos, column: src.pos.column + index };
}

export interface TextSegment {
  /** Index in the text where this source line's part begins. */
  offset: number;
  line: number;
  column: number;
}

/**
 * Where the characters of a multi-line scalar's value sit in its source. The value differs from
 * the source by the block indicator line, indentation and line breaks (kept or folded into
 * spaces), so the two are aligned character by character, skipping what YAML dropped.
 */
function segmentsOf(value: string, source: string, start: SourcePos): TextSegment[] {
  const lineStarts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === '\n') lineStarts.push(k + 1);
  const lineOf = (j: number) => {
    let l = 0;
    while (l + 1 < lineStarts.length && lineStarts[l + 1]! <= j) l++;
    return l;
  };
  const posOf = (j: number) => {
    const l = lineOf(j);
    return { line: start.line + l, column: l === 0 ? start.column + j : j - lineStarts[l]! + 1 };
  };
  const segments: TextSegment[] = [];
  let j = /^[|>]/.test(source)
    ? (lineStarts[1] ?? source.length)
    : source.startsWith('"') || source.startsWith("'")
      ? 1
      : 0;
  let last: { line: number; shift: number } | undefined;
  for (let i = 0; i < value.length && j < source.length; i++) {
    const c = value[i]!;
    if ((c === ' ' || c === '\n') && source[j] !== c) {
      while (j < source.length && /\s/.test(source[j]!)) j++;
      continue;
    }
    // An escape in a double-quoted scalar ("\t", "\u00e9") is one character of the value.
    const escape =
      source[j] === '\\' && source.startsWith('"') && c !== '\\'
        ? (/^\\(x..|u....|U........|.)/.exec(source.slice(j))?.[0].length ?? 1)
        : 0;
    const found = escape ? j : source.indexOf(c, j);
    if (found < 0) break;
    j = found;
    // A new segment where the line changes or where value and source stop advancing together.
    const l = lineOf(j);
    if (!last || last.line !== l || last.shift !== j - i) {
      const p = posOf(j);
      segments.push({ offset: i, line: p.line, column: p.column });
      last = { line: l, shift: j - i };
    }
    j += escape || 1;
  }
  return segments;
}

export const field = {
  string(describe = 'a text'): Field<string> {
    return {
      describe,
      // Any non-empty scalar is read as its text (`title: 2024` is the title "2024").
      json: { description: describe, type: ['string', 'number', 'boolean'] },
      read(node, issues, where) {
        if (node.type !== 'scalar' || node.value === null) return mismatch(node, issues, where, describe);
        return String(node.value);
      },
    };
  },
  oneOf<T extends string>(values: readonly T[]): Field<T> {
    const describe = `one of ${values.join(', ')}`;
    return {
      describe,
      json: { description: describe, enum: [...values] },
      read(node, issues, where) {
        if (node.type !== 'scalar' || typeof node.value !== 'string' || !values.includes(node.value as T)) {
          const hint = node.type === 'scalar' ? closest(String(node.value), values) : undefined;
          return issues.error(
            node.pos,
            `${where} must be ${describe}, found ${kindOf(node)}`,
            hint && `did you mean ${hint}?`,
          );
        }
        return node.value as T;
      },
    };
  },
  integer(min = -Infinity, max = Infinity): Field<number> {
    const describe =
      min > -Infinity && max < Infinity
        ? `a whole number from ${min} to ${max}`
        : `a whole number${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` ≤ ${max}` : ''}`;
    return {
      describe,
      json: {
        description: describe,
        type: 'integer',
        ...(min > -Infinity ? { minimum: min } : {}),
        ...(max < Infinity ? { maximum: max } : {}),
      },
      read(node, issues, where) {
        if (
          node.type !== 'scalar' ||
          typeof node.value !== 'number' ||
          !Number.isInteger(node.value) ||
          node.value < min ||
          node.value > max
        )
          return mismatch(node, issues, where, describe);
        return node.value;
      },
    };
  },
  number(): Field<number> {
    return {
      describe: 'a number',
      json: { description: 'a number', type: 'number' },
      read(node, issues, where) {
        if (node.type !== 'scalar' || typeof node.value !== 'number' || !Number.isFinite(node.value))
          return mismatch(node, issues, where, 'a number');
        return node.value;
      },
    };
  },
  name(): Field<string> {
    const describe = 'a name (letters, digits, _; starting with a letter)';
    return {
      describe,
      json: { description: describe, type: 'string', pattern: IDENT.source },
      read(node, issues, where) {
        if (node.type !== 'scalar' || typeof node.value !== 'string' || !IDENT.test(node.value))
          return mismatch(node, issues, where, describe);
        return node.value;
      },
    };
  },
  /** One expression: a scalar string/number, a flow list read as an array expression, or a block list of expressions. */
  expr(): Field<ExprSource> {
    const describe = 'an expression';
    return {
      describe,
      json: { description: describe, $ref: EXPRESSION_REF },
      read(node, issues, where) {
        if (node.type === 'scalar') {
          const e = exprFromScalar(node);
          if (!e || e.text.trim() === '') return mismatch(node, issues, where, describe);
          return e;
        }
        if (node.type === 'seq') {
          if (node.flow) return { text: node.source, pos: node.pos };
          const items: ExprSource[] = [];
          for (const item of node.items) {
            const e = field.expr().read(item, issues, `each item of ${where}`);
            if (!e) return undefined;
            items.push(e);
          }
          return { text: `[${items.map((i) => i.text).join(', ')}]`, pos: node.pos, items };
        }
        return mismatch(node, issues, where, describe);
      },
    };
  },
  list<T>(item: Field<T>, opts: { min?: number } = {}): Field<T[]> {
    const describe = `a list of ${item.describe}`;
    return {
      describe,
      json: {
        description: describe,
        type: 'array',
        items: item.json,
        ...(opts.min !== undefined ? { minItems: opts.min } : {}),
      },
      read(node, issues, where) {
        if (node.type === 'scalar' && node.value !== null && node.source.trim() !== '')
          // uses: p.a for uses: [p.a]: say how a list of one item is written.
          return issues.error(
            node.pos,
            `${where} must be ${describe}, found ${kindOf(node)}`,
            `write a list in brackets, even of one item: [${node.source.trim()}]`,
          );
        if (node.type !== 'seq') return mismatch(node, issues, where, describe);
        if (opts.min !== undefined && node.items.length < opts.min)
          return issues.error(node.pos, `${where} needs at least ${opts.min} item(s)`);
        const out: T[] = [];
        let ok = true;
        node.items.forEach((n, k) => {
          const v = item.read(n, issues, `item ${k + 1} of ${where}`);
          if (v === undefined) ok = false;
          else out.push(v);
        });
        return ok ? out : undefined;
      },
    };
  },
  /** A mapping from names to values of one type, in written order. */
  record<T>(
    value: Field<T>,
    opts: { keys?: 'names' | 'any' } = {},
  ): Field<Array<{ name: string; pos: SourcePos; value: T }>> {
    const describe = `a mapping of names to ${value.describe}`;
    return {
      describe,
      json: {
        description: describe,
        type: 'object',
        additionalProperties: value.json,
        ...((opts.keys ?? 'names') === 'names' ? { propertyNames: { pattern: IDENT.source } } : {}),
      },
      read(node, issues, where) {
        if (node.type !== 'map') return mismatch(node, issues, where, describe);
        const out: Array<{ name: string; pos: SourcePos; value: T }> = [];
        const seen = new Set<string>();
        let ok = true;
        for (const e of node.entries) {
          if ((opts.keys ?? 'names') === 'names' && !IDENT.test(e.key)) {
            const heading = /^([A-Za-z][A-Za-z0-9_]*)\s*\(([^()]*)\)$/.exec(e.key);
            issues.error(
              e.keyPos,
              `"${e.key}" in ${where} is not a valid name`,
              heading
                ? `a function of arguments (${e.key}: …) can only be defined under define:; move it there, or write ${heading[1]}: with the expression itself here`
                : node.flow && /\s/.test(e.key)
                  ? 'inside {…} a comma ends an entry: put a value that contains a comma in quotes, or use one line per entry'
                  : 'names use letters, digits and _, starting with a letter',
            );
            ok = false;
            continue;
          }
          if (seen.has(e.key)) {
            issues.error(e.keyPos, `"${e.key}" appears twice in ${where}`);
            ok = false;
            continue;
          }
          seen.add(e.key);
          const v = value.read(e.value, issues, `${where}.${e.key}`);
          if (v === undefined) ok = false;
          else out.push({ name: e.key, pos: e.keyPos, value: v });
        }
        return ok ? out : undefined;
      },
    };
  },
  object<S extends Record<string, Slot<unknown>>>(shape: S, describe = 'a mapping'): Field<ObjectOf<S>> {
    return {
      describe,
      json: objectJson(shape, describe),
      read(node, issues, where) {
        if (node.type !== 'map') return mismatch(node, issues, where, describe);
        return readObject(node, shape, issues, where);
      },
    };
  },
  /** A value that may be written in one of two forms (checked in order, errors from the last). */
  either<A, B>(a: Field<A>, b: Field<B>, accept: (n: YNode) => 'a' | 'b'): Field<A | B> {
    return {
      describe: `${a.describe} or ${b.describe}`,
      json: { description: `${a.describe} or ${b.describe}`, anyOf: [a.json, b.json] },
      read(node, issues, where) {
        return accept(node) === 'a' ? a.read(node, issues, where) : b.read(node, issues, where);
      },
    };
  },
};

export interface Slot<T> {
  field: Field<T>;
  required: boolean;
  doc: string;
}
export function required<T>(f: Field<T>, doc = ''): Slot<T> {
  return { field: f, required: true, doc };
}
export function optional<T>(f: Field<T>, doc = ''): Slot<T | undefined> {
  return { field: f, required: false, doc };
}
/** An object shape as JSON Schema: each field's own help text (the slot's doc, else what it is) is its description. */
export function objectJson(shape: Record<string, Slot<unknown>>, describe = 'a mapping'): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(shape).map(([key, slot]) => [
      key,
      { ...slot.field.json, description: slot.doc || slot.field.describe },
    ]),
  );
  const requiredKeys = Object.keys(shape).filter((key) => shape[key]!.required);
  return {
    description: describe,
    type: 'object',
    properties,
    ...(requiredKeys.length ? { required: requiredKeys } : {}),
    additionalProperties: false,
  };
}
export type ObjectOf<S> = { [K in keyof S]: S[K] extends Slot<infer T> ? T : never } & { pos: SourcePos };

export function readObject<S extends Record<string, Slot<unknown>>>(
  node: YMap,
  shape: S,
  issues: Issues,
  where: string,
  ignore: string[] = [],
): ObjectOf<S> | undefined {
  const out: Record<string, unknown> = { pos: node.pos };
  let ok = true;
  const known = Object.keys(shape);
  const seen = new Set<string>();
  for (const e of node.entries) {
    if (ignore.includes(e.key)) continue;
    if (seen.has(e.key)) {
      issues.error(e.keyPos, `"${e.key}" appears twice in ${where}`);
      ok = false;
      continue;
    }
    seen.add(e.key);
    // Own keys only: a key such as `constructor` must not find Object.prototype members.
    const slot = Object.hasOwn(shape, e.key) ? shape[e.key] : undefined;
    if (!slot) {
      // In {wrt: x, h} YAML ends the value at the comma and reads h as a key without a value.
      const previous = node.entries[node.entries.indexOf(e) - 1];
      if (
        node.flow &&
        e.value.type === 'scalar' &&
        e.value.value === null &&
        e.value.source === '' &&
        previous?.value.type === 'scalar'
      ) {
        issues.error(
          e.keyPos,
          `"${e.key}" follows ${previous.key}: ${String(previous.value.value)} after a comma, so it reads as a field of its own`,
          `a list inside {…} needs brackets: ${previous.key}: [${String(previous.value.value)}, ${e.key}]`,
        );
        ok = false;
        continue;
      }
      const guess = closest(e.key, known);
      issues.error(
        e.keyPos,
        `unknown field "${e.key}" in ${where}`,
        guess ? `did you mean "${guess}"? Known fields: ${known.join(', ')}` : `known fields: ${known.join(', ')}`,
      );
      ok = false;
      continue;
    }
    const v = slot.field.read(e.value, issues, `${where}.${e.key}`);
    if (v === undefined) ok = false;
    else out[e.key] = v;
  }
  for (const [k, slot] of Object.entries(shape)) {
    if (slot.required && !seen.has(k)) {
      issues.error(node.pos, `${where} is missing the field "${k}"${slot.doc ? ` (${slot.doc})` : ''}`);
      ok = false;
    }
  }
  return ok ? (out as ObjectOf<S>) : undefined;
}

/** The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
