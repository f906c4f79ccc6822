/** grad(f, x) and hessian(f, x[, y]): gradient (a column) and Hessian blocks of a scalar. */
import { ClaimError } from '../model/source';
import { diff as nerdDiff } from '../symbolic/nerd';
import { asScalar, column, matrix } from '../symbolic/value';
import { variablesOf } from './diff';
import { operandTex } from '../expr/tex';
import type { OperatorKind } from './kind';

export const gradOperator: OperatorKind = {
  role: 'operator',
  name: 'grad',
  summary: 'gradient of a scalar with respect to a vector (or list) of symbols: grad(f, phi)',
  arity: [2, 2],
  tex: ([f, x]) => `\\nabla_{${x}} ${operandTex(f!)}`,
  evaluate([f, x], ctx) {
    const vars = variablesOf(x!, ctx, 'the variables of grad');
    const e = asScalar(ctx.evaluate(f!), 'the function in grad');
    return column(vars.map((v) => nerdDiff(e, v)));
  },
};

export const hessianOperator: OperatorKind = {
  role: 'operator',
  name: 'hessian',
  summary: 'Hessian block: hessian(f, x) = ∂²f/∂x², hessian(f, x, y) = ∂²f/∂x∂y (rows x, columns y)',
  arity: [2, 3],
  tex: ([f, x, y]) => (y ? `\\nabla^2_{${x},${y}} ${operandTex(f!)}` : `\\nabla^2_{${x}} ${operandTex(f!)}`),
  evaluate([f, x, y], ctx) {
    const xs = variablesOf(x!, ctx, 'the variables of hessian');
    const ys = y ? variablesOf(y, ctx, 'the variables of hessian') : xs;
    const e = asScalar(ctx.evaluate(f!), 'the function in hessian');
    if (xs.length === 0 || ys.length === 0) throw new ClaimError('hessian needs variables');
    return matrix(xs.map((a) => ys.map((b) => nerdDiff(nerdDiff(e, a), b))));
  },
};
