/**
 * Numeric linear algebra for the checks. Eigenvalues: closed forms for 2×2 (mathjs's eigs is
 * slower and loses accuracy near repeated eigenvalues), ml-matrix's EigenvalueDecomposition
 * beyond (mathjs's eigs fails to converge on a few per cent of random 4×4 non-symmetric matrices).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { complex, type Complex } from './complex';
import { hessenbergQrEigenvalues } from './hqr';
import { refinement } from './binders';

/** Sizes that do not fit together: a mistake in the claim (at some size case), not a failure to evaluate. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export interface NumMatrix {
  rows: number;
  cols: number;
  /**
   * Row-major entries. A plain array, not a Float64Array: V8 keeps typed arrays over 64 bytes
   * (a 3×3 matrix) off its heap, and allocating one costs microseconds, most of the checks' time.
   */
  data: number[];
}

export function numMatrix(rows: number, cols: number, data?: ArrayLike<number>): NumMatrix {
  // Built by push, a packed array (new Array(n).fill(0) is a holey one, and slower to fill).
  const n = rows * cols;
  const d: number[] = [];
  if (data) for (let k = 0; k < n; k++) d.push(data[k]!);
  else for (let k = 0; k < n; k++) d.push(0);
  return { rows, cols, data: d };
}

export function identityMatrix(n: number): NumMatrix {
  const m = numMatrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}
