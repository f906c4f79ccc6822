/**
 * The elementary functions in certified arithmetic: each one's exact values where they are
 * algebraic (at 0, or log at 1) and its enclosure elsewhere. A function with no certified
 * enclosure here makes the value undecidable, never approximate.
 */
import * as Q from './rational';
import { asGaussian, isFormallyZero } from './radical';
import { Undecidable, intervalsAt, type Box, type IntervalArithmetic } from './interval';
import type { CNum, PointArithmetic } from './number';

interface CertifiedFunction {
  /** The value at exactly 0, when algebraic. */
  atZero?: Q.Rational;
  /** The enclosure of the function over a box. */
  box(iv: IntervalArithmetic, x: Box): Box;
}

const realOnly = (name: string, f: (iv: IntervalArithmetic, x: Box) => Box) => (iv: IntervalArithmetic, x: Box) => {
  if (!iv.isReal(x)) throw new Undecidable(`${name} of a complex value`);
  return f(iv, x);
};

const CERTIFIED: Record<string, CertifiedFunction> = {
  exp: { atZero: Q.ONE, box: (iv, x) => iv.boxExp(x) },
  log: {
    box: realOnly('log', (iv, x) =>
      x.re.hi.lt(0) ? { re: iv.log(iv.neg(x.re)), im: iv.pi() } : iv.real(iv.log(x.re)),
    ),
  },
  sin: { atZero: Q.ZERO, box: realOnly('sin', (iv, x) => iv.real(iv.sin(x.re))) },
  cos: { atZero: Q.ONE, box: realOnly('cos', (iv, x) => iv.real(iv.cos(x.re))) },
  tan: { atZero: Q.ZERO, box: realOnly('tan', (iv, x) => iv.real(iv.div(iv.sin(x.re), iv.cos(x.re)))) },
  atan: { atZero: Q.ZERO, box: realOnly('atan', (iv, x) => iv.real(iv.atan(x.re))) },
  sinh: { atZero: Q.ZERO, box: realOnly('sinh', (iv, x) => iv.real(iv.sinh(x.re))) },
  cosh: { atZero: Q.ONE, box: realOnly('cosh', (iv, x) => iv.real(iv.cosh(x.re))) },
  tanh: { atZero: Q.ZERO, box: realOnly('tanh', (iv, x) => iv.real(iv.tanh(x.re))) },
  sech: { atZero: Q.ONE, box: realOnly('sech', (iv, x) => iv.real(iv.div(iv.point(1), iv.cosh(x.re)))) },
  erf: { atZero: Q.ZERO, box: realOnly('erf', (iv, x) => iv.real(iv.erf(x.re))) },
};

/**
 * f(x) in certified arithmetic; log(1) = 0, and sin, cos at integer and half-integer multiples of
 * π, exactly too. Elsewhere, at an exact x, f(x) is an atom of the exact arithmetic (radical.ts).
 */
export function applyFunction(pa: PointArithmetic, name: string, x: CNum): CNum {
  const f = CERTIFIED[name];
  if (!f) throw new Undecidable(`${name} has no certified form`);
  const box = (iv: IntervalArithmetic) => f.box(iv, x.box(iv));
  if (!x.exact) return pa.approx(box);
  const g = asGaussian(x.exact);
  if (f.atZero && isFormallyZero(x.exact)) return pa.ofRational(f.atZero);
  if (name === 'log' && g && Q.gEq(g, Q.G_ONE)) return pa.ofRational(Q.ZERO);
  // exp(log b) = b for every b ≠ 0 (the principal logarithm), and log(exp b) = b for a real b: a
  // maximiser written as log(y/(1 − y)) puts e^x back at y/(1 − y).
  const inner = pa.field.atomApplication(x.exact);
  if (name === 'exp' && inner?.name === 'log' && !isFormallyZero(inner.argument)) return pa.ofExact(inner.argument);
  if (name === 'log' && inner?.name === 'exp' && pa.field.certainlyReal(inner.argument, intervalsAt(24)))
    return pa.ofExact(inner.argument);
  const ofPi = pa.field.atomMultiple(x.exact);
  if (ofPi?.key === PI_KEY && (name === 'sin' || name === 'cos')) {
    const twice = Q.mul(ofPi.factor, Q.rat(2n));
    if (twice.d === 1n) {
      // sin(kπ/2), cos(kπ/2) for an integer k: 0 or ±1.
      const k = Number(((twice.n % 4n) + 4n) % 4n) + (name === 'cos' ? 1 : 0);
      return pa.ofRational(Q.rat([0n, 1n, 0n, -1n][k % 4]!));
    }
  }
  try {
    return pa.ofExact(pa.field.atom(name, x.exact, box));
  } catch (e) {
    // Past the bound on distinct roots and atoms: the enclosure alone.
    if (!(e instanceof Undecidable)) throw e;
    return pa.approx(box);
  }
}

/** The atom keys of π (an atom of no argument) and of e = exp(1). */
const PI_KEY = 'pi()';
export const E_KEY = 'exp(0:1/1:0/1)';
