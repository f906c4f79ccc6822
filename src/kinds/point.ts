/** Shared by steps that work at a point: `at: {theta: 0, psi: 0}` → a substitution in internal names. */
import type { ExprSource } from '../model/schema';
import { ClaimError } from '../model/source';
import type { SourcePos } from '../model/source';
import { asScalar, entries } from '../symbolic/value';
import type { ClaimContext } from './kind';

export type PointSpec = Array<{ name: string; pos: SourcePos; value: ExprSource }>;

export function substitutionOf(at: PointSpec | undefined, ctx: ClaimContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, pos, value } of at ?? []) {
    const v = ctx.symContext.lookup(name);
    if (!v) throw new ClaimError(`"${name}" in at: is not a declared symbol`, pos);
    const targets = entries(v);
    const val = ctx.sym(ctx.parse(value));
    const vals = val.kind === 'scalar' ? targets.map(() => val.expr) : entries(val);
    if (vals.length !== targets.length) throw new ClaimError(`the value for ${name} has the wrong size`, value.pos);
    targets.forEach((t, k) => {
      if (!/^q\d+$/.test(t))
        throw new ClaimError(
          `"${name}" in at: is ${ctx.symbol(name) ? 'not a symbol' : 'a name of the model or the derivation, not a declared symbol'}`,
          pos,
          'at: gives values to the declared symbols (give them to the symbols the name is made of, or declare it as a symbol and write the model in it)',
        );
      out[t] = asScalar({ kind: 'scalar', expr: vals[k]! }, name);
    });
  }
  return out;
}

export function pointTex(at: PointSpec | undefined, ctx: ClaimContext): string {
  if (!at || at.length === 0) return '';
  return at.map(({ name, value }) => `${ctx.texName(name)}=${ctx.tex(ctx.parse(value))}`).join(',\\ ');
}
