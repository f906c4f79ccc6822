/**
 * The fast certified path: complex intervals with double endpoints, rounded outward after every
 * operation (one ulp for + − × ÷ √, which IEEE 754 rounds correctly; four ulps for exp, log and
 * the trigonometric functions, whose library error is below one). It decides a comparison when
 * the enclosure clears the boundary, and otherwise leaves it to exact arithmetic.
 */
import * as Q from './rational';
import { Undecidable } from './interval';
import type { Arithmetic, Sign, ZeroAnswer } from './arithmetic';
import { erf } from '../numeric/normal';

export interface FastNum {
  readonly lo: number;
  readonly hi: number;
  readonly ilo: number;
  readonly ihi: number;
}

const f64 = new Float64Array(1);
// The double's bits as two 32-bit halves (a step of one in the 64-bit pattern, without BigInt).
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = LITTLE ? 0 : 1;
const HIGH = LITTLE ? 1 : 0;
function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  // The next double up: the bit pattern one more for a positive double, one less for a negative one.
  if (x > 0) {
    if (u32[LOW] === 0xffffffff) {
      u32[LOW] = 0;
      u32[HIGH]! += 1;
    } else u32[LOW]! += 1;
  } else if (u32[LOW] === 0) {
    u32[LOW] = 0xffffffff;
    u32[HIGH]! -= 1;
  } else u32[LOW]! -= 1;
  return f64[0];
}
function nextDown(x: number): number {
  return -nextUp(-x);
}
const up = (x: number, k = 1) => {
  for (let j = 0; j < k; j++) x = nextUp(x);
  return x;
};
const down = (x: number, k = 1) => {
  for (let j = 0; j < k; j++) x = nextDown(x);
  return x;
};

type Iv = [number, number];
const MAX_EXACT = 2n ** 53n;
const real = (lo: number, hi: number): FastNum => {
  if (lo !== lo || hi !== hi) throw new Undecidable('an undefined value');
  return { lo, hi, ilo: 0, ihi: 0 };
};
const isReal = (a: FastNum) => a.ilo === 0 && a.ihi === 0;
const point = (x: number): FastNum => real(x, x);

function ivAdd(a: Iv, b: Iv): Iv {
  return [down(a[0] + b[0]), up(a[1] + b[1])];
}
/** The ends of [a0, a1]·[b0, b1], left in PRODUCT_LO and PRODUCT_HI (no array per product on the hot path). */
let PRODUCT_LO = 0;
let PRODUCT_HI = 0;
function productBounds(a0: number, a1: number, b0: number, b1: number): void {
  if ((a0 === 0 && a1 === 0) || (b0 === 0 && b1 === 0)) {
    PRODUCT_LO = PRODUCT_HI = 0;
    return;
  }
  // (0·∞ counts as 0.)
  let p0 = a0 * b0;
  let p1 = a0 * b1;
  let p2 = a1 * b0;
  let p3 = a1 * b1;
  if (p0 !== p0) p0 = 0;
  if (p1 !== p1) p1 = 0;
  if (p2 !== p2) p2 = 0;
  if (p3 !== p3) p3 = 0;
  PRODUCT_LO = down(Math.min(p0, p1, p2, p3));
  PRODUCT_HI = up(Math.max(p0, p1, p2, p3));
}
function ivMul(a: Iv, b: Iv): Iv {
  productBounds(a[0], a[1], b[0], b[1]);
  return [PRODUCT_LO, PRODUCT_HI];
}
function ivDiv(a: Iv, b: Iv): Iv {
  if (b[0] <= 0 && b[1] >= 0) throw new Undecidable('a divisor whose enclosure contains 0');
  const p0 = a[0] / b[0];
  const p1 = a[0] / b[1];
  const p2 = a[1] / b[0];
  const p3 = a[1] / b[1];
  return [down(Math.min(p0, p1, p2, p3)), up(Math.max(p0, p1, p2, p3))];
}
const ivNeg = (a: Iv): Iv => [-a[1], -a[0]];
function ivSqrt(a: Iv): Iv {
  if (a[1] < 0) throw new Undecidable('the square root of a negative enclosure');
  return [a[0] > 0 ? down(Math.sqrt(a[0])) : 0, up(Math.sqrt(a[1]))];
}
function ivSquare(a: Iv): Iv {
  const m = ivMul(a, a);
  return a[0] <= 0 && a[1] >= 0 ? [0, m[1]] : [Math.max(0, m[0]), m[1]];
}
function monotone(a: Iv, f: (x: number) => number, increasing = true): Iv {
  const x = f(a[0]);
  const y = f(a[1]);
  if (Number.isNaN(x) || Number.isNaN(y)) throw new Undecidable('an undefined value');
  return increasing ? [down(x, 4), up(y, 4)] : [down(y, 4), up(x, 4)];
}
function periodic(a: Iv, f: (x: number) => number, crest: number): Iv {
  const twoPi = 2 * Math.PI;
  if (!(a[1] - a[0] < twoPi - 1e-6)) return [-1, 1];
  const x = f(a[0]);
  const y = f(a[1]);
  let lo = down(Math.min(x, y), 4);
  let hi = up(Math.max(x, y), 4);
  // A crest (or trough) inside, or within a generous margin of either end, widens to ±1.
  const inside = (phase: number) => Math.ceil(a[0] / twoPi - phase - 1e-9) <= Math.floor(a[1] / twoPi - phase + 1e-9);
  if (inside(crest)) hi = 1;
  if (inside(crest + 0.5)) lo = -1;
  return [Math.max(lo, -1), Math.min(hi, 1)];
}

