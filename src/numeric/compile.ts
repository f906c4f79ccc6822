/**
 * Compiles a parsed expression once into a tree of closures evaluated per instance (no eval, no
 * new Function, and only the functions listed here: nothing in a claim file can reach import,
 * createUnit or the file system). Reals stay JavaScript numbers until an operation leaves the
 * reals (sqrt of a negative), then mathjs Complex takes over. Inequalities are three-valued:
 * within 1e-9·max(1, |a|, |b|) of the boundary the answer is "undecided", never a guess (equality
 * within that band counts as equal: it is the tolerance of an equality).
 */
import type { ExprNode } from '../expr/mathjs-parser';
import { complex, isComplex, toComplex, type Complex } from './complex';
import * as LA from './linalg';
import { isIdentity, isList, isMatrix, isTruth, list, truth, type NValue, type Truth } from './value';
import {
  BINDERS,
  EXTREMUM_SAMPLES,
  SIGN_CHANGE_SAMPLES,
  integrate,
  maxOver,
  refinedGrid,
  signChanges,
  type GridFn,
} from './binders';
import { selection } from '../expr/indexing';
import { erf, normalCdf } from './normal';

type AnyNode = ExprNode & Record<string, any>;
export type Scope = NValue[];
export type Compiled = (scope: Scope) => NValue;

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

type Scalar = number | Complex;

function scalarOf(v: NValue, what: string): Scalar {
  if (typeof v === 'number' || isComplex(v)) return v;
  if (isMatrix(v) && v.rows === 1 && v.cols === 1) return v.data[0]!;
  throw new NumericError(`${what} needs a number`);
}
function simplifyComplex(z: Complex): Scalar {
  return z.im === 0 ? z.re : z;
}
function realOf(v: Scalar, what: string): number {
  if (typeof v === 'number') return v;
  if (Math.abs(v.im) <= 1e-12 * Math.max(1, Math.abs(v.re))) return v.re;
  throw new NumericError(`${what} is complex (${v.re} + ${v.im}i) where a real number is needed`);
}

/** Lists combine element by element with lists of the same length, and with scalars. */
function elementwise(a: NValue, b: NValue, f: (x: NValue, y: NValue) => NValue): NValue {
  const A = isList(a) ? a.items : undefined;
  const B = isList(b) ? b.items : undefined;
  if (A && B && A.length !== B.length)
    throw new NumericError(`lists of lengths ${A.length} and ${B.length} cannot be combined`);
  const n = (A ?? B)!.length;
  const out: Array<number | Complex> = [];
  for (let k = 0; k < n; k++) out.push(scalarOf(f(A ? A[k]! : a, B ? B[k]! : b), 'list item'));
  return list(out);
}

