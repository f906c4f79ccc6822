/**
 * A condition that fails wherever h = 0 (h ≠ 0, |h| > 0 …) and that every instance passes can
 * still fail between them, at a point no draw can be (x = π/4 on [0, 1]). Where h has certain
 * signs of both kinds at two instances and is continuous on the box they span, it vanishes on the
 * segment between them (intermediate values), and there the condition fails.
 */
import { callNode, constantNode, operatorNode, type ExprNode } from '../../expr/mathjs-parser';
import { isList, isMatrix, type NValue } from '../../numeric/value';
import { asTruth } from '../../numeric/compile';
import type { Scope } from '../../numeric/value';
import { withdrawn, type CheckOutput, type ClaimContext } from '../kind';
import type { ConditionRun } from './conditions';
import { certifiedTruth, continuousBetween, trueOnBox } from './certify';

type AnyNode = ExprNode & Record<string, any>;
const unwrap = (x: AnyNode): AnyNode => (x.type === 'ParenthesisNode' ? unwrap(x.content) : x);
const isZero = (x: AnyNode) => x.type === 'ConstantNode' && x.value === 0;
const absOf = (x: AnyNode) =>
  x.type === 'FunctionNode' && x.fn.name === 'abs' && x.args.length === 1 ? (x.args[0] as AnyNode) : undefined;

/** A nonnegative number written as a constant. */
const constantAtLeastZero = (x: AnyNode): number | undefined =>
  x.type === 'ConstantNode' && typeof x.value === 'number' && x.value >= 0 ? x.value : undefined;
/** h where x is h^k for an even k. */
const evenPowerOf = (x: AnyNode) =>
  x.type === 'OperatorNode' &&
  x.fn === 'pow' &&
  unwrap(x.args[1]).type === 'ConstantNode' &&
  Number.isInteger(unwrap(x.args[1]).value) &&
  unwrap(x.args[1]).value > 0 &&
  unwrap(x.args[1]).value % 2 === 0
    ? (x.args[0] as AnyNode)
    : undefined;

/**
 * h where the condition fails wherever h = 0: a ≠ b (h = a − b), not (a = b), a > b or a < b,
 * |h| > c or |h| ≥ c for a constant c (c > 0 for ≥), h^(2k) > 0, and the same written the other
 * way round.
 */
function nonzeroPart(condition: ExprNode): ExprNode | undefined {
  const n = unwrap(condition as AnyNode);
  if (n.type === 'OperatorNode' && n.fn === 'not') {
    const inner = unwrap(n.args[0] as AnyNode);
    return inner.type === 'OperatorNode' && inner.fn === 'equal'
      ? nonzeroPart(operatorNode('!=', 'unequal', inner.args as ExprNode[]))
      : undefined;
  }
  if (n.type !== 'OperatorNode' || n.args.length !== 2) return undefined;
  const [a, b] = (n.args as AnyNode[]).map(unwrap) as [AnyNode, AnyNode];
  // a > b or a < b (in either order, either way round) is a ≠ b.
  if (n.fn === 'or') {
    const sides = (x: AnyNode) =>
      (x.type !== 'OperatorNode'
        ? undefined
        : x.fn === 'larger'
          ? [x.args[0], x.args[1]]
          : x.fn === 'smaller'
            ? [x.args[1], x.args[0]]
            : undefined) as [AnyNode, AnyNode] | undefined;
    const [l, r] = [sides(a), sides(b)];
    const text = (x: AnyNode) => unwrap(x).toString();
    if (l && r && text(l[0]) === text(r[1]) && text(l[1]) === text(r[0]))
      return nonzeroPart(operatorNode('!=', 'unequal', l));
    return undefined;
  }
  if (n.fn === 'unequal') {
    if (isZero(b)) return absOf(a) ?? a;
    if (isZero(a)) return absOf(b) ?? b;
    return operatorNode('-', 'subtract', [a, b]);
  }
  // Turned so that the large side is on the left: |h| > c, |h| ≥ c.
  const [big, small, strict] =
    n.fn === 'larger' || n.fn === 'largerEq'
      ? [a, b, n.fn === 'larger']
      : n.fn === 'smaller' || n.fn === 'smallerEq'
        ? [b, a, n.fn === 'smaller']
        : [];
  if (!big || !small) return undefined;
  const c = constantAtLeastZero(small);
  if (c === undefined || (!strict && c === 0)) return undefined;
  return absOf(big) ?? (c === 0 ? evenPowerOf(big) : undefined);
}

/** Pairs tried: the instances nearest the zero set on each side, each with its nearest instance of the other sign. */
const NEAREST = 4;

