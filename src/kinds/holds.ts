/** Check `holds`: a condition true at every instance ("the product of the eigenvalues is 1"). */
import { field, optional, required } from '../model/schema';
import type { ArgsOf, CheckKind } from './kind';
import { drawField, prepareConditions, runConditionCheck } from './support/conditions';
import { proveSign } from './support/sign-proof';
import { unverifiedByIntermediateZero, unverifiedByTouching } from './support/vanishing';

const schema = field.object({
  holds: required(field.expr(), 'the condition, e.g. abs(lambda) >= 1'),
  draw: optional(drawField, 'values this check draws itself'),
  count: optional(
    field.integer(1, 1_000_000),
    'instances for this check, when one instance is expensive (say why in the reading)',
  ),
  label: optional(field.string()),
});

export const holdsCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'holds',
  summary: 'a condition holds at every instance',
  readme: [{ example: '`- holds: abs(lambda) >= 1`', text: 'a condition at every instance' }],
  schema,
  localNames: (args) => (args.draw ?? []).map((d: { name: string }) => d.name),
  run(args, ctx, opts) {
    const run = prepareConditions(args.count, [args.holds], args.draw, ctx, opts);
    const tex = ctx.tex(run.conditionNodes[0]!);
    const out = runConditionCheck(run, opts, args.label ?? 'condition holds', tex, ([t]) =>
      t === undefined
        ? { ok: undefined }
        : { side: t === 1 ? 'holds' : 'fails', ok: t === 1, detail: 'the condition is false here' },
    );
    // h ≠ 0 at every instance, and h of both signs, continuous between two of them: it is 0 in between.
    const zero = unverifiedByIntermediateZero(out, run, ctx, [[run.conditionNodes[0]!, undefined]]);
    if (zero) return zero;
    // A sign the prover establishes from the domains makes the condition proved, not only sampled.
    const proof = out.status === 'verified' && !args.draw ? proveSign(run.conditionNodes[0]!, ctx) : undefined;
    if (proof && out.status === 'verified')
      return { ...out, status: 'proved', witness: undefined, decidedBy: [proof, ...out.decidedBy] };
    return unverifiedByTouching(out, run) ?? out;
  },
};
