/**
 * Samplers for matrices with a prescribed structure, so that every side of an iff is exercised.
 * Each sampler returns the matrix and a label of the structure it drew (reported as coverage).
 * Special structures come on purpose, not by luck: zero and singular matrices, repeated
 * eigenvalues, defective (Jordan) blocks, non-normal matrices, extreme ratios.
 */
import type { Rng } from './rng';
import { inverse, matMul, matTranspose, numMatrix, type NumMatrix } from './linalg';
import * as Q from '../certified/rational';
import {
  rationalsOf,
  scaledAdd,
  scaledIdentity,
  scaledInverse,
  scaledMul,
  scaledOf,
  scaledTranspose,
  type ScaledMatrix,
} from '../certified/scaled';

export interface DrawnMatrix {
  matrix: NumMatrix;
  structure: string;
  /**
   * The exact matrix this draw stands for (row-major), computed on demand: the structure holds
   * exactly (a singular draw is singular, a normal one normal), where the double entries hold it
   * only to rounding. Built from the same short decimals as the doubles.
   */
  exact?: () => Q.Rational[];
  /** The exact eigenvalues (re, im) of the exact matrix, known from its construction. */
  spectrum?: () => Array<[Q.Rational, Q.Rational]>;
}

/**
 * The eigenvalues of a block-triangular construction: 1×1 blocks a (with Jordan 1s above the
 * diagonal) and rotation blocks [[a, b], [−b, a]] (a ± bi). Read from the rounded blocks, so they
 * are those of the exact matrix built from them.
 */
function blockSpectrum(b: NumMatrix): () => Array<[Q.Rational, Q.Rational]> {
  return () => {
    const n = b.rows;
    const out: Array<[Q.Rational, Q.Rational]> = [];
    for (let k = 0; k < n; k++) {
      const off = k + 1 < n ? b.data[k * n + k + 1]! : 0;
      const low = k + 1 < n ? b.data[(k + 1) * n + k]! : 0;
      if (off !== 0 && low === -off) {
        out.push(
          [Q.ofNumber(b.data[k * n + k]!), Q.ofNumber(off)],
          [Q.ofNumber(b.data[k * n + k]!), Q.neg(Q.ofNumber(off))],
        );
        k++;
      } else out.push([Q.ofNumber(b.data[k * n + k]!), Q.ZERO]);
    }
    return out;
  };
}

const scaledOfNum = (m: NumMatrix): ScaledMatrix => scaledOf(m.rows, m.cols, [...m.data].map(Q.ofNumber));

/** A short decimal (four significant digits): what the samplers build from, so that doubles and exact values agree. */
function shortDecimal(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(4));
}

/**
 * An exactly orthogonal matrix: the Cayley transform (I − K)(I + K)⁻¹ of a skew-symmetric K with
 * short decimal entries, returned as doubles and (lazily) as exact rationals.
 */
function cayleyOrthogonal(n: number, rng: Rng): { matrix: NumMatrix; exact: () => ScaledMatrix } {
  const K = numMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      // Two significant digits keep the exact rationals of the transform small.
      const x = Number((rng.normal() * 0.8).toPrecision(2));
      K.data[i * n + j] = x;
      K.data[j * n + i] = -x;
    }
  const exact = () => {
    const k = scaledOfNum(K);
    // I ± K is invertible for skew-symmetric K (its eigenvalues are 1 ± it).
    return scaledMul(scaledAdd(scaledIdentity(n), k, -1n), scaledInverse(scaledAdd(scaledIdentity(n), k))!);
  };
  const minus = numMatrix(n, n);
  const plus = numMatrix(n, n);
  for (let k = 0; k < n * n; k++) {
    const x = k % (n + 1) === 0 ? 1 : 0;
    minus.data[k] = x - K.data[k]!;
    plus.data[k] = x + K.data[k]!;
  }
  return { matrix: matMul(minus, inverse(plus)), exact };
}

