/**
 * Certified scalars at one point: an exact value (rationals with square roots, see radical.ts)
 * where the operations allow one, and always an enclosure at any requested precision. Decisions
 * (sign, zero) come from the exact value or from an enclosure that excludes 0, with the precision
 * raised before giving up; nothing here rounds a decision.
 */
import * as Q from './rational';
import { RadicalField, asGaussian, constant, isFormallyZero, rationalValue, type Radical } from './radical';
import { IntervalArithmetic, Undecidable, intervalsAt, type Box } from './interval';
import type { Arithmetic, Sign, ZeroAnswer } from './arithmetic';
import { E_KEY, applyFunction } from './functions';

export interface CNum {
  /** The exact value, when the operations that made it allow one. */
  readonly exact?: Radical;
  /** An enclosure at the arithmetic's precision. */
  box(iv: IntervalArithmetic): Box;
}

/** Precisions tried in turn before a decision is given up (significant digits). */
export const PRECISIONS = [24, 60, 150];
/**
 * The last precision is tried only after an enclosure of 0 narrower than this: two values that
 * agree so far may still differ (e^(−70x) beside 1). A wide enclosure is interval blow-up, which
 * more digits do not cure.
 */
const AGREEING = 1e-30;
/**
 * The last precision costs tens of milliseconds a value: each check may reach it this many times
 * (a check sets it with allowDeepPrecision). Past it, agreement at 60 digits is 'close'.
 */
let deepLeft = 16;
export function allowDeepPrecision(times: number): void {
  deepLeft = times;
}

/** The value's enclosures at rising precision (those that could be computed). */
function* enclosures(a: CNum): Generator<[IntervalArithmetic, Box]> {
  let agreeing = true;
  for (const [k, digits] of PRECISIONS.entries()) {
    if (k === PRECISIONS.length - 1 && (!agreeing || deepLeft-- <= 0)) return;
    const iv = intervalsAt(digits);
    let b: Box;
    try {
      b = a.box(iv);
    } catch (e) {
      if (!(e instanceof Undecidable)) throw e;
      continue;
    }
    agreeing = iv.width(b.re).lt(AGREEING) && iv.width(b.im).lt(AGREEING);
    // (Outside the try: what the caller throws at this yield is the caller's.)
    yield [iv, b];
  }
}

function memoBox(f: (iv: IntervalArithmetic) => Box): (iv: IntervalArithmetic) => Box {
  const memo = new Map<number, Box>();
  return (iv) => {
    let b = memo.get(iv.digits);
    if (!b) memo.set(iv.digits, (b = f(iv)));
    return b;
  };
}

/** The arithmetic of certified scalars at one point (one radical field). */
export class PointArithmetic implements Arithmetic<CNum> {
  readonly field = new RadicalField();

  ofExact(r: Radical): CNum {
    return { exact: r, box: memoBox((iv) => this.field.box(r, iv)) };
  }
  ofRational(q: Q.Rational): CNum {
    return this.ofExact(rationalValue(q));
  }
  ofGaussian(g: Q.Gaussian): CNum {
    return this.ofExact(constant(g));
  }
  approx(f: (iv: IntervalArithmetic) => Box): CNum {
    return { box: memoBox(f) };
  }
  pi(): CNum {
    const box = (iv: IntervalArithmetic) => iv.real(iv.pi());
    try {
      return this.ofExact(this.field.atom('pi', new Map(), box));
    } catch (e) {
      if (!(e instanceof Undecidable)) throw e;
      return this.approx(box);
    }
  }
  e(): CNum {
    return this.apply('exp', this.ofRational(Q.ONE));
  }
  rationalOf(a: CNum): Q.Rational | undefined {
    const g = a.exact && asGaussian(a.exact);
    return g && Q.gIsReal(g) ? g.re : undefined;
  }
  apply(name: string, a: CNum): CNum {
    return applyFunction(this, name, a);
  }
  hull(a: CNum, b: CNum, which: 'min' | 'max'): CNum {
    return this.approx((iv) => {
      const ba = a.box(iv);
      const bb = b.box(iv);
      if (!iv.isReal(ba) || !iv.isReal(bb)) throw new Undecidable(`${which} of complex values`);
      return iv.real(which === 'min' ? iv.min(ba.re, bb.re) : iv.max(ba.re, bb.re));
    });
  }