const re = (a: FastNum): Iv => [a.lo, a.hi];
const im = (a: FastNum): Iv => [a.ilo, a.ihi];
const box = (r: Iv, i: Iv): FastNum => {
  const lo = r[0];
  const hi = r[1];
  const ilo = i[0];
  const ihi = i[1];
  if (lo !== lo || hi !== hi || ilo !== ilo || ihi !== ihi) throw new Undecidable('an undefined value');
  return { lo, hi, ilo, ihi };
};

const REAL_FUNCTIONS: Record<string, (a: Iv) => Iv> = {
  exp: (a) => monotone(a, Math.exp),
  log: (a) => {
    if (!(a[0] > 0)) throw new Undecidable('log of an enclosure reaching 0');
    return monotone(a, Math.log);
  },
  sin: (a) => periodic(a, Math.sin, 0.25),
  cos: (a) => periodic(a, Math.cos, 0),
  tan: (a) => ivDiv(periodic(a, Math.sin, 0.25), periodic(a, Math.cos, 0)),
  atan: (a) => monotone(a, Math.atan),
  sinh: (a) => monotone(a, Math.sinh),
  tanh: (a) => monotone(a, Math.tanh),
  cosh: (a) => {
    const [x, y] = [Math.cosh(a[0]), Math.cosh(a[1])];
    return [a[0] <= 0 && a[1] >= 0 ? 1 : down(Math.min(x, y), 4), up(Math.max(x, y), 4)];
  },
  sech: (a) => ivDiv([1, 1], REAL_FUNCTIONS.cosh!(a)),
  // erf is increasing; the double implementation (Cody's approximations) is accurate to far better
  // than the 1e-13 the enclosure is widened by.
  erf: (a) => [Math.max(-1, erf(a[0]) - 1e-13), Math.min(1, erf(a[1]) + 1e-13)],
};

/** Panels an interval quadrature may use before it gives up. */
const QUADRATURE_PANELS = 400;