/**
 * Two instances between which h certainly vanishes, or undefined when none is shown. `premise`: a
 * condition under which the one given must hold (the premise of an implication, the other side of
 * an equivalence); the zero counts only where the premise is certainly true on the whole box. A
 * list or vector h is taken entry by entry (a comparison with a list means every element).
 */
function vanishingBetween(
  condition: ExprNode,
  run: ConditionRun,
  ctx: ClaimContext,
  premise?: ExprNode,
): Zero | undefined {
  const h = nonzeroPart(condition);
  if (!h) return undefined;
  const { instances } = run;
  const compile = (n: ExprNode) => {
    try {
      return run.compile(n);
    } catch {
      return undefined;
    }
  };
  const f = compile(h);
  const holds = premise ? compile(premise) : undefined;
  if (!f || (premise && !holds)) return undefined;
  // Draws only: a special point may lie outside the declared domains (the segment to it would too).
  // The search's points are inside them (it snaps each to its domain).
  const drawn = instances
    .map((_, k) => k)
    .filter((k) => !instances[k]!.special || instances[k]!.special.startsWith('search:'));
  const valueAt = (g: (s: Scope) => NValue, k: number): NValue | undefined => {
    try {
      return g(scopeAt(run, k));
    } catch {
      return undefined;
    }
  };
  const premiseHolds = (k: number): boolean => {
    const t = holds && valueAt(holds, k);
    try {
      return t !== undefined && asTruth(t) === 1;
    } catch {
      return false;
    }
  };
  const candidates = holds ? drawn.filter(premiseHolds) : drawn;
  const entries = entryCount(candidates.map((k) => valueAt(f, k)).find((v) => v !== undefined));
  const parts =
    entries === undefined
      ? [h]
      : Array.from({ length: entries }, (_, k) => callNode('entry', [h, constantNode(k + 1)]));
  for (const part of parts) {
    const g = parts.length === 1 ? f : compile(part);
    const found = g && signChangeOf(part, g, candidates, run, ctx, premise, integerSampling(run));
    if (found) return found;
  }
  return undefined;
}

/** The number of entries of a list or vector value; undefined for a number. */
function entryCount(v: NValue | undefined): number | undefined {
  if (v === undefined || typeof v === 'number') return undefined;
  if (isList(v)) return v.items.length;
  if (isMatrix(v) && (v.rows === 1 || v.cols === 1)) return v.rows * v.cols;
  return undefined;
}

/** The numeric scope of an instance, with the check's own draws there. */
const scopeAt = (run: ConditionRun, k: number): Scope =>
  run.drawnAt(k)?.scope ?? run.env.scopeOf(run.instances[k]!.values);

/**
 * Two instances with h of opposite certain signs: `integer` when the zero between them is only
 * possible (h changes sign, but whether it vanishes at an integer point is not shown).
 */
type Zero = { k: number; j: number; integer?: { tried: number; combinations?: number } };

/**
 * Integer symbols whose combinations were not all tried: a sign change of h shows that its zero set
 * crosses their range, and an integer point on it fails the condition (n² + m² ≠ 40000 at
 * (120, 160), two of 39 601 combinations), so draws that miss it decide nothing. With real symbols
 * beside them the zero may lie at an irrational value of those (n·x² ≠ 2 at n = 1, x = √2), where the
 * segment between two draws, which leaves the integers, cannot show it. `combinations` is
 * undefined when real symbols are drawn too.
 */
function integerSampling(run: ConditionRun): { tried: number; combinations?: number } | undefined {
  const sampled = run.env.sampled;
  if (!sampled.some((s) => s.domain.kind === 'integer')) return undefined;
  const tried = run.instances.length;
  if (sampled.some((s) => s.domain.kind !== 'integer')) return { tried };
  const combinations = sampled.reduce(
    (n, s) => (s.domain.kind === 'integer' ? n * (s.domain.max - s.domain.min + 1) : n),
    1,
  );
  return combinations <= tried ? undefined : { tried, combinations };
}

