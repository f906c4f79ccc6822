/**
 * E(expr): expectation over the declared Gaussian random variables, for expressions polynomial in
 * them (unknown functions are already Taylor polynomials). Each variable is integrated out in
 * turn, taken independent of the others: the polynomial's coefficients times the normal moments
 * m₀ = 1, m₁ = μ, m_k = μ m_{k−1} + (k−1) s² m_{k−2}. The split into coefficients is verified by
 * re-expanding, since nerdamer's coeffs silently misreads non-polynomials.
 */
import { ClaimError } from '../model/source';
import { coefficients, expand, expandsToZero, variables } from '../symbolic/nerd';
import { mapEntries } from '../symbolic/value';
import type { SymContext } from '../symbolic/evaluate';
import type { OperatorKind } from './kind';

export interface RandomVariable {
  internal: string;
  user: string;
  mean: string;
  variance: string;
}

/** Random variables are registered by the derive stage on the context (see derive/context.ts). */
export type WithRandom = SymContext & { randomVariables: RandomVariable[] };

export function normalMoments(mean: string, variance: string, upTo: number): string[] {
  const m = ['1', `(${mean})`];
  for (let k = 2; k <= upTo; k++) m.push(expand(`(${mean})*(${m[k - 1]})+(${k - 1})*(${variance})*(${m[k - 2]})`));
  return m.slice(0, upTo + 1);
}

export function expectationOf(expr: string, rvs: RandomVariable[], user: (e: string) => string): string {
  let current = expand(expr);
  for (const rv of rvs) {
    if (!variables(current).includes(rv.internal)) continue;
    let c: string[];
    try {
      c = coefficients(current, rv.internal);
    } catch {
      throw new ClaimError(`E(…) needs an expression polynomial in ${rv.user}; found ${user(current)}`);
    }
    const rebuilt = c.map((ck, k) => `(${ck})*${rv.internal}^${k}`).join('+');
    if (c.some((ck) => variables(ck).includes(rv.internal)) || !expandsToZero(`(${current})-(${rebuilt})`)) {
      throw new ClaimError(`E(…) needs an expression polynomial in ${rv.user}; found ${user(current)}`);
    }
    const m = normalMoments(rv.mean, rv.variance, c.length - 1);
    current = expand(c.map((ck, k) => `(${ck})*(${m[k]})`).join('+'));
  }
  return current;
}

export const expectationOperator: OperatorKind = {
  role: 'operator',
  name: 'E',
  summary: 'expectation over the declared normal random variables: E(f(psi*(theta + eps)))',
  arity: [1, 1],
  tex: ([a]) => `\\mathbb{E}\\left[${a}\\right]`,
  evaluate([a], ctx) {
    const rvs = (ctx as WithRandom).randomVariables ?? [];
    if (rvs.length === 0)
      throw new ClaimError('E(…) needs a random variable: declare one, e.g. "eps: normal(0, sigma^2)"');
    return mapEntries(ctx.evaluate(a!), (e) => expectationOf(e, rvs, (s) => ctx.table.toUserText(s)));
  },
};
