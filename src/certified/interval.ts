/**
 * Certified enclosures: closed real intervals and complex boxes with decimal endpoints, every
 * operation rounded outward. +, −, ×, ÷ and √ use decimal.js's directed rounding (exact
 * guarantees); exp, ln, sin, cos, atan and the hyperbolic functions are computed ten digits beyond
 * the working precision and then widened by a relative 10^−digits, far beyond their error bound.
 * A decision taken from an enclosure (it excludes 0) is therefore certain.
 */
import Decimal from 'decimal.js';

export class Undecidable extends Error {
  override name = 'Undecidable';
  /** A signal, thrown and caught by the thousand: no stack trace is captured (it was a measurable share of some checks). */
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export interface Interval {
  readonly lo: Decimal;
  readonly hi: Decimal;
}
export interface Box {
  readonly re: Interval;
  readonly im: Interval;
}

type DecimalCtor = typeof Decimal;

/** 1 or −1 for a finite interval strictly on one side of 0; 0 otherwise. */
function strictSign(a: Interval): -1 | 0 | 1 {
  if (!a.lo.isFinite() || !a.hi.isFinite()) return 0;
  return a.lo.gt(0) ? 1 : a.hi.lt(0) ? -1 : 0;
}

/** Below this (relative) width an enclosure's exp and ln are bounded from one end's value. */
const NARROW = 1e-8;

/** Arithmetic on enclosures at one working precision (significant decimal digits). */
export class IntervalArithmetic {
  private readonly down: DecimalCtor;
  private readonly up: DecimalCtor;
  private readonly near: DecimalCtor;
  private piCache?: Interval;
  private twoPiCache?: Decimal;
  private marginCache?: Decimal;
  /** Function values already computed at this precision, by function and exact argument (the same values recur across a check's instances and precisions). */
  private readonly values = new Map<string, Decimal>();
  private readonly slack: Decimal;
  readonly zero: Interval;

  constructor(readonly digits: number) {
    this.down = Decimal.clone({
      precision: digits,
      rounding: Decimal.ROUND_FLOOR,
      toExpNeg: -9e15,
      toExpPos: 9e15,
      minE: -9e15,
      maxE: 9e15,
    });
    this.up = Decimal.clone({
      precision: digits,
      rounding: Decimal.ROUND_CEIL,
      toExpNeg: -9e15,
      toExpPos: 9e15,
      minE: -9e15,
      maxE: 9e15,
    });
    this.near = Decimal.clone({
      precision: digits + 10,
      rounding: Decimal.ROUND_HALF_EVEN,
      toExpNeg: -9e15,
      toExpPos: 9e15,
      minE: -9e15,
      maxE: 9e15,
    });
    this.slack = new this.near(10).pow(-digits);
    this.zero = this.point(0);
  }

  point(x: Decimal.Value): Interval {
    const d = new this.near(x);
    return { lo: d, hi: d };
  }
  /** p/q enclosed. */
  quotient(p: bigint, q: bigint): Interval {
    if (q === 1n) return this.point(p.toString());
    return { lo: this.down.div(p.toString(), q.toString()), hi: this.up.div(p.toString(), q.toString()) };
  }

