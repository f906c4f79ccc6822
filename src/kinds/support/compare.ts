/**
 * Deciding derived = claimed. Symbolic first (as a hint: nerdamer's expand/simplify can be wrong
 * both ways), then numerically at every planned instance with a mixed relative tolerance; a
 * numeric disagreement is re-decided in exact rational arithmetic at the same (dyadic) point
 * whenever nerdamer can evaluate it exactly, so a counterexample is never a rounding artefact.
 */
import { expand, simplify, substitute, SymbolicTimeout } from '../../symbolic/nerd';
import { relDistance, toComplex, type Complex } from '../../numeric/complex';
import type { Compiled } from '../../numeric/compile';
import { isList, isMatrix, type NValue } from '../../numeric/value';
import type { NumericEnv, DrawnInstance } from './numeric-env';

/** Agreement threshold on |a − b| / max(1, |a|, |b|): far above double rounding on these expressions, far below any real discrepancy. */
export const EQUALITY_TOLERANCE = 1e-9;
/**
 * Below this relative difference a disagreement may still be rounding (a claimed closed form that
 * cancels, like 1 − α²/2 + √((1 − α²/2)² − 1) at α ≈ 70, loses 6 digits): such a point is refuted
 * only in exact arithmetic, and counted as undecided when exact arithmetic cannot decide.
 */
export const ROUNDING_ZONE = 1e-6;
/** Exact re-decisions per comparison (each is a nerdamer evaluation). */
const EXACT_ATTEMPTS = 100;

/** Time bound of nerdamer's simplify as a hint (inputs are also bounded in size, above). */
const SIMPLIFY_HINT_MS = 3000;

export function symbolicHint(pairs: Array<[string, string]>): boolean | 'timeout' | 'not-tried' {
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
    }
    return all;
  } catch (e) {
    if (e instanceof SymbolicTimeout) return 'timeout';
    return false;
  }
}

export type ExactOutcome = 'zero' | 'nonzero' | 'unknown';

/** Is derived − claimed exactly zero at this point? Uses nerdamer with the point's exact rationals. */
export function exactDifference(env: NumericEnv, inst: DrawnInstance, d: string, c: string): ExactOutcome {
  try {
    const decide = (v: string): ExactOutcome => {
      if (v === '0') return 'zero';
      // A pure number (rational, or rational ± rational·i) that is not 0 is an exact disagreement.
      if (/^[-+*/()0-9.i ]+$/.test(v) && /\d/.test(v)) return 'nonzero';
      return 'unknown';
    };
    const v = substitute(`(${d})-(${c})`, env.exactValues(inst.values));
    const first = decide(v);
    // Surds stay products until expanded: (x + √D)(x − √D) − (x² − D) is 0 only after expand.
    return first === 'unknown' ? decide(expand(v)) : first;
  } catch {
    return 'unknown';
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
  failedAt?: { instance: number; index: number; error: number; exact: boolean };
  undefinedAt: number;
  exactlyDecided: number;
  /** Points with a difference in the rounding zone that exact arithmetic could not decide: counted, never judged. */
  undecidedAt: number;
  /** Points where every pair was compared (numerically, or exactly): what an agreement rests on. */
  comparedAt: number;
}

/**
 * Compare pairs of compiled expressions over the instances. Returns at the first confirmed
 * disagreement. Points where both sides are undefined (a pole) are counted, not judged.
 */
export function comparePairs(env: NumericEnv, instances: DrawnInstance[], compiled: Array<[Compiled, Compiled]>, texts: Array<[string, string]>): PairResult {
  let worst = 0;
  let undefinedAt = 0;
  let exactlyDecided = 0;
  let undecidedAt = 0;
  let comparedAt = 0;
  let exactBudget = EXACT_ATTEMPTS;
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
      const finite = (x: number | Complex | undefined) => x !== undefined && Number.isFinite(toComplex(x).re) && Number.isFinite(toComplex(x).im);
      if (!finite(a) || !finite(b)) {
        if (!finite(a) && !finite(b)) {
          // A pole of both sides, or both beyond floating point (2^n, e^(1000a)): exact arithmetic
          // can still tell overflowing values apart.
          if (exactBudget > 0 && a !== undefined && b !== undefined) {
            exactBudget--;
            const ex = exactDifference(env, inst, texts[j]![0], texts[j]![1]);
            if (ex === 'zero') {
              exactlyDecided++;
              continue;
            }
            if (ex === 'nonzero') return { worst: Infinity, failedAt: { instance: k, index: j, error: Infinity, exact: true }, undefinedAt, exactlyDecided, undecidedAt, comparedAt };
          }
          pointUndefined = true;
          continue;
        }
        // One side has a pole the other has not: decide exactly if possible.
        const ex = exactDifference(env, inst, texts[j]![0], texts[j]![1]);
        if (ex === 'zero') continue;
        return { worst: Infinity, failedAt: { instance: k, index: j, error: Infinity, exact: ex === 'nonzero' }, undefinedAt, exactlyDecided, undecidedAt, comparedAt };
      }
      const err = relDistance(a!, b!);
      if (err > EQUALITY_TOLERANCE) {
        // Exact decisions cost milliseconds each: past the budget, a point in the rounding zone is
        // counted undecided without trying (a disagreement beyond it still gets its exact attempt).
        if (err < ROUNDING_ZONE && exactBudget <= 0) {
          pointUndecided = true;
          continue;
        }
        exactBudget--;
        const ex = exactDifference(env, inst, texts[j]![0], texts[j]![1]);
        if (ex === 'zero') {
          exactlyDecided++;
          continue;
        }
        if (ex === 'unknown' && err < ROUNDING_ZONE) {
          pointUndecided = true;
          continue;
        }
        return { worst: Math.max(worst, err), failedAt: { instance: k, index: j, error: err, exact: ex === 'nonzero' }, undefinedAt, exactlyDecided, undecidedAt, comparedAt };
      }
      if (err > worst) worst = err;
    }
    if (pointUndefined) undefinedAt++;
    if (pointUndecided) undecidedAt++;
    if (!pointUndefined && !pointUndecided) comparedAt++;
  }
  return { worst, undefinedAt, exactlyDecided, undecidedAt, comparedAt };
}
