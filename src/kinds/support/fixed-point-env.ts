/**
 * Figures are drawn at fixed parameter values (`at: {h: 0.3, f'(0): 0.5}`): an illustration, not
 * evidence. This builds the numeric environment and one scope with those values.
 */
import { ClaimError } from '../../model/source';
import type { ExprSource } from '../../model/schema';
import type { SourcePos } from '../../model/source';
import { freeSymbols } from '../../expr/parse';
import { writtenDerivativeName } from '../../expr/names';
import type { ExprNode } from '../../expr/mathjs-parser';
import type { Scope } from '../../numeric/value';
import { toComplex } from '../../numeric/complex';
import type { ClaimContext } from '../kind';
import { NumericEnv } from './numeric-env';
import { scalarOfValue } from './compare';

export type AtSpec = Array<{ name: string; pos: SourcePos; value: ExprSource }>;

/** `free`: variables the figure sets itself (a swept parameter, the state of a phase portrait): drawn in, not asked for in at:. */
export function fixedScope(
  ctx: ClaimContext,
  at: AtSpec | undefined,
  nodes: ExprNode[],
  free: string[] = [],
): { env: NumericEnv; scope: Scope } {
  const names = [...nodes.flatMap(freeSymbols), ...free];
  const env = new NumericEnv(ctx, NumericEnv.dependencies(ctx, names));
  const values = new Array<number>(env.size).fill(0);
  const scope = env.scopeOf(values, 512);
  const given = new Set<string>();
  for (const { name, pos, value } of at ?? []) {
    const user = writtenDerivativeName(name) ?? name;
    const v = scalarOfValue(env.compileUser(ctx.parse(value))(scope));
    if (v === undefined) throw new ClaimError(`at: the value of ${name} must be a number`, pos);
    const slots = env.symbolSlots(user);
    if (!slots) throw new ClaimError(`at: "${name}" is not a sampled symbol of this figure`, pos);
    for (const s of slots) {
      scope[s] = toComplex(v).re;
      values[s] = toComplex(v).re;
    }
    given.add(user);
  }
  for (const s of env.sampled) {
    const user = ctx.table.user([...env.slots.entries()].find(([, k]) => k === s.slot)![0]);
    if (!given.has(user) && !free.includes(user) && !free.includes(user.replace(/_\d+$/, '')))
      throw new ClaimError(`the figure needs a value for ${s.label}: add it to at:`);
  }
  return { env, scope };
}
