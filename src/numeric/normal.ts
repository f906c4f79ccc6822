/**
 * erf, erfc and the standard normal distribution function Φ in floating point, by W. J. Cody's
 * rational Chebyshev approximations (Math. Comp. 23 (1969), the CALERF routine of SPECFUN): a
 * fixed number of operations per value, relative error below 10⁻¹⁵ on the whole line (tested
 * against 50-digit values). Quadratures of Φ evaluate it millions of times per run, which a
 * series or a continued fraction made one of the costliest loops of a check. Certified arithmetic
 * has its own erf (certified/interval.ts); the fast enclosures widen this one (certified/fast.ts).
 */

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
  2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247,
  3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4,
  0.016315387137302097,
];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
const INV_SQRT_PI = 0.5641895835477563;

/** erf(x) for |x| ≤ 0.46875. */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4]! * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * z;
    den = (den + B[i]!) * z;
  }
  return (x * (num + A[3]!)) / (den + B[3]!);
}

/** exp(−c·y²) without the error of squaring y in floating point (y split at a multiple of 1/16). */
function expMinusSquare(y: number, c = 1): number {
  const head = Math.trunc(y * 16) / 16;
  return Math.exp(-c * head * head) * Math.exp(-c * (y - head) * (y + head));
}

/** erfc(y)/exp(−y²) for y > 0.46875: a smooth factor, so rounding y costs it nothing. */
function erfcScaled(y: number): number {
  let r: number;
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    r = (num + C[7]!) / (den + D[7]!);
  } else {
    const z = 1 / (y * y);
    let num = P[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * z;
      den = (den + Q[i]!) * z;
    }
    r = (INV_SQRT_PI - (z * (num + P[4]!)) / (den + Q[4]!)) / y;
  }
  return r;
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
  return y > 26.7 ? 0 : expMinusSquare(y) * erfcScaled(y); // (beyond 26.7, below the smallest double)
}

export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (Number.isNaN(x)) return NaN;
  const r = 1 - erfcPositive(y);
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  if (Number.isNaN(x)) return NaN;
  const r = erfcPositive(y);
  return x < 0 ? 2 - r : r;
}

/**
 * Φ(x) = erfc(−x/√2)/2: in the lower tail through erfc, where 1 + erf(x/√2) would cancel to 0, and
 * with exp(−x²/2) from x itself (the rounding of x/√2, squared, would cost 2x² ulps in the tail).
 */
export function normalCdf(x: number): number {
  const y = -x / Math.SQRT2;
  if (Math.abs(y) <= 0.46875) return 0.5 - 0.5 * erfSmall(y);
  if (Number.isNaN(x)) return NaN;
  const upper = y > 37.7 ? 0 : 0.5 * expMinusSquare(Math.abs(x), 0.5) * erfcScaled(Math.abs(y));
  return y > 0 ? upper : 1 - upper;
}