function addValues(a: NValue, b: NValue, sign: 1 | -1): NValue {
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

function mulValues(a0: NValue, b0: NValue): NValue {
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

function divValues(a: NValue, b: NValue): NValue {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  if (isList(a) || isList(b)) return elementwise(a, b, divValues);
  if (isMatrix(a)) return LA.matScale(a, 1 / realOf(scalarOf(b, '/'), 'a divisor'));
  return simplifyComplex(toComplex(scalarOf(a, '/')).div(toComplex(scalarOf(b, '/'))));
}

function powValues(a: NValue, b: NValue): NValue {
  if (isList(a) || isList(b)) return elementwise(a, b, powValues);
  const x = scalarOf(a, '^');
  const y = scalarOf(b, '^');
  if (typeof x === 'number' && typeof y === 'number') {
    if (x >= 0 || Number.isInteger(y)) return x ** y;
  }
  return simplifyComplex(toComplex(x).pow(toComplex(y)));
}

function compare(a: NValue, b: NValue, op: string): Truth {
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
function truthOf(v: NValue, what: string): Truth {
  if (isTruth(v)) return v.t;
  throw new NumericError(`${what} needs a condition (true/false)`);
}

type Fn = (args: NValue[]) => NValue;
const sq = (
  v: NValue,
  f: (x: number) => number,
  fc: (z: Complex) => Complex,
  realOk: (x: number) => boolean = () => true,
) => {
  const x = scalarOf(v, 'function');
  if (typeof x === 'number' && realOk(x)) return f(x);
  return simplifyComplex(fc(toComplex(x)));
};
function mapScalar(v: NValue, f: (x: Scalar) => Scalar): NValue {
  if (isList(v)) return list(v.items.map(f));
  return f(scalarOf(v, 'function'));
}
function matrixOf(v: NValue, what: string): LA.NumMatrix {
  if (isMatrix(v)) return v;
  if (typeof v === 'number') return LA.numMatrix(1, 1, [v]);
  // Say what it got: a literal [1, 2, 3] is a list here, not a column vector.
  const got = isList(v)
    ? `a list of ${v.items.length} values (write a vector symbol, or a matrix [[1], [2], [3]])`
    : 'a complex number';
  throw new NumericError(`${what} needs a real matrix, not ${got}`);
}
function itemsOf(args: NValue[]): Scalar[] {
  if (args.length === 1 && isList(args[0]!)) return (args[0] as { items: Scalar[] }).items;
  const out: Scalar[] = [];
  for (const a of args) {
    if (isList(a)) for (const x of a.items) out.push(x);
    else out.push(scalarOf(a, 'min/max'));
  }
  return out;
}
/** Tolerance of the definiteness tests: 1e-10 relative to the matrix's size (samplers keep eigenvalues ≥ 0.1 or exactly 0). */
const definitenessTolerance = (m: LA.NumMatrix) => 1e-10 * Math.max(1, LA.frobenius(m));
const defTol = definitenessTolerance;

/** Model operators that only the derivation computes (a derivative, an expectation). */
const SYMBOLIC_ONLY = new Set(['diff', 'grad', 'hessian', 'E']);

/** The numeric functions a claim may use. */
export const NUMERIC_FUNCTIONS: Record<string, { arity: [number, number]; fn: Fn }> = {
  sqrt: {
    arity: [1, 1],
    fn: ([a]) =>
      mapScalar(a!, (x) =>
        sq(
          x,
          Math.sqrt,
          (z) => z.sqrt(),
          (r) => r >= 0,
        ),
      ),
  },
  abs: {
    arity: [1, 1],
    fn: ([a]) => mapScalar(a!, (x) => (typeof x === 'number' ? Math.abs(x) : Math.hypot(x.re, x.im))),
  },
  re: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => (typeof x === 'number' ? x : x.re)) },
  im: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => (typeof x === 'number' ? 0 : x.im)) },
  conj: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => (typeof x === 'number' ? x : complex(x.re, -x.im))) },
  exp: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.exp, (z) => z.exp())) },
  log: {
    arity: [1, 1],
    fn: ([a]) =>
      mapScalar(a!, (x) =>
        sq(
          x,
          Math.log,
          (z) => z.log(),
          (r) => r > 0,
        ),
      ),
  },
  sin: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.sin, (z) => z.sin())) },
  cos: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.cos, (z) => z.cos())) },
  // The rest of the elementary functions claims may use (and nerdamer's derivatives produce: d tanh = sech²).
  tan: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.tan, (z) => z.tan())) },
  atan: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.atan, (z) => z.atan())) },
  sinh: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.sinh, (z) => z.sinh())) },
  cosh: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.cosh, (z) => z.cosh())) },
  tanh: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => sq(x, Math.tanh, (z) => z.tanh())) },
  sech: {
    arity: [1, 1],
    fn: ([a]) =>
      mapScalar(a!, (x) =>
        sq(
          x,
          (r) => 1 / Math.cosh(r),
          (z) => z.sech(),
        ),
      ),
  },
  min: {
    arity: [1, Infinity],
    fn: (args) => itemsOf(args).reduce<number>((m, x) => Math.min(m, realOf(x, 'min')), Infinity),
  },
  max: {
    arity: [1, Infinity],
    fn: (args) => itemsOf(args).reduce<number>((m, x) => Math.max(m, realOf(x, 'max')), -Infinity),
  },
  /** x·log(y) with 0·log(anything) = 0: the convention of entropies and divergences. */
  xlogy: {
    arity: [2, 2],
    fn: ([x, y]) => {
      const f = (a: Scalar, b: Scalar): Scalar => {
        const ra = realOf(a, 'xlogy');
        return ra === 0 ? 0 : ra * Math.log(realOf(b, 'xlogy'));
      };
      if (isList(x!) || isList(y!)) return elementwise(x!, y!, (a, b) => f(scalarOf(a, 'xlogy'), scalarOf(b, 'xlogy')));
      return f(scalarOf(x!, 'xlogy'), scalarOf(y!, 'xlogy'));
    },
  },
  sum: { arity: [1, Infinity], fn: (args) => itemsOf(args).reduce<number>((s, x) => s + realOf(x, 'sum'), 0) },
  /** Heaviside step: 1 for x > 0, else 0 (indicators inside integrals). */
  step: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => (realOf(x, 'step') > 0 ? 1 : 0)) },
  sign: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => Math.sign(realOf(x, 'sign'))) },
  erf: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => erf(realOf(x, 'erf'))) },
  /** Standard normal density and distribution function. */
  phi: {
    arity: [1, 1],
    fn: ([a]) => mapScalar(a!, (x) => Math.exp(-(realOf(x, 'phi') ** 2) / 2) / Math.sqrt(2 * Math.PI)),
  },
  Phi: { arity: [1, 1], fn: ([a]) => mapScalar(a!, (x) => normalCdf(realOf(x, 'Phi'))) },
  eigenvalues: { arity: [1, 1], fn: ([m]) => list(LA.eigenvalues(matrixOf(m!, 'eigenvalues')).map(simplifyComplex)) },
  spectralRadius: { arity: [1, 1], fn: ([m]) => LA.spectralRadius(matrixOf(m!, 'spectralRadius')) },
  transpose: { arity: [1, 1], fn: ([m]) => LA.matTranspose(matrixOf(m!, 'transpose')) },
  inv: { arity: [1, 1], fn: ([m]) => inverseValue(m!) },
  det: { arity: [1, 1], fn: ([m]) => LA.determinant(matrixOf(m!, 'det')) },
  trace: { arity: [1, 1], fn: ([m]) => LA.trace(matrixOf(m!, 'trace')) },
  identity: { arity: [1, 1], fn: ([n]) => LA.identityMatrix(sizeOf(n!)) },
  entry: { arity: [2, 3], fn: ([v, ...k]) => indexValue('entry', v!, k) },
  block: { arity: [3, 5], fn: ([v, ...k]) => indexValue('block', v!, k) },
  /** xᵀMx ≤ 0 for all x (M need not be symmetric): the symmetric part's largest eigenvalue ≤ 0. */
  nsd: { arity: [1, 1], fn: ([m]) => definiteness(matrixOf(m!, 'nsd'), 'nsd') },
  nd: { arity: [1, 1], fn: ([m]) => definiteness(matrixOf(m!, 'nd'), 'nd') },
  psd: { arity: [1, 1], fn: ([m]) => definiteness(matrixOf(m!, 'psd'), 'psd') },
  pd: { arity: [1, 1], fn: ([m]) => definiteness(matrixOf(m!, 'pd'), 'pd') },
};

