/**
 * Numeric forms that bind a variable: integral(expr, x, a, b), signChanges(expr, x, a, b),
 * maxOver(expr, x, a, b), minOver(expr, x, a, b). The integrand is compiled once with x in a
 * slot of its own and evaluated as often as the method needs.
 */
import type { Complex } from './complex';

export const BINDERS = new Set(['integral', 'signChanges', 'maxOver', 'minOver']);

export type RealFn = (x: number) => number;

/** Adaptive Gauss–Kronrod (7–15) quadrature on [a, b]; discontinuities are found by subdivision. */
export function integrate(f: RealFn, a: number, b: number, tol = 1e-11, maxIntervals = 2000): number {
  const XK = [0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0];
  const WK = [0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892, 0.209482141084727828];
  const WG = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];
  const rule = (lo: number, hi: number): [number, number] => {
    const c = (lo + hi) / 2;
    const h = (hi - lo) / 2;
    let k = 0;
    let g = 0;
    for (let j = 0; j < 8; j++) {
      const x = XK[j]!;
      const fs = x === 0 ? f(c) : f(c - h * x) + f(c + h * x);
      k += WK[j]! * fs;
      if (j % 2 === 1) g += WG[(j - 1) / 2]! * fs;
      else if (x === 0) g += WG[3]! * fs;
    }
    return [k * h, Math.abs((k - g) * h)];
  };
  const stack: Array<[number, number, number, number]> = [];
  const [v0, e0] = rule(a, b);
  stack.push([a, b, v0, e0]);
  let total = v0;
  let err = e0;
  let intervals = 1;
  while (err > tol * Math.max(1, Math.abs(total)) && intervals < maxIntervals) {
    // Split the interval with the largest error estimate.
    let worst = 0;
    for (let k = 1; k < stack.length; k++) if (stack[k]![3] > stack[worst]![3]) worst = k;
    const [lo, hi, v, e] = stack.splice(worst, 1)[0]!;
    const mid = (lo + hi) / 2;
    const [v1, e1] = rule(lo, mid);
    const [v2, e2] = rule(mid, hi);
    stack.push([lo, mid, v1, e1], [mid, hi, v2, e2]);
    total += v1 + v2 - v;
    err += e1 + e2 - e;
    intervals++;
  }
  return total;
}

/**
 * Sign changes of f on [a, b], sampled on a fine grid: values within a relative 1e-12 of zero
 * are skipped (a zero without a sign change is not counted). A function that is zero to rounding
 * everywhere has infinitely many zeros: Infinity.
 */
export function signChanges(f: RealFn, a: number, b: number, samples = 4001): number {
  const values: number[] = [];
  let scale = 0;
  for (let k = 0; k < samples; k++) {
    const v = f(a + ((b - a) * k) / (samples - 1));
    values.push(v);
    scale = Math.max(scale, Math.abs(v));
  }
  if (scale <= 1e-300) return Infinity;
  let count = 0;
  let last = 0;
  for (const v of values) {
    if (Math.abs(v) <= 1e-12 * scale) continue;
    const s = Math.sign(v);
    if (last !== 0 && s !== last) count++;
    last = s;
  }
  if (scale < 1e-13) return Infinity;
  return count;
}

/** Maximum of f on [a, b]: a grid, then golden-section refinement around the best point. */
export function maxOver(f: RealFn, a: number, b: number, samples = 401): number {
  let best = -Infinity;
  let at = a;
  const h = (b - a) / (samples - 1);
  for (let k = 0; k < samples; k++) {
    const x = a + h * k;
    const v = f(x);
    if (v > best) [best, at] = [v, x];
  }
  let lo = Math.max(a, at - h);
  let hi = Math.min(b, at + h);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 60; k++) {
    const x1 = hi - g * (hi - lo);
    const x2 = lo + g * (hi - lo);
    if (f(x1) < f(x2)) lo = x1;
    else hi = x2;
  }
  return Math.max(best, f((lo + hi) / 2));
}

export function realPart(v: number | Complex): number {
  return typeof v === 'number' ? v : v.re;
}
