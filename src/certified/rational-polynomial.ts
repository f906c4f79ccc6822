/**
 * Univariate polynomials with exact rational coefficients, lowest degree first: the division,
 * gcd and Sturm counts that decide where roots lie without computing them.
 */
import * as Q from './rational';
import { rootsInsideDisk } from './matrix';
import { PointArithmetic } from './number';

export type RationalPolynomial = Q.Rational[];

/** Without leading zero coefficients (the zero polynomial is []). */
function trim(p: RationalPolynomial): RationalPolynomial {
  let d = p.length;
  while (d > 0 && Q.isZero(p[d - 1]!)) d--;
  return p.slice(0, d);
}

export const degree = (p: RationalPolynomial) => trim(p).length - 1;

const evaluate = (p: RationalPolynomial, z: Q.Rational) => p.reduceRight((s, c) => Q.add(Q.mul(s, z), c), Q.ZERO);

export const derivative = (p: RationalPolynomial) => p.slice(1).map((c, j) => Q.mul(c, Q.rat(BigInt(j + 1))));

/** Quotient and remainder of a by b (b nonzero). */
export function divide(
  a: RationalPolynomial,
  b: RationalPolynomial,
): { quotient: RationalPolynomial; remainder: RationalPolynomial } {
  const divisor = trim(b);
  let rest = trim(a);
  const db = divisor.length - 1;
  if (db < 0) throw new RangeError('division by the zero polynomial');
  const quotient: Q.Rational[] = new Array(Math.max(0, rest.length - db)).fill(Q.ZERO);
  const lead = divisor[db]!;
  while (rest.length - 1 >= db) {
    const shift = rest.length - 1 - db;
    const f = Q.div(rest[rest.length - 1]!, lead);
    quotient[shift] = f;
    rest = trim(rest.map((c, j) => (j >= shift && j - shift <= db ? Q.sub(c, Q.mul(f, divisor[j - shift]!)) : c)));
  }
  return { quotient: trim(quotient), remainder: rest };
}

/** The monic greatest common divisor. */
export function gcd(a: RationalPolynomial, b: RationalPolynomial): RationalPolynomial {
  let x = trim(a);
  let y = trim(b);
  while (y.length > 0) [x, y] = [y, divide(x, y).remainder];
  if (x.length === 0) return [];
  const lead = x[x.length - 1]!;
  return x.map((c) => Q.div(c, lead));
}

/** p with each root once (p divided by gcd(p, p′)). */
export const squarefree = (p: RationalPolynomial) => divide(p, gcd(p, derivative(p))).quotient;

/** How many distinct real roots p has (Sturm's theorem: sign changes of the Sturm sequence at −∞ and +∞). */
export function distinctRealRoots(p: RationalPolynomial): number {
  let a = squarefree(p);
  if (a.length <= 1) return 0;
  let b = derivative(a);
  const sequence = [a, b];
  while (b.length > 1) {
    const r = divide(a, b).remainder.map(Q.neg);
    if (r.length === 0) break;
    sequence.push(r);
    [a, b] = [b, r];
  }
  const changes = (signs: number[]) =>
    signs.filter((s, i) => i > 0 && s !== 0 && signs[i - 1] !== 0 && s !== signs[i - 1]).length;
  const atPlus = sequence.map((q) => Q.sign(q[q.length - 1]!));
  const atMinus = sequence.map((q) => Q.sign(q[q.length - 1]!) * ((q.length - 1) % 2 === 0 ? 1 : -1));
  return changes(atMinus) - changes(atPlus);
}

/**
 * How many distinct roots the real polynomial p has on the circle |z| = r: the Cayley map
 * z = r(1 + it)/(1 − it) sends the real line onto the circle without −r, so they are the real
 * roots t of (1 − it)^d p(z(t)) — the common real roots of its real and imaginary parts — and −r.
 */
export function distinctRootsOnCircle(p: RationalPolynomial, r: Q.Rational): number {
  const s = squarefree(p);
  const d = s.length - 1;
  if (d < 1) return 0;
  // (1 + it)^j (1 − it)^(d−j) as Gaussian coefficients in t, lowest degree first.
  const power = (sign: 1 | -1, k: number): Q.Gaussian[] => {
    let out: Q.Gaussian[] = [Q.G_ONE];
    for (let i = 0; i < k; i++) {
      const next: Q.Gaussian[] = new Array(out.length + 1).fill(Q.G_ZERO);
      out.forEach((c, j) => {
        next[j] = Q.gAdd(next[j]!, c);
        next[j + 1] = Q.gAdd(next[j + 1]!, Q.gMul(c, Q.gauss(Q.ZERO, Q.rat(BigInt(sign)))));
      });
      out = next;
    }
    return out;
  };
  const mapped: Q.Gaussian[] = new Array(d + 1).fill(Q.G_ZERO);
  let rj = Q.ONE;
  for (let j = 0; j <= d; j++) {
    const plus = power(1, j);
    const minus = power(-1, d - j);
    const scale = Q.mul(s[j]!, rj);
    plus.forEach((a, i) =>
      minus.forEach((b, k) => (mapped[i + k] = Q.gAdd(mapped[i + k]!, Q.gMul(Q.gauss(scale), Q.gMul(a, b))))),
    );
    rj = Q.mul(rj, r);
  }
  const common = gcd(
    mapped.map((c) => c.re),
    mapped.map((c) => c.im),
  );
  const atMinusR = Q.isZero(evaluate(s, Q.neg(r))) ? 1 : 0;
  return distinctRealRoots(common) + atMinusR;
}

/** Whether some root of p lies strictly outside the circle |z| = r (r > 0), exactly. */
export function someRootBeyond(p: RationalPolynomial, r: Q.Rational): boolean {
  const q = squarefree(p);
  if (insideDisk(q, r)) return false;
  // Not all inside the open disk: some root is on the circle or beyond it.
  if (distinctRootsOnCircle(q, r) === 0) return true;
  // The roots λ with r²/λ̄ a root too: those on the circle, and pairs of which one lies beyond it.
  const reciprocal = q.map((_, j) => Q.mul(q[q.length - 1 - j]!, power(r, 2 * (q.length - 1 - j))));
  const paired = squarefree(gcd(q, reciprocal));
  if (distinctRootsOnCircle(paired, r) < degree(paired)) return true;
  const rest = divide(q, paired).quotient;
  return rest.length > 1 && !insideDisk(rest, r);
}

/** All roots strictly inside the disk |z| < r (Schur–Cohn, exact). */
export function insideDisk(p: Q.Rational[], r: Q.Rational): boolean {
  const pa = new PointArithmetic();
  return (
    rootsInsideDisk(
      pa,
      p.map((c) => pa.ofRational(c)),
      pa.ofRational(r),
    ) === 1
  );
}

function power(q: Q.Rational, k: number): Q.Rational {
  let out = Q.ONE;
  for (let i = 0; i < k; i++) out = Q.mul(out, q);
  return out;
}
