/**
 * Small matrices of certified scalars: products, determinants, exact eigenvalues where closed
 * forms exist (1×1, 2×2, triangular), and definiteness by Sylvester's criterion on the symmetric
 * part, decided by the signs of exact minors rather than by a tolerance on computed eigenvalues.
 */
import * as Q from './rational';
import { scaledOf } from './scaled';
import { Undecidable } from './interval';
import type { Arithmetic } from './arithmetic';
import type { Truth3 } from './evaluate';

export interface CMatrix<N> {
  rows: number;
  cols: number;
  /** Row-major. */
  data: N[];
  /** Its eigenvalues, when known exactly from how it was made (a structured draw). */
  spectrum?: N[];
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
      const minor = pa.sub(
        pa.mul(at(m, 1, (j + 1) % 3), at(m, 2, (j + 2) % 3)),
        pa.mul(at(m, 1, (j + 2) % 3), at(m, 2, (j + 1) % 3)),
      );
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
  if (m.spectrum) return m.spectrum;
  const n = m.rows;
  if (n === 1) return [at(m, 0, 0)];
  if (n === 2) {
    const half = pa.ofRational(Q.rat(1n, 2n));
    const mid = pa.mul(pa.add(at(m, 0, 0), at(m, 1, 1)), half);
    const d = pa.sqrt(pa.sub(pa.mul(mid, mid), determinant(pa, m)));
    return [pa.add(mid, d), pa.sub(mid, d)];
  }
  const lower = () => {
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (pa.zero(at(m, i, j)) !== 'zero') return false;
    return true;
  };
  const upper = () => {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (pa.zero(at(m, i, j)) !== 'zero') return false;
    return true;
  };
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
  const half = pa.ofRational(Q.rat(1n, 2n));
  const flip = which === 'nsd' || which === 'nd';
  const s: CMatrix<N> = { rows: n, cols: n, data: [] };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = pa.mul(pa.add(at(m, i, j), at(m, j, i)), half);
      s.data.push(flip ? pa.neg(v) : v);
    }
  // Beyond 10×10 the 2ⁿ principal minors are too many: symmetric elimination instead.
  if (n > 10) return eliminationDefiniteness(pa, s, which === 'pd' || which === 'nd');
  const minor = (idx: number[]) =>
    determinant(pa, { rows: idx.length, cols: idx.length, data: idx.flatMap((i) => idx.map((j) => at(s, i, j))) });
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

/**
 * Definiteness of a symmetric matrix by symmetric Gaussian elimination (LDLᵀ with diagonal
 * pivots), every decision certain: positive definite iff every pivot is positive; semidefinite iff
 * every pivot chosen is positive and a row whose diagonal is 0 is 0 throughout (else the form
 * takes both signs).
 */
function eliminationDefiniteness<N>(pa: Arithmetic<N>, s: CMatrix<N>, definite: boolean): Truth3 {
  let rows = Array.from({ length: s.rows }, (_, i) => i);
  const a = s.data.slice();
  const n = s.rows;
  const get = (i: number, j: number) => a[i * n + j]!;
  while (rows.length) {
    let pivot: number | undefined;
    for (const i of rows) {
      const sign = pa.sign(get(i, i));
      if (sign === undefined) return undefined;
      if (sign < 0) return 0;
      if (sign > 0) {
        pivot = i;
        break;
      }
      if (definite) return 0;
      // A zero diagonal entry: its row must vanish.
      for (const j of rows) {
        const z = pa.zero(get(i, j));
        if (z === 'nonzero') return 0;
        if (z !== 'zero') return undefined;
      }
    }
    if (pivot === undefined) return 1; // every remaining row is 0
    const p = get(pivot, pivot);
    rows = rows.filter((i) => i !== pivot);
    for (const i of rows) {
      const f = pa.div(get(i, pivot), p);
      for (const j of rows) a[i * n + j] = pa.sub(get(i, j), pa.mul(f, get(pivot, j)));
    }
  }
  return 1;
}

