/**
 * Arithmetic and comparison on the values numeric checks compute with: numbers, mathjs Complex
 * (where an operation leaves the reals), matrices, lists and truths. Inequalities are
 * three-valued: within 1e-9·max(1, |a|, |b|) of the boundary the answer is "undecided", never a
 * guess (equality within that band counts as equal: it is the tolerance of an equality).
 */
import { isComplex, toComplex, type Complex } from './complex';
import * as LA from './linalg';
import { isIdentity, isList, isMatrix, isTruth, list, type NValue, type Truth } from './value';

/** Relative width of the band around a strict boundary where floating point cannot decide. */
const BOUNDARY_TOLERANCE = 1e-9;

export class NumericError extends Error {
  override name = 'NumericError';
  /** Thrown and caught per instance where a value is undefined: no stack trace is captured. */
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export type Scalar = number | Complex;

export function scalarOf(v: NValue, what: string): Scalar {
  if (typeof v === 'number' || isComplex(v)) return v;
  if (isMatrix(v) && v.rows === 1 && v.cols === 1) return v.data[0]!;
  throw new NumericError(`${what} needs a number`);
}
export function simplifyComplex(z: Complex): Scalar {
  return z.im === 0 ? z.re : z;
}
export function realOf(v: Scalar, what: string): number {
  if (typeof v === 'number') return v;
  if (Math.abs(v.im) <= 1e-12 * Math.max(1, Math.abs(v.re))) return v.re;
  throw new NumericError(`${what} is complex (${v.re} + ${v.im}i) where a real number is needed`);
}

/** Lists combine element by element with lists of the same length, and with scalars. */
export function elementwise(a: NValue, b: NValue, f: (x: NValue, y: NValue) => NValue): NValue {
  const A = isList(a) ? a.items : undefined;
  const B = isList(b) ? b.items : undefined;
  if (A && B && A.length !== B.length)
    throw new NumericError(`lists of lengths ${A.length} and ${B.length} cannot be combined`);
  const n = (A ?? B)!.length;
  const out: Array<number | Complex> = [];
  for (let k = 0; k < n; k++) out.push(scalarOf(f(A ? A[k]! : a, B ? B[k]! : b), 'list item'));
  return list(out);
}

export function addValues(a: NValue, b: NValue, sign: 1 | -1): NValue {
  if (typeof a === 'number' && typeof b === 'number') return sign === 1 ? a + b : a - b;
  if (isList(a) || isList(b)) return elementwise(a, b, (x, y) => addValues(x, y, sign));
  if (isMatrix(a) || isMatrix(b) || isIdentity(a) || isIdentity(b)) {
    const size = isMatrix(a) ? a.rows : isMatrix(b) ? b.rows : 0;
    const A = isIdentity(a) ? LA.identityMatrix(size) : a;
    const B = isIdentity(b) ? LA.identityMatrix(size) : b;
    if (!isMatrix(A) || !isMatrix(B)) throw new NumericError('cannot add a matrix and a number');
    return LA.matAdd(A, B, sign);
  }
  const x = toComplex(scalarOf(a, '+'));
  const y = toComplex(scalarOf(b, '+'));
  return simplifyComplex(sign === 1 ? x.add(y) : x.sub(y));
}

export function mulValues(a0: NValue, b0: NValue): NValue {
  // A 1×1 matrix (xᵀx, say) multiplies as a number.
  const a = isMatrix(a0) && a0.rows === 1 && a0.cols === 1 ? a0.data[0]! : a0;
  const b = isMatrix(b0) && b0.rows === 1 && b0.cols === 1 ? b0.data[0]! : b0;
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (isList(a) || isList(b)) return elementwise(a, b, mulValues);
  if (isMatrix(a) && isMatrix(b)) return LA.matMul(a, b);
  if (isMatrix(a) || isMatrix(b)) {
    const m = (isMatrix(a) ? a : b) as LA.NumMatrix;
    const s = isMatrix(a) ? b : a;
    if (isIdentity(s)) return m;
    return LA.matScale(m, realOf(scalarOf(s, '*'), 'a matrix factor'));
  }
  if (isIdentity(a) || isIdentity(b)) {
    return { kind: 'identity' }; // I*I; I*scalar is not supported beyond this
  }
  return simplifyComplex(toComplex(scalarOf(a, '*')).mul(toComplex(scalarOf(b, '*'))));
}

export function divValues(a: NValue, b: NValue): NValue {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  if (isList(a) || isList(b)) return elementwise(a, b, divValues);
  if (isMatrix(a)) return LA.matScale(a, 1 / realOf(scalarOf(b, '/'), 'a divisor'));
  return simplifyComplex(toComplex(scalarOf(a, '/')).div(toComplex(scalarOf(b, '/'))));
}

export function powValues(a: NValue, b: NValue): NValue {
  if (isList(a) || isList(b)) return elementwise(a, b, powValues);
  const x = scalarOf(a, '^');
  const y = scalarOf(b, '^');
  if (typeof x === 'number' && typeof y === 'number') {
    if (x >= 0 || Number.isInteger(y)) return x ** y;
  }
  return simplifyComplex(toComplex(x).pow(toComplex(y)));
}

export function compare(a: NValue, b: NValue, op: string): Truth {
  // A list on either side means "for every element".
  if (isList(a)) return minTruth(a.items.map((x) => compare(x, b, op)));
  if (isList(b)) return minTruth(b.items.map((y) => compare(a, y, op)));
  const x = realOf(scalarOf(a, op), `the left side of ${op}`);
  const y = realOf(scalarOf(b, op), `the right side of ${op}`);
  // An undefined value (0/0) decides nothing: the instance is counted as undecided, never as a failure.
  if (Number.isNaN(x) || Number.isNaN(y)) return 0.5;
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    // Two infinities compare exactly (infinitely many zeros, an infinite KL); one infinity against
    // a finite number may be an overflow or underflow of floating point: undecided.
    if (Number.isFinite(x) !== Number.isFinite(y)) return 0.5;
    const d0 = x === y ? 0 : x - y;
    return (
      { '<': d0 < 0, '>': d0 > 0, '<=': d0 <= 0, '>=': d0 >= 0, '==': d0 === 0, '!=': d0 !== 0 } as Record<
        string,
        boolean
      >
    )[op]
      ? 1
      : 0;
  }
  const band = BOUNDARY_TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y));
  const d = x - y;
  const near = Math.abs(d) <= band;
  switch (op) {
    case '<':
      return near ? 0.5 : d < 0 ? 1 : 0;
    case '>':
      return near ? 0.5 : d > 0 ? 1 : 0;
    // Near the boundary floating point cannot tell a non-strict inequality either: undecided.
    case '<=':
      return near ? 0.5 : d < 0 ? 1 : 0;
    case '>=':
      return near ? 0.5 : d > 0 ? 1 : 0;
    case '==':
      return near ? 1 : 0;
    case '!=':
      return near ? 0 : 1;
  }
  throw new NumericError(`unknown comparison ${op}`);
}
function minTruth(ts: Truth[]): Truth {
  return ts.reduce<Truth>((m, t) => (t < m ? t : m), 1);
}
export function truthOf(v: NValue, what: string): Truth {
  if (isTruth(v)) return v.t;
  throw new NumericError(`${what} needs a condition (true/false)`);
}