/** Q·B·Qᵀ for an exactly orthogonal Q: doubles now, exact rationals on demand. */
function orthogonalSimilarity(
  B: NumMatrix,
  rng: Rng,
): { matrix: NumMatrix; exact: () => Q.Rational[]; spectrum: () => Array<[Q.Rational, Q.Rational]> } {
  const q = cayleyOrthogonal(B.rows, rng);
  const b = numMatrix(B.rows, B.cols, [...B.data].map(shortDecimal));
  const exact = () => {
    const Qx = q.exact();
    return rationalsOf(scaledMul(scaledMul(Qx, scaledOfNum(b)), scaledTranspose(Qx)));
  };
  return { matrix: matMul(matMul(q.matrix, b), matTranspose(q.matrix)), exact, spectrum: blockSpectrum(b) };
}

/** S·B·S⁻¹ for S with short decimal entries: doubles now, exact rationals on demand. */
function similarity(
  B: NumMatrix,
  S: NumMatrix,
): { matrix: NumMatrix; exact: () => Q.Rational[]; spectrum: () => Array<[Q.Rational, Q.Rational]> } {
  const b = numMatrix(B.rows, B.cols, [...B.data].map(shortDecimal));
  // Two significant digits keep the exact inverse small.
  const s = numMatrix(
    S.rows,
    S.cols,
    [...S.data].map((x) => (x === 0 ? 0 : Number(x.toPrecision(2)))),
  );
  const exact = () => {
    const Sx = scaledOfNum(s);
    // S is a small perturbation of I, drawn well conditioned; a singular one would have failed above.
    return rationalsOf(scaledMul(scaledMul(Sx, scaledOfNum(b)), scaledInverse(Sx)!));
  };
  return { matrix: matMul(matMul(s, b), inverse(s)), exact, spectrum: blockSpectrum(b) };
}

function diag(values: number[]): NumMatrix {
  const n = values.length;
  const m = numMatrix(n, n);
  values.forEach((v, k) => (m.data[k * n + k] = v));
  return m;
}

export type Definiteness =
  | 'negative definite'
  | 'negative semidefinite (singular)'
  | 'positive definite'
  | 'positive semidefinite (singular)'
  | 'indefinite'
  | 'zero';
const CLASSES: Definiteness[] = [
  'negative definite',
  'negative semidefinite (singular)',
  'positive definite',
  'positive semidefinite (singular)',
  'indefinite',
  'zero',
];

/** A symmetric n×n matrix whose definiteness class is drawn first (uniformly among those possible), then its eigenvalues. */
export function symmetricMatrix(n: number, rng: Rng): DrawnMatrix {
  const possible = CLASSES.filter((c) => (c === 'indefinite' ? n >= 2 : c.includes('singular') ? n >= 2 : true));
  // The zero matrix is one special case among many: draw it rarely.
  const cls = rng.next() < 0.03 ? 'zero' : rng.pick(possible.filter((c) => c !== 'zero'));
  const mag = () => 0.1 + rng.next() * 2.9;
  let ev: number[];
  switch (cls) {
    case 'zero':
      ev = Array(n).fill(0);
      break;
    case 'negative definite':
      ev = Array.from({ length: n }, () => -mag());
      break;
    case 'positive definite':
      ev = Array.from({ length: n }, () => mag());
      break;
    case 'negative semidefinite (singular)':
      ev = Array.from({ length: n }, (_, k) => (k === 0 ? 0 : rng.next() < 0.3 ? 0 : -mag()));
      break;
    case 'positive semidefinite (singular)':
      ev = Array.from({ length: n }, (_, k) => (k === 0 ? 0 : rng.next() < 0.3 ? 0 : mag()));
      break;
    default: {
      ev = Array.from({ length: n }, (_, k) => (k === 0 ? -mag() : k === 1 ? mag() : rng.pick([-1, 0, 1]) * mag()));
    }
  }
  if (n >= 2 && rng.next() < 0.15 && cls !== 'zero') ev[1] = ev[0]!; // a repeated eigenvalue
  const { matrix: A, exact } = orthogonalSimilarity(diag(ev), rng);
  // Symmetric doubles too (the products leave rounding asymmetries; the exact matrix is symmetric).
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) A.data[j * n + i] = A.data[i * n + j] = (A.data[i * n + j]! + A.data[j * n + i]!) / 2;
  return { matrix: A, structure: cls, exact };
}