  add(a: Interval, b: Interval): Interval {
    return { lo: this.down.add(a.lo, b.lo), hi: this.up.add(a.hi, b.hi) };
  }
  sub(a: Interval, b: Interval): Interval {
    return { lo: this.down.sub(a.lo, b.hi), hi: this.up.sub(a.hi, b.lo) };
  }
  neg(a: Interval): Interval {
    return { lo: a.hi.neg(), hi: a.lo.neg() };
  }
  mul(a: Interval, b: Interval): Interval {
    if (a.lo.isZero() && a.hi.isZero()) return this.zero;
    if (b.lo.isZero() && b.hi.isZero()) return this.zero;
    // Finite enclosures that each keep to one side of 0: the extreme products are known from the
    // signs, and directed rounding is monotone, so rounding those two is the least and the
    // greatest of the rounded four (copied as Decimal.min and Decimal.max copy their answer).
    const sa = strictSign(a);
    const sb = strictSign(b);
    if (sa !== 0 && sb !== 0) {
      const [x, y] = sa > 0 ? (sb > 0 ? [a.lo, a.hi] : [a.hi, a.lo]) : sb > 0 ? [a.lo, a.hi] : [a.hi, a.lo];
      const [u, v] = sa > 0 ? (sb > 0 ? [b.lo, b.hi] : [b.lo, b.hi]) : sb > 0 ? [b.hi, b.lo] : [b.hi, b.lo];
      return { lo: new Decimal(this.down.mul(x, u)), hi: new Decimal(this.up.mul(y, v)) };
    }
    const lows = [
      this.down.mul(a.lo, b.lo),
      this.down.mul(a.lo, b.hi),
      this.down.mul(a.hi, b.lo),
      this.down.mul(a.hi, b.hi),
    ];
    const highs = [this.up.mul(a.lo, b.lo), this.up.mul(a.lo, b.hi), this.up.mul(a.hi, b.lo), this.up.mul(a.hi, b.hi)];
    return { lo: Decimal.min(...lows), hi: Decimal.max(...highs) };
  }
  div(a: Interval, b: Interval): Interval {
    if (this.contains0(b)) throw new Undecidable('a divisor whose enclosure contains 0');
    // As in mul: signs known, the two extreme quotients.
    const sa = strictSign(a);
    const sb = strictSign(b);
    if (sa !== 0 && sb !== 0) {
      const [x, u, y, v] =
        sa > 0
          ? sb > 0
            ? [a.lo, b.hi, a.hi, b.lo]
            : [a.hi, b.hi, a.lo, b.lo]
          : sb > 0
            ? [a.lo, b.lo, a.hi, b.hi]
            : [a.hi, b.lo, a.lo, b.hi];
      return { lo: new Decimal(this.down.div(x, u)), hi: new Decimal(this.up.div(y, v)) };
    }
    const lows = [
      this.down.div(a.lo, b.lo),
      this.down.div(a.lo, b.hi),
      this.down.div(a.hi, b.lo),
      this.down.div(a.hi, b.hi),
    ];
    const highs = [this.up.div(a.lo, b.lo), this.up.div(a.lo, b.hi), this.up.div(a.hi, b.lo), this.up.div(a.hi, b.hi)];
    return { lo: Decimal.min(...lows), hi: Decimal.max(...highs) };
  }
  square(a: Interval): Interval {
    const m = this.mul(a, a);
    return this.contains0(a) ? { lo: new this.near(0), hi: m.hi } : { lo: Decimal.max(m.lo, 0), hi: m.hi };
  }
  sqrt(a: Interval): Interval {
    if (a.hi.isNeg()) throw new Undecidable('the square root of a negative enclosure');
    return { lo: a.lo.gt(0) ? this.down.sqrt(a.lo) : new this.near(0), hi: this.up.sqrt(a.hi) };
  }
  abs(a: Interval): Interval {
    if (a.lo.gte(0)) return a;
    if (a.hi.lte(0)) return this.neg(a);
    return { lo: new this.near(0), hi: Decimal.max(a.hi, a.lo.neg()) };
  }
  min(a: Interval, b: Interval): Interval {
    return { lo: Decimal.min(a.lo, b.lo), hi: Decimal.min(a.hi, b.hi) };
  }
  max(a: Interval, b: Interval): Interval {
    return { lo: Decimal.max(a.lo, b.lo), hi: Decimal.max(a.hi, b.hi) };
  }
  contains0(a: Interval): boolean {
    return a.lo.lte(0) && a.hi.gte(0);
  }
  /** −1, 0 (exactly the point 0) or 1 when certain; undefined when the enclosure straddles 0. */
  sign(a: Interval): -1 | 0 | 1 | undefined {
    if (a.lo.gt(0)) return 1;
    if (a.hi.lt(0)) return -1;
    if (a.lo.isZero() && a.hi.isZero()) return 0;
    return undefined;
  }