/** A matrix size written in a claim, identity(d): a whole number from 1 to 64. */
function sizeOf(v: NValue): number {
  const n = realOf(scalarOf(v, 'identity'), 'identity');
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new NumericError(`identity needs a size from 1 to 64, not ${n}`);
  return n;
}

/** The inverse; a singular matrix (or 0) has none: NaN entries, which decide no comparison. */
function inverseValue(v: NValue): NValue {
  if (!isMatrix(v)) return divValues(1, v);
  try {
    return LA.inverse(v);
  } catch (e) {
    if (e instanceof RangeError) return LA.numMatrix(v.rows, v.cols, new Array<number>(v.rows * v.cols).fill(NaN));
    throw new NumericError((e as Error).message);
  }
}

/** v[k], M[i, j], M[i1:i2, j1:j2]: see expr/indexing. A list reads as a column. */
function indexValue(name: 'entry' | 'block', v: NValue, indices: NValue[]): NValue {
  const ks = indices.map((k) => realOf(scalarOf(k, 'an index'), 'an index'));
  const items = isList(v) ? v.items : isMatrix(v) ? v.data : [scalarOf(v, name)];
  const shape: [number, number] = isList(v) ? [v.items.length, 1] : isMatrix(v) ? [v.rows, v.cols] : [1, 1];
  const picked = selection(name, shape, ks);
  if (typeof picked === 'string') throw new NumericError(picked);
  const out = picked.rows.flatMap((i) => picked.cols.map((j) => items[i * shape[1] + j]!));
  if (out.length === 1) return out[0]!;
  if (isList(v)) return list(out);
  if (out.some((x) => typeof x !== 'number')) throw new NumericError('a block of a complex matrix');
  return LA.numMatrix(picked.rows.length, picked.cols.length, out as number[]);
}

function definiteness(m: LA.NumMatrix, which: 'nsd' | 'nd' | 'psd' | 'pd'): NValue {
  const ev = LA.symmetricEigenvalues(LA.symmetricPart(m));
  const tol = defTol(m);
  const neg = which === 'nsd' || which === 'nd';
  const extreme = neg ? ev[ev.length - 1]! : ev[0]!;
  const v = neg ? -extreme : extreme; // want v ≥ 0 (semi) or v > 0 (definite)
  // Semidefinite: no eigenvalue beyond the tolerance on the wrong side. Definite: every eigenvalue
  // clear of zero by more than the tolerance; a quadratic form that vanishes to rounding is not definite.
  if (which === 'nsd' || which === 'psd') return truth(v >= -tol ? 1 : 0);
  return truth(v > tol ? 1 : 0);
}