function signChangeOf(
  h: ExprNode,
  f: (s: Scope) => NValue,
  candidates: number[],
  run: ConditionRun,
  ctx: ClaimContext,
  premise: ExprNode | undefined,
  integer: { tried: number; combinations?: number } | undefined,
): Zero | undefined {
  const { env, instances } = run;
  const signed: Array<{ k: number; v: number }> = [];
  for (const k of candidates) {
    try {
      const v = f(scopeAt(run, k));
      if (typeof v === 'number' && Number.isFinite(v) && v !== 0) signed.push({ k, v });
    } catch {
      /* not a value here */
    }
  }
  const pos = signed.filter((s) => s.v > 0).sort((x, y) => x.v - y.v);
  const neg = signed.filter((s) => s.v < 0).sort((x, y) => y.v - x.v);
  if (!pos.length || !neg.length) return undefined;
  // Declared values and the check's own draws alike.
  const coordinatesOf = new Map(
    signed.map(({ k }) => [
      k,
      Array.from(scopeAt(run, k), (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)),
    ]),
  );
  const coordinates = (k: number): number[] => coordinatesOf.get(k)!;
  const distance = (a: number[], b: number[]) => a.reduce((m, x, s) => Math.max(m, Math.abs(x - b[s]!)), 0);
  const nearest = (k: number, among: Array<{ k: number }>): number => {
    let best = among[0]!.k;
    let bestDistance = Infinity;
    for (const o of among) {
      const d = distance(coordinates(o.k), coordinates(k));
      if (d < bestDistance) [best, bestDistance] = [o.k, d];
    }
    return best;
  };
  const positive = operatorNode('>', 'larger', [h, constantNode(0)]);
  const negative = operatorNode('<', 'smaller', [h, constantNode(0)]);
  const pairs: Array<[number, number]> = [];
  for (const s of pos.slice(0, NEAREST)) pairs.push([s.k, nearest(s.k, neg)]);
  for (const s of neg.slice(0, NEAREST)) pairs.push([nearest(s.k, pos), s.k]);
  for (const [k, j] of pairs) {
    const p = instances[k]!;
    const q = instances[j]!;
    const drawn = {
      p: run.drawnAt(k)?.locals ?? new Map(),
      q: run.drawnAt(j)?.locals ?? new Map(),
      holdsSegment: run.drawnSegments,
    };
    if (certifiedTruth(positive, ctx, env, p.values, drawn.p, p.exactOf?.()) !== 1) continue;
    if (certifiedTruth(negative, ctx, env, q.values, drawn.q, q.exactOf?.()) !== 1) continue;
    // A possible zero at an integer point needs the premise only where it was tried (both ends).
    if (integer) return { k, j, integer };
    if (premise && !trueOnBox(premise, ctx, env, p.values, q.values, drawn)) continue;
    if (continuousBetween(h, ctx, env, p.values, q.values, drawn)) return { k, j };
  }
  return undefined;
}

/**
 * A verified condition check made not checked where one of its conditions certainly fails between
 * two instances: `conditions`, each with the premise under which it must hold.
 */
export function unverifiedByIntermediateZero(
  out: CheckOutput,
  run: ConditionRun,
  ctx: ClaimContext,
  conditions: Array<[ExprNode, ExprNode | undefined]>,
): CheckOutput | undefined {
  if (out.status !== 'verified') return undefined;
  for (const [condition, premise] of conditions) {
    const zero = vanishingBetween(condition, run, ctx, premise);
    if (!zero) continue;
    const under = premise ? ', where the other condition certainly holds throughout,' : '';
    const reason = zero.integer
      ? `the expression the condition says is nonzero has certain values of opposite signs at instances ${zero.k} and ${zero.j}, so its zero set crosses the range of the integer symbols, and a point on it with integer values there would fail the condition; ${zero.integer.combinations ? `${zero.integer.tried} of their ${zero.integer.combinations} combinations were tried` : 'they were drawn with real symbols, not tried value by value'}, so the claim is neither verified nor refuted`
      : `the condition fails between instances ${zero.k} and ${zero.j}: the expression it says is nonzero has certain values of opposite signs at the two and is continuous on the box they span${under} (interval arithmetic), so it is 0 on the segment between them; that point has no exact form here, so the claim is neither verified nor refuted`;
    return withdrawn(out, reason);
  }
  return undefined;
}

/**
 * A verified condition whose strict comparison the search saw touch its boundary closer than
 * doubles resolve ((x − √2)² > 0 is 10⁻³³ at the double nearest √2): a zero at an irrational
 * point is neither excluded by the draws nor reachable by them, so the claim is not checked.
 */
export function unverifiedByTouching(out: CheckOutput, run: ConditionRun): CheckOutput | undefined {
  const touch = out.status === 'verified' ? run.nearBoundary[0] : undefined;
  if (!touch) return undefined;
  const at = run.env
    .pointOf(touch.values)
    .map((p) => `${p.name} = ${p.value}`)
    .join(', ');
  const reason = `the comparison ${touch.comparison.toString()} comes within ${touch.value.toPrecision(2)} of its boundary at ${at} (located in accurate arithmetic) without crossing it: the two sides may meet at a point between doubles, which no draw can reach, so the claim is neither verified nor refuted`;
  return withdrawn(out, reason);
}
