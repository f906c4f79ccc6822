/**
 * A condition that fails wherever h = 0 (h ≠ 0, |h| > 0 …) and that every instance passes can
 * still fail between them, at a point no draw can be (x = π/4 on [0, 1]). Where h has certain
 * signs of both kinds at two instances and is continuous on the box they span, it vanishes on the
 * segment between them (intermediate values), and there the condition fails.
 */
import { constantNode, operatorNode, type ExprNode } from '../../expr/mathjs-parser';
import type { ClaimContext } from '../kind';
import type { ConditionRun } from './conditions';
import { certifiedTruth, continuousBetween } from './certify';

type AnyNode = ExprNode & Record<string, any>;
const unwrap = (x: AnyNode): AnyNode => (x.type === 'ParenthesisNode' ? unwrap(x.content) : x);
const isZero = (x: AnyNode) => x.type === 'ConstantNode' && x.value === 0;
const absOf = (x: AnyNode) => (x.type === 'FunctionNode' && x.fn.name === 'abs' && x.args.length === 1 ? (x.args[0] as AnyNode) : undefined);

/** A nonnegative number written as a constant. */
const constantAtLeastZero = (x: AnyNode): number | undefined => (x.type === 'ConstantNode' && typeof x.value === 'number' && x.value >= 0 ? x.value : undefined);
/** h where x is h^k for an even k. */
const evenPowerOf = (x: AnyNode) => (x.type === 'OperatorNode' && x.fn === 'pow' && unwrap(x.args[1]).type === 'ConstantNode' && Number.isInteger(unwrap(x.args[1]).value) && unwrap(x.args[1]).value > 0 && unwrap(x.args[1]).value % 2 === 0 ? (x.args[0] as AnyNode) : undefined);

/**
 * h where the condition fails wherever h = 0: a ≠ b (h = a − b), not (a = b), a > b or a < b,
 * |h| > c or |h| ≥ c for a constant c (c > 0 for ≥), h^(2k) > 0, and the same written the other
 * way round.
 */
function nonzeroPart(condition: ExprNode): ExprNode | undefined {
  const n = unwrap(condition as AnyNode);
  if (n.type === 'OperatorNode' && n.fn === 'not') {
    const inner = unwrap(n.args[0] as AnyNode);
    return inner.type === 'OperatorNode' && inner.fn === 'equal' ? nonzeroPart(operatorNode('!=', 'unequal', inner.args as ExprNode[])) : undefined;
  }
  if (n.type !== 'OperatorNode' || n.args.length !== 2) return undefined;
  const [a, b] = (n.args as AnyNode[]).map(unwrap) as [AnyNode, AnyNode];
  // a > b or a < b (in either order, either way round) is a ≠ b.
  if (n.fn === 'or') {
    const sides = (x: AnyNode) => (x.type !== 'OperatorNode' ? undefined : x.fn === 'larger' ? [x.args[0], x.args[1]] : x.fn === 'smaller' ? [x.args[1], x.args[0]] : undefined) as [AnyNode, AnyNode] | undefined;
    const [l, r] = [sides(a), sides(b)];
    const text = (x: AnyNode) => unwrap(x).toString();
    if (l && r && text(l[0]) === text(r[1]) && text(l[1]) === text(r[0])) return nonzeroPart(operatorNode('!=', 'unequal', l));
    return undefined;
  }
  if (n.fn === 'unequal') {
    if (isZero(b)) return absOf(a) ?? a;
    if (isZero(a)) return absOf(b) ?? b;
    return operatorNode('-', 'subtract', [a, b]);
  }
  // Turned so that the large side is on the left: |h| > c, |h| ≥ c.
  const [big, small, strict] = n.fn === 'larger' || n.fn === 'largerEq' ? [a, b, n.fn === 'larger'] : n.fn === 'smaller' || n.fn === 'smallerEq' ? [b, a, n.fn === 'smaller'] : [];
  if (!big || !small) return undefined;
  const c = constantAtLeastZero(small);
  if (c === undefined || (!strict && c === 0)) return undefined;
  return absOf(big) ?? (c === 0 ? evenPowerOf(big) : undefined);
}

/** Pairs tried: the instances nearest the zero set on each side, each with its nearest instance of the other sign. */
const NEAREST = 4;

/** Two instances between which h certainly vanishes, or undefined when none is shown. */
export function vanishingBetween(condition: ExprNode, run: ConditionRun, ctx: ClaimContext): { k: number; j: number } | undefined {
  const h = nonzeroPart(condition);
  if (!h) return undefined;
  const { env, instances } = run;
  let f;
  try {
    f = env.compileUser(h);
  } catch {
    return undefined;
  }
  const signed: Array<{ k: number; v: number }> = [];
  for (let k = 0; k < instances.length; k++) {
    try {
      const v = f(env.scopeOf(instances[k]!.values));
      // Draws only: a special point may lie outside the declared domains (the segment to it would too).
      if (!instances[k]!.special && typeof v === 'number' && Number.isFinite(v) && v !== 0) signed.push({ k, v });
    } catch {
      /* not a value here */
    }
  }
  const pos = signed.filter((s) => s.v > 0).sort((x, y) => x.v - y.v);
  const neg = signed.filter((s) => s.v < 0).sort((x, y) => y.v - x.v);
  if (!pos.length || !neg.length) return undefined;
  const distance = (a: number[], b: number[]) => a.reduce((m, x, s) => Math.max(m, Math.abs(x - b[s]!)), 0);
  const nearest = (k: number, among: Array<{ k: number }>): number => {
    let best = among[0]!.k;
    let bestDistance = Infinity;
    for (const o of among) {
      const d = distance(instances[o.k]!.values, instances[k]!.values);
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
    if (certifiedTruth(positive, ctx, env, p.values, new Map(), p.exactOf?.()) !== 1) continue;
    if (certifiedTruth(negative, ctx, env, q.values, new Map(), q.exactOf?.()) !== 1) continue;
    if (continuousBetween(h, ctx, env, p.values, q.values)) return { k, j };
  }
  return undefined;
}