/** The characteristic polynomial det(zI − M), coefficients lowest degree first (Faddeev–LeVerrier: exact over the rationals). */
export function characteristicPolynomial<N>(pa: Arithmetic<N>, m: CMatrix<N>): N[] {
  square(m, 'a characteristic polynomial');
  const n = m.rows;
  const coefficients: N[] = new Array(n + 1);
  coefficients[n] = pa.ofRational(Q.ONE);
  // M_k = M·M_{k−1} + c_{n−k+1} I, c_{n−k} = −tr(M·M_k)/k.
  let mk: CMatrix<N> = scaledIdentity(pa, n, pa.ofRational(Q.ZERO));
  for (let k = 1; k <= n; k++) {
    const shifted =
      k === 1
        ? scaledIdentity(pa, n, pa.ofRational(Q.ONE))
        : zip(mk, scaledIdentity(pa, n, coefficients[n - k + 1]!), (x, y) => pa.add(x, y));
    const am = product(pa, m, shifted);
    coefficients[n - k] = pa.neg(pa.div(trace(pa, am), pa.ofRational(Q.rat(BigInt(k)))));
    mk = am;
  }
  return coefficients;
}

/**
 * Are all roots of the real polynomial strictly inside the disk of radius r? The Schur–Cohn test:
 * |aₙ| > |a₀|, and recursively for (aₙ p(z) − a₀ p*(z))/z, where p*(z) = zⁿ p(1/z). Decided by
 * certified signs: true, false, or undefined when a sign cannot be decided.
 */
export function rootsInsideDisk<N>(pa: Arithmetic<N>, coefficients: N[], r: N): Truth3 {
  // q(z) = p(r·z): roots inside the unit disk.
  let p: N[] = [];
  let power = pa.ofRational(Q.ONE);
  for (const c of coefficients) {
    p.push(pa.mul(c, power));
    power = pa.mul(power, r);
  }
  while (p.length > 1) {
    const n = p.length - 1;
    const an = p[n]!;
    const a0 = p[0]!;
    const s = pa.sign(pa.sub(pa.abs(an), pa.abs(a0)));
    if (s === undefined) return undefined;
    if (s <= 0) return 0;
    // (aₙ p(z) − a₀ p*(z))/z: the constant term cancels; p*'s coefficients are p's reversed.
    const next: N[] = [];
    for (let j = 1; j <= n; j++) next.push(pa.sub(pa.mul(an, p[j]!), pa.mul(a0, p[n - j]!)));
    p = next;
  }
  return 1;
}

/**
 * ρ(M) < c for a rational matrix and a rational c > 0, in integers only (the rational version
 * doubles the size of every coefficient at each Schur–Cohn step and spends its time in gcds): M =
 * A/D with A integer, so ρ(M) < c iff the integer characteristic polynomial of A has its roots in
 * the disk of radius D·c; Faddeev–LeVerrier gives that polynomial's integer coefficients, and the
 * Schur–Cohn steps are fraction-free, each divided by its content.
 */
export function rationalSpectralRadiusBelow(entries: Q.Rational[], n: number, c: Q.Rational): boolean {
  const { data: A, den: D } = scaledOf(n, n, entries);
  const coefficients = integerCharacteristicPolynomial(A, n);
  // q(z) = p(r z) scaled to integers, r = D·c = num/den: q_j = a_j num^j den^(n−j).
  const num = D * c.n;
  const den = c.d;
  let p = coefficients.map((a, j) => a * num ** BigInt(j) * den ** BigInt(n - j));
  const abs = (x: bigint) => (x < 0n ? -x : x);
  // Each step's coefficients are divisible by the leading coefficient two steps back (as in
  // Bareiss's elimination), which keeps their growth linear without gcds of large integers.
  // Dividing by a constant does not move the roots; where the division is not exact, the
  // content is divided out instead.
  const leads: bigint[] = [];
  while (p.length > 1) {
    const m = p.length - 1;
    const an = p[m]!;
    const a0 = p[0]!;
    if (abs(an) <= abs(a0)) return false;
    let next: bigint[] = [];
    for (let j = 1; j <= m; j++) next.push(an * p[j]! - a0 * p[m - j]!);
    const d = leads.length >= 2 ? leads[leads.length - 1]! : 1n;
    const quotients = next.map((x) => x / d);
    if (quotients.every((x, j) => x * d === next[j])) next = quotients;
    else {
      let g = 0n;
      for (const x of next) g = Q.gcd(g, x);
      if (g > 1n) next = next.map((x) => x / g);
    }
    leads.push(an);
    p = next;
  }
  return true;
}

/** det(zI − M) of a rational matrix, coefficients lowest degree first, exactly (through its integer multiple). */
export function rationalCharacteristicPolynomial(entries: Q.Rational[], n: number): Q.Rational[] {
  const { data: A, den: D } = scaledOf(n, n, entries);
  // det(zI − A/D) = D^(−n) det(D z I − A): coefficient j is a_j · D^(j − n).
  return integerCharacteristicPolynomial(A, n).map((a, j) => Q.rat(a, D ** BigInt(n - j)));
}

