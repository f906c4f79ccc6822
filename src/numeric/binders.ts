/**
 * Numeric forms that bind a variable: integral(expr, x, a, b), signChanges(expr, x, a, b),
 * maxOver(expr, x, a, b), minOver(expr, x, a, b). The integrand is compiled once with x in a
 * slot of its own and evaluated as often as the method needs.
 */

export const BINDERS = new Set(['integral', 'signChanges', 'maxOver', 'minOver']);

/**
 * A refined recomputation, for confirming a failure that a numeric method found: quadrature
 * starts from 7 panels (not a power of two, so a feature on a dyadic panel edge is seen) with a
 * tolerance 100 times tighter; grids are 4 times finer; eigenvalues take a second algorithm.
 */
export const refinement = { on: false };
export function refinedGrid(samples: number): number {
  return refinement.on ? 4 * (samples - 1) + 1 : samples;
}

export type RealFn = (x: number) => number;
/** The same function on a whole grid at once (undefined: evaluate point by point instead). */
export type GridFn = (xs: Float64Array, n: number) => Float64Array | undefined;

/**
 * Grids of points, kept for reuse by length (a signChanges grid is 32 kB, allocated outside V8's
 * heap: allocating one per call was a tenth of some checks). Taken and given back around one
 * call, so a nested binder takes another.
 */
const spareGrids = new Map<number, Float64Array[]>();
function takeGrid(n: number): Float64Array {
  return spareGrids.get(n)?.pop() ?? new Float64Array(n);
}
function giveGrid(xs: Float64Array): void {
  let free = spareGrids.get(xs.length);
  if (!free) spareGrids.set(xs.length, (free = []));
  if (free.length < 4) free.push(xs);
}

/** f on the points xs[0..n): by the grid evaluator when it can, else point by point. */
function onGrid(f: RealFn, xs: Float64Array, n: number, grid?: GridFn): ArrayLike<number> {
  const v = grid?.(xs, n);
  if (v) return v;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = f(xs[k]!);
  return out;
}

/**
 * Adaptive Gauss–Kronrod (7–15) quadrature on [a, b]. An interval's error is judged by comparing
 * its rule with the rule on its two halves (the Kronrod–Gauss difference alone can miss a kink,
 * as in |p − q|), starting from 4 panels.
 */
export function integrate(f: RealFn, a: number, b: number, tol = 1e-11, maxIntervals = 4000, grid?: GridFn): number {
  if (a === b) return 0;
  if (a > b) return -integrate(f, b, a, tol, maxIntervals, grid);
  // The published Gauss–Kronrod table, digit for digit: the doubles nearest these are the nodes and weights.
  /* eslint-disable no-loss-of-precision */
  const XK = [
    0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.74153118559939444, 0.58608723546769113,
    0.405845151377397167, 0.207784955007898468, 0,
  ];
  const WK = [
    0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903,
    0.19035057806478541, 0.204432940075298892, 0.209482141084727828,
  ];
  /* eslint-enable no-loss-of-precision */
  const rule = (lo: number, hi: number): number => {
    const c = (lo + hi) / 2;
    const h = (hi - lo) / 2;
    let k = 0;
    for (let j = 0; j < 8; j++) {
      const x = XK[j]!;
      k += WK[j]! * (x === 0 ? f(c) : f(c - h * x) + f(c + h * x));
    }
    return k * h;
  };
  // The nodes of one or two rules evaluated together by the grid evaluator (the same nodes, the
  // same values, summed in the same order); point by point where it declines or fails (which
  // then fails, or not, exactly as the points alone do).
  const xs = new Float64Array(30);
  const nodes = (lo: number, hi: number, at: number) => {
    const c = (lo + hi) / 2;
    const h = (hi - lo) / 2;
    for (let j = 0; j < 7; j++) {
      const x = XK[j]!;
      xs[at + 2 * j] = c - h * x;
      xs[at + 2 * j + 1] = c + h * x;
    }
    xs[at + 14] = c;
    return h;
  };
  const sum = (v: ArrayLike<number>, at: number, h: number) => {
    let k = 0;
    for (let j = 0; j < 7; j++) k += WK[j]! * (v[at + 2 * j]! + v[at + 2 * j + 1]!);
    k += WK[7]! * v[at + 14]!;
    return k * h;
  };
  const onGrid = (m: number): ArrayLike<number> | undefined => {
    if (!grid) return undefined;
    try {
      return grid(xs, m);
    } catch {
      return undefined;
    }
  };
  const ruleOnce = (lo: number, hi: number): number => {
    if (!grid) return rule(lo, hi);
    const h = nodes(lo, hi, 0);
    const v = onGrid(15);
    return v ? sum(v, 0, h) : rule(lo, hi);
  };
  type Piece = { lo: number; hi: number; left: number; right: number; err: number };
  const piece = (lo: number, hi: number, whole: number): Piece => {
    const mid = (lo + hi) / 2;
    let left: number;
    let right: number;
    const hl = grid ? nodes(lo, mid, 0) : 0;
    const hr = grid ? nodes(mid, hi, 15) : 0;
    const v = onGrid(30);
    if (v) {
      left = sum(v, 0, hl);
      right = sum(v, 15, hr);
    } else {
      left = rule(lo, mid);
      right = rule(mid, hi);
    }
    return { lo, hi, left, right, err: Math.abs(left + right - whole) };
  };
  const stack: Piece[] = [];
  const panels = refinement.on ? 7 : 4;
  if (refinement.on) tol /= 100;
  for (let k = 0; k < panels; k++) {
    const lo = a + ((b - a) * k) / panels;
    const hi = k === panels - 1 ? b : a + ((b - a) * (k + 1)) / panels;
    stack.push(piece(lo, hi, ruleOnce(lo, hi)));
  }
  const total = () => stack.reduce((s, p) => s + p.left + p.right, 0);
  let value = total();
  let err = stack.reduce((s, p) => s + p.err, 0);
  while (err > tol * Math.max(1, Math.abs(value)) && stack.length < maxIntervals) {
    let worst = 0;
    for (let k = 1; k < stack.length; k++) if (stack[k]!.err > stack[worst]!.err) worst = k;
    const p = stack.splice(worst, 1)[0]!;
    const mid = (p.lo + p.hi) / 2;
    const l = piece(p.lo, mid, p.left);
    const r = piece(mid, p.hi, p.right);
    stack.push(l, r);
    value += l.left + l.right + r.left + r.right - p.left - p.right;
    err += l.err + r.err - p.err;
  }
  return value;
}

