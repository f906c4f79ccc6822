/** Step `let`: a derived quantity given by an expression of earlier ones, written `P: det(J)`. */
import { field, required } from '../model/schema';
import { expandAll } from '../symbolic/value';
import type { ArgsOf, StepKind } from './kind';

const schema = field.object({ let: required(field.expr()) });

export const letStep: StepKind<ArgsOf<typeof schema>> = {
  role: 'step',
  name: 'let',
  summary: 'an expression of model and derived quantities (det(J), trace(J), …)',
  schema,
  derive(args, ctx) {
    const node = ctx.parse(args.let);
    const value = expandAll(ctx.sym(node));
    return { value: { type: 'value', value }, tex: `${ctx.tex(node)} = ${ctx.texValue(value)}` };
  },
};
