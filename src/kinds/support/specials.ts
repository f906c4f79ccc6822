/** The claim's own special points (`instances: special:`), as functions that set slots of an instance. */
import type { SpecialPoint } from '../../numeric/sample';
import { ClaimError } from '../../model/source';
import { scalarOfValue } from './compare';
import { toComplex } from '../../numeric/complex';
import type { ClaimContext } from '../kind';
import type { NumericEnv } from './numeric-env';

export function specialPointsOf(ctx: ClaimContext, env: NumericEnv): SpecialPoint[] {
  return ctx.claim.instances.special.map(({ assign, pos }) => {
    const setters = assign.map(({ name, expr }) => {
      const internal = ctx.table.has(name) ? ctx.table.internal(name) : undefined;
      const slot = internal !== undefined ? env.slots.get(internal) : undefined;
      if (slot === undefined) throw new ClaimError(`special point: "${name}" is not a sampled symbol of this claim`, pos);
      const f = env.compileUser(ctx.parse(expr));
      return { slot, f };
    });
    return {
      label: assign.map(({ name, expr }) => `${name} = ${expr.text}`).join(', '),
      apply(values: Float64Array) {
        for (const { slot, f } of setters) {
          const v = scalarOfValue(f(env.scopeOf(values)));
          values[slot] = v === undefined ? NaN : toComplex(v).re;
        }
      },
    };
  });
}
