/**
 * Exact root placement for rational polynomials: Sturm counts of real roots and Cayley-mapped
 * counts of roots on a circle, against polynomials built from their roots.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Q from '../src/certified/rational';
import * as P from '../src/certified/rational-polynomial';
import { rateOfAffineMap } from '../src/kinds/support/exact-rate';

const q = (n: number, d = 1) => Q.rat(BigInt(n), BigInt(d));
/** ∏ (z − rᵢ) times ∏ (z² − 2aᵢz + bᵢ) (a conjugate pair with real part a and modulus² b), lowest degree first. */
function fromRoots(real: Q.Rational[], pairs: Array<[Q.Rational, Q.Rational]> = []): Q.Rational[] {
  let p: Q.Rational[] = [Q.ONE];
  const times = (f: Q.Rational[]) => {
    const out: Q.Rational[] = new Array(p.length + f.length - 1).fill(Q.ZERO);
    p.forEach((a, i) => f.forEach((b, j) => (out[i + j] = Q.add(out[i + j]!, Q.mul(a, b)))));
    p = out;
  };
  for (const r of real) times([Q.neg(r), Q.ONE]);
  for (const [a, b] of pairs) times([b, Q.mul(q(-2), a), Q.ONE]);
  return p;
}

describe('rational polynomials', () => {
  it('divides with remainder and finds monic gcds', () => {
    const a = fromRoots([q(1), q(2), q(-3)]);
    const b = fromRoots([q(2), q(5)]);
    expect(P.gcd(a, b).map(Q.ratText)).toEqual(['-2', '1']);
    const { quotient, remainder } = P.divide(a, fromRoots([q(1)]));
    expect(remainder).toEqual([]);
    expect(quotient.map(Q.ratText)).toEqual(fromRoots([q(2), q(-3)]).map(Q.ratText));
    expect(() => P.divide(a, [Q.ZERO])).toThrow(RangeError);
  });

  it('counts distinct real roots (Sturm), repeated roots once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 }),
        (roots, complexPairs) => {
          const pairs = Array.from({ length: complexPairs }, (_, k): [Q.Rational, Q.Rational] => [
            q(k),
            q(k * k + 1 + k),
          ]);
          const p = fromRoots(
            roots.map((r) => q(r, 2)),
            pairs,
          );
          expect(P.distinctRealRoots(p)).toBe(new Set(roots).size);
        },
      ),
    );
  });

  it('counts the distinct roots on a circle, ±r and complex pairs among them', () => {
    const r = q(1, 2);
    // (3 ± 4i)/10 has modulus 1/2; (3 ± 4i)/5 has modulus 1; 1/2 and −1/2 lie on the circle, 1/3 inside.
    expect(P.distinctRootsOnCircle(fromRoots([q(1, 2), q(-1, 2), q(1, 3)], [[q(3, 10), q(1, 4)]]), r)).toBe(4);
    expect(P.distinctRootsOnCircle(fromRoots([q(1, 3)], [[q(3, 5), q(1)]]), r)).toBe(0);
    expect(
      P.distinctRootsOnCircle(
        fromRoots(
          [q(-1, 2), q(-1, 2)],
          [
            [q(3, 10), q(1, 4)],
            [q(3, 10), q(1, 4)],
          ],
        ),
        r,
      ),
    ).toBe(3);
  });
});

describe('the rate of an affine map, decided exactly', () => {
  // x ↦ Mx + c as an exact step, for 2×2 M given by rows.
  const affine = (m: Q.Rational[][], c: Q.Rational[]) => (x: Q.Rational[]) =>
    m.map((row, i) => row.reduce((s, a, j) => Q.add(s, Q.mul(a, x[j]!)), c[i]!));
  const half = q(1, 2);
  it('bounds the ratio when the eigenvalues the start excites lie inside, or on the circle and simple', () => {
    const rotation = affine(
      [
        [q(3, 10), q(-2, 5)],
        [q(2, 5), q(3, 10)],
      ],
      [Q.ZERO, Q.ZERO],
    );
    expect(rateOfAffineMap(rotation, [Q.ZERO, Q.ZERO], [Q.ONE, q(1, 3)], half)?.met).toBe(true);
    expect(rateOfAffineMap(rotation, [Q.ZERO, Q.ZERO], [Q.ONE, q(1, 3)], q(49, 100))?.met).toBe(false);
  });
  it('finds a Jordan block on the circle, a root beyond it, and a point that is not fixed', () => {
    const jordan = affine(
      [
        [half, Q.ONE],
        [Q.ZERO, half],
      ],
      [Q.ZERO, Q.ZERO],
    );
    expect(rateOfAffineMap(jordan, [Q.ZERO, Q.ZERO], [Q.ONE, Q.ONE], half)).toMatchObject({
      met: false,
      summary: expect.stringContaining('repeated'),
    });
    // On the eigenvector the block acts as ½: bounded.
    expect(rateOfAffineMap(jordan, [Q.ZERO, Q.ZERO], [Q.ONE, Q.ZERO], half)?.met).toBe(true);
    expect(rateOfAffineMap(jordan, [Q.ZERO, Q.ZERO], [Q.ONE, Q.ONE], q(501, 1000))?.met).toBe(true);
    const saddle = affine(
      [
        [half, Q.ZERO],
        [Q.ZERO, q(1001, 1000)],
      ],
      [Q.ZERO, Q.ZERO],
    );
    expect(rateOfAffineMap(saddle, [Q.ZERO, Q.ZERO], [Q.ONE, q(1, 10 ** 12)], q(9, 10))).toMatchObject({
      met: false,
      summary: expect.stringContaining('above'),
    });
    const shifted = affine(
      [
        [half, Q.ZERO],
        [Q.ZERO, half],
      ],
      [Q.ONE, Q.ZERO],
    );
    expect(rateOfAffineMap(shifted, [Q.ZERO, Q.ZERO], [Q.ONE, Q.ONE], q(9, 10))).toMatchObject({
      met: false,
      summary: expect.stringContaining('no fixed point'),
    });
    expect(rateOfAffineMap(shifted, [q(2), Q.ZERO], [Q.ONE, Q.ONE], half)?.met).toBe(true);
  });
});
