/** Check `implies`: wherever the premise holds, so does the conclusion (coverage: how often the premise held). */
import { field, optional, required } from '../model/schema';
import { withdrawn, type ArgsOf, type CheckKind, type CheckOutput } from './kind';
import { drawField, prepareConditions, runConditionCheck, type ConditionRun } from './support/conditions';
import { unverifiedByIntermediateZero } from './support/vanishing';
import type { ExprNode } from '../expr/mathjs-parser';
import { freeSymbols } from '../expr/parse';
import { asTruth } from '../numeric/compile';
import type { Compiled } from '../numeric/value';

const schema = field.object({
  implies: required(field.expr(), 'the premise, e.g. "f\'\'(0) < 0"'),
  then: required(field.expr(), 'the conclusion, e.g. re(lambda) < 0'),
  draw: optional(drawField, 'values this check draws itself'),
  count: optional(
    field.integer(1, 1_000_000),
    'instances for this check, when one instance is expensive (say why in the reading)',
  ),
  label: optional(field.string()),
});

export const impliesCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'implies',
  summary: 'premise ⇒ conclusion at every instance',
  readme: [
    {
      example: "`- implies: f''(0) < 0` / `then: re(lambda) < 0`",
      text: 'premise ⇒ conclusion, with how often the premise held',
    },
  ],
  schema,
  localNames: (args) => (args.draw ?? []).map((d: { name: string }) => d.name),
  run(args, ctx, opts) {
    const run = prepareConditions(args.count, [args.implies, args.then], args.draw, ctx, opts);
    const [p, c] = run.conditionNodes.map((n) => ctx.tex(n));
    const out = runConditionCheck(
      run,
      opts,
      args.label ?? 'implication',
      `${p} \\;\\Rightarrow\\; ${c}`,
      ([premise, conclusion]) => {
        if (premise === 0) return { side: 'premise false', ok: true };
        if (premise === undefined) return { ok: undefined };
        if (conclusion === undefined) return { side: 'premise true', ok: undefined };
        return { side: 'premise true', ok: conclusion === 1, detail: 'the premise holds and the conclusion does not' };
      },
      ['premise true'],
    );
    // The conclusion says h ≠ 0 and h vanishes between two instances where the premise holds throughout.
    const [premise, conclusion] = run.conditionNodes as [ExprNode, ExprNode];
    return (
      unverifiedByIntermediateZero(out, run, ctx, [[conclusion, premise]]) ?? unverifiedByThinPremise(out, run) ?? out
    );
  },
};

/** An equality premise holds on a set no draw reaches: its special points are what tries it. */
const isEquality = (n: ExprNode & Record<string, any>): boolean =>
  (n.type === 'OperatorNode' && (n.fn === 'equal' || (n.args as ExprNode[]).some((a) => isEquality(a)))) ||
  (n.type === 'ParenthesisNode' && isEquality(n.content as ExprNode));

/**
 * A verified implication whose premise held at special points only, never at a random draw: the
 * set where it holds is thinner than the draws (|x − y| < 10⁻¹²), and the conclusion was tried only
 * where the special points happen to put it (x = y), not where it fails (near the corners of the
 * band). So is an equation in two or more real symbols (a curve, x² + y² = 1): the exact points
 * the search finds on it are a few simple ones ((3/5, 4/5)), not where the conclusion fails (an arc
 * near (1/√2, 1/√2)). Neither verified nor refuted. (An equation in one real symbol holds at
 * isolated points, which the search along its axis finds.)
 */
function unverifiedByThinPremise(out: CheckOutput, run: ConditionRun): CheckOutput | undefined {
  const [premise] = run.conditionNodes as [ExprNode];
  if (out.status !== 'verified') return undefined;
  const named = new Set(freeSymbols(premise));
  const continuous = run.env.sampled.filter((s) => s.domain.kind === 'real' && named.has(s.label));
  const curve = isEquality(premise) && continuous.length >= 2;
  if (isEquality(premise) && !curve) return undefined;
  let holds: Compiled;
  try {
    holds = run.compile(premise);
  } catch {
    return undefined;
  }
  let atSpecial = 0;
  let truth: number | undefined;
  for (let k = 0; k < run.instances.length; k++) {
    try {
      const scope = run.drawnAt(k)?.scope ?? run.env.scopeOf(run.instances[k]!.values);
      truth = asTruth(holds(scope));
    } catch {
      truth = undefined;
    }
    // Undecided (within floating point's tolerance of the boundary) counts as possibly holding.
    if (truth === undefined || truth === 0) continue;
    if (!run.instances[k]!.special) return undefined;
    atSpecial++;
  }
  if (atSpecial === 0) return undefined;
  return withdrawn(
    out,
    curve
      ? `the premise, an equation in ${continuous.map((s) => s.label).join(', ')}, held at ${atSpecial} exact point(s) the search found and at no random draw (no draw lands on the set an equation defines): the conclusion was tried only there, so the claim is neither verified nor refuted (a parametrisation of the set lets the draws cover it, a rational one keeps it exact: x = (1 − u²)/(1 + u²), y = 2u/(1 + u²) for the unit circle)`
      : `the premise held at ${atSpecial} special point(s) only, never at a random draw: the set where it holds is thinner than the draws reach, so the conclusion was tried only where the special points put it, and the claim is neither verified nor refuted`,
  );
}
