/** diff(expr, x): partial derivative with respect to a declared scalar symbol. */
import { ClaimError } from '../model/source';
import type { SymContext } from '../symbolic/evaluate';
import type { ExprNode } from '../expr/mathjs-parser';
import { diff as nerdDiff } from '../symbolic/nerd';
import { mapEntries, entries } from '../symbolic/value';
import type { OperatorKind } from './kind';

/** The internal names of the variables an argument stands for (a symbol, a vector symbol, or a list of them). */
export function variablesOf(node: ExprNode, ctx: SymContext, what: string): string[] {
  const names = entries(ctx.evaluate(node));
  for (const n of names) {
    if (!/^q\d+$/.test(n)) throw new ClaimError(`${what} must be declared symbols, found ${ctx.table.toUserText(n)}`);
  }
  return names;
}

export const diffOperator: OperatorKind = {
  role: 'operator',
  name: 'diff',
  summary: 'partial derivative: diff(L, theta)',
  arity: [2, 2],
  tex: ([f, x]) => `\\frac{\\partial}{\\partial ${x}}\\left(${f}\\right)`,
  evaluate([f, x], ctx) {
    const vars = variablesOf(x!, ctx, 'the variable of diff');
    if (vars.length !== 1) throw new ClaimError('diff takes one scalar variable; use grad(f, x) for a vector');
    return mapEntries(ctx.evaluate(f!), (e) => nerdDiff(e, vars[0]!));
  },
};