  /** f(x) beyond the working precision, computed once per exact argument (Decimals are immutable: a value is shared). */
  private value(name: 'exp' | 'ln' | 'atan' | 'erf' | 'sinh' | 'tanh' | 'cosh' | 'sin' | 'cos', x: Decimal): Decimal {
    const key = `${name}${x.isNeg() ? '-' : '+'}${x.toExponential()}`;
    let v = this.values.get(key);
    if (v === undefined) {
      if (this.values.size >= 20000) this.values.clear();
      v = name === 'erf' ? erfAt(x, this.digits) : this.near[name](x);
      this.values.set(key, v);
    }
    return v;
  }
  /** A function value computed beyond the working precision, widened outward by far more than its error. */
  private widened(v: Decimal): Interval {
    const w = this.near.mul(v.abs(), this.slack);
    return { lo: this.down.sub(v, w), hi: this.up.add(v, w) };
  }
  private monotone(a: Interval, f: (x: Decimal) => Decimal, increasing = true): Interval {
    const x = this.widened(f(a.lo));
    if (a.lo.eq(a.hi)) return x;
    const y = this.widened(f(a.hi));
    return increasing ? { lo: x.lo, hi: y.hi } : { lo: y.lo, hi: x.hi };
  }
  exp(a: Interval): Interval {
    if (a.hi.gt(1e15)) throw new Undecidable('exp beyond any representable range');
    const d = this.up.sub(a.hi, a.lo);
    if (d.isZero() || d.gt(NARROW)) return this.monotone(a, (x) => this.value('exp', x));
    // A narrow enclosure costs one exp, not two: e^hi = e^lo·e^d ≤ e^lo·(1 + d + d²) for 0 ≤ d ≤ 1.
    const x = this.widened(this.value('exp', a.lo));
    return { lo: x.lo, hi: this.up.mul(x.hi, this.up.add(1, this.up.add(d, this.up.mul(d, d)))) };
  }
  log(a: Interval): Interval {
    if (!a.lo.gt(0)) throw new Undecidable('log of an enclosure that reaches 0 or below');
    const r = this.up.div(this.up.sub(a.hi, a.lo), a.lo);
    if (r.isZero() || r.gt(NARROW)) return this.monotone(a, (x) => this.value('ln', x));
    // Likewise one ln: ln hi = ln lo + ln(1 + (hi − lo)/lo) ≤ ln lo + (hi − lo)/lo.
    const x = this.widened(this.value('ln', a.lo));
    return { lo: x.lo, hi: this.up.add(x.hi, r) };
  }
  atan(a: Interval): Interval {
    return this.monotone(a, (x) => this.value('atan', x));
  }
  /** erf, increasing: its Maclaurin series at each end, summed far enough and precisely enough to be below the widening. */
  erf(a: Interval): Interval {
    return this.monotone(a, (x) => this.value('erf', x));
  }
  sinh(a: Interval): Interval {
    return this.monotone(a, (x) => this.value('sinh', x));
  }
  tanh(a: Interval): Interval {
    return this.monotone(a, (x) => this.value('tanh', x));
  }
  cosh(a: Interval): Interval {
    const x = this.widened(this.value('cosh', a.lo));
    const y = this.widened(this.value('cosh', a.hi));
    return { lo: this.contains0(a) ? new this.near(1) : Decimal.min(x.lo, y.lo), hi: Decimal.max(x.hi, y.hi) };
  }
  pi(): Interval {
    return (this.piCache ??= this.widened(this.near.acos(-1)));
  }
  /** sin over an interval: the endpoint values, and ±1 wherever a crest or trough may lie inside (decided conservatively). */
  sin(a: Interval): Interval {
    return this.periodic(a, (x) => this.value('sin', x), 0.25);
  }
  cos(a: Interval): Interval {
    return this.periodic(a, (x) => this.value('cos', x), 0);
  }
  /** `crest`: where the maximum lies, as a fraction of the period (sin: 1/4, cos: 0). */
  private periodic(a: Interval, f: (x: Decimal) => Decimal, crest: number): Interval {
    const twoPi = (this.twoPiCache ??= this.near.mul(this.near.acos(-1), 2));
    if (this.near.sub(a.hi, a.lo).gte(twoPi)) return { lo: new this.near(-1), hi: new this.near(1) };
    const x = this.widened(f(a.lo));
    const y = this.widened(f(a.hi));
    let lo = Decimal.min(x.lo, y.lo);
    let hi = Decimal.max(x.hi, y.hi);
    // Turns of the period at each end; a crest (or trough, half a period on) strictly inside, or
    // within rounding of either end, widens the enclosure to ±1.
    const turns = (t: Decimal) => this.near.div(t, twoPi);
    const margin = (this.marginCache ??= new this.near(10).pow(-Math.floor(this.digits / 2)));
    const inside = (phase: number) => {
      const from = this.near.sub(turns(a.lo), phase).sub(margin).ceil();
      const to = this.near.sub(turns(a.hi), phase).add(margin).floor();
      return from.lte(to);
    };
    if (inside(crest)) hi = new this.near(1);
    if (inside(crest + 0.5)) lo = new this.near(-1);
    return { lo: Decimal.max(lo, -1), hi: Decimal.min(hi, 1) };
  }