export class FastArithmetic implements Arithmetic<FastNum> {
  ofRational(q: Q.Rational): FastNum {
    const x = Q.toNumber(q);
    // A double that is the rational exactly stays a point (a dyadic with a short numerator);
    // otherwise one ulp either side holds it.
    const exact = (q.d & (q.d - 1n)) === 0n && q.n <= MAX_EXACT && q.n >= -MAX_EXACT && Number.isFinite(x);
    return exact ? point(x) : real(down(x), up(x));
  }
  ofGaussian(g: Q.Gaussian): FastNum {
    const r = this.ofRational(g.re);
    const i = this.ofRational(g.im);
    return box(re(r), re(i));
  }
  pi(): FastNum {
    return real(down(Math.PI), up(Math.PI));
  }
  e(): FastNum {
    return real(down(Math.E), up(Math.E));
  }
  add(a: FastNum, b: FastNum): FastNum {
    // Two reals without the intermediate pairs (the same operations as ivAdd and box).
    if (isReal(a) && isReal(b)) {
      const lo = down(a.lo + b.lo);
      const hi = up(a.hi + b.hi);
      if (lo !== lo || hi !== hi) throw new Undecidable('an undefined value');
      return { lo, hi, ilo: 0, ihi: 0 };
    }
    return box(ivAdd(re(a), re(b)), ivAdd(im(a), im(b)));
  }
  sub(a: FastNum, b: FastNum): FastNum {
    return this.add(a, this.neg(b));
  }
  neg(a: FastNum): FastNum {
    return box(ivNeg(re(a)), ivNeg(im(a)));
  }
  mul(a: FastNum, b: FastNum): FastNum {
    if (isReal(a) && isReal(b)) {
      // ivMul and box on the fields themselves.
      productBounds(a.lo, a.hi, b.lo, b.hi);
      const lo = PRODUCT_LO;
      const hi = PRODUCT_HI;
      if (lo !== lo || hi !== hi) throw new Undecidable('an undefined value');
      return { lo, hi, ilo: 0, ihi: 0 };
    }
    return box(ivAdd(ivMul(re(a), re(b)), ivNeg(ivMul(im(a), im(b)))), ivAdd(ivMul(re(a), im(b)), ivMul(im(a), re(b))));
  }
  div(a: FastNum, b: FastNum): FastNum {
    if (isReal(b)) return box(ivDiv(re(a), re(b)), isReal(a) ? [0, 0] : ivDiv(im(a), re(b)));
    const den = ivAdd(ivSquare(re(b)), ivSquare(im(b)));
    const r = ivAdd(ivMul(re(a), re(b)), ivMul(im(a), im(b)));
    const i = ivAdd(ivMul(im(a), re(b)), ivNeg(ivMul(re(a), im(b))));
    return box(ivDiv(r, den), ivDiv(i, den));
  }
  pow(a: FastNum, b: FastNum): FastNum {
    if (isReal(a) && isReal(b) && b.lo === b.hi && Number.isInteger(b.lo) && b.lo > 0 && b.lo <= 64) {
      // A real power of an interval as one function (x² of [−1, 2] is [0, 4], not [−2, 4]).
      const k = b.lo;
      const powUp = (x: number) => {
        let r: Iv = [1, 1];
        for (let j = 0; j < k; j++) r = ivMul(r, [x, x]);
        return r;
      };
      const [l, h] = [powUp(a.lo), powUp(a.hi)];
      if (k % 2 === 1) return box([l[0], h[1]], [0, 0]);
      if (a.lo >= 0) return box([l[0], h[1]], [0, 0]);
      if (a.hi <= 0) return box([h[0], l[1]], [0, 0]);
      return box([0, Math.max(l[1], h[1])], [0, 0]);
    }
    if (isReal(b) && b.lo === b.hi && Number.isInteger(b.lo) && Math.abs(b.lo) <= 64) {
      let out = point(1);
      for (let k = 0; k < Math.abs(b.lo); k++) out = this.mul(out, a);
      return b.lo < 0 ? this.div(point(1), out) : out;
    }
    if (isReal(b) && b.lo === b.hi && b.lo === 0.5) return this.sqrt(a);
    if (!isReal(a) || !isReal(b) || !(a.lo > 0))
      throw new Undecidable('a power with a base that may be negative or complex');
    return box(REAL_FUNCTIONS.exp!(ivMul(re(b), REAL_FUNCTIONS.log!(re(a)))), [0, 0]);
  }
  sqrt(a: FastNum): FastNum {
    if (isReal(a)) {
      if (a.lo >= 0) return box(ivSqrt(re(a)), [0, 0]);
      if (a.hi <= 0) return box([0, 0], ivSqrt(ivNeg(re(a))));
      throw new Undecidable('the square root of an enclosure that straddles 0');
    }
    const straddles = a.ilo <= 0 && a.ihi >= 0;
    if (straddles && !(a.lo > 0)) throw new Undecidable('a square root on its branch cut');
    const r = this.absIv(a);
    const rePart = ivSqrt(clamp(ivMul(ivAdd(r, re(a)), [0.5, 0.5])));
    const imAbs = ivSqrt(clamp(ivMul(ivAdd(r, ivNeg(re(a))), [0.5, 0.5])));
    if (straddles) return box(rePart, [-imAbs[1], imAbs[1]]);
    return box(rePart, a.ilo > 0 ? imAbs : ivNeg(imAbs));
  }
  private absIv(a: FastNum): Iv {
    if (isReal(a)) return a.lo >= 0 ? re(a) : a.hi <= 0 ? ivNeg(re(a)) : [0, Math.max(-a.lo, a.hi)];
    return ivSqrt(ivAdd(ivSquare(re(a)), ivSquare(im(a))));
  }
  abs(a: FastNum): FastNum {
    return box(this.absIv(a), [0, 0]);
  }
  re(a: FastNum): FastNum {
    return box(re(a), [0, 0]);
  }
  im(a: FastNum): FastNum {
    return box(im(a), [0, 0]);
  }
  conj(a: FastNum): FastNum {
    return box(re(a), ivNeg(im(a)));
  }
  apply(name: string, a: FastNum): FastNum {
    const f = REAL_FUNCTIONS[name];
    if (!f) throw new Undecidable(`${name} has no certified form`);
    if (name === 'exp' && !isReal(a)) {
      const m = f(re(a));
      return box(ivMul(m, periodic(im(a), Math.cos, 0)), ivMul(m, periodic(im(a), Math.sin, 0.25)));
    }
    if (name === 'log' && (!isReal(a) || a.hi < 0)) return this.complexLog(a);
    if (!isReal(a)) throw new Undecidable(`${name} of a complex value`);
    return box(f(re(a)), [0, 0]);
  }
  /**
   * The principal logarithm ln|z| + i·arg z. The argument of a box that neither contains 0 nor
   * crosses the negative real axis takes its extremes at the corners (its level sets are rays).
   */
  private complexLog(a: FastNum): FastNum {
    const onCut = a.lo < 0 && a.ilo <= 0 && a.ihi >= 0;
    if (onCut && !(a.ilo === 0 && a.ihi === 0)) throw new Undecidable('a logarithm on its branch cut');
    const modulus = REAL_FUNCTIONS.log!(this.absIv(a));
    if (onCut) return box(modulus, [down(Math.PI), up(Math.PI)]);
    if (a.lo <= 0 && a.hi >= 0 && a.ilo <= 0 && a.ihi >= 0) throw new Undecidable('a logarithm of a box around 0');
    const corners = [
      Math.atan2(a.ilo, a.lo),
      Math.atan2(a.ilo, a.hi),
      Math.atan2(a.ihi, a.lo),
      Math.atan2(a.ihi, a.hi),
    ];
    return box(modulus, [down(Math.min(...corners), 4), up(Math.max(...corners), 4)]);
  }
  sign(a: FastNum): Sign | undefined {
    if (!isReal(a)) {
      if (a.ilo > 0 || a.ihi < 0) throw new Undecidable('a comparison of a complex value');
      return undefined;
    }
    if (a.lo > 0) return 1;
    if (a.hi < 0) return -1;
    return undefined;
  }
  zero(a: FastNum): ZeroAnswer {
    return a.lo > 0 || a.hi < 0 || a.ilo > 0 || a.ihi < 0 ? 'nonzero' : undefined;
  }
  /**
   * A rigorous enclosure of ∫ₐᵇ f: the sum over panels of the panel's width times the enclosure of
   * f over the whole panel (so no peak between nodes is missed), panels split where their share of
   * the width is largest, until the enclosure is narrow or the panels run out.
   */
  integrate(f: (x: FastNum) => FastNum, a: FastNum, b: FastNum): FastNum {
    if (!isReal(a) || !isReal(b) || a.lo !== a.hi || b.lo !== b.hi || !Number.isFinite(a.lo) || !Number.isFinite(b.lo))
      throw new Undecidable('an integral with limits that are not plain numbers');
    const [lo, hi, sign] = a.lo <= b.lo ? [a.lo, b.lo, 1] : [b.lo, a.lo, -1];
    if (lo === hi) return point(0);
    interface Panel {
      lo: number;
      hi: number;
      value: Iv;
    }
    const panel = (x0: number, x1: number): Panel => {
      const v = f(real(x0, x1));
      if (!isReal(v) || !Number.isFinite(v.lo) || !Number.isFinite(v.hi))
        throw new Undecidable('an integrand without a finite real enclosure');
      return { lo: x0, hi: x1, value: ivMul([down(x1 - x0), up(x1 - x0)], re(v)) };
    };
    const panels: Panel[] = [];
    const first = 64;
    for (let k = 0; k < first; k++)
      panels.push(
        panel(k === 0 ? lo : lo + ((hi - lo) * k) / first, k === first - 1 ? hi : lo + ((hi - lo) * (k + 1)) / first),
      );
    const total = () => panels.reduce<Iv>((s, p) => ivAdd(s, p.value), [0, 0]);
    for (let used = first; used < QUADRATURE_PANELS; used += 2) {
      const sum = total();
      if (sum[1] - sum[0] <= 1e-10 * Math.max(1, Math.abs(sum[0]), Math.abs(sum[1]))) break;
      let widest = 0;
      for (let k = 1; k < panels.length; k++)
        if (panels[k]!.value[1] - panels[k]!.value[0] > panels[widest]!.value[1] - panels[widest]!.value[0]) widest = k;
      const p = panels[widest]!;
      const mid = p.lo + (p.hi - p.lo) / 2;
      if (!(mid > p.lo && mid < p.hi)) break;
      panels.splice(widest, 1, panel(p.lo, mid), panel(mid, p.hi));
    }
    const sum = total();
    return sign > 0 ? box(sum, [0, 0]) : box(ivNeg(sum), [0, 0]);
  }
  span(a: FastNum, b: FastNum): FastNum {
    if (!isReal(a) || !isReal(b)) throw new Undecidable('a range between complex values');
    return real(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi));
  }
  hull(a: FastNum, b: FastNum, which: 'min' | 'max'): FastNum {
    if (!isReal(a) || !isReal(b)) throw new Undecidable(`${which} of complex values`);
    return which === 'min'
      ? real(Math.min(a.lo, b.lo), Math.min(a.hi, b.hi))
      : real(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi));
  }
}

function clamp(a: Iv): Iv {
  return a[0] < 0 ? [0, Math.max(0, a[1])] : a;
}
