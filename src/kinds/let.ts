/** Step `let`: a derived quantity given by an expression of earlier ones, `P: det(J)`, optionally at a point. */
import { field, optional, required } from '../model/schema';
import { expandAll, mapEntries } from '../symbolic/value';
import { substitute } from '../symbolic/nerd';
import type { ArgsOf, StepKind } from './kind';
import { pointTex, substitutionOf } from './point';

const schema = field.object({
  let: required(field.expr()),
  at: optional(field.record(field.expr()), 'a point, e.g. {theta: 0, psi: 0}'),
});

export const letStep: StepKind<ArgsOf<typeof schema>> = {
  role: 'step',
  name: 'let',
  title: 'definition',
  summary: 'an expression of model and derived quantities (det(J), trace(J), …), optionally at a point',
  readme: [
    { label: 'expression', example: '`P: det(J)`', text: 'any expression of model and derived names' },
    {
      label: '`let` with `at`',
      example: '`v0: {let: v, at: {theta: 0, psi: 0}}`',
      text: 'an expression evaluated at a point',
    },
  ],
  schema,
  derive(args, ctx) {
    const node = ctx.parse(args.let);
    const at = substitutionOf(args.at, ctx);
    const raw = ctx.sym(node);
    const value = Object.keys(at).length ? mapEntries(raw, (e) => substitute(e, at)) : expandAll(raw);
    const where = pointTex(args.at, ctx);
    return {
      value: { type: 'value', value },
      tex: `${where ? `\\left.${ctx.tex(node)}\\right|_{${where}}` : ctx.tex(node)} = ${ctx.texValue(value)}`,
    };
  },
};