  // Complex boxes.
  real(a: Interval): Box {
    return { re: a, im: this.zero };
  }
  boxAdd(a: Box, b: Box): Box {
    return { re: this.add(a.re, b.re), im: this.add(a.im, b.im) };
  }
  boxSub(a: Box, b: Box): Box {
    return { re: this.sub(a.re, b.re), im: this.sub(a.im, b.im) };
  }
  boxNeg(a: Box): Box {
    return { re: this.neg(a.re), im: this.neg(a.im) };
  }
  isReal(a: Box): boolean {
    return a.im.lo.isZero() && a.im.hi.isZero();
  }
  boxMul(a: Box, b: Box): Box {
    if (this.isReal(a) && this.isReal(b)) return this.real(this.mul(a.re, b.re));
    return {
      re: this.sub(this.mul(a.re, b.re), this.mul(a.im, b.im)),
      im: this.add(this.mul(a.re, b.im), this.mul(a.im, b.re)),
    };
  }
  boxDiv(a: Box, b: Box): Box {
    if (this.isReal(b)) return { re: this.div(a.re, b.re), im: this.isReal(a) ? this.zero : this.div(a.im, b.re) };
    const den = this.add(this.square(b.re), this.square(b.im));
    const re = this.add(this.mul(a.re, b.re), this.mul(a.im, b.im));
    const im = this.sub(this.mul(a.im, b.re), this.mul(a.re, b.im));
    return { re: this.div(re, den), im: this.div(im, den) };
  }
  boxAbs(a: Box): Interval {
    if (this.isReal(a)) return this.abs(a.re);
    return this.sqrt(this.add(this.square(a.re), this.square(a.im)));
  }
  /** The principal square root; a box that straddles the branch cut (the negative real axis) cannot be enclosed as one box. */
  boxSqrt(a: Box): Box {
    if (this.isReal(a)) {
      if (a.re.lo.gte(0)) return this.real(this.sqrt(a.re));
      if (a.re.hi.lte(0)) return { re: this.zero, im: this.sqrt(this.neg(a.re)) };
      throw new Undecidable('the square root of a real enclosure that straddles 0');
    }
    const imSign = this.sign(a.im);
    if (imSign === undefined && !a.re.lo.gt(0)) throw new Undecidable('a square root on its branch cut');
    const r = this.boxAbs(a);
    const half = this.point(0.5);
    const re = this.sqrt(this.clampLow(this.mul(this.add(r, a.re), half)));
    const imAbs = this.sqrt(this.clampLow(this.mul(this.sub(r, a.re), half)));
    if (imSign === undefined) return { re, im: { lo: imAbs.hi.neg(), hi: imAbs.hi } };
    return { re, im: imSign < 0 ? this.neg(imAbs) : imAbs };
  }
  private clampLow(a: Interval): Interval {
    return a.lo.isNeg() ? { lo: new this.near(0), hi: Decimal.max(a.hi, 0) } : a;
  }
  boxExp(a: Box): Box {
    const m = this.exp(a.re);
    if (this.isReal(a)) return this.real(m);
    return { re: this.mul(m, this.cos(a.im)), im: this.mul(m, this.sin(a.im)) };
  }
  /** A decimal as a double, for display. */
  toNumber(a: Interval): number {
    return decimalToNumber(this.near.add(a.lo, a.hi).div(2));
  }
  width(a: Interval): Decimal {
    return this.up.sub(a.hi, a.lo);
  }
}

const arithmetic = new Map<number, IntervalArithmetic>();
export function intervalsAt(digits: number): IntervalArithmetic {
  let a = arithmetic.get(digits);
  if (!a) arithmetic.set(digits, (a = new IntervalArithmetic(digits)));
  return a;
}

/**
 * The double nearest a decimal. decimal.js converts through a string, written without an exponent
 * down to the 10⁻⁹ᐧ¹⁰¹⁵ these contexts allow (e^{−3.6·10¹³} became a string of 10¹³ zeros): beyond
 * the doubles' range the answer is 0 or ±∞ without it.
 */
function decimalToNumber(x: Decimal): number {
  if (x.isZero() || !x.isFinite()) return x.toNumber();
  if (x.e < -400) return x.isNeg() ? -0 : 0;
  if (x.e > 400) return x.isNeg() ? -Infinity : Infinity;
  return x.toNumber();
}

/**
 * erf(x) to well beyond `digits` significant digits: 2/√π Σ (−1)ⁿ x²ⁿ⁺¹/(n!(2n+1)). The terms grow
 * to about e^(x²) before they fall, so the sum is carried with x²/ln 10 more digits than the
 * answer needs; it stops once the terms decrease (n > x²) and are below the answer's last digit,
 * where an alternating series' remainder is below its next term. Beyond |x| = 40, erf is ±1 to
 * 700 digits.
 */
function erfAt(x: Decimal, digits: number): Decimal {
  const ax = Math.abs(decimalToNumber(x));
  if (ax > 40) return new Decimal(x.isNeg() ? -1 : 1);
  const extra = Math.ceil((2 * ax * ax) / Math.LN10);
  const D = Decimal.clone({
    precision: digits + 20 + extra,
    rounding: Decimal.ROUND_HALF_EVEN,
    toExpNeg: -9e15,
    toExpPos: 9e15,
    minE: -9e15,
    maxE: 9e15,
  });
  const x2 = D.mul(x, x);
  const small = new D(10).pow(-(digits + 15)).mul(Decimal.max(D.abs(x), new D(10).pow(-(digits + 15))));
  let term = new D(x);
  let sum = new D(x);
  for (let n = 1; n < 100000; n++) {
    term = term.mul(x2).neg().div(n);
    const add = term.div(2 * n + 1);
    sum = sum.add(add);
    if (n > ax * ax && add.abs().lt(small)) break;
  }
  return sum.mul(2).div(D.acos(-1).sqrt());
}
