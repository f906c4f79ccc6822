/**
 * diff(expr, x): partial derivative with respect to a declared scalar symbol; diff(expr, x, y, …)
 * differentiates in turn by each (a mixed or higher derivative), and an integer k after a variable
 * repeats it: diff(g, u, 2) = diff(g, u, u) = ∂²g/∂u².
 */
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

/** The most variables (counted with repetition) one diff may take. */
const MAX_ORDER = 8;

/** A repetition count written after a variable: a positive integer literal. */
function repetition(node: ExprNode): number | undefined {
  const n = node as unknown as { type: string; value?: unknown };
  return n.type === 'ConstantNode' && typeof n.value === 'number' ? n.value : undefined;
}

/** The variables of diff(f, …) in order, each repeated as written (diff(g, u, 2) is u, u). */
function orderOf<T>(args: T[], isCount: (a: T) => number | undefined): Array<{ arg: T; times: number }> {
  const out: Array<{ arg: T; times: number }> = [];
  for (const a of args) {
    const k = isCount(a);
    if (k === undefined) {
      out.push({ arg: a, times: 1 });
      continue;
    }
    const last = out[out.length - 1];
    if (!last || last.times !== 1 || !Number.isInteger(k) || k < 1)
      throw new ClaimError(
        `diff: ${k} is not a variable; a count of repetitions is a positive integer after a variable, as in diff(g, u, 2)`,
      );
    last.times = k;
  }
  if (out.reduce((s, o) => s + o.times, 0) > MAX_ORDER)
    throw new ClaimError(`diff: at most ${MAX_ORDER} differentiations in one call`);
  return out;
}

export const diffOperator: OperatorKind = {
  role: 'operator',
  name: 'diff',
  summary:
    'partial derivative: diff(L, theta); a second or mixed one by listing the variables, diff(L, theta, psi), or with a count, diff(L, theta, 2)',
  arity: [2, MAX_ORDER + 1],
  tex: ([f, ...xs]) => {
    const order = orderOf(xs, (x) => (/^\d+$/.test(x) ? Number(x) : undefined));
    const n = order.reduce((s, o) => s + o.times, 0);
    const den = order.map((o) => `\\partial ${o.arg}${o.times > 1 ? `^{${o.times}}` : ''}`).join('\\,');
    return `\\frac{\\partial${n > 1 ? `^{${n}}` : ''}}{${den}}\\left(${f}\\right)`;
  },
  evaluate([f, ...xs], ctx) {
    let value = ctx.evaluate(f!);
    for (const { arg, times } of orderOf(xs, repetition)) {
      const vars = variablesOf(arg, ctx, 'the variable of diff');
      if (vars.length !== 1) throw new ClaimError('diff takes scalar variables; use grad(f, x) for a vector');
      for (let k = 0; k < times; k++) value = mapEntries(value, (e) => nerdDiff(e, vars[0]!));
    }
    return value;
  },
};
