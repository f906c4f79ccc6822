/** Check `implies`: wherever the premise holds, so does the conclusion (coverage: how often the premise held). */
import { field, optional, required } from '../model/schema';
import { withdrawn, type ArgsOf, type CheckKind, type CheckOutput } from './kind';
import { drawField, prepareConditions, runConditionCheck, type ConditionRun } from './support/conditions';
import { unverifiedByIntermediateZero } from './support/vanishing';
import type { ExprNode } from '../expr/mathjs-parser';
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

/** An equality premise holds on a set no draw reaches, by design: its special points are what tries it. */
const isEquality = (n: ExprNode & Record<string, any>): boolean =>
  (n.type === 'OperatorNode' && (n.fn === 'equal' || (n.args as ExprNode[]).some((a) => isEquality(a)))) ||
  (n.type === 'ParenthesisNode' && isEquality(n.content as ExprNode));

/**
 * A verified implication whose premise, an open condition, held at special points only, never at a
 * random draw: the set where it holds is thinner than the draws (|x − y| < 10⁻¹²), and the
 * conclusion was tried only where the special points happen to put it (x = y), not where it fails
 * (near the corners of the band). Neither verified nor refuted.
 */
function unverifiedByThinPremise(out: CheckOutput, run: ConditionRun): CheckOutput | undefined {
  const [premise] = run.conditionNodes as [ExprNode];
  if (out.status !== 'verified' || isEquality(premise)) return undefined;
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
    `the premise held at ${atSpecial} special point(s) only, never at a random draw: the set where it holds is thinner than the draws reach, so the conclusion was tried only where the special points put it, and the claim is neither verified nor refuted`,
  );
}
