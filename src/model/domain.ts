/**
 * The little language of symbol domains, as a lecturer writes them:
 *   real · real in [-3, 3] · positive · negative in [-5, 0) · nonzero · integer 1..8 ·
 *   normal(0, sigma^2) · function · function, order 6 · vector(p) · matrix(p, q) · symmetric(p)
 * The range only says where random values are drawn; the sign is what the tool may assume.
 */
import type { SymbolDomain, SignConstraint } from './claim';
import type { SourcePos } from './source';
import { splitTopLevel } from './text';
import { eq, ofDecimal, ofNumber } from '../certified/rational';

const DEFAULT_RANGE: [number, number] = [-3, 3];
const SIGNS: Record<string, SignConstraint> = {
  real: 'any',
  positive: 'positive',
  negative: 'negative',
  nonzero: 'nonzero',
  nonnegative: 'nonnegative',
  nonpositive: 'nonpositive',
};

export interface DomainError {
  message: string;
  /** 0-based offset in the domain text. */
  offset: number;
  hint?: string;
}

const NUM = '(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)';

/** Whether a decimal is the double it reads as (its shortest decimal): 0.1 is, 0.33333333333333334 is not. */
function keptByDouble(text: string): boolean {
  const written = ofDecimal(text);
  return !written || eq(written, ofNumber(Number(text)));
}

export function parseDomain(text: string, pos: SourcePos): SymbolDomain | DomainError {
  const t = text.trim();
  const head = /^[A-Za-z]+/.exec(t)?.[0] ?? '';
  if (Object.hasOwn(SIGNS, head)) return realDomain(t, head, SIGNS[head]!);
  if (head === 'integer') return integerDomain(t);
  if (head === 'normal') return normalDomain(t, pos);
  if (head === 'function') return functionDomain(t);
  return arrayDomain(t);
}

/** `positive`, `real in [-3, 3]`, `negative in [-5, 0)`: a sign and the range draws come from. */
function realDomain(t: string, head: string, sign: SignConstraint): SymbolDomain | DomainError {
  const rest = t.slice(head.length).trim();
  const defaultRange: [number, number] =
    sign === 'positive' || sign === 'nonnegative'
      ? [0, DEFAULT_RANGE[1]]
      : sign === 'negative' || sign === 'nonpositive'
        ? [DEFAULT_RANGE[0], 0]
        : DEFAULT_RANGE;
  if (rest === '') return { kind: 'real', sign, range: defaultRange };
  const m = new RegExp(`^in\\s*([\\[(])\\s*${NUM}\\s*,\\s*${NUM}\\s*([\\])])$`).exec(rest);
  if (!m) return unreadableRange(t, head, rest);
  const range: [number, number] = [Number(m[2]), Number(m[3])];
  // A round bracket leaves its end out of the draws, the edge values and the special points.
  const open: [boolean, boolean] | undefined = m[1] === '(' || m[4] === ')' ? [m[1] === '(', m[4] === ')'] : undefined;
  if (!(range[0] < range[1]))
    return { message: `the range [${range[0]}, ${range[1]}] is empty`, offset: t.indexOf(rest) };
  // The sign and the range together: no value may satisfy both (every instance would be discarded).
  const reaches = {
    positive: range[1] > 0,
    nonnegative: range[1] >= 0,
    negative: range[0] < 0,
    nonpositive: range[0] <= 0,
    nonzero: true,
    any: true,
  }[sign];
  if (!reaches)
    return {
      message: `no value in [${range[0]}, ${range[1]}] is ${sign}`,
      offset: t.indexOf(rest),
      hint: `a ${sign} symbol needs a range that reaches ${sign === 'positive' || sign === 'nonnegative' ? 'above' : 'below'} 0`,
    };
  // An end the double does not keep (more digits than it holds) is kept as written.
  const exact = [m[2], m[3]].map((e) => (e !== undefined && !keptByDouble(e) ? e : undefined)) as [
    string | undefined,
    string | undefined,
  ];
  return {
    kind: 'real',
    sign,
    range,
    ...(open ? { open } : {}),
    written: true as const,
    ...(exact[0] || exact[1] ? { exactEnds: exact } : {}),
  };
}