/**
 * Sign changes of f on [a, b], sampled on a fine grid: values within a relative 1e-12 of zero
 * are skipped (a zero without a sign change is not counted). A function that is zero to rounding
 * everywhere has infinitely many zeros: INFINITELY_MANY (1e300, finite so that comparisons with it
 * are decided: an infinity is reserved for floating-point overflow, which decides nothing).
 */
export const INFINITELY_MANY = 1e300;
/** Grid points of signChanges and of maxOver/minOver unless a claim gives its own (certified witnesses use the same grid). */
export const SIGN_CHANGE_SAMPLES = 4001;
export const EXTREMUM_SAMPLES = 401;
export function signChanges(f: RealFn, a: number, b: number, samples = SIGN_CHANGE_SAMPLES, grid?: GridFn): number {
  const xs = takeGrid(samples);
  try {
    return signChangesOn(f, xs, a, b, samples, grid);
  } finally {
    giveGrid(xs);
  }
}
function signChangesOn(f: RealFn, xs: Float64Array, a: number, b: number, samples: number, grid?: GridFn): number {
  for (let k = 0; k < samples; k++) xs[k] = a + ((b - a) * k) / (samples - 1);
  const values = onGrid(f, xs, samples, grid);
  let scale = 0;
  for (let k = 0; k < samples; k++) scale = Math.max(scale, Math.abs(values[k]!));
  if (scale <= 1e-300) return INFINITELY_MANY;
  let count = 0;
  let last = 0;
  for (let k = 0; k < samples; k++) {
    const v = values[k]!;
    if (Math.abs(v) <= 1e-12 * scale) continue;
    const s = Math.sign(v);
    if (last !== 0 && s !== last) count++;
    last = s;
  }
  if (scale < 1e-13) return INFINITELY_MANY;
  return count;
}

/** Maximum of f on [a, b]: a grid, then golden-section refinement around the best point. */
export function maxOver(f: RealFn, a: number, b: number, samples = EXTREMUM_SAMPLES, grid?: GridFn): number {
  let best = -Infinity;
  let at = a;
  const h = (b - a) / (samples - 1);
  const xs = takeGrid(samples);
  try {
    for (let k = 0; k < samples; k++) xs[k] = a + h * k;
    const values = onGrid(f, xs, samples, grid);
    for (let k = 0; k < samples; k++) {
      const v = values[k]!;
      if (v > best) {
        best = v;
        at = xs[k]!;
      }
    }
  } finally {
    giveGrid(xs);
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
