/**
 * The certified core: exact rationals and roots, enclosures that always contain the true value,
 * and decisions that are certain or absent (never a rounded guess).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMath } from '../src/expr/mathjs-parser';
import * as Q from '../src/certified/rational';
import * as S from '../src/certified/scaled';
import { rationalSpectralRadiusBelow } from '../src/certified/matrix';
import { evaluateCertified, type Truth3 } from '../src/certified/evaluate';
import { PointArithmetic } from '../src/certified/number';
import { FastArithmetic } from '../src/certified/fast';
import type { Arithmetic } from '../src/certified/arithmetic';
import { intervalsAt } from '../src/certified/interval';
import { rationalDegree } from '../src/certified/degree';

function valueIn<N>(pa: Arithmetic<N>, expr: string, values: Record<string, string>) {
  return evaluateCertified(parseMath(expr), {
    pa,
    resolve: (n) =>
      values[n] !== undefined ? { kind: 'scalar', v: pa.ofRational(Q.ofDecimal(values[n])!) } : undefined,
  });
}
const zeroOf = (expr: string, values: Record<string, string> = {}) => {
  const pa = new PointArithmetic();
  const v = valueIn(pa, expr, values);
  if (v.kind !== 'scalar') throw new Error('not a scalar');
  return pa.zero(v.v);
};
const truthOf = (expr: string, values: Record<string, string> = {}): Truth3 => {
  const v = valueIn(new PointArithmetic(), expr, values);
  if (v.kind !== 'truth') throw new Error('not a condition');
  return v.t;
};

describe('exact rationals', () => {
  it('reads a decimal as the rational it writes, not as the double nearest it', () => {
    expect(Q.ofDecimal('0.4')).toEqual(Q.rat(2n, 5n));
    expect(Q.ofDecimal('-1e-10')).toEqual(Q.rat(-1n, 10n ** 10n));
    expect(Q.eq(Q.ofDouble(0.4), Q.rat(2n, 5n))).toBe(false);
    expect(Q.ratText(Q.rat(2n, 5n))).toBe('0.4');
    expect(Q.ratText(Q.rat(1n, 3n))).toBe('1/3');
  });
  it('takes integer square roots exactly, for numbers of any size', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 60n }), (n) => {
        const r = Q.isqrt(n);
        return r * r <= n && (r + 1n) * (r + 1n) > n;
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});

describe('exact numbers with square roots', () => {
  it('proves identities with roots exactly, and refutes rewrites that hold only for positive arguments', () => {
    expect(zeroOf('sqrt(x*y) - sqrt(x)*sqrt(y)', { x: '2.5', y: '0.4' })).toBe('zero');
    expect(zeroOf('sqrt(x*y) - sqrt(x)*sqrt(y)', { x: '-1', y: '-1' })).toBe('nonzero');
    expect(zeroOf('sqrt(4*x) - 2*sqrt(x)', { x: '0.731' })).toBe('zero');
    expect(zeroOf('(x + sqrt(x^2-1))*(x - sqrt(x^2-1)) - 1', { x: '0.3' })).toBe('zero');
    expect(zeroOf('1/(1+sqrt(2)) - (sqrt(2) - 1)')).toBe('zero');
    expect(zeroOf('((1+x)^2 - 1 - 2*x)/x^2 - 1', { x: '0.00000001' })).toBe('zero');
  });
  it('tells a difference far below floating point from zero', () => {
    expect(zeroOf('(a*d - b*c)*(1 + 1e-10) - (a*d - b*c)', { a: '1.5', b: '0.25', c: '2', d: '3' })).toBe('nonzero');
    expect(zeroOf('pi*r^2 - 3.14159265359*r^2', { r: '1.5' })).toBe('nonzero');
    expect(truthOf('sqrt(1 - 2^(-54)) < 1')).toBe(1);
    expect(truthOf('sqrt(x^2 + 1) - x > 0', { x: '1000000000' })).toBe(1);
  });
  it('agrees on transcendental identities without calling them exact', () => {
    expect(zeroOf('cosh(x)^2 - sinh(x)^2 - 1', { x: '30' })).toBe('close');
    expect(zeroOf('log(x/2) - log(x) + log(2)', { x: '2.7' })).toBe('close');
    expect(zeroOf('exp(0) - 1')).toBe('zero');
  });
  it('reads exp(log b) as b, and log(exp b) as b for a real b', () => {
    expect(zeroOf('exp(log(x)) - x', { x: '2.7' })).toBe('zero');
    expect(zeroOf('exp(log(x/(1 - x))) - x/(1 - x)', { x: '0.3' })).toBe('zero');
    expect(zeroOf('log(exp(x)) - x', { x: '-1.25' })).toBe('zero');
    expect(zeroOf('exp(log(x)) - x - 1e-40', { x: '2.7' })).toBe('nonzero');
    // log(exp(b)) is b only where Im b is in (−π, π]: for b = 4i it is (4 − 2π)i.
    expect(zeroOf('log(exp(4*i)) - 4*i')).not.toBe('zero');
  });
});

describe('enclosures', () => {
  const iv = intervalsAt(24);
  it('contain the true value of elementary functions', () => {
    for (const x of [-3, -0.5, 0.1, 1, 2.5, 30]) {
      const p = iv.point(x);
      // Math's value is within an ulp of the true one.
      const contains = (e: { lo: { toNumber(): number }; hi: { toNumber(): number } }, v: number) =>
        e.lo.toNumber() <= v + Math.abs(v) * 1e-15 && e.hi.toNumber() >= v - Math.abs(v) * 1e-15;
      expect(contains(iv.exp(p), Math.exp(x))).toBe(true);
      expect(contains(iv.sin(p), Math.sin(x))).toBe(true);
      expect(contains(iv.cos(p), Math.cos(x))).toBe(true);
      expect(contains(iv.atan(p), Math.atan(x))).toBe(true);
    }
    const crest = iv.sin({ lo: iv.point(1.5).lo, hi: iv.point(1.7).hi });
    expect(crest.hi.toNumber()).toBe(1);
  });
  it('of exp and ln over a narrow interval (bounded from one end) contain the values at both ends', () => {
    const fine = intervalsAt(60);
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: 9, max: 22 }), (x, k) => {
        const lo = iv.point(x).lo;
        const hi = lo.plus(lo.abs().plus(1).times(`1e-${k}`));
        const at = { lo, hi };
        const inside = (
          e: { lo: { lte(v: unknown): boolean }; hi: { gte(v: unknown): boolean } },
          v: { lo: unknown; hi: unknown },
        ) => e.lo.lte(v.lo) && e.hi.gte(v.hi);
        expect(inside(iv.exp(at), fine.exp(fine.point(lo)))).toBe(true);
        expect(inside(iv.exp(at), fine.exp(fine.point(hi)))).toBe(true);
        if (lo.gt(0)) {
          expect(inside(iv.log(at), fine.log(fine.point(lo)))).toBe(true);
          expect(inside(iv.log(at), fine.log(fine.point(hi)))).toBe(true);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
  it('the fast double intervals contain the exact value, and decide only clear signs', () => {
    const fast = new FastArithmetic();
    const v = valueIn(fast, 'exp(-t)/(1 + exp(-t))', { t: '25.123' });
    expect(v.kind === 'scalar' && fast.sign(v.v)).toBe(1);
    const z = valueIn(fast, '(x + 10000000000000000) - 10000000000000000', { x: '0.5' });
    expect(z.kind === 'scalar' && fast.sign(z.v)).toBeUndefined();
    // Exact arithmetic then decides it.
    expect(truthOf('(x + 10000000000000000) - 10000000000000000 > 0', { x: '0.5' })).toBe(1);
  });
});

describe('matrices', () => {
  it('decides definiteness and eigenvalue bounds exactly, with no tolerance', () => {
    expect(truthOf('psd([[1, 0], [0, -0.00000000001*x]])', { x: '1' })).toBe(0);
    expect(truthOf('pd([[1, 0], [0, 0.000000000001*x]])', { x: '1' })).toBe(1);
    expect(truthOf('psd([[1, 1], [1, 1]])')).toBe(1);
    expect(truthOf('pd([[1, 1], [1, 1]])')).toBe(0);
    expect(truthOf('spectralRadius([[a, b], [a, b]]) > 0', { a: '0.7', b: '-0.7' })).toBe(0);
    expect(truthOf('max(eigenvalues([[1, 1, 0], [1, 1, 0], [0, 0, -1]])) <= 2')).toBe(1);
    expect(truthOf('max(eigenvalues([[1, 1, 0], [1, 1, 0], [0, 0, -1]])) < 2')).toBe(0);
    expect(truthOf('eigenvalues([[1, 1, 0], [1, 1, 0], [0, 0, -1]]) >= -1')).toBe(1);
  });
});

describe('degree bounds for the identity argument', () => {
  it('bounds each variable of a rational function, counting a root as half its radicand', () => {
    const b = rationalDegree(parseMath('(x^2*y + 1)/(x - y) - sqrt(x^4 + y)'))!;
    expect(b.num.get('x')).toBeGreaterThanOrEqual(3);
    expect(rationalDegree(parseMath('exp(x) - 1'))).toBeUndefined();
    expect(rationalDegree(parseMath('2^n'))).toBeUndefined();
  });
});

describe('spectral radius beyond closed forms', () => {
  it('decides ρ(M) < c exactly by the Schur–Cohn test on the characteristic polynomial', () => {
    // Eigenvalues 0.5, −0.9, 0.2 (triangular, then hidden by a similarity with the permutation).
    const M = '[[0.2, 0, 0], [1, 0.5, 0], [3, 2, -0.9]]';
    expect(truthOf(`spectralRadius(${M}) < 1`)).toBe(1);
    expect(truthOf(`spectralRadius(${M}) < 0.9`)).toBe(0);
    expect(truthOf(`spectralRadius(${M}) >= 0.9`)).toBe(1);
    expect(truthOf(`spectralRadius(${M}) < 0.91`)).toBe(1);
    // A rotation by 90° in the plane: ρ = 1 exactly, so ρ < 1 is false.
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 0.5]]) < 1')).toBe(0);
    // For a rational matrix also ≤, >, = and ≠: the eigenvalues ±i lie on the unit circle (Sturm
    // counts through the Cayley map), 1/2 inside.
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 0.5]]) <= 1')).toBe(1);
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 0.5]]) == 1')).toBe(1);
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 0.5]]) > 1')).toBe(0);
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 2]]) == 1')).toBe(0);
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 2]]) > 1')).toBe(1);
    expect(truthOf('spectralRadius([[0, -1, 0], [1, 0, 0], [0, 0, 0.5]]) <= 0.99')).toBe(0);
  });

  it('agrees with the known spectral radius of hidden block matrices up to 9×9, at radii just either side', () => {
    const small = fc
      .tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 30 }))
      .map(([p, q]) => Q.rat(BigInt(p), BigInt(q)));
    const blocks = fc.array(fc.oneof(fc.tuple(small), fc.tuple(small, small)), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        blocks,
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 81, maxLength: 81 }),
        fc.integer({ min: -2, max: 2 }),
        (bs, mix, shift) => {
          const n = Math.min(
            9,
            bs.reduce((k, b) => k + b.length, 0),
          );
          const B: Q.Rational[] = Array(n * n).fill(Q.ZERO);
          let radius2 = Q.ZERO;
          let k = 0;
          for (const b of bs) {
            if (k + b.length > n) break;
            const [a, c] = [b[0], b[1]];
            B[k * n + k] = a;
            const r2 = c ? Q.add(Q.mul(a, a), Q.mul(c, c)) : Q.mul(a, a);
            if (c) [B[k * n + k + 1], B[(k + 1) * n + k], B[(k + 1) * n + k + 1]] = [c, Q.neg(c), a];
            if (Q.cmp(r2, radius2) > 0) radius2 = r2;
            k += b.length;
          }
          // Hidden by U·B·U⁻¹ with U unit upper triangular (integer, exact inverse).
          const U = S.scaledOf(
            n,
            n,
            Array.from({ length: n * n }, (_, idx) =>
              idx % (n + 1) === 0 ? Q.ONE : Math.floor(idx / n) < idx % n ? Q.rat(BigInt(mix[idx]!)) : Q.ZERO,
            ),
          );
          const M = S.rationalsOf(
            S.scaledMul(S.scaledMul(U, S.scaledOf(n, n, B.slice(0, n * n))), S.scaledInverse(U)!),
          );
          // c within a few thousandths of ρ, on either side (or at it, when ρ is a multiple of 1/1000).
          const c = Q.rat(Q.isqrt((radius2.n * 1_000_000n) / radius2.d) + BigInt(shift), 1000n);
          if (c.n <= 0n) return;
          expect(rationalSpectralRadiusBelow(M, n, c)).toBe(Q.cmp(radius2, Q.mul(c, c)) < 0);
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('the complex logarithm', () => {
  it('is the principal branch: log(exp(i·x)) is i·x only for |x| < π', () => {
    const fast = new FastArithmetic();
    const near = valueIn(fast, 'log(exp(x*i)) - x*i', { x: '1.5' });
    expect(near.kind === 'scalar' && fast.zero(near.v)).toBeUndefined();
    const far = valueIn(fast, 'log(exp(x*i)) - x*i', { x: '3.7' });
    expect(far.kind === 'scalar' && fast.zero(far.v)).toBe('nonzero');
    const negative = valueIn(fast, 'im(log(x))', { x: '-2' });
    expect(negative.kind === 'scalar' && fast.sign(fast.sub(negative.v, fast.pi()))).toBeUndefined();
  });
});

describe('the simplest rational in an interval', () => {
  it('has the smallest denominator of the interval, and lies in it', () => {
    const q = (t: string) => Q.ofDecimal(t)!;
    expect(Q.ratText(Q.simplestBetween(q('0.33333'), q('0.33334')))).toBe('1/3');
    expect(Q.ratText(Q.simplestBetween(q('-0.166667'), q('-0.1666666')))).toBe('-1/6');
    expect(Q.ratText(Q.simplestBetween(q('-1'), q('2')))).toBe('0');
    expect(Q.ratText(Q.simplestBetween(q('2.5'), q('2.5')))).toBe('2.5');
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, d, w) => {
          const x = Q.rat(BigInt(n), BigInt(d));
          const width = Q.rat(1n, BigInt(1000 * w));
          const s = Q.simplestBetween(Q.sub(x, width), Q.add(x, width));
          expect(Q.cmp(s, Q.sub(x, width)) >= 0 && Q.cmp(s, Q.add(x, width)) <= 0).toBe(true);
          // No smaller denominator fits: x itself has denominator ≤ d.
          expect(s.d <= x.d).toBe(true);
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('integer matrices over a common denominator', () => {
  const ratInverse = (n: number, a: Q.Rational[]): Q.Rational[] | undefined => {
    const m = a.slice();
    const inv = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? Q.ONE : Q.ZERO));
    for (let c = 0; c < n; c++) {
      let p = c;
      while (p < n && Q.isZero(m[p * n + c]!)) p++;
      if (p === n) return undefined;
      for (let k = 0; k < n; k++) {
        [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
        [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k]!, inv[c * n + k]!];
      }
      const d = m[c * n + c]!;
      for (let k = 0; k < n; k++) {
        m[c * n + k] = Q.div(m[c * n + k]!, d);
        inv[c * n + k] = Q.div(inv[c * n + k]!, d);
      }
      for (let r = 0; r < n; r++) {
        if (r === c) continue;
        const f = m[r * n + c]!;
        for (let k = 0; k < n; k++) {
          m[r * n + k] = Q.sub(m[r * n + k]!, Q.mul(f, m[c * n + k]!));
          inv[r * n + k] = Q.sub(inv[r * n + k]!, Q.mul(f, inv[c * n + k]!));
        }
      }
    }
    return inv;
  };
  const entry = fc
    .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 12 }))
    .map(([p, q]) => Q.rat(BigInt(p), BigInt(q)));
  const square = fc
    .integer({ min: 1, max: 6 })
    .chain((n) => fc.tuple(fc.constant(n), fc.array(entry, { minLength: n * n, maxLength: n * n })));

  it('inverts exactly as Gauss–Jordan over the rationals does, singular matrices included', () => {
    fc.assert(
      fc.property(square, ([n, a]) => {
        const expected = ratInverse(n, a);
        const got = S.scaledInverse(S.scaledOf(n, n, a));
        expect(got === undefined).toBe(expected === undefined);
        if (got && expected) expect(S.rationalsOf(got).map(Q.ratText)).toEqual(expected.map(Q.ratText));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('multiplies and transposes as the rationals do', () => {
    fc.assert(
      fc.property(square, square, ([n, a], [, b0]) => {
        const b = b0.slice(0, n * n).concat(Array(Math.max(0, n * n - b0.length)).fill(Q.ONE));
        const product = S.rationalsOf(S.scaledMul(S.scaledOf(n, n, a), S.scaledTranspose(S.scaledOf(n, n, b))));
        const expected = Array.from({ length: n * n }, (_, k) => {
          const [i, j] = [Math.floor(k / n), k % n];
          let s = Q.ZERO;
          for (let l = 0; l < n; l++) s = Q.add(s, Q.mul(a[i * n + l]!, b[j * n + l]!));
          return s;
        });
        expect(product.map(Q.ratText)).toEqual(expected.map(Q.ratText));
      }),
      { numRuns: 200, seed: 8 },
    );
  });
});

describe('grid methods, real parts and structural zeros, decided with certificates', () => {
  it('Routh–Hurwitz: all roots left of a line, or not (a root on the line is not left of it)', async () => {
    const { rootsLeftOf } = await import('../src/certified/matrix');
    const Qm = await import('../src/certified/rational');
    const P = (...c: number[]) => c.map((x) => Qm.ofNumber(x));
    // (z + 1)(z + 2)(z + 3), lowest degree first.
    expect(rootsLeftOf(P(6, 11, 6, 1), Qm.ZERO)).toBe(1);
    expect(rootsLeftOf(P(6, 11, 6, 1), Qm.ofNumber(-0.5))).toBe(1);
    expect(rootsLeftOf(P(6, 11, 6, 1), Qm.ofNumber(-2.2))).toBe(0);
    // z² + 1: roots ±i on the line Re z = 0, so not strictly left of it (a zero in the Routh array's first column).
    expect(rootsLeftOf(P(1, 0, 1), Qm.ZERO)).toBe(0);
    // (z + 1)(z² + 1) = z³ + z² + z + 1: the Hurwitz determinant ab − c vanishes.
    expect(rootsLeftOf(P(1, 1, 1, 1), Qm.ZERO)).toBe(0);
    expect(rootsLeftOf(P(1, 0, 1), Qm.ofNumber(0.1))).toBe(1);
    expect(rootsLeftOf(P(1, 0, 1), Qm.ofNumber(-0.1))).toBe(0);
  });

  it('a structural zero: terms that cancel as written, whatever the functions in them', async () => {
    const { structurallyZero } = await import('../src/certified/structural');
    const { parseMath } = await import('../src/expr/mathjs-parser');
    const Qm = await import('../src/certified/rational');
    const values: Record<string, string> = { a: '0.5', b: '0.5', c: '2' };
    const valueOf = (n: string) => (values[n] ? Qm.ofDecimal(values[n]) : undefined);
    const none = () => undefined;
    expect(structurallyZero(parseMath('c*phi((x - a)/c) - c*phi((x - b)/c)'), 'x', valueOf, none)).toBe(true);
    expect(structurallyZero(parseMath('phi(x - 1)/2 + phi(x)/2 - phi(x)/2 - phi(x - 1)/2'), 'x', valueOf, none)).toBe(
      true,
    );
    // Related atoms are not shown equal: exp(2x) = exp(x)² holds, but not structurally.
    expect(structurallyZero(parseMath('exp(2*x) - exp(x)^2'), 'x', valueOf, none)).toBe(false);
    expect(structurallyZero(parseMath('phi(x - a) - phi(x - c)'), 'x', valueOf, none)).toBe(false);
  });
});

describe('erf in certified arithmetic', () => {
  it('encloses erf where 1 − erf(x) is far below double precision (erfc(6) ≈ 2.1520·10⁻¹⁷)', async () => {
    const { intervalsAt } = await import('../src/certified/interval');
    const iv = intervalsAt(24);
    const e = iv.erf(iv.point(6));
    const tail = [Number(iv.sub(iv.point(1), e).lo), Number(iv.sub(iv.point(1), e).hi)];
    expect(tail[0]).toBeGreaterThan(2.1519e-17);
    expect(tail[1]).toBeLessThan(2.1521e-17);
    const small = iv.erf(iv.point('0.001'));
    // erf(x) ≈ 2x/√π for small x.
    expect(Number(small.lo)).toBeCloseTo(0.0011283787, 9);
  });
});
