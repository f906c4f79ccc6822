/** YAML text → position-carrying YNode (see model/yaml-node.ts), with errors as diagnostics. */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, isAlias, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourcePos } from '../model/source';
import type { YNode } from '../model/yaml-node';

/**
 * In YAML flow collections a comma ends an entry, even inside an expression's parentheses:
 * `{theta: theta - h*diff(L, theta)}` would split after `diff(L`. Commas inside round brackets
 * (per line, outside quotes) are swapped for a private character before parsing and back after,
 * one character for one, so positions do not move.
 */
const COMMA = '\uE000';
function protectCommas(text: string): string {
  let out = '';
  let depth = 0;
  let quote: string | undefined;
  for (const ch of text) {
    if (ch === '\n') {
      depth = 0;
      quote = undefined;
    } else if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' && depth === 0) quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    out += ch === ',' && depth > 0 && !quote ? COMMA : ch;
  }
  return out;
}
/**
 * A plain value may contain ": " (a title such as "Lemma 7: definiteness"), which YAML would read
 * as a nested mapping. After the key of a line, ": " in a value that is not quoted, a block or a
 * flow collection is swapped for ":" and a private character, again one for one.
 */
const SPACE = '\uE001';
function protectColons(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      // (A key holds no bracket: in `- {label: s, from: {x: 1}}` the first key is inside the flow map.)
      const m = /^(\s*(?:- )?[^\s:#'"{}[\],][^:#{}[\]]*?:\s+)(.*)$/.exec(line);
      if (!m) return line;
      const value = m[2]!;
      if (/^["'|>{[&*!]/.test(value)) return line;
      return m[1] + value.replace(/: /g, `:${SPACE}`);
    })
    .join('\n');
}
/** Domain ranges such as `in [-2, 2]` inside a flow mapping would open a YAML list: shield them too. */
function protectRanges(text: string): string {
  return text.replace(/\bin\s*([[(])([^\]\n)]{0,200}?)([\])])/g, (_m, open: string, body: string, close: string) => {
    const o = open === '[' ? '\uE002' : open;
    const c = close === ']' ? '\uE003' : close;
    return _m.slice(0, _m.indexOf(open)) + o + body.replace(/,/g, '\uE000') + c;
  });
}
/** Indexing, `v[1]` or `J[1, :]` (a bracket right after a name or a closing parenthesis), would open a YAML list inside a flow mapping: shield it the same way. */
function protectIndexing(text: string): string {
  const chars = [...text];
  for (let k = 1; k < chars.length; k++) {
    if (chars[k] !== '[' || !/[A-Za-z0-9_)']/.test(chars[k - 1]!)) continue;
    let depth = 0;
    let end = -1;
    for (let j = k; j < chars.length && chars[j] !== '\n'; j++) {
      if (chars[j] === '[') depth++;
      else if (chars[j] === ']' && --depth === 0) {
        end = j;
        break;
      }
    }
    if (end < 0) continue;
    chars[k] = '\uE002';
    chars[end] = '\uE003';
    for (let j = k + 1; j < end; j++) if (chars[j] === ',') chars[j] = '\uE000';
  }
  return chars.join('');
}
const restore = (s: string) =>
  s
    .replace(/\uE000/g, ',')
    .replace(/\uE004/g, '|')
    .replace(/\uE001/g, ' ')
    .replace(/\uE002/g, '[')
    .replace(/\uE003/g, ']');

/**
 * A value that starts like YAML syntax but goes on as an expression: `[a, b] * x` (a complete list
 * with more after it) or `|x| > 0` (not a block header). A list missing its `]` is not one.
 */
function startsAnExpression(value: string): boolean {
  if (value.startsWith('[')) {
    let depth = 0;
    for (let k = 0; k < value.length; k++) {
      if (value[k] === '[') depth++;
      else if (value[k] === ']' && --depth === 0) return !/^\s*(#.*)?$/.test(value.slice(k + 1));
    }
    return false;
  }
  return !/^[|>][-+0-9]*\s*(#.*)?$/.test(value);
}

/**
 * The same inside a flow mapping, `{jacobian: [x, y] - h*v, wrt: …}`: each value runs to the next
 * top-level , or }. A value that does not start with [ but holds brackets, `{x: x - h*[[2, 0],
 * [0, 3]]*x}`, is an expression too: a plain YAML value cannot hold them.
 */
function flowValueExpressions(line: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const re = /[{,]\s*([A-Za-z_][\w'-]*):\s+(?=[^\s"'{])/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index + m[0].length;
    let depth = 0;
    let end = line.length;
    for (let k = start; k < line.length; k++) {
      const c = line[k]!;
      if (c === '[' || c === '(' || c === '{') depth++;
      else if ((c === ']' || c === ')' || c === '}') && depth > 0) depth--;
      else if ((c === ',' || c === '}') && depth === 0) {
        end = k;
        break;
      }
    }
    const value = line.slice(start, end).trim();
    if (/^[[|]/.test(value) ? startsAnExpression(value) : /[[\]]/.test(value)) found.push({ start, end });
  }
  return found;
}
/**
 * A value that starts with [ or | and goes on as an expression (`F: [x, y] + h*v`,
 * `statement: |x| < 1`) has one reading only, the expression: standard YAML rejects it, as a list
 * with more after it or a bad block header. Its first character (and, inside a flow mapping, its
 * brackets and commas) is swapped for a private character, one for one, so YAML reads it as the
 * plain text it is.
 */
const LEADING_BAR = '\uE004';
function protectExpressionStarts(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const block = /^(\s*(?:- )?[A-Za-z_][\w'-]*:\s+)([[|].*)$/.exec(line);
      if (block && startsAnExpression(block[2]!.trim())) {
        return block[1] + (block[2]![0] === '[' ? '\uE002' : LEADING_BAR) + block[2]!.slice(1);
      }
      const chars = [...line];
      for (const { start, end } of flowValueExpressions(line)) {
        for (let k = start; k < end; k++) {
          const c = chars[k];
          chars[k] =
            c === '['
              ? '\uE002'
              : c === ']'
                ? '\uE003'
                : c === ','
                  ? COMMA
                  : k === start && c === '|'
                    ? LEADING_BAR
                    : c!;
        }
      }
      return chars.join('');
    })
    .join('\n');
}

/** The nearest line at or above `from` that opens more `open` than it closes `close` (outside quotes), if any. */
function unclosedLine(
  lines: string[],
  from: number,
  open: string,
  close: string,
): { line: number; more: number } | undefined {
  for (let i = Math.min(from, lines.length - 1); i >= 0; i--) {
    let depth = 0;
    let quote: string | undefined;
    for (const ch of lines[i]!) {
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#') break;
      else if (ch === open) depth++;
      else if (ch === close) depth--;
    }
    if (depth > 0) return { line: i, more: depth };
  }
  return undefined;
}

const DOUBLE_QUOTED_LATEX =
  "write LaTeX without quotes, in single quotes ('\\frac{1}{2} \\le \\lambda'), or as a block (statement: >-); inside double quotes every backslash must be doubled";

const ESCAPES: Record<string, string> = {
  a: 'a bell',
  b: 'a backspace',
  e: 'an escape character',
  f: 'a form feed',
  n: 'a new line',
  r: 'a carriage return',
  t: 'a tab',
  v: 'a vertical tab',
  N: 'a next-line character',
  L: 'a line separator',
  P: 'a paragraph separator',
};

export function parseYaml(raw: string, file: string, firstLine: number): { node?: YNode; diagnostics: Diagnostic[] } {
  const text = protectColons(protectExpressionStarts(protectCommas(protectIndexing(protectRanges(raw)))));
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, strict: true });
  const at = (offset: number): SourcePos => {
    const p = lc.linePos(offset);
    return { file, line: p.line + firstLine - 1, column: p.col };
  };
  const diagnostics: Diagnostic[] = [];
  const rawLines = raw.split('\n');
  const explained = new Set<number>();
  for (const e of doc.errors) {
    const p = at(e.pos[0]);
    // One root cause, not a cascade: a value that starts with > (`holds: > 0`) is read by YAML as
    // a folded block header. (Values that start with [ or | are read as expressions, above.)
    const lineIndex = lc.linePos(e.pos[0]).line - 1;
    const flow = /^(\s*(?:- )?([A-Za-z_][\w'-]*):\s+)(>.*)$/.exec(rawLines[lineIndex] ?? '');
    if (flow && startsAnExpression(flow[3]!.trim())) {
      if (!explained.has(lineIndex)) {
        explained.add(lineIndex);
        diagnostics.push({
          file,
          line: lineIndex + firstLine,
          column: flow[1]!.length + 1,
          message: `YAML: the value of ${flow[2]} starts with ">", which YAML reads as the start of a block of text, and the rest of the line does not fit`,
          hint: `a value that starts with ">" must be quoted: ${flow[2]}: "${flow[3]!.trim().replace(/"/g, '\\"')}"`,
        });
      }
      continue;
    }
    // LaTeX in double quotes: each backslash starts an escape, and \l, \s … are none. One message per line.
    if (e.code === 'BAD_DQ_ESCAPE') {
      if (!explained.has(lineIndex)) {
        explained.add(lineIndex);
        const escape = /Invalid escape sequence (\S*)/.exec(e.message)?.[1] ?? '\\';
        diagnostics.push({
          ...p,
          message: `YAML: inside double quotes a backslash starts an escape, and "${escape}" is none (LaTeX in double quotes)`,
          hint: DOUBLE_QUOTED_LATEX,
        });
      }
      continue;
    }
    // A bracket left open: YAML notices only where the next key begins; the line that opened it is the cause.
    const missing =
      e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' ? /end with an? ([\]}])/.exec(e.message)?.[1] : undefined;
    const opened = missing ? unclosedLine(rawLines, lineIndex, missing === ']' ? '[' : '{', missing) : undefined;
    if (missing && opened !== undefined) {
      if (!explained.has(opened.line)) {
        explained.add(opened.line);
        diagnostics.push({
          file,
          line: opened.line + firstLine,
          column: rawLines[opened.line]!.trimEnd().length + 1,
          message: `YAML: a "${missing}" is missing: this line opens ${opened.more} more "${missing === ']' ? '[' : '{'}" than it closes`,
          hint: `close each bracket on the line that opens it (a matrix [[a, b], [c, d]] ends with "]]")`,
        });
      }
      continue;
    }
    // A '*' that starts or follows a flow item reads as a YAML alias: almost always a product, e.g. [[0.5, 0], [0, 0.5]] * x.
    const alias = /alias/i.test(e.message)
      ? 'an expression with * (or starting with & or !) must be quoted: "[[0.5, 0], [0, 0.5]] * x"'
      : undefined;
    const indent =
      e.code === 'BAD_INDENT' || e.code === 'MISSING_CHAR'
        ? 'check the indentation and that every key is followed by ": "'
        : undefined;
    diagnostics.push({ ...p, message: `YAML: ${e.message.split('\n')[0]}`, hint: alias ?? indent });
  }
  if (diagnostics.length) return { diagnostics };
  const convert = (n: YamlNode | null | undefined, fallback: number): YNode => {
    const start = n?.range?.[0] ?? fallback;
    const end = n?.range?.[1] ?? fallback;
    const pos = at(start);
    const source = restore(raw.slice(start, end));
    if (!n) return { type: 'scalar', value: null, source: '', pos };
    if (isAlias(n)) throw Object.assign(new Error('YAML aliases (*name) are not allowed in claim files'), { pos });
    if (isMap(n)) {
      return {
        type: 'map',
        flow: Boolean(n.flow),
        source,
        pos,
        entries: n.items.filter(isPair).map((pair) => {
          const k = pair.key as YamlNode;
          const keyPos = at(k?.range?.[0] ?? start);
          const key = restore(isScalar(k) ? String(k.value) : text.slice(k?.range?.[0] ?? 0, k?.range?.[1] ?? 0));
          return { key, keyPos, value: convert(pair.value as YamlNode, k?.range?.[1] ?? start) };
        }),
      };
    }
    if (isSeq(n))
      return {
        type: 'seq',
        flow: Boolean(n.flow),
        source,
        pos,
        items: n.items.map((it) => convert(it as YamlNode, end)),
      };
    if (isScalar(n)) {
      const v = n.value;
      // "\theta", "\frac", "\beta" in double quotes are valid escapes (a tab, a form feed, a
      // backspace) followed by letters: the LaTeX is silently lost, so it is an error.
      const eaten = n.type === 'QUOTE_DOUBLE' ? /(?<!\\)(?:\\\\)*\\([abefnrtvNLP])[A-Za-z]+/.exec(source) : null;
      if (eaten) {
        const word = eaten[0].slice(eaten[0].lastIndexOf('\\'));
        laTeXEaten.push({
          ...at(start + eaten.index + eaten[0].length - word.length),
          message: `YAML: inside double quotes "\\${eaten[1]}" is an escape (${ESCAPES[eaten[1]!]}), so "${word}" loses its backslash and its first letter`,
          hint: DOUBLE_QUOTED_LATEX,
        });
      }
      /* eslint-disable @typescript-eslint/no-base-to-string -- a scalar of another type (a bigint, a date) reads as its text */
      const value =
        typeof v === 'string'
          ? restore(v)
          : typeof v === 'number' || typeof v === 'boolean' || v === null
            ? v
            : restore(String(v));
      /* eslint-enable @typescript-eslint/no-base-to-string */
      return { type: 'scalar', value, source, pos };
    }
    return { type: 'scalar', value: null, source, pos };
  };
  const laTeXEaten: Diagnostic[] = [];
  try {
    const node = convert(doc.contents, 0);
    if (laTeXEaten.length) return { diagnostics: laTeXEaten };
    return { node, diagnostics };
  } catch (e) {
    const p = (e as { pos?: SourcePos }).pos ?? { file, line: firstLine, column: 1 };
    return { diagnostics: [{ ...p, message: (e as Error).message }] };
  }
}
