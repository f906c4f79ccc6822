/**
 * The claim's own special points (`instances: special:`), as functions that set slots of an
 * instance. A special point is about the symbols it names: a check that does not draw them all
 * (its quantities do not depend on them) skips it. Names are validated at parse time.
 */
import type { SpecialPoint } from '../../numeric/sample';
import { scalarOfValue } from './compare';
import { toComplex } from '../../numeric/complex';
import type { ClaimContext } from '../kind';
import type { Rational } from '../../certified/rational';
import { exactRational } from './certify';
import type { NumericEnv } from './numeric-env';

export function specialPointsOf(ctx: ClaimContext, env: NumericEnv): SpecialPoint[] {
  const out: SpecialPoint[] = [];
  for (const { assign } of ctx.claim.instances.special) {
    const slots = assign.map(({ name }) => (ctx.table.has(name) ? env.slots.get(ctx.table.internal(name)) : undefined));
    if (slots.some((s) => s === undefined)) continue;
    const setters = assign.map(({ expr }, k) => ({ slot: slots[k]!, f: env.compileUser(ctx.parse(expr)) }));
    const exactSetters = assign.map(({ expr }, k) => ({ slot: slots[k]!, node: ctx.parse(expr) }));
    out.push({
      label: assign.map(({ name, expr }) => `${name} = ${expr.text}`).join(', '),
      // A special point is the exact value written (1/3, not the double nearest it), where that is rational.
      exact(values: number[]) {
        const out = new Map<number, Rational>();
        for (const { slot, node } of exactSetters) {
          const q = exactRational(node, ctx, env, values);
          if (q) out.set(slot, q);
        }
        return out;
      },
      apply(values: number[]) {
        for (const { slot, f } of setters) {
          const v = scalarOfValue(f(env.scopeOf(values)));
          values[slot] = v === undefined ? NaN : toComplex(v).re;
        }
      },
    });
  }
  return out;
}