export interface CompileEnv {
  /** Slot of a name in the scope array. */
  slot(name: string): number | undefined;
  /**
   * A name computed from others (a derived matrix, a definition): evaluated at each use, so that
   * it follows a variable bound by minOver(…, h, …) or integral(…, x, …).
   */
  computed?(name: string): Compiled | undefined;
  /** A fresh slot for a variable bound by integral(…, x, …) and the like. */
  bind?: (name: string) => number;
  /**
   * The expression behind a computed name, when it is arithmetic over slots (a derived scalar):
   * lets a grid be evaluated through it a whole grid at a time rather than point by point.
   */
  definition?(name: string): { node: ExprNode; env: CompileEnv } | undefined;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Thrown by the real fast path when a value leaves the reals (or is not a number): fall back. */
// Thrown to leave the real path for the complex one: one error made once, so a throw takes no stack.
const NOT_REAL = new Error('not real');
type RealFn = (scope: Scope) => number;

const REAL_FUNCTIONS: Record<string, (x: number) => number> = {
  sqrt: (x) => {
    if (x < 0) throw NOT_REAL;
    return Math.sqrt(x);
  },
  abs: Math.abs,
  exp: Math.exp,
  log: (x) => {
    if (x < 0) throw NOT_REAL;
    return Math.log(x);
  },
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sech: (x) => 1 / Math.cosh(x),
  re: (x) => x,
  im: () => 0,
  sign: Math.sign,
  step: (x) => (x > 0 ? 1 : 0),
  erf: (x) => erf(x),
  phi: (x) => Math.exp(-(x * x) / 2) * INV_SQRT_2PI,
  Phi: (x) => normalCdf(x),
};

/**
 * A real function applied to a compiled argument, with the function's body in a closure of its
 * own (one call site per function: V8 inlines Math.exp there, where a shared call through the
 * table is megamorphic and boxes every result). The operations are REAL_FUNCTIONS', so the bits are.
 */
function applyReal(name: string, a: RealFn): RealFn {
  switch (name) {
    case 'sqrt':
      return (s) => {
        const x = a(s);
        if (x < 0) throw NOT_REAL;
        return Math.sqrt(x);
      };
    case 'abs':
      return (s) => Math.abs(a(s));
    case 'exp':
      return (s) => Math.exp(a(s));
    case 'log':
      return (s) => {
        const x = a(s);
        if (x < 0) throw NOT_REAL;
        return Math.log(x);
      };
    case 'sin':
      return (s) => Math.sin(a(s));
    case 'cos':
      return (s) => Math.cos(a(s));
    case 'phi':
      return (s) => {
        const x = a(s);
        return Math.exp(-(x * x) / 2) * INV_SQRT_2PI;
      };
    case 'Phi':
      return (s) => normalCdf(a(s));
    default: {
      const f = REAL_FUNCTIONS[name]!;
      return (s) => f(a(s));
    }
  }
}

/** The same over a whole grid: o[i] = f(x[i]) for i < m, one loop per function. */
function applyRealLoop(name: string): (x: Float64Array, o: Float64Array, m: number) => void {
  switch (name) {
    case 'sqrt':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) {
          const v = x[i]!;
          if (v < 0) throw NOT_REAL;
          o[i] = Math.sqrt(v);
        }
      };
    case 'exp':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) o[i] = Math.exp(x[i]!);
      };
    case 'log':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) {
          const v = x[i]!;
          if (v < 0) throw NOT_REAL;
          o[i] = Math.log(v);
        }
      };
    case 'phi':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) {
          const v = x[i]!;
          o[i] = Math.exp(-(v * v) / 2) * INV_SQRT_2PI;
        }
      };
    case 'Phi':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) o[i] = normalCdf(x[i]!);
      };
    default: {
      const f = REAL_FUNCTIONS[name]!;
      return (x, o, m) => {
        for (let i = 0; i < m; i++) o[i] = f(x[i]!);
      };
    }
  }
}

/** x^y on the real path: a negative base with a non-integer exponent leaves the reals. */
function realPow(x: number, y: number): number {
  if (x < 0 && !Number.isInteger(y)) throw NOT_REAL;
  return x ** y;
}

/** Arithmetic subtrees that the real fast path compiles itself (the rest it treats as leaves). */
function isArithmetic(n: AnyNode): boolean {
  if (n.type === 'ParenthesisNode') return isArithmetic(n.content);
  if (n.type === 'OperatorNode')
    return ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'].includes(n.fn);
  if (n.type === 'FunctionNode') return n.args.length === 1 && Object.hasOwn(REAL_FUNCTIONS, n.fn.name);
  return false;
}

/**
 * Common subexpressions of one real-path root. nerdamer's expanded forms repeat a factor in every
 * term (e^(…) in each term of a derivative of a Gaussian), so a subtree that occurs more than once
 * is evaluated once per call of the root and its value reused: the same operations on the same
 * operands, hence the same bits. The root's call counter marks which call a remembered value
 * belongs to; the scope changes only between calls of a root (binders restore what they bind).
 */
interface Subtrees {
  keyOf: Map<AnyNode, string>;
  repeated: Set<string>;
  made: Map<string, RealFn>;
  calls: { n: number };
}