/** What a range after a sign that cannot be read was probably meant to be, as a hint. */
function unreadableRange(t: string, head: string, rest: string): DomainError {
  // An unbounded end (kappa: positive in [1, inf)): draws need a finite range.
  const infinite = /^in\s*[[(\]](.*)[\])[]$/.exec(rest);
  if (infinite && /(^|[^A-Za-z])(inf|infinity|Infinity|oo)\b|∞/.test(infinite[1]!))
    return {
      message: `a range's ends are finite numbers (random values are drawn from it), found "${rest}"`,
      offset: t.indexOf(rest),
      hint: `give a large finite end ("${head} in [1, 1000]"), or write "${head}" with no range, which is about every ${head} value, and state the bound as the premise of an implies: check`,
    };
  // [0, 1[ and ]0, 1]: the French notation of a half-open range.
  const french = new RegExp(`^in\\s*([\\[\\]])\\s*${NUM}\\s*,\\s*${NUM}\\s*([\\[\\]])$`).exec(rest);
  if (french)
    return {
      message: `cannot read "${rest}" after "${head}"`,
      offset: t.indexOf(rest),
      hint: `a round bracket leaves an end out: write "${head} in ${french[1] === ']' ? '(' : '['}${french[2]}, ${french[3]}${french[4] === '[' ? ')' : ']'}"`,
    };
  // 0..1 is an integer range.
  const dots = new RegExp(`^in\\s*${NUM}\\s*\\.\\.\\s*${NUM}$`).exec(rest);
  if (dots)
    return {
      message: `cannot read "${rest}" after "${head}": a..b is for integer symbols ("integer ${dots[1]}..${dots[2]}")`,
      offset: t.indexOf(rest),
      hint: `a real range is written with brackets: "${head} in [${dots[1]}, ${dots[2]}]"`,
    };
  // A range with a name in it (h: positive in (0, 2/L)) ties one symbol to another.
  const ends = /^in\s*[[(](.*)[\])]$/.exec(rest);
  if (ends && /[A-Za-z_]/.test(ends[1]!.replace(/\d(?:\.\d+)?e-?\d/g, '')))
    return {
      message: `the ends of a range are numbers, and "${ends[1]!.trim()}" names other symbols`,
      offset: t.indexOf(rest),
      hint: `give the symbol a numeric range ("${head} in [0, 3]") and state the tie as a premise (implies: h < 2/L, then: …), or draw a fraction of the bound (t: real in (0, 1)) and write t*2/L in its place`,
    };
  return {
    message: `cannot read "${rest}" after "${head}"`,
    offset: t.indexOf(rest),
    hint: `write e.g. "${head} in [-3, 3]" (a round bracket leaves its end out: "[0, 1)")`,
  };
}

function integerDomain(t: string): SymbolDomain | DomainError {
  const m = /^integer\s*(?:in\s*)?(-?\d+)\s*\.\.\s*(-?\d+)$/.exec(t);
  if (!m) return { message: 'an integer domain needs a range', offset: 0, hint: 'write e.g. "integer 1..8"' };
  const [min, max] = [Number(m[1]), Number(m[2])];
  if (min > max) return { message: `the range ${min}..${max} is empty`, offset: 8 };
  return { kind: 'integer', min, max };
}

function normalDomain(t: string, pos: SourcePos): SymbolDomain | DomainError {
  const m = /^normal\s*\((.*)\)$/.exec(t);
  const args = m ? splitTopLevel(m[1]!) : [];
  if (!m || args.length !== 2)
    return {
      message: 'a normal random variable needs a mean and a variance',
      offset: 0,
      hint: 'write e.g. "normal(0, sigma^2)"',
    };
  const open = t.indexOf('(') + 1;
  const variance = Number(args[1]!.trim());
  if (args[1]!.trim() !== '' && Number.isFinite(variance) && variance <= 0)
    return { message: `a variance must be positive, not ${args[1]!.trim()}`, offset: open + args[0]!.length + 1 };
  return {
    kind: 'normal',
    mean: { text: args[0]!.trim(), pos: { ...pos, column: pos.column + open } },
    variance: { text: args[1]!.trim(), pos: { ...pos, column: pos.column + open + args[0]!.length + 1 } },
  };
}

/** `function`, `function, order 6, at 0`: an unknown smooth function and its Taylor expansion. */
function functionDomain(t: string): SymbolDomain | DomainError {
  let order = 2;
  let about = 0;
  let m: RegExpExecArray | null;
  const rest = t.slice('function'.length);
  for (const part of rest
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if ((m = /^order\s+(\d+)$/.exec(part))) order = Number(m[1]);
    else if ((m = new RegExp(`^at\\s+${NUM}$`).exec(part))) about = Number(m[1]);
    else if (part === 'smooth' || part === 'analytic') continue;
    else
      return {
        message: `cannot read "${part}" in a function domain`,
        offset: t.indexOf(part),
        hint: 'write e.g. "function, order 6, at 0"',
      };
  }
  if (order < 1 || order > 12)
    return { message: 'a Taylor order must be between 1 and 12', offset: t.indexOf('order') };
  return { kind: 'function', about, order };
}

/** `vector(p)`, `matrix(p, q)`, `symmetric(p)`; anything else is an unknown domain. */
function arrayDomain(t: string): SymbolDomain | DomainError {
  let m: RegExpExecArray | null;
  if ((m = /^vector\s*\(\s*(\w+)\s*\)$/.exec(t))) return { kind: 'vector', size: m[1]! };
  if ((m = /^matrix\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)$/.exec(t)))
    return { kind: 'matrix', rows: m[1]!, cols: m[2]!, symmetric: false };
  if ((m = /^symmetric\s*\(\s*(\w+)\s*\)$/.exec(t)))
    return { kind: 'matrix', rows: m[1]!, cols: m[1]!, symmetric: true };
  if ((m = /^matrix\s*\(\s*(\w+)\s*\)$/.exec(t)))
    return {
      message: `a matrix domain takes its rows and columns: "matrix(${m[1]})" has one size`,
      offset: 0,
      hint: `write "matrix(${m[1]}, ${m[1]})" for a square matrix, or "symmetric(${m[1]})"`,
    };
  return {
    message: `unknown domain "${t}"`,
    offset: 0,
    hint: 'one of: real, positive, negative, nonzero, nonnegative, nonpositive (optionally "in [a, b]"), integer a..b, normal(mean, variance), function, vector(n), matrix(m, n), symmetric(n)',
  };
}

export function isDomainError(d: SymbolDomain | DomainError): d is DomainError {
  return 'message' in d;
}
