/** Step `jacobian`: J = ∂v/∂x, differentiated symbolically, then evaluated at a point. */
import { field, optional, required } from '../model/schema';
import { ClaimError } from '../model/source';
import { diff, substitute } from '../symbolic/nerd';
import { entries, matrix, type SymValue } from '../symbolic/value';
import { variablesOf } from './diff';
import type { ArgsOf, ClaimContext, StepKind } from './kind';
import { pointTex, substitutionOf } from './point';

export function jacobianMatrix(of: SymValue, vars: string[], at: Record<string, string>): SymValue {
  const fs = entries(of);
  // Differentiate first, substitute after: sub-then-diff would give 0 for a derivative "at 0".
  // nerdamer calls cost milliseconds each: no expand here (derivatives of expanded polynomials come out expanded).
  const point = Object.keys(at).length > 0;
  return matrix(fs.map((f) => vars.map((x) => (point ? substitute(diff(f, x), at) : diff(f, x)))));
}

const schema = field.object({
  jacobian: required(field.expr(), 'the vector field or map to differentiate'),
  wrt: required(field.expr(), 'the variables, e.g. [theta, psi]'),
  at: optional(field.record(field.expr()), 'the point, e.g. {theta: 0, psi: 0}'),
});

export const jacobianStep: StepKind<ArgsOf<typeof schema>> = {
  role: 'step',
  name: 'jacobian',
  title: 'Jacobian',
  summary: 'Jacobian matrix of a vector field or map, optionally at a point',
  readme: [
    {
      example: '`J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}`',
      text: 'the Jacobian matrix, differentiated first, then evaluated at the point',
    },
  ],
  schema,
  derive(args, ctx: ClaimContext) {
    const of = ctx.sym(ctx.parse(args.jacobian));
    const vars = variablesOf(ctx.parse(args.wrt), ctx.symContext, 'the variables in wrt');
    if (entries(of).length !== vars.length)
      throw new ClaimError(`jacobian: ${entries(of).length} components but ${vars.length} variables`, args.pos);
    const J = jacobianMatrix(of, vars, substitutionOf(args.at, ctx));
    const at = pointTex(args.at, ctx);
    const wrt = ctx
      .tex(ctx.parse(args.wrt))
      .replace(/^\\begin\{pmatrix\}(.*)\\end\{pmatrix\}$/, '$1')
      .replace(/\\\\/g, ',');
    const lhs = `\\frac{\\partial ${ctx.tex(ctx.parse(args.jacobian))}}{\\partial (${wrt})}`;
    return {
      value: { type: 'value', value: J },
      tex: `${at ? `\\left.${lhs}\\right|_{${at}}` : lhs} = ${ctx.texValue(J)}`,
    };
  },
};