/** Structural keys of the subtrees the real path compiles (arithmetic nodes and their leaves); undefined when nothing repeats. */
function subtreesOf(root: AnyNode): Subtrees | undefined {
  const ids = new Map<string, number>();
  const keyOf = new Map<AnyNode, string>();
  const counts = new Map<string, number>();
  const visit = (n: AnyNode): number => {
    if (n.type === 'ParenthesisNode') {
      const id = visit(n.content);
      keyOf.set(n, keyOf.get(n.content)!);
      return id;
    }
    let key: string;
    if (n.type === 'ConstantNode') key = `c:${Object.is(n.value, -0) ? '-0' : String(n.value)}:${typeof n.value}`;
    else if (n.type === 'SymbolNode') key = `s:${n.name}`;
    else if (isArithmetic(n))
      key = `${n.type === 'OperatorNode' ? n.fn : n.fn.name}(${(n.args as AnyNode[]).map(visit).join(',')})`;
    else key = `x:${n.toString()}`;
    keyOf.set(n, key);
    if (n.type !== 'ConstantNode' && n.type !== 'SymbolNode') counts.set(key, (counts.get(key) ?? 0) + 1);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  visit(root);
  const repeated = new Set([...counts].filter(([, c]) => c > 1).map(([k]) => k));
  return repeated.size ? { keyOf, repeated, made: new Map(), calls: { n: 0 } } : undefined;
}

/** A constant exponent, read through parentheses and a unary minus. */
function constantValue(raw: AnyNode): number | undefined {
  const n = raw.type === 'ParenthesisNode' ? raw.content : raw;
  if (n.type === 'ConstantNode' && typeof n.value === 'number') return n.value;
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') {
    const v = constantValue(n.args[0]);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** An operand read in place: a constant, or a slot holding a number. */
type Leaf = { c: number } | { k: number };
function realLeaf(n: AnyNode, env: CompileEnv): Leaf | undefined {
  if (n.type === 'ParenthesisNode') return realLeaf(n.content, env);
  if (n.type === 'ConstantNode' && typeof n.value === 'number') return { c: n.value };
  if (n.type === 'SymbolNode' && !['i', 'I', 'pi', 'e'].includes(n.name) && !env.computed?.(n.name)) {
    const k = env.slot(n.name);
    if (k !== undefined) return { k };
  }
  return undefined;
}
function num(v: NValue | undefined): number {
  if (typeof v !== 'number') throw NOT_REAL;
  return v;
}
/**
 * A binary operation with a constant or a slot for an operand reads it in place rather than
 * through a closure call (leaves are half the nodes of a sum of products). Operands are still
 * evaluated left to right.
 */
function withLeafOperand(
  op: string,
  a: RealFn,
  compileB: () => RealFn,
  la: Leaf | undefined,
  lb: Leaf | undefined,
): RealFn | undefined {
  if (lb && 'c' in lb) {
    const c = lb.c;
    if (op === 'add') return (s) => a(s) + c;
    if (op === 'subtract') return (s) => a(s) - c;
    if (op === 'multiply') return (s) => a(s) * c;
    return (s) => a(s) / c;
  }
  if (lb) {
    const k = lb.k;
    if (op === 'add') return (s) => a(s) + num(s[k]);
    if (op === 'subtract') return (s) => a(s) - num(s[k]);
    if (op === 'multiply') return (s) => a(s) * num(s[k]);
    return (s) => a(s) / num(s[k]);
  }
  if (!la) return undefined;
  const b = compileB(); // only the operand that is not read in place is compiled
  if ('c' in la) {
    const c = la.c;
    if (op === 'add') return (s) => c + b(s);
    if (op === 'subtract') return (s) => c - b(s);
    if (op === 'multiply') return (s) => c * b(s);
    return (s) => c / b(s);
  }
  const k = la.k;
  if (op === 'add') return (s) => num(s[k]) + b(s);
  if (op === 'subtract') return (s) => num(s[k]) - b(s);
  if (op === 'multiply') return (s) => num(s[k]) * b(s);
  return (s) => num(s[k]) / b(s);
}

/**
 * The real fast path: plain JavaScript numbers, no objects, for an arithmetic subtree. A leaf that
 * is not a number, or an operation that would leave the reals, throws NOT_REAL and the general
 * (complex, matrix, list) closure evaluates instead: same results, without the allocation.
 */
function compileReal(raw: ExprNode, env: CompileEnv, general: (n: ExprNode) => Compiled, sub?: Subtrees): RealFn {
  const n = raw as AnyNode;
  if (n.type === 'ParenthesisNode') return compileReal(n.content, env, general, sub);
  const key = sub?.keyOf.get(n);
  if (key === undefined || !sub!.repeated.has(key)) return compileRealNode(n, env, general, sub);
  let f = sub!.made.get(key);
  if (!f) {
    const inner = compileRealNode(n, env, general, sub);
    const calls = sub!.calls;
    let at = -1;
    let value = 0;
    f = (s) => {
      if (at === calls.n) return value;
      value = inner(s);
      at = calls.n;
      return value;
    };
    sub!.made.set(key, f);
  }
  return f;
}

function compileRealNode(n: AnyNode, env: CompileEnv, general: (n: ExprNode) => Compiled, sub?: Subtrees): RealFn {
  const leaf = realLeaf(n, env);
  if (leaf && 'c' in leaf) {
    const v = leaf.c;
    return () => v;
  }
  if (leaf) {
    const k = leaf.k;
    return (s) => num(s[k]);
  }
  if (n.type === 'OperatorNode' && isArithmetic(n)) {
    const a = compileReal(n.args[0], env, general, sub);
    if (n.args.length === 1) return n.fn === 'unaryMinus' ? (s) => -a(s) : a;
    if (n.fn === 'pow') {
      // x^2 is x*x (V8's pow gives the same bits for 2); other whole exponents cannot leave the reals.
      const c = constantValue(n.args[1]);
      if (c === 2)
        return (s) => {
          const x = a(s);
          return x * x;
        };
      if (c !== undefined && Number.isInteger(c)) return (s) => a(s) ** c;
    }
    const compileB = () => compileReal(n.args[1], env, general, sub);
    if (n.fn !== 'pow') {
      const leaf = withLeafOperand(n.fn, a, compileB, realLeaf(n.args[0], env), realLeaf(n.args[1], env));
      if (leaf) return leaf;
    }
    const b = compileB();
    switch (n.fn) {
      case 'add':
        return (s) => a(s) + b(s);
      case 'subtract':
        return (s) => a(s) - b(s);
      case 'multiply':
        return (s) => a(s) * b(s);
      case 'divide':
        return (s) => a(s) / b(s);
      default:
        return (s) => realPow(a(s), b(s));
    }
  }
  if (n.type === 'FunctionNode' && isArithmetic(n)) {
    return applyReal(n.fn.name, compileReal(n.args[0], env, general, sub));
  }
  // A leaf: whatever the general compiler makes of it, if it is a number.
  const g = general(n);
  return (s) => {
    const v = g(s);
    if (typeof v !== 'number') throw NOT_REAL;
    return v;
  };
}

export function compileNumeric(root: ExprNode, env: CompileEnv): Compiled {
  return compilerFor(env).fast(root);
}

/** The two compilers of one environment: `fast` (real path first) and `go` (the general one). */
function compilerFor(env: CompileEnv): { fast: (n: ExprNode) => Compiled; go: (n: ExprNode) => Compiled } {
  const fast = (raw: ExprNode): Compiled => {
    const n = raw as AnyNode;
    if (!isArithmetic(n)) return go(n);
    const sub = subtreesOf(n);
    const body = compileReal(n, env, go, sub);
    const calls = sub?.calls;
    const real: RealFn = calls
      ? (s) => {
          calls.n++;
          return body(s);
        }
      : body;
    let slow: Compiled | undefined;
    return (s) => {
      try {
        return real(s);
      } catch (e) {
        if (e !== NOT_REAL) throw e;
        slow ??= go(n);
        return slow(s);
      }
    };
  };
  const go = (raw: ExprNode): Compiled => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'boolean') {
          const t = truth(v ? 1 : 0);
          return () => t;
        }
        if (typeof v !== 'number') throw new NumericError(`"${n.toString()}" is not a number`);
        return () => v;
      }
      case 'SymbolNode': {
        const name: string = n.name;
        if (name === 'i') {
          const I = complex(0, 1);
          return () => I;
        }
        if (name === 'pi') return () => Math.PI;
        if (name === 'e') return () => Math.E;
        if (name === 'I') return () => ({ kind: 'identity' });
        const c = env.computed?.(name);
        if (c) return c;
        const k = env.slot(name);
        if (k === undefined) throw new NumericError(`"${name}" has no numeric value`);
        return (s) => s[k]!;
      }
      case 'ParenthesisNode':
        return go(n.content);
      case 'ArrayNode': {
        const items: AnyNode[] = n.items;
        if (items.length && items.every((it) => it.type === 'ArrayNode')) {
          const rows = items.map((r) => (r.items as AnyNode[]).map(go));
          const cols = rows[0]!.length;
          return (s) =>
            LA.numMatrix(
              rows.length,
              cols,
              rows.flatMap((r) => r.map((c) => realOf(scalarOf(c(s), 'matrix entry'), 'a matrix entry'))),
            );
        }
        const cs = items.map(go);
        return (s) => list(cs.map((c) => scalarOf(c(s), 'list item')));
      }
      case 'OperatorNode': {
        const args = (n.args as AnyNode[]).map(isArithmetic(n) ? go : fast);
        const [a, b] = args as [Compiled, Compiled];
        switch (n.fn) {
          case 'add':
            return (s) => addValues(a(s), b(s), 1);
          case 'subtract':
            return (s) => addValues(a(s), b(s), -1);
          case 'multiply':
            return (s) => mulValues(a(s), b(s));
          case 'divide':
            return (s) => divValues(a(s), b(s));
          case 'pow':
            return (s) => powValues(a(s), b(s));
          case 'unaryMinus':
            return (s) => {
              const v = a(s);
              if (typeof v === 'number') return -v;
              if (isMatrix(v)) return LA.matScale(v, -1);
              if (isList(v)) return list(v.items.map((x) => (typeof x === 'number' ? -x : x.neg())));
              return simplifyComplex(toComplex(scalarOf(v, '-')).neg());
            };
          case 'unaryPlus':
            return a;
          case 'smaller':
            return (s) => truth(compare(a(s), b(s), '<'));
          case 'smallerEq':
            return (s) => truth(compare(a(s), b(s), '<='));
          case 'larger':
            return (s) => truth(compare(a(s), b(s), '>'));
          case 'largerEq':
            return (s) => truth(compare(a(s), b(s), '>='));
          case 'equal':
            return (s) => truth(compare(a(s), b(s), '=='));
          case 'unequal':
            return (s) => truth(compare(a(s), b(s), '!='));
          case 'and':
            return (s) => truth(Math.min(truthOf(a(s), 'and'), truthOf(b(s), 'and')) as Truth);
          case 'or':
            return (s) => truth(Math.max(truthOf(a(s), 'or'), truthOf(b(s), 'or')) as Truth);
          case 'not':
            return (s) => truth((1 - truthOf(a(s), 'not')) as Truth);
          default:
            throw new NumericError(`the operator "${n.op}" is not supported in numeric checks`);
        }
      }
      case 'FunctionNode': {
        const name: string = n.fn.name;
        if (BINDERS.has(name)) return compileBinder(n, env, go);
        const f = Object.hasOwn(NUMERIC_FUNCTIONS, name) ? NUMERIC_FUNCTIONS[name] : undefined;
        if (!f && SYMBOLIC_ONLY.has(name))
          throw new NumericError(
            `"${name}(…)" is derived symbolically, not evaluated numerically: name it under model: or derive: (F: x - h*${name}(f, x)) and use the name here`,
          );
        if (!f) throw new NumericError(`"${name}(…)" cannot be evaluated numerically`);
        if (n.args.length < f.arity[0] || n.args.length > f.arity[1])
          throw new NumericError(
            `${name} takes ${f.arity[0] === f.arity[1] ? f.arity[0] : `${f.arity[0]} or more`} argument(s), given ${n.args.length}`,
          );
        const args = (n.args as AnyNode[]).map(fast);
        if (args.length === 1) {
          const a0 = args[0]!;
          return (s) => f.fn([a0(s)]);
        }
        return (s) => f.fn(args.map((c) => c(s)));
      }
      default:
        throw new NumericError(`"${n.toString()}" cannot be evaluated numerically`);
    }
  };
  return { fast, go };
}