export function generalMatrix(rows: number, cols: number, rng: Rng): DrawnMatrix {
  const r = rng.next();
  const m = numMatrix(rows, cols);
  if (r < 0.05) return { matrix: m, structure: 'zero' };
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng.normal();
  if (r < 0.15 && rows > 1) {
    for (let j = 0; j < cols; j++) m.data[(rows - 1) * cols + j] = m.data[j]!; // rank-deficient: two equal rows
    return { matrix: m, structure: 'rank-deficient' };
  }
  return { matrix: m, structure: 'generic' };
}

const STABLE_KINDS = [
  'complex pairs, normal',
  'complex pairs, non-normal',
  'real spectrum',
  'repeated eigenvalue',
  'Jordan block (defective)',
  'large imaginary parts',
  'mixed',
] as const;

/**
 * A real n×n matrix with every eigenvalue in the open left half-plane: a block diagonal of 1×1
 * blocks (a) and 2×2 rotation blocks [[a, b], [−b, a]] (eigenvalues a ± bi), or Jordan blocks,
 * made non-normal by a random similarity with controlled condition number.
 */
export function stableMatrix(n: number, rng: Rng): DrawnMatrix & { eigenvalues: Array<[number, number]> } {
  const kind = rng.pick(STABLE_KINDS);
  const re = () => -(0.05 + rng.next() * 2.95);
  const imag = () => (kind === 'large imaginary parts' ? 5 + rng.next() * 20 : 0.1 + rng.next() * 3);
  const B = numMatrix(n, n);
  const eig: Array<[number, number]> = [];
  let k = 0;
  const shared = re();
  while (k < n) {
    const wantPair =
      k + 1 < n &&
      (kind === 'complex pairs, normal' ||
        kind === 'complex pairs, non-normal' ||
        kind === 'large imaginary parts' ||
        (kind === 'mixed' && rng.next() < 0.5));
    if (wantPair) {
      const a = re();
      const b = imag();
      B.data[k * n + k] = a;
      B.data[(k + 1) * n + k + 1] = a;
      B.data[k * n + k + 1] = b;
      B.data[(k + 1) * n + k] = -b;
      eig.push([a, b], [a, -b]);
      k += 2;
    } else {
      const a = kind === 'repeated eigenvalue' || kind === 'Jordan block (defective)' ? shared : re();
      B.data[k * n + k] = a;
      // 2×2 Jordan blocks only: eigenvalues of larger defective blocks are too ill-conditioned for a sharp numeric iff.
      if (kind === 'Jordan block (defective)' && k % 2 === 0 && k + 1 < n) B.data[k * n + k + 1] = 1;
      eig.push([a, 0]);
      k += 1;
    }
  }
  if (kind === 'complex pairs, normal' || (kind === 'real spectrum' && rng.next() < 0.5)) {
    return { ...orthogonalSimilarity(B, rng), structure: kind, eigenvalues: eig };
  }
  // S = I + small random perturbation keeps the similarity well conditioned.
  const S = numMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) S.data[i * n + j] = (i === j ? 1 : 0) + (0.3 * rng.normal()) / Math.sqrt(n);
  return { ...similarity(B, S), structure: kind, eigenvalues: eig };
}

const CONTRACTION_KINDS = [
  'complex pairs, normal',
  'complex pairs, non-normal',
  'real spectrum',
  'Jordan block (defective)',
  'radius near 1',
  'mixed',
] as const;

/**
 * A real n×n matrix with spectral radius < 1 (a contraction near a fixed point), built like
 * stableMatrix from 1×1 and 2×2 rotation-scaling blocks, Jordan blocks, and a similarity.
 */
