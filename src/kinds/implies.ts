/** Check `implies`: wherever the premise holds, so does the conclusion (coverage: how often the premise held). */
import { field, optional, required } from '../model/schema';
import type { ArgsOf, CheckKind } from './kind';
import { drawField, prepareConditions, runConditionCheck } from './support/conditions';
import { unverifiedByIntermediateZero } from './support/vanishing';
import type { ExprNode } from '../expr/mathjs-parser';

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
    return unverifiedByIntermediateZero(out, run, ctx, [[conclusion, premise]]) ?? out;
  },
};