  private lift(
    args: CNum[],
    exact: ((...xs: Radical[]) => Radical) | undefined,
    box: (iv: IntervalArithmetic, ...bs: Box[]) => Box,
  ): CNum {
    if (exact && args.every((a) => a.exact)) {
      try {
        return this.ofExact(exact(...args.map((a) => a.exact!)));
      } catch (e) {
        // Exact arithmetic past its bounds: the enclosure alone still decides what it can.
        if (!(e instanceof Undecidable)) throw e;
      }
    }
    return this.approx((iv) => box(iv, ...args.map((a) => a.box(iv))));
  }
  add(a: CNum, b: CNum): CNum {
    return this.lift(
      [a, b],
      (x, y) => this.field.add(x, y),
      (iv, x, y) => iv.boxAdd(x, y),
    );
  }
  sub(a: CNum, b: CNum): CNum {
    return this.lift(
      [a, b],
      (x, y) => this.field.sub(x, y),
      (iv, x, y) => iv.boxSub(x, y),
    );
  }
  neg(a: CNum): CNum {
    return this.lift(
      [a],
      (x) => this.field.neg(x),
      (iv, x) => iv.boxNeg(x),
    );
  }
  mul(a: CNum, b: CNum): CNum {
    if (a.exact && isFormallyZero(a.exact)) return a;
    if (b.exact && isFormallyZero(b.exact)) return b;
    return this.lift(
      [a, b],
      (x, y) => this.field.mul(x, y),
      (iv, x, y) => iv.boxMul(x, y),
    );
  }
  div(a: CNum, b: CNum): CNum {
    if (b.exact && isFormallyZero(b.exact)) throw new Undecidable('division by zero');
    if (a.exact && b.exact) {
      try {
        return this.ofExact(this.field.div(a.exact, b.exact));
      } catch (e) {
        if (!(e instanceof Undecidable)) throw e;
      }
    }
    return this.approx((iv) => iv.boxDiv(a.box(iv), b.box(iv)));
  }
  powInt(a: CNum, k: number): CNum {
    if (a.exact && Math.abs(k) <= 4096) {
      try {
        return this.ofExact(this.field.powInt(a.exact, k));
      } catch (e) {
        if (!(e instanceof Undecidable)) throw e;
      }
    }
    return this.approx((iv) => {
      let out = iv.real(iv.point(1));
      const b = a.box(iv);
      for (let j = 0; j < Math.abs(k); j++) out = iv.boxMul(out, b);
      return k < 0 ? iv.boxDiv(iv.real(iv.point(1)), out) : out;
    });
  }
  /** a^b: integer and half-integer exponents exactly; otherwise exp(b·log a) for a > 0. */
  pow(a: CNum, b: CNum): CNum {
    const e = b.exact ? asGaussian(b.exact) : undefined;
    if (e && Q.gIsReal(e)) {
      const r = e.re;
      if (r.d === 1n && r.n >= -100000n && r.n <= 100000n) return this.powInt(a, Number(r.n));
      if (r.d === 2n && r.n >= -100000n && r.n <= 100000n) return this.powInt(this.sqrt(a), Number(r.n));
    }
    if (a.exact && isFormallyZero(a.exact)) return a;
    // e^b is exp(b): an atom of the exact arithmetic where b is exact.
    if (
      a.exact &&
      b.exact &&
      this.field.atomMultiple(a.exact)?.key === E_KEY &&
      Q.eq(this.field.atomMultiple(a.exact)!.factor, Q.ONE)
    )
      return this.apply('exp', b);
    return this.approx((iv) => {
      const base = a.box(iv);
      const exponent = b.box(iv);
      if (!iv.isReal(base) || !iv.isReal(exponent) || !base.re.lo.gt(0))
        throw new Undecidable('a power with a base that may be negative or complex');
      return iv.real(iv.exp(iv.mul(exponent.re, iv.log(base.re))));
    });
  }
  sqrt(a: CNum): CNum {
    return this.lift(
      [a],
      (x) => this.field.sqrt(x),
      (iv, x) => iv.boxSqrt(x),
    );
  }

