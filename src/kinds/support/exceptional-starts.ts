/**
 * Starts of a map of one variable that random draws never meet, for exact runs. A nonsmooth map
 * (abs, sign, step, max, min) can hide what is wrong with a claim about its runs in a window
 * narrower than any draw: a fixed point inside a window 10⁻⁷ wide, a kick at one point, a tent map
 * whose every double start reaches 0 exactly while 2/3 is fixed. Candidates are where an argument
 * of such a call vanishes (its root when the argument is affine in the state: interpolated exactly
 * at 0 and 1, the root confirmed exactly), then the simple rationals p/q (q ≤ 12) of the start
 * range, where the fixed points and their preimages of a piecewise-affine map with small
 * coefficients lie. A candidate only ever refutes: its exact run fails the criterion, or it says
 * nothing.
 */
import type { ExprNode } from '../../expr/mathjs-parser';
import { operatorNode } from '../../expr/mathjs-parser';
import * as Q from '../../certified/rational';

const NONSMOOTH = new Set(['abs', 'sign', 'step', 'max', 'min']);
/** The largest denominator of the simple rationals tried. */
const DENOMINATORS = 12;
/** At most this many candidates (kinks first, then rationals by denominator). */
const MOST = 64;

/** The arguments whose sign decides a nonsmooth call (for max and min: the difference of the two). */
export function nonsmoothArguments(nodes: ExprNode[]): ExprNode[] {
  const out: ExprNode[] = [];
  for (const root of nodes)
    root.traverse((n) => {
      if (n.type !== 'FunctionNode') return;
      const call = n as ExprNode & { fn: { name?: string }; args: ExprNode[] };
      const name = call.fn.name ?? '';
      if (!NONSMOOTH.has(name)) return;
      if (call.args.length === 1) out.push(call.args[0]!);
      else if (call.args.length === 2) out.push(operatorNode('-', 'subtract', [call.args[0]!, call.args[1]!]));
    });
  return out;
}

/**
 * The candidate starts inside the start domain: the roots of the affine arguments, then p/q
 * between the range's ends. `valueAt` evaluates an argument exactly at a state value.
 */
export function exceptionalStarts(
  args: ExprNode[],
  valueAt: (node: ExprNode, x: Q.Rational) => Q.Rational | undefined,
  range: [Q.Rational, Q.Rational],
  inside: (x: Q.Rational) => boolean,
): Q.Rational[] {
  const out = new Map<string, Q.Rational>();
  const add = (x: Q.Rational) => {
    if (out.size < MOST && inside(x)) out.set(Q.ratText(x), x);
  };
  for (const arg of args) {
    const [g0, g1] = [valueAt(arg, Q.ZERO), valueAt(arg, Q.ONE)];
    if (!g0 || !g1) continue;
    const slope = Q.sub(g1, g0);
    if (Q.isZero(slope)) continue;
    const root = Q.neg(Q.div(g0, slope));
    const g = valueAt(arg, root);
    if (g && Q.isZero(g)) add(root);
  }
  const [lo, hi] = range;
  for (let q = 1; q <= DENOMINATORS && out.size < MOST; q++) {
    // The smallest p with p/q ≥ lo: ⌈lo.n·q / lo.d⌉.
    const n = lo.n * BigInt(q);
    const first = n >= 0n ? (n + lo.d - 1n) / lo.d : -(-n / lo.d);
    for (let p = first; out.size < MOST; p++) {
      const x = Q.rat(p, BigInt(q));
      if (Q.cmp(x, hi) > 0) break;
      add(x);
    }
  }
  return [...out.values()];
}