export function contractionMatrix(n: number, rng: Rng): DrawnMatrix & { spectralRadius: number } {
  const kind = rng.pick(CONTRACTION_KINDS);
  const radius = () => (kind === 'radius near 1' ? 0.95 + rng.next() * 0.035 : 0.05 + rng.next() * 0.9);
  const B = numMatrix(n, n);
  let rho = 0;
  let k = 0;
  const shared = (rng.next() < 0.5 ? -1 : 1) * radius();
  while (k < n) {
    const pair =
      k + 1 < n &&
      (kind.startsWith('complex') ||
        (kind === 'mixed' && rng.next() < 0.5) ||
        (kind === 'radius near 1' && rng.next() < 0.5));
    if (pair) {
      const r = radius();
      const t = rng.next() * Math.PI;
      const [a, b] = [r * Math.cos(t), r * Math.sin(t)];
      B.data[k * n + k] = a;
      B.data[(k + 1) * n + k + 1] = a;
      B.data[k * n + k + 1] = b;
      B.data[(k + 1) * n + k] = -b;
      rho = Math.max(rho, r);
      k += 2;
    } else {
      const a = kind === 'Jordan block (defective)' ? shared : (rng.next() < 0.5 ? -1 : 1) * radius();
      B.data[k * n + k] = a;
      if (kind === 'Jordan block (defective)' && k % 2 === 0 && k + 1 < n) B.data[k * n + k + 1] = 1;
      rho = Math.max(rho, Math.abs(a));
      k += 1;
    }
  }
  if (kind === 'complex pairs, normal') {
    return { ...orthogonalSimilarity(B, rng), structure: kind, spectralRadius: rho };
  }
  const S = numMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) S.data[i * n + j] = (i === j ? 1 : 0) + (0.3 * rng.normal()) / Math.sqrt(n);
  return { ...similarity(B, S), structure: kind, spectralRadius: rho };
}

/**
 * A real n×n matrix with xᵀAx ≤ 0 for all x: a symmetric negative semidefinite part (definite,
 * singular or zero) plus an antisymmetric part of random size (zero included: the symmetric case).
 */
export function negativeSemidefiniteMatrix(n: number, rng: Rng): DrawnMatrix {
  let S = symmetricMatrix(n, rng);
  while (!['negative definite', 'negative semidefinite (singular)', 'zero'].includes(S.structure))
    S = symmetricMatrix(n, rng);
  const r = rng.next();
  const scale = r < 0.15 ? 0 : r < 0.6 ? 0.5 + rng.next() : 3 + 7 * rng.next();
  const A = numMatrix(n, n);
  const K = numMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const k = shortDecimal(scale * rng.normal());
      K.data[i * n + j] = k;
      K.data[j * n + i] = -k;
    }
  for (let k = 0; k < n * n; k++) A.data[k] = S.matrix.data[k]! + K.data[k]!;
  const exact = () => S.exact!().map((x, k) => Q.add(x, Q.ofNumber(K.data[k]!)));
  return {
    matrix: A,
    structure: `${S.structure} symmetric part, ${scale === 0 ? 'no' : scale < 2 ? 'moderate' : 'large'} rotation`,
    exact,
  };
}

/**
 * A real normal matrix (AᵀA = AAᵀ) with spectrum in the closed left half-plane: an orthogonal
 * similarity of 1×1 blocks a ≤ 0 and rotation blocks [[a, b], [−b, a]], pure rotations (a = 0)
 * and zero eigenvalues included.
 */
export function normalLeftMatrix(n: number, rng: Rng): DrawnMatrix {
  const kind = rng.pick([
    'pure rotations',
    'damped rotations',
    'real spectrum',
    'with a zero eigenvalue',
    'mixed',
  ] as const);
  const B = numMatrix(n, n);
  let k = 0;
  while (k < n) {
    const a =
      kind === 'pure rotations' ? 0 : kind === 'with a zero eigenvalue' && k === 0 ? 0 : -(0.05 + rng.next() * 2.95);
    const pair =
      k + 1 < n &&
      kind !== 'real spectrum' &&
      !(kind === 'with a zero eigenvalue' && k === 0) &&
      (kind !== 'mixed' || rng.next() < 0.5);
    if (pair) {
      const b = 0.1 + rng.next() * 3;
      B.data[k * n + k] = a;
      B.data[(k + 1) * n + k + 1] = a;
      B.data[k * n + k + 1] = b;
      B.data[(k + 1) * n + k] = -b;
      k += 2;
    } else {
      B.data[k * n + k] = a;
      k += 1;
    }
  }
  return { ...orthogonalSimilarity(B, rng), structure: kind };
}