/** Faddeev–LeVerrier over the integers: c_{n−k} = −tr(A·M_k)/k is an integer. */
function integerCharacteristicPolynomial(A: bigint[], n: number): bigint[] {
  const coefficients: bigint[] = new Array(n + 1).fill(0n);
  coefficients[n] = 1n;
  let Mk: bigint[] = new Array(n * n).fill(0n);
  for (let k = 1; k <= n; k++) {
    const shifted = Mk.map((x, idx) => (idx % (n + 1) === 0 ? x + coefficients[n - k + 1]! : x));
    const AM: bigint[] = new Array(n * n).fill(0n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0n;
        for (let l = 0; l < n; l++) s += A[i * n + l]! * shifted[l * n + j]!;
        AM[i * n + j] = s;
      }
    let tr = 0n;
    for (let i = 0; i < n; i++) tr += AM[i * n + i]!;
    coefficients[n - k] = -tr / BigInt(k);
    Mk = AM;
  }
  return coefficients;
}

/** The inverse by Gauss–Jordan elimination on certainly nonzero pivots (a singular matrix has none: undecidable). */
export function inverse<N>(pa: Arithmetic<N>, m: CMatrix<N>): CMatrix<N> {
  square(m, 'inv');
  const n = m.rows;
  const zero = pa.ofRational(Q.ZERO);
  const one = pa.ofRational(Q.ONE);
  const a = m.data.slice();
  const inv: N[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv.push(i === j ? one : zero);
  for (let c = 0; c < n; c++) {
    let pivot = -1;
    for (let r = c; r < n && pivot < 0; r++) if (pa.zero(a[r * n + c]!) === 'nonzero') pivot = r;
    if (pivot < 0) throw new Undecidable('the inverse of a matrix that may be singular');
    if (pivot !== c)
      for (let k = 0; k < n; k++) {
        [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[c * n + k]!];
        [inv[c * n + k], inv[pivot * n + k]] = [inv[pivot * n + k]!, inv[c * n + k]!];
      }
    const p = a[c * n + c]!;
    for (let k = 0; k < n; k++) {
      a[c * n + k] = pa.div(a[c * n + k]!, p);
      inv[c * n + k] = pa.div(inv[c * n + k]!, p);
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c]!;
      if (pa.zero(f) === 'zero') continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] = pa.sub(a[r * n + k]!, pa.mul(f, a[c * n + k]!));
        inv[r * n + k] = pa.sub(inv[r * n + k]!, pa.mul(f, inv[c * n + k]!));
      }
    }
  }
  return { rows: n, cols: n, data: inv };
}

/**
 * Do all roots of the real polynomial (exact rational coefficients, lowest degree first) lie
 * strictly left of the line Re z = c? The Routh–Hurwitz test on p(z + c): 1 when every entry of
 * the first column of the Routh array has the leading coefficient's sign (all roots left), 0 when
 * the signs change with no zero entry (that many roots strictly right), undefined when an entry is
 * 0 (a root on the line, or a singular array).
 */
export function rootsLeftOf(coefficients: Q.Rational[], c: Q.Rational): Truth3 {
  // Taylor shift: the coefficients of p(z + c), by repeated synthetic division.
  const a = coefficients.slice();
  const n = a.length - 1;
  for (let i = 0; i < n; i++) for (let j = n - 1; j >= i; j--) a[j] = Q.add(a[j]!, Q.mul(c, a[j + 1]!));
  // Highest degree first, as the Routh array reads them.
  const desc = a.slice().reverse();
  let upper = desc.filter((_, k) => k % 2 === 0);
  let lower = desc.filter((_, k) => k % 2 === 1);
  const first: Q.Rational[] = [upper[0]!];
  for (let row = 1; row <= n; row++) {
    const head = lower[0] ?? Q.ZERO;
    // A zero in the first column: some Hurwitz determinant vanishes, so not every root lies strictly left of c.
    if (Q.isZero(head)) return 0;
    first.push(head);
    const next: Q.Rational[] = [];
    for (let k = 0; k < upper.length - 1; k++)
      next.push(Q.sub(upper[k + 1]!, Q.div(Q.mul(upper[0]!, lower[k + 1] ?? Q.ZERO), head)));
    upper = lower;
    lower = next;
  }
  const s = Q.sign(first[0]!);
  return first.every((x) => Q.sign(x) === s) ? 1 : 0;
}
