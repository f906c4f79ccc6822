/** The functions a claim may call in numeric checks, on every kind of value (the general path). */
import { complex, toComplex, type Complex } from './complex';
import * as LA from './linalg';
import { isList, isMatrix, list, truth, type NValue } from './value';
import { selection } from '../expr/indexing';
import { erf, normalCdf } from './normal';
import { NumericError, divValues, elementwise, realOf, scalarOf, simplifyComplex, type Scalar } from './arithmetic';

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
export const SYMBOLIC_ONLY = new Set(['diff', 'grad', 'hessian', 'E']);

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