  /** Is it certainly real? (Exact values by their form; others by an imaginary part that is exactly 0.) */
  isReal(a: CNum): boolean {
    if (a.exact) return this.field.certainlyReal(a.exact, intervalsAt(PRECISIONS[0]!));
    return intervalsAt(PRECISIONS[0]!).isReal(a.box(intervalsAt(PRECISIONS[0]!)));
  }
  re(a: CNum): CNum {
    const g = a.exact && asGaussian(a.exact);
    if (g) return this.ofGaussian(Q.gauss(g.re));
    if (a.exact && this.rootsReal(a.exact)) return this.ofExact(this.field.partsRealRoots(a.exact)[0]);
    return this.approx((iv) => iv.real(a.box(iv).re));
  }
  im(a: CNum): CNum {
    const g = a.exact && asGaussian(a.exact);
    if (g) return this.ofGaussian(Q.gauss(g.im));
    if (a.exact && this.rootsReal(a.exact)) return this.ofExact(this.field.partsRealRoots(a.exact)[1]);
    return this.approx((iv) => iv.real(a.box(iv).im));
  }
  conj(a: CNum): CNum {
    if (a.exact && this.rootsReal(a.exact)) return this.ofExact(this.field.conjugateRealRoots(a.exact));
    return this.approx((iv) => {
      const b = a.box(iv);
      return { re: b.re, im: iv.neg(b.im) };
    });
  }
  /** Every root in the value is real (so conjugation acts on the coefficients alone). */
  private rootsReal(r: Radical): boolean {
    const stripped = new Map([...r].map(([m]) => [m, Q.G_ONE]));
    return this.field.certainlyReal(stripped, intervalsAt(PRECISIONS[0]!));
  }
  abs(a: CNum): CNum {
    if (a.exact) {
      const g = asGaussian(a.exact);
      if (g && Q.gIsReal(g)) return this.ofRational(Q.sign(g.re) < 0 ? Q.neg(g.re) : g.re);
      if (this.isReal(a)) {
        const s = this.sign(a);
        if (s !== undefined) return s < 0 ? this.neg(a) : a;
      } else if (this.rootsReal(a.exact)) {
        return this.sqrt(this.mul(a, this.conj(a)));
      }
    }
    return this.approx((iv) => iv.real(iv.boxAbs(a.box(iv))));
  }

  /** The sign of a real value, certain or undefined. Throws Undecidable for a value that is certainly not real. */
  sign(a: CNum): Sign | undefined {
    if (a.exact && isFormallyZero(a.exact)) return 0;
    const g = a.exact && asGaussian(a.exact);
    if (g) {
      if (!Q.gIsReal(g)) throw new Undecidable('a comparison of a complex value');
      return Q.sign(g.re);
    }
    const real = this.isReal(a);
    for (const [iv, b] of enclosures(a)) {
      if (!real && iv.sign(b.im) !== 0) {
        if (iv.sign(b.im) !== undefined) throw new Undecidable('a comparison of a complex value');
        continue;
      }
      const s = iv.sign(b.re);
      if (s !== undefined && s !== 0) return s;
      if (s === 0 && !a.exact && iv.isReal(b)) return 0;
    }
    return undefined;
  }

  /**
   * Is the value zero? 'zero' exactly; 'nonzero' certainly (an enclosure excludes 0); 'close' when
   * no exact form exists and every enclosure contains 0 (agreement to the last precision tried,
   * not a proof); undefined when an exact form exists but could not be decided (dependent roots).
   */
  zero(a: CNum): ZeroAnswer {
    if (a.exact && isFormallyZero(a.exact)) return 'zero';
    const g = a.exact && asGaussian(a.exact);
    if (g) return Q.gIsZero(g) ? 'zero' : 'nonzero';
    let enclosed = false;
    for (const [iv, b] of enclosures(a)) {
      enclosed = true;
      if (iv.sign(b.re) !== undefined && iv.sign(b.re) !== 0) return 'nonzero';
      if (iv.sign(b.im) !== undefined && iv.sign(b.im) !== 0) return 'nonzero';
      if (!a.exact && iv.sign(b.re) === 0 && iv.sign(b.im) === 0) return 'zero';
    }
    // Without an exact form, or with one in transcendental atoms (cosh² x − sinh² x − 1), enclosures of 0 at
    // every precision, up to the last, are agreement to that precision: 'close', never a proof and
    // never a decision of = or ≠. With roots alone (dependent roots √2·√3 − √6), undecided.
    return (a.exact && !this.field.hasAtom(a.exact)) || !enclosed ? undefined : 'close';
  }
}
