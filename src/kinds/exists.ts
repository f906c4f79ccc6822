/**
 * Check `exists`: a condition holds at some instance (a step size that works, a start from which
 * the dynamics fail). A witness proves it; finding none among the draws proves nothing, so that
 * case is "not checked", never "refuted".
 */
import { field, optional, required } from '../model/schema';
import type { ArgsOf, CheckKind } from './kind';
import { drawField, prepareConditions } from './support/conditions';

const schema = field.object({
  exists: required(field.expr(), 'the condition, e.g. spectralRadius(J) < 1'),
  draw: optional(drawField, 'values this check draws itself'),
  count: optional(
    field.integer(1, 1_000_000),
    'instances for this check, when one instance is expensive (say why in the reading)',
  ),
  label: optional(field.string()),
});

export const existsCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'exists',
  summary: 'a condition holds at some instance (a witness is shown)',
  readme: [
    {
      example: '`- exists: spectralRadius(J) < 1`',
      text: 'a witness among the instances (none found is "not checked", never "refuted")',
    },
  ],
  schema,
  localNames: (args) => (args.draw ?? []).map((d: { name: string }) => d.name),
  run(args, ctx, opts) {
    const run = prepareConditions(args.count, [args.exists], args.draw, ctx, opts);
    const claimTex = `\\exists:\\ ${ctx.tex(run.conditionNodes[0]!)}`;
    const label = args.label ?? 'existence';
    let special = 0;
    for (let k = 0; k < run.instances.length; k++) {
      const { truths, scope, certify } = run.evaluate(k);
      if (run.instances[k]!.special) special++;
      if (truths[0] === 1) {
        // A witness counts only when certified arithmetic confirms it.
        if (certify()[0] !== 1) continue;
        const witness = run.counterexample(k, scope, `instance ${k + 1} of ${run.instances.length}`, true);
        witness.seed = opts.seed;
        return {
          label,
          status: 'verified',
          claimTex,
          witness,
          numeric: { instances: k + 1, special, seed: opts.seed },
          decidedBy: [{ method: 'witness', instance: k + 1 }],
        };
      }
    }
    return {
      label,
      status: 'not-checked',
      claimTex,
      reason: `no certified witness among ${run.instances.length} instances; random search cannot show that none exists`,
      numeric: { instances: run.instances.length, special, seed: opts.seed },
      decidedBy: [],
    };
  },
};