export function matAdd(a: NumMatrix, b: NumMatrix, sign = 1): NumMatrix {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new ShapeError(`matrix sizes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
  const out = numMatrix(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = a.data[k]! + sign * b.data[k]!;
  return out;
}
export function matScale(a: NumMatrix, s: number): NumMatrix {
  const out = numMatrix(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = s * a.data[k]!;
  return out;
}
export function matMul(a: NumMatrix, b: NumMatrix): NumMatrix {
  if (a.cols !== b.rows) throw new ShapeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = numMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++) {
      const x = a.data[i * a.cols + k]!;
      if (x === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j]! += x * b.data[k * b.cols + j]!;
    }
  return out;
}
export function matTranspose(a: NumMatrix): NumMatrix {
  const out = numMatrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}
export function symmetricPart(a: NumMatrix): NumMatrix {
  return matScale(matAdd(a, matTranspose(a)), 0.5);
}
export function frobenius(a: NumMatrix): number {
  let s = 0;
  for (const x of a.data) s += x * x;
  return Math.sqrt(s);
}
function toMl(a: NumMatrix): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < a.rows; i++) {
    const row = new Array<number>(a.cols);
    for (let j = 0; j < a.cols; j++) row[j] = a.data[i * a.cols + j]!;
    rows.push(row);
  }
  return new Matrix(rows);
}

const eigenCache = new WeakMap<NumMatrix, Complex[]>();

/** Eigenvalues of a real square matrix, as complex numbers (memoised per matrix object: a check may ask several times per instance). */
export function eigenvalues(a: NumMatrix): Complex[] {
  // A refined recomputation takes the second algorithm (LAPACK's, as ml-matrix ports it).
  if (refinement.on && a.rows >= 3 && a.rows === a.cols) {
    const d = new EigenvalueDecomposition(toMl(a), { assumeSymmetric: false });
    const im = d.imaginaryEigenvalues;
    return d.realEigenvalues.map((re, k) => complex(re, im[k]));
  }
  let e = eigenCache.get(a);
  if (!e) {
    e = computeEigenvalues(a);
    eigenCache.set(a, e);
  }
  return e;
}

function computeEigenvalues(a: NumMatrix): Complex[] {
  if (a.rows !== a.cols) throw new ShapeError(`eigenvalues of a non-square ${a.rows}×${a.cols} matrix`);
  const n = a.rows;
  if (n === 1) return [complex(a.data[0]!)];
  if (n === 2) {
    const [p, q, r, s] = a.data as unknown as [number, number, number, number];
    const half = (p + s) / 2;
    // disc = ((p−s)/2)² + qr, computed without cancelling tr²/4 − det.
    const disc = ((p - s) / 2) ** 2 + q * r;
    if (disc >= 0) {
      const root = Math.sqrt(disc);
      // The larger-magnitude root first (no cancellation). The other is det / big, unless det is
      // itself at rounding level against big: det's error is about eps·(|ps| + |qr|), so det / big
      // is accurate only while |ps| + |qr| < big²; otherwise half − (big − half) is (near-nilpotent
      // matrices, where det / big once gave −2 for a root of size 1e-16).
      const big = half >= 0 ? half + root : half - root;
      const det = p * s - q * r;
      const other = Math.abs(p * s) + Math.abs(q * r) < big * big ? det / big : half - (big - half);
      return [complex(big), complex(other)];
    }
    const root = Math.sqrt(-disc);
    return [complex(half, root), complex(half, -root)];
  }
  const fast = hessenbergQrEigenvalues(a.data, n);
  if (fast) return fast.re.map((re, k) => complex(re, fast.im[k]));
  // Did not converge in 60 iterations (rare): the full decomposition, which has its own safeguards.
  const e = new EigenvalueDecomposition(toMl(a), { assumeSymmetric: false });
  const im = e.imaginaryEigenvalues; // a getter that copies: read it once
  return e.realEigenvalues.map((re, k) => complex(re, im[k]));
}

/** Eigenvalues of a real symmetric matrix, ascending. */
export function symmetricEigenvalues(a: NumMatrix): number[] {
  if (a.rows === 1) return [a.data[0]!];
  if (a.rows === 2) {
    const [p, q, , s] = a.data as unknown as [number, number, number, number];
    const half = (p + s) / 2;
    const root = Math.hypot((p - s) / 2, q);
    return [half - root, half + root];
  }
  if (a.rows <= 12) return jacobiEigenvalues(a);
  const e = new EigenvalueDecomposition(toMl(a), { assumeSymmetric: true });
  return [...e.realEigenvalues].sort((x, y) => x - y);
}

export function spectralRadius(a: NumMatrix): number {
  return Math.max(...eigenvalues(a).map((z) => Math.hypot(z.re, z.im)));
}

/** The trace, the sum of the diagonal. */
export function trace(a: NumMatrix): number {
  if (a.cols !== a.rows) throw new ShapeError(`a ${a.rows}×${a.cols} matrix has no trace`);
  let t = 0;
  for (let i = 0; i < a.rows; i++) t += a.data[i * a.cols + i]!;
  return t;
}

/** The determinant by elimination with partial pivoting (floating point; decisions near 0 go to certified arithmetic). */
export function determinant(a: NumMatrix): number {
  const n = a.rows;
  if (a.cols !== n) throw new ShapeError(`a ${a.rows}×${a.cols} matrix has no determinant`);
  const m = a.data.slice();
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    const pivot = m[p * n + c]!;
    if (pivot === 0) return 0;
    if (p !== c) {
      det = -det;
      for (let k = c; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
    }
    det *= pivot;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / pivot;
      if (f !== 0) for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
    }
  }
  return det;
}

/** The inverse by Gauss–Jordan elimination with partial pivoting (the samplers' well-conditioned similarities). */
export function inverse(a: NumMatrix): NumMatrix {
  const n = a.rows;
  if (a.cols !== n) throw new ShapeError(`cannot invert a ${a.rows}×${a.cols} matrix`);
  const m = a.data.slice();
  const inv = identityMatrix(n).data;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (m[p * n + c] === 0) throw new RangeError('a singular matrix has no inverse');
    if (p !== c)
      for (let k = 0; k < n; k++) {
        [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
        [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k]!, inv[c * n + k]!];
      }
    const d = m[c * n + c]!;
    for (let k = 0; k < n; k++) {
      m[c * n + k]! /= d;
      inv[c * n + k]! /= d;
    }
    for (let r = 0; r < n; r++) {
      const f = m[r * n + c]!;
      if (r === c || f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k]! -= f * m[c * n + k]!;
        inv[r * n + k]! -= f * inv[c * n + k]!;
      }
    }
  }
  return { rows: n, cols: n, data: inv };
}

/**
 * Eigenvalues of a small real symmetric matrix by cyclic Jacobi rotations: allocation-light and
 * accurate to rounding (the definiteness tests call it for every instance).
 */
export function jacobiEigenvalues(m: NumMatrix): number[] {
  const n = m.rows;
  const a = m.data.slice();
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    let scale = 0;
    for (let k = 0; k < n * n; k++) scale += a[k]! ** 2;
    if (off <= 1e-32 * scale || off === 0) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(a[k * n + k]!);
  return out.sort((x, y) => x - y);
}
