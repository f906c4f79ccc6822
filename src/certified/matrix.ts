/**
 * Small matrices of certified scalars: products, determinants, exact eigenvalues where closed
 * forms exist (1×1, 2×2, triangular), and definiteness by Sylvester's criterion on the symmetric
 * part, decided by the signs of exact minors rather than by a tolerance on computed eigenvalues.
 */
import * as Q from './rational';
import { Undecidable } from './interval';
import type { Arithmetic } from './arithmetic';
import type { Truth3 } from './evaluate';

export interface CMatrix<N> {
  rows: number;
  cols: number;
  /** Row-major. */
  data: N[];
}

const at = <N>(m: CMatrix<N>, i: number, j: number) => m.data[i * m.cols + j]!;

export function map<N>(m: CMatrix<N>, f: (x: N) => N): CMatrix<N> {
  return { rows: m.rows, cols: m.cols, data: m.data.map(f) };
}
export function zip<N>(a: CMatrix<N>, b: CMatrix<N>, f: (x: N, y: N) => N): CMatrix<N> {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Undecidable('matrices of different sizes');
  return { rows: a.rows, cols: a.cols, data: a.data.map((x, k) => f(x, b.data[k]!)) };
}
export function column<N>(items: N[]): CMatrix<N> {
  return { rows: items.length, cols: 1, data: items };
}
export function transpose<N>(m: CMatrix<N>): CMatrix<N> {
  const data: N[] = [];
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) data.push(at(m, i, j));
  return { rows: m.cols, cols: m.rows, data };
}
export function scaledIdentity<N>(pa: Arithmetic<N>, n: number, s: N): CMatrix<N> {
  const zero = pa.ofRational(Q.ZERO);
  const data: N[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data.push(i === j ? s : zero);
  return { rows: n, cols: n, data };
}
export function product<N>(pa: Arithmetic<N>, a: CMatrix<N>, b: CMatrix<N>): CMatrix<N> {
  if (a.cols !== b.rows) throw new Undecidable('a product of matrices whose sizes do not fit');
  const data: N[] = [];
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = pa.ofRational(Q.ZERO);
      for (let k = 0; k < a.cols; k++) s = pa.add(s, pa.mul(at(a, i, k), at(b, k, j)));
      data.push(s);
    }
  return { rows: a.rows, cols: b.cols, data };
}
export function trace<N>(pa: Arithmetic<N>, m: CMatrix<N>): N {
  square(m, 'trace');
  let s = pa.ofRational(Q.ZERO);
  for (let i = 0; i < m.rows; i++) s = pa.add(s, at(m, i, i));
  return s;
}
function square<N>(m: CMatrix<N>, what: string): void {
  if (m.rows !== m.cols) throw new Undecidable(`${what} of a non-square matrix`);
}

/** The determinant: cofactor expansion up to 3×3, elimination with certainly-nonzero pivots beyond. */
export function determinant<N>(pa: Arithmetic<N>, m: CMatrix<N>): N {
  square(m, 'det');
  const n = m.rows;
  if (n === 1) return at(m, 0, 0);
  if (n === 2) return pa.sub(pa.mul(at(m, 0, 0), at(m, 1, 1)), pa.mul(at(m, 0, 1), at(m, 1, 0)));
  if (n === 3) {
    let s = pa.ofRational(Q.ZERO);
    for (let j = 0; j < 3; j++) {
      const minor = pa.sub(pa.mul(at(m, 1, (j + 1) % 3), at(m, 2, (j + 2) % 3)), pa.mul(at(m, 1, (j + 2) % 3), at(m, 2, (j + 1) % 3)));
      s = pa.add(s, pa.mul(at(m, 0, j), minor));
    }
    return s;
  }
  const a = m.data.map((x) => x);
  let det = pa.ofRational(Q.ONE);
  for (let c = 0; c < n; c++) {
    let pivot = -1;
    let allZero = true;
    for (let r = c; r < n; r++) {
      const z = pa.zero(a[r * n + c]!);
      if (z === 'nonzero') {
        pivot = r;
        break;
      }
      if (z !== 'zero') allZero = false;
    }
    if (pivot < 0) {
      if (allZero) return pa.ofRational(Q.ZERO);
      throw new Undecidable('a pivot that may be 0');
    }
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[c * n + k]!];
      det = pa.neg(det);
    }
    const p = a[c * n + c]!;
    det = pa.mul(det, p);
    for (let r = c + 1; r < n; r++) {
      const f = pa.div(a[r * n + c]!, p);
      for (let k = c; k < n; k++) a[r * n + k] = pa.sub(a[r * n + k]!, pa.mul(f, a[c * n + k]!));
    }
  }
  return det;
}

/** Exact eigenvalues (with multiplicity) where closed forms exist: 1×1, 2×2, triangular. */
export function eigenvalues<N>(pa: Arithmetic<N>, m: CMatrix<N>): N[] {
  square(m, 'eigenvalues');
  const n = m.rows;
  if (n === 1) return [at(m, 0, 0)];
  if (n === 2) {
    const half = pa.ofRational(Q.rat(1n, 2n));
    const mid = pa.mul(pa.add(at(m, 0, 0), at(m, 1, 1)), half);
    const d = pa.sqrt(pa.sub(pa.mul(mid, mid), determinant(pa, m)));
    return [pa.add(mid, d), pa.sub(mid, d)];
  }
  const lower = () => { for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (pa.zero(at(m, i, j)) !== 'zero') return false; return true; };
  const upper = () => { for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (pa.zero(at(m, i, j)) !== 'zero') return false; return true; };
  if (lower() || upper()) return Array.from({ length: n }, (_, i) => at(m, i, i));
  throw new Undecidable(`exact eigenvalues of a ${n}×${n} matrix`);
}

/**
 * xᵀMx ≥ 0 (psd), > 0 (pd), ≤ 0 (nsd), < 0 (nd) for all x ≠ 0, on the symmetric part S = (M + Mᵀ)/2:
 * pd iff every leading principal minor is positive; psd iff every principal minor is ≥ 0.
 */
export function definiteness<N>(pa: Arithmetic<N>, m: CMatrix<N>, which: string): Truth3 {
  square(m, which);
  const n = m.rows;
  if (n > 10) throw new Undecidable('definiteness of a matrix larger than 10×10');
  const half = pa.ofRational(Q.rat(1n, 2n));
  const flip = which === 'nsd' || which === 'nd';
  const s: CMatrix<N> = { rows: n, cols: n, data: [] };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = pa.mul(pa.add(at(m, i, j), at(m, j, i)), half);
      s.data.push(flip ? pa.neg(v) : v);
    }
  const minor = (idx: number[]) => determinant(pa, { rows: idx.length, cols: idx.length, data: idx.flatMap((i) => idx.map((j) => at(s, i, j))) });
  let undecided = false;
  if (which === 'pd' || which === 'nd') {
    for (let k = 1; k <= n; k++) {
      const sign = pa.sign(minor(Array.from({ length: k }, (_, i) => i)));
      if (sign === undefined) undecided = true;
      else if (sign <= 0) return 0;
    }
    return undecided ? undefined : 1;
  }
  for (let mask = 1; mask < 1 << n; mask++) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) idx.push(i);
    const sign = pa.sign(minor(idx));
    if (sign === undefined) undecided = true;
    else if (sign < 0) return 0;
  }
  return undecided ? undefined : 1;
}