/**
 * A bound variable's whole grid at once: values of an arithmetic body at every point of xs, each
 * node one loop over a Float64Array instead of one closure call per point (the grids of
 * signChanges and maxOver/minOver are most of the catalogue's check time). Subtrees free of the
 * variable are evaluated once per grid; subtrees that are not arithmetic, or name a computed
 * quantity (which may follow the variable), are evaluated point by point by the general closure.
 * The operations and their order are those of the real path, so the values are the same bits;
 * where the real path would leave the reals (NOT_REAL) the grid gives undefined and the caller
 * evaluates point by point.
 */
type Batch = (scope: Scope, xs: Float64Array, n: number) => Float64Array;
function compileBatch(
  root: ExprNode,
  env: CompileEnv,
  go: (n: ExprNode) => Compiled,
  variable: string,
  slot: number,
): ((scope: Scope) => GridFn) | undefined {
  const rootNode = root as AnyNode;
  const inner = rootNode.type === 'ParenthesisNode' ? rootNode.content : rootNode;
  const viaDefinition =
    inner.type === 'SymbolNode' && isArithmetic((env.definition?.(inner.name)?.node ?? inner) as AnyNode);
  if (!isArithmetic(rootNode) && !viaDefinition) return undefined;
  // The variable is the name whose slot is the bound one: its own name here, and its internal
  // name inside the definition of a derived quantity (a declared symbol binds its own slot).
  const isVariable = (name: string, e: CompileEnv) =>
    e === env ? name === variable : !e.computed?.(name) && e.slot(name) === slot;
  // Does a subtree depend on the variable (or possibly do so, through a computed name)?
  const varies = (raw: ExprNode, e: CompileEnv): boolean => {
    const n = raw as AnyNode;
    if (n.type === 'ParenthesisNode') return varies(n.content, e);
    if (n.type === 'ConstantNode') return false;
    if (n.type === 'SymbolNode') {
      if (isVariable(n.name, e)) return true;
      if (!e.computed?.(n.name)) return false;
      const def = e.definition?.(n.name);
      return def ? varies(def.node, def.env) : true;
    }
    if ((n.type === 'OperatorNode' || n.type === 'FunctionNode') && isArithmetic(n))
      return (n.args as ExprNode[]).some((a) => varies(a, e));
    return true;
  };
  // Each vector node owns a buffer, grown to the largest grid it has seen.
  const buffer = () => {
    let b = new Float64Array(0);
    return (m: number) => (b.length >= m ? b : (b = new Float64Array(m)));
  };
  // A subtree free of the variable, evaluated once per grid and spread over a buffer.
  const spread = (f: RealFn): Batch => {
    const out = buffer();
    return (s, _xs, m) => out(m).fill(f(s), 0, m);
  };
  const node = (raw: ExprNode, e: CompileEnv, g0: (n: ExprNode) => Compiled): { scalar: RealFn } | { batch: Batch } => {
    const n = raw as AnyNode;
    if (n.type === 'ParenthesisNode') return node(n.content, e, g0);
    if (!varies(n, e)) return { scalar: compileReal(n, e, g0) };
    if (n.type === 'SymbolNode' && isVariable(n.name, e)) return { batch: (_s, xs) => xs };
    if (n.type === 'SymbolNode') {
      // A derived quantity that follows the variable: through its own expression, a whole grid at a time.
      const def = e.definition?.(n.name);
      if (def && isArithmetic(def.node as AnyNode)) return node(def.node, def.env, compilerFor(def.env).go);
    }
    const vector = (arg: ExprNode): Batch => {
      const c = node(arg, e, g0);
      return 'batch' in c ? c.batch : spread(c.scalar);
    };
    const out = buffer();
    if (n.type === 'OperatorNode' && isArithmetic(n)) {
      if (n.args.length === 1) {
        if (n.fn !== 'unaryMinus') return node(n.args[0], e, g0);
        const A = vector(n.args[0]);
        return {
          batch: (s, xs, m) => {
            const x = A(s, xs, m);
            const o = out(m);
            for (let i = 0; i < m; i++) o[i] = -x[i]!;
            return o;
          },
        };
      }
      const A = vector(n.args[0]);
      if (n.fn === 'pow') {
        // As on the real path: x^2 is x*x (the same bits), whole exponents need no test.
        const c = constantValue(n.args[1]);
        if (c === 2 || (c !== undefined && Number.isInteger(c)))
          return {
            batch: (s, xs, m) => {
              const x = A(s, xs, m);
              const o = out(m);
              if (c === 2) for (let i = 0; i < m; i++) o[i] = x[i]! * x[i]!;
              else for (let i = 0; i < m; i++) o[i] = x[i]! ** c;
              return o;
            },
          };
      }
      const B = vector(n.args[1]);
      const op = n.fn as string;
      return {
        batch: (s, xs, m) => {
          const x = A(s, xs, m);
          const y = B(s, xs, m);
          const o = out(m);
          switch (op) {
            case 'add':
              for (let i = 0; i < m; i++) o[i] = x[i]! + y[i]!;
              break;
            case 'subtract':
              for (let i = 0; i < m; i++) o[i] = x[i]! - y[i]!;
              break;
            case 'multiply':
              for (let i = 0; i < m; i++) o[i] = x[i]! * y[i]!;
              break;
            case 'divide':
              for (let i = 0; i < m; i++) o[i] = x[i]! / y[i]!;
              break;
            default:
              for (let i = 0; i < m; i++) o[i] = realPow(x[i]!, y[i]!);
          }
          return o;
        },
      };
    }
    if (n.type === 'FunctionNode' && isArithmetic(n)) {
      const loop = applyRealLoop(n.fn.name);
      const A = vector(n.args[0]);
      return {
        batch: (s, xs, m) => {
          const x = A(s, xs, m);
          const o = out(m);
          loop(x, o, m);
          return o;
        },
      };
    }
    // A leaf that follows the variable: the general closure, point by point.
    const g = g0(n);
    return {
      batch: (s, xs, m) => {
        const o = out(m);
        for (let i = 0; i < m; i++) {
          s[slot] = xs[i]!;
          const v = g(s);
          if (typeof v !== 'number') throw NOT_REAL;
          o[i] = v;
        }
        return o;
      },
    };
  };
  const top = node(rootNode, env, go);
  if (!('batch' in top)) return undefined; // the body does not involve the variable
  const run = top.batch;
  return (scope) => (xs, m) => {
    try {
      return run(scope, xs, m);
    } catch (e) {
      if (e !== NOT_REAL) throw e;
      return undefined;
    }
  };
}

