/**
 * Exact rational matrices as one integer matrix over one common denominator. Products and the
 * inverse then run on BigInt integers with no gcd per operation; each entry is reduced once, at
 * the end. (Entry-wise rationals spent most of the exact matrix draws' time in gcds.)
 */
import * as Q from './rational';

export interface ScaledMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major integer numerators. */
  readonly data: bigint[];
  /** The common denominator, positive. */
  readonly den: bigint;
}

export function scaledOf(rows: number, cols: number, entries: readonly Q.Rational[]): ScaledMatrix {
  let den = 1n;
  for (const q of entries) if (den % q.d !== 0n) den = (den / Q.gcd(den, q.d)) * q.d;
  return { rows, cols, data: entries.map((q) => (q.n * den) / q.d), den };
}

export const scaledIdentity = (n: number): ScaledMatrix => ({
  rows: n,
  cols: n,
  data: Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1n : 0n)),
  den: 1n,
});

export function scaledMul(a: ScaledMatrix, b: ScaledMatrix): ScaledMatrix {
  if (a.cols !== b.rows) throw new RangeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const data: bigint[] = new Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0n;
      for (let k = 0; k < a.cols; k++) {
        const x = a.data[i * a.cols + k]!;
        if (x !== 0n) s += x * b.data[k * b.cols + j]!;
      }
      data[i * b.cols + j] = s;
    }
  return { rows: a.rows, cols: b.cols, data, den: a.den * b.den };
}

/** a + s·b over the denominator a.den·b.den (s = ±1). */
export function scaledAdd(a: ScaledMatrix, b: ScaledMatrix, s: 1n | -1n = 1n): ScaledMatrix {
  if (a.den === b.den)
    return { rows: a.rows, cols: a.cols, data: a.data.map((x, k) => x + s * b.data[k]!), den: a.den };
  return {
    rows: a.rows,
    cols: a.cols,
    data: a.data.map((x, k) => x * b.den + s * b.data[k]! * a.den),
    den: a.den * b.den,
  };
}

export function scaledTranspose(a: ScaledMatrix): ScaledMatrix {
  const data: bigint[] = new Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return { rows: a.cols, cols: a.rows, data, den: a.den };
}

/**
 * The inverse, by fraction-free Gauss–Jordan elimination (Bareiss) on [N | I] for A = N/den: every
 * division is exact (each entry is a minor of the augmented matrix, by Sylvester's identity), and
 * the elimination ends at [p·I | p·N⁻¹] with p = ±det N, so A⁻¹ = den·X/p. Undefined if singular.
 */
export function scaledInverse(a: ScaledMatrix): ScaledMatrix | undefined {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError(`cannot invert a ${a.rows}×${a.cols} matrix`);
  const w = 2 * n;
  const m: bigint[] = new Array(n * w).fill(0n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * w + j] = a.data[i * n + j]!;
    m[i * w + n + i] = 1n;
  }
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    let p = k;
    while (p < n && m[p * w + k] === 0n) p++;
    if (p === n) return undefined;
    if (p !== k) for (let j = 0; j < w; j++) [m[k * w + j], m[p * w + j]] = [m[p * w + j]!, m[k * w + j]!];
    const pivot = m[k * w + k]!;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = m[i * w + k]!;
      for (let j = 0; j < w; j++) if (j !== k) m[i * w + j] = (pivot * m[i * w + j]! - f * m[k * w + j]!) / prev;
      m[i * w + k] = 0n;
    }
    prev = pivot;
  }
  // prev = m[k][k] for every k; the right half is prev·N⁻¹.
  const data: bigint[] = new Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = m[i * w + n + j]! * a.den;
  return prev < 0n
    ? { rows: n, cols: n, data: data.map((x) => -x), den: -prev }
    : { rows: n, cols: n, data, den: prev };
}

/** The entries as reduced rationals. */
export function rationalsOf(a: ScaledMatrix): Q.Rational[] {
  return a.data.map((x) => Q.rat(x, a.den));
}
