/**
 * Deciding derived = claimed. nerdamer's expand/simplify is a hint (wrong both ways); floating
 * point at every planned instance says where to look; every decision is certified: a difference
 * refutes only when certified arithmetic shows it at the exact point.
 */
import { expand, sameAcrossBranchCuts, simplify, SymbolicTimeout } from '../../symbolic/nerd';
import { certifiedDifference } from './certify';
import { relDistance, type Complex } from '../../numeric/complex';
import type { Compiled } from '../../numeric/value';
import { isList, isMatrix, type NValue } from '../../numeric/value';
import type { NumericEnv, DrawnInstance } from './numeric-env';

/** Agreement threshold on |a − b| / max(1, |a|, |b|): far above double rounding on these expressions, far below any real discrepancy. */
export const EQUALITY_TOLERANCE = 1e-9;
/**
 * Below this relative difference a disagreement may still be rounding (a claimed closed form that
 * cancels, like 1 − α²/2 + √((1 − α²/2)² − 1) at α ≈ 70, loses 6 digits): such a point is refuted
 * only in exact arithmetic, and counted as undecided when exact arithmetic cannot decide.
 */
const ROUNDING_ZONE = 1e-6;
/** Certified decisions per comparison (each costs up to milliseconds). */
const CERTIFIED_ATTEMPTS = 200;

/** Time bound of nerdamer's simplify as a hint (inputs are also bounded in size, above). */
const SIMPLIFY_HINT_MS = 3000;

export function symbolicHint(
  pairs: Array<[string, string]>,
  box?: ReadonlyMap<string, [number, number]>,
): boolean | 'timeout' | 'not-tried' {
  try {
    let all = true;
    for (const [d, c] of pairs) {
      if (expand(`(${d})-(${c})`) === '0') continue;
      if (pairs.length > 6 || d.length + c.length > 600) return false;
      // nerdamer's simplify is known to be wrong both ways with roots and absolute values
      // (LIBRARY-NOTES): not worth its time as a hint there.
      if (/sqrt|abs/.test(d + c)) return false;
      // A hint only, but the report must not depend on the machine's load: the catalogue's
      // simplifications take about 50 ms each (8 of them), so a 100 ms budget made the hint's
      // text differ between runs of the same seed. The budget is a safety net, far above that.
      if (simplify(`(${d})-(${c})`, SIMPLIFY_HINT_MS) !== '0') all = false;
      // simplify rewrites as if every argument were positive (log(1/u) + log(u) = 0 fails where
      // u < 0): its zero is no hint unless the difference also vanishes where, inside the ranges
      // drawn from, the arguments of logarithms, roots and fractional powers are negative.
      else if (box && !sameAcrossBranchCuts(d, c, box)) all = false;
    }
    return all;
  } catch (e) {
    if (e instanceof SymbolicTimeout) return 'timeout';
    return false;
  }
}

export function scalarOfValue(v: NValue): number | Complex | undefined {
  if (typeof v === 'number') return v;
  if (isMatrix(v) || isList(v)) return undefined;
  const o = v as { isComplex?: boolean };
  return o.isComplex ? (v as Complex) : undefined;
}

export interface PairResult {
  worst: number;
  /** The first certified disagreement. */
  failedAt?: { instance: number; index: number; error: number };
  /** The first floating-point disagreement that certified arithmetic could neither confirm nor clear. */
  uncertifiedAt?: { instance: number; index: number; error: number };
  undefinedAt: number;
  /** Points where floating point disagreed and certified arithmetic showed agreement. */
  exactlyDecided: number;
  /** Points that could not be decided (counted, never judged). */
  undecidedAt: number;
  /** Points where every pair was compared (numerically, or exactly): what an agreement rests on. */
  comparedAt: number;
}

/**
 * Compare pairs of compiled expressions over the instances, in floating point; a disagreement
 * (or a pole or overflow on either side) is decided in certified arithmetic at the same exact
 * point, and only a certified difference refutes. Returns at the first certified disagreement.
 */
function finite(x: number | Complex | undefined): boolean {
  if (x === undefined) return false;
  return typeof x === 'number' ? Number.isFinite(x) : Number.isFinite(x.re) && Number.isFinite(x.im);
}

export function comparePairs(
  env: NumericEnv,
  instances: DrawnInstance[],
  compiled: Array<[Compiled, Compiled]>,
  texts: Array<[string, string]>,
): PairResult {
  let worst = 0;
  let undefinedAt = 0;
  let exactlyDecided = 0;
  let undecidedAt = 0;
  let comparedAt = 0;
  let budget = CERTIFIED_ATTEMPTS;
  let uncertifiedAt: PairResult['uncertifiedAt'];
  const result = (failedAt?: PairResult['failedAt']): PairResult => ({
    worst,
    ...(failedAt ? { failedAt } : {}),
    ...(uncertifiedAt ? { uncertifiedAt } : {}),
    undefinedAt,
    exactlyDecided,
    undecidedAt,
    comparedAt,
  });
  for (let k = 0; k < instances.length; k++) {
    const inst = instances[k]!;
    const scope = env.scopeOf(inst.values);
    let pointUndefined = false;
    let pointUndecided = false;
    for (let j = 0; j < compiled.length; j++) {
      const [fd, fc] = compiled[j]!;
      let a: number | Complex | undefined;
      let b: number | Complex | undefined;
      try {
        a = scalarOfValue(fd(scope));
        b = scalarOfValue(fc(scope));
      } catch {
        a = b = undefined;
      }
      const bothFinite = finite(a) && finite(b);
      const err = bothFinite ? relDistance(a!, b!) : Infinity;
      if (bothFinite && err <= EQUALITY_TOLERANCE) {
        if (err > worst) worst = err;
        continue;
      }
      // Floating point disagrees, or cannot evaluate a side: certified arithmetic decides.
      const decision =
        budget-- > 0 ? certifiedDifference(env, inst.values, texts[j]![0], texts[j]![1], inst.exactOf?.()) : undefined;
      if (decision === 'nonzero') return result({ instance: k, index: j, error: err });
      if (decision === 'zero' || decision === 'close') {
        exactlyDecided++;
        continue;
      }
      if (!finite(a) && !finite(b)) pointUndefined = true;
      else {
        pointUndecided = true;
        if (err > ROUNDING_ZONE) uncertifiedAt ??= { instance: k, index: j, error: err };
      }
    }
    if (pointUndefined) undefinedAt++;
    else if (pointUndecided) undecidedAt++;
    else comparedAt++;
  }
  return result();
}
