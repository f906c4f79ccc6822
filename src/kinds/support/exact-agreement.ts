/**
 * An equality decided exactly: the two sides compared in exact arithmetic at random points (and at
 * points where a piecewise or branch-cut argument changes sign), with the Schwartz–Zippel bound on a
 * false agreement where the sides are rational functions of uniformly drawn values.
 */

import { NumericEnv } from './numeric-env';

import { certifiedDifference } from './certify';

import { rationalDegree } from '../../certified/degree';

import { drawSetSize } from '../../numeric/rng';
import { parseMath } from '../../expr/mathjs-parser';

import { DIP } from './search';

import type { Decision } from '../../model/decision';

export const KINK_CALL = /\b(abs|sign|step)\(/;
// Square roots, logarithms and fractional powers are piecewise too, across their branch cut
// (√(u²) = |u|): where an argument dips below 0 only between draws, exact agreement at the draws
// proves nothing.
export const PIECEWISE_CALL =
  /\b(abs|sign|step|sqrt|log)\(|\^[\s(]*-?\s*\d*\.\d|\^[\s(]*-?\s*\d+[\s)]*\/|\^[\s(]*-?\s*[a-zA-Z]/;

/** Points (generic draws first, then special ones) at which the difference is evaluated in certified arithmetic even where floating point agrees. */
const PROOF_POINTS = 8;
const SPECIAL_PROOF_POINTS = 8;

interface ExactAgreement {
  tried: number;
  exactPoints: number;
  /** Generic draws that agreed exactly: the independent points of the identity bound. */
  genericPoints: number;
  closePoints: number;
  undecidedPoints: number;
  /** Every combination of the integer symbols was covered (they drop out of the identity bound). */
  exhaustiveIntegers: boolean;
  failedAt?: { instance: number; index: number; error: number };
  why?: string;
}

export function exactAgreement(
  env: NumericEnv,
  instances: ReturnType<NumericEnv['plan']>,
  pairs: Array<[string, string]>,
): ExactAgreement {
  const generic = instances
    .map((_, k) => k)
    .filter((k) => !instances[k]!.special)
    .slice(0, PROOF_POINTS);
  // Every point where the search found a piece's argument across 0 is decided too: it stands where a piecewise
  // form may differ only by a little (|u| − u = 2·10⁻¹⁰ in a window of u < 0), which floating
  // point's tolerance takes for agreement.
  const specials = instances
    .map((_, k) => k)
    .filter((k) => instances[k]!.special)
    .filter((k, j) => j < SPECIAL_PROOF_POINTS || instances[k]!.special!.includes(DIP));
  // Integer symbols with few values are covered exhaustively: every combination, at fresh real
  // points each, so the identity bound needs only the real variables.
  const combos = integerCombinations(env);
  if (combos && generic.length) {
    generic.length = 0;
    const draws = instances.filter((i) => !i.special);
    // The new points join the check's instances, so that a counterexample can name one.
    combos.forEach((combo, c) => {
      for (let r = 0; r < POINTS_PER_COMBINATION; r++) {
        const base = draws[(c * POINTS_PER_COMBINATION + r) % PROOF_POINTS];
        if (!base) continue;
        const values = base.values.slice();
        for (const [slot, value] of combo) values[slot] = value;
        instances.push({
          values,
          structures: base.structures,
          special: `integer combination ${[...combo].map(([s, v]) => `${env.ctx.table.user(env.internalName(s))} = ${v}`).join(', ')}`,
        });
        generic.push(instances.length - 1);
      }
    });
  }
  const out: ExactAgreement = {
    tried: 0,
    exactPoints: 0,
    genericPoints: 0,
    closePoints: 0,
    undecidedPoints: 0,
    exhaustiveIntegers: !!combos,
  };
  for (const k of [...generic, ...specials]) {
    out.tried++;
    let worst: 'zero' | 'close' | undefined = 'zero';
    for (let j = 0; j < pairs.length; j++) {
      const z = certifiedDifference(env, instances[k]!.values, pairs[j]![0], pairs[j]![1], instances[k]!.exactOf?.());
      if (z === 'nonzero') return { ...out, failedAt: { instance: k, index: j, error: NaN } };
      if (z === undefined) worst = undefined;
      else if (z === 'close' && worst === 'zero') worst = 'close';
    }
    if (worst === 'zero') {
      out.exactPoints++;
      if (generic.includes(k)) out.genericPoints++;
    } else if (worst === 'close') out.closePoints++;
    else out.undecidedPoints++;
  }
  if (combos) out.genericPoints = POINTS_PER_COMBINATION;
  return out;
}

const POINTS_PER_COMBINATION = 2;
const MAX_COMBINATIONS = 128;

/** Every combination of the drawn integer symbols' values, when there are few. */
function integerCombinations(env: NumericEnv): Array<Map<number, number>> | undefined {
  const ints = env.sampled.filter((s) => s.domain.kind === 'integer');
  if (!ints.length) return undefined;
  let out: Array<Map<number, number>> = [new Map()];
  for (const s of ints) {
    const d = s.domain as { min: number; max: number };
    if (out.length * (d.max - d.min + 1) > MAX_COMBINATIONS) return undefined;
    out = out.flatMap((m) => Array.from({ length: d.max - d.min + 1 }, (_, k) => new Map([...m, [s.slot, d.min + k]])));
  }
  return out;
}

/** The identity bound when every pair is a rational function (square roots allowed) of uniformly drawn values, else undefined. */
export function schwartzZippel(
  env: NumericEnv,
  pairs: Array<[string, string]>,
  points: number,
  exhaustiveIntegers: boolean,
): Decision | undefined {
  // A drawn matrix's entries come from structured samplers, not a uniform grid: no bound then.
  if (points === 0 || env.matrices.length) return undefined;
  const sizes = new Map(
    env.sampled.map((s) => [
      env.internalName(s.slot),
      s.domain.kind === 'integer' ? s.domain.max - s.domain.min + 1 : drawSetSize(s.domain.range[0], s.domain.range[1]),
    ]),
  );
  const integerNames = new Set(
    env.sampled.filter((s) => s.domain.kind === 'integer').map((s) => env.internalName(s.slot)),
  );
  let perPoint = 0;
  for (const [d, c] of pairs) {
    const b = rationalDegree(parseMath(`(${d})-(${c})`));
    if (!b) return undefined;
    let p = 0;
    for (const [v, deg] of b.num) {
      if (exhaustiveIntegers && integerNames.has(v)) continue;
      const size = sizes.get(v);
      if (size === undefined) return undefined;
      p += deg / size;
    }
    perPoint = Math.max(perPoint, p);
  }
  if (!(perPoint < 0.5)) return undefined;
  const exponent = perPoint === 0 ? -Infinity : Math.floor(points * Math.log10(perPoint));
  return { method: 'schwartz-zippel', points, everyInteger: exhaustiveIntegers, perPoint, exponent };
}