function compileBinder(n: AnyNode, env: CompileEnv, go: (node: ExprNode) => Compiled): Compiled {
  const name: string = n.fn.name;
  const args: AnyNode[] = n.args;
  if (args.length < 4 || args.length > 5 || args[1]!.type !== 'SymbolNode')
    throw new NumericError(
      `${name} takes (expression, variable, from, to[, grid points]), e.g. ${name}(p(x), x, -10, 10)`,
    );
  const variable: string = args[1]!.name;
  if (!env.bind) throw new NumericError(`${name} is not available here`);
  const slot = env.bind(variable);
  const inner: CompileEnv = {
    slot: (s) => (s === variable ? slot : env.slot(s)),
    computed: (s) => (s === variable ? undefined : env.computed?.(s)),
    definition: (s) => (s === variable ? undefined : env.definition?.(s)),
    ...(env.bind ? { bind: env.bind } : {}),
  };
  const compiler = compilerFor(inner);
  const body = compiler.fast(args[0]!);
  const gridOf = compileBatch(args[0]!, inner, compiler.go, variable, slot);
  const lo = go(args[2]!);
  const hi = go(args[3]!);
  const gridArg = args[4] ? go(args[4]) : undefined;
  const real = (v: NValue, what: string) => realOf(scalarOf(v, what), what);
  return (scope) => {
    const a = real(lo(scope), `the lower limit of ${name}`);
    const b = real(hi(scope), `the upper limit of ${name}`);
    const saved = scope[slot];
    const grid = (fallback: number) => {
      if (!gridArg) return refinedGrid(fallback);
      const n = real(gridArg(scope), `the grid of ${name}`);
      if (!Number.isInteger(n) || n < 3 || n > 100_000)
        throw new NumericError(`the grid of ${name} must be a whole number from 3 to 100000`);
      return refinedGrid(n);
    };
    const f = (x: number) => {
      scope[slot] = x;
      return real(body(scope), `the expression in ${name}`);
    };
    try {
      switch (name) {
        case 'integral':
          return integrate(f, a, b, undefined, undefined, gridOf?.(scope));
        case 'signChanges':
          return signChanges(f, a, b, grid(SIGN_CHANGE_SAMPLES), gridOf?.(scope));
        case 'maxOver':
          return maxOver(f, a, b, grid(EXTREMUM_SAMPLES), gridOf?.(scope));
        default: {
          const g = gridOf?.(scope);
          return -maxOver((x) => -f(x), a, b, grid(EXTREMUM_SAMPLES), g && ((xs, m) => negated(g(xs, m), m)));
        }
      }
    } finally {
      scope[slot] = saved!;
    }
  };
}

function negated(v: Float64Array | undefined, m: number): Float64Array | undefined {
  if (!v) return undefined;
  const o = new Float64Array(m);
  for (let i = 0; i < m; i++) o[i] = -v[i]!;
  return o;
}

export function asScalar(v: NValue): number | Complex {
  return scalarOf(v, 'result');
}
export function asTruth(v: NValue): Truth {
  return truthOf(v, 'result');
}
