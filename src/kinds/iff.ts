/** Check `iff`: two conditions agree at every instance; reports how many fell on each side. */
import { field, optional, required } from '../model/schema';
import type { ArgsOf, CheckKind } from './kind';
import { drawField, prepareConditions, runConditionCheck } from './support/conditions';
import { unverifiedByIntermediateZero } from './support/vanishing';
import type { ExprNode } from '../expr/mathjs-parser';

const schema = field.object({
  iff: required(field.expr(), 'the left condition'),
  with: required(field.expr(), 'the right condition'),
  draw: optional(drawField, 'values this check draws itself, e.g. {A: "stable matrix, size 2..8", h: "near 1/abs(a)"}'),
  count: optional(
    field.integer(1, 1_000_000),
    'instances for this check, when one instance is expensive (say why in the reading)',
  ),
  label: optional(field.string()),
});

export const iffCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'iff',
  summary: 'left ⇔ right at every instance, both sides exercised',
  readme: [
    {
      example: '`- iff: spectralRadius(I + h*A) < 1` / `with: h < bound(eigenvalues(A))`',
      text: 'both directions, with the count on each side',
    },
  ],
  schema,
  localNames: (args) => (args.draw ?? []).map((d: { name: string }) => d.name),
  run(args, ctx, opts) {
    const run = prepareConditions(args.count, [args.iff, args.with], args.draw, ctx, opts);
    const [l, r] = run.conditionNodes.map((n) => ctx.tex(n));
    const out = runConditionCheck(
      run,
      opts,
      args.label ?? 'equivalence',
      `${l} \\;\\iff\\; ${r}`,
      ([a, b]) => {
        if (a === undefined || b === undefined) return { ok: undefined };
        if (a === b) return { side: a === 1 ? 'both true' : 'both false', ok: true };
        return {
          side: a === 1 ? 'left only' : 'right only',
          ok: false,
          detail: a === 1 ? 'the left side holds and the right does not' : 'the right side holds and the left does not',
        };
      },
      ['both true', 'both false'],
    );
    // One side says h ≠ 0 and h vanishes between two instances where the other side holds throughout.
    const [left, right] = run.conditionNodes as [ExprNode, ExprNode];
    return (
      unverifiedByIntermediateZero(out, run, ctx, [
        [right, left],
        [left, right],
      ]) ?? out
    );
  },
};
