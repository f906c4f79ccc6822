/**
 * E(expr): expectation over the declared Gaussian random variables, for expressions polynomial in
 * them (unknown functions are already Taylor polynomials). Each variable is integrated out in
 * turn, taken independent of the others: the polynomial's coefficients times the normal moments
 * m₀ = 1, m₁ = μ, m_k = μ m_{k−1} + (k−1) s² m_{k−2}. The split into coefficients is verified by
 * re-expanding, since nerdamer's coeffs silently misreads non-polynomials.
 *
 * Two more forms, each verified at sample points before it is used: a term that is a polynomial
 * times exp(a·ε + b), a and b free of ε (the moment generating function, a Gaussian density's
 * ratio), by exponential tilting, E[p(ε) e^{aε}] = e^{aμ + a²s²/2} E[p(ε + a s²)]; and log(e^u · c)
 * with u real, read as u + log(c) (the principal logarithm: e^u is a positive factor), so the
 * log-ratio of two densities written with exp is the polynomial it is.
 */
import { ClaimError } from '../model/source';
import { coefficients, expand, expandsToZero, sameAtRandomPoints, substitute, variables } from '../symbolic/nerd';
import { parseMath, transformNodes, type ExprNode } from '../expr/mathjs-parser';
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

/** The coefficients of expr as a polynomial in x (lowest power first), or undefined when it is not one. */
function polynomialIn(expr: string, x: string): string[] | undefined {
  let c: string[];
  try {
    c = coefficients(expr, x);
  } catch {
    return undefined;
  }
  const rebuilt = c.map((ck, k) => `(${ck})*${x}^${k}`).join('+');
  if (c.some((ck) => variables(ck).includes(x)) || !expandsToZero(`(${expr})-(${rebuilt})`)) return undefined;
  return c;
}

/** E of a polynomial in one normal variable, through its moments. */
function polynomialExpectation(c: string[], rv: RandomVariable): string {
  const m = normalMoments(rv.mean, rv.variance, c.length - 1);
  return expand(c.map((ck, k) => `(${ck})*(${m[k]})`).join('+'));
}

const isExpCall = (n: ExprNode): ExprNode | undefined => {
  const x = n as unknown as { type: string; fn?: unknown; op?: string; args?: ExprNode[]; name?: string };
  if (x.type === 'FunctionNode' && (x.fn as { name?: string }).name === 'exp' && x.args?.length === 1) return x.args[0];
  if (x.type === 'OperatorNode' && x.op === '^') {
    const base = x.args![0] as unknown as { type: string; name?: string };
    if (base.type === 'SymbolNode' && base.name === 'e') return x.args![1];
  }
  return undefined;
};

const unwrap = (n: ExprNode): ExprNode => {
  let x = n as unknown as { type: string; content?: ExprNode };
  while (x.type === 'ParenthesisNode') x = x.content as unknown as typeof x;
  return x as unknown as ExprNode;
};

/** The factors of a product, each with its power ±1 (a quotient's denominator at −1). */
function factorsOf(node: ExprNode, power = 1, out: Array<{ node: ExprNode; power: number }> = []) {
  const n = unwrap(node) as unknown as { type: string; op?: string; fn?: string; args?: ExprNode[] };
  if (n.type === 'OperatorNode' && n.fn === 'multiply') for (const a of n.args!) factorsOf(a, power, out);
  else if (n.type === 'OperatorNode' && n.fn === 'divide') {
    factorsOf(n.args![0]!, power, out);
    factorsOf(n.args![1]!, -power, out);
  } else if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') {
    out.push({ node: parseMath('-1'), power: 1 });
    factorsOf(n.args![0]!, power, out);
  } else out.push({ node: n as unknown as ExprNode, power });
  return out;
}

/** The terms of a sum, each with its sign. */
function termsOf(node: ExprNode, sign = 1, out: Array<{ node: ExprNode; sign: number }> = []) {
  const n = unwrap(node) as unknown as { type: string; fn?: string; args?: ExprNode[] };
  if (n.type === 'OperatorNode' && n.fn === 'add') for (const a of n.args!) termsOf(a, sign, out);
  else if (n.type === 'OperatorNode' && n.fn === 'subtract') {
    termsOf(n.args![0]!, sign, out);
    termsOf(n.args![1]!, -sign, out);
  } else if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') termsOf(n.args![0]!, -sign, out);
  else out.push({ node: n as unknown as ExprNode, sign });
  return out;
}

const product = (parts: string[]): string => (parts.length ? parts.map((p) => `(${p})`).join('*') : '1');

/**
 * log(e^u · c) as u + log(c), for every log whose argument has exponential factors with a real
 * exponent (one free of i). Kept only where it agrees with the expression as written at sample points.
 */
function logsOfExponentialsSplit(expr: string): string {
  let node: ExprNode;
  try {
    node = parseMath(expr);
  } catch {
    return expr;
  }
  let changed = false;
  const out = transformNodes(node, (n) => {
    const x = n as unknown as { type: string; fn?: { name?: string }; args?: ExprNode[] };
    if (x.type !== 'FunctionNode' || x.fn?.name !== 'log' || x.args?.length !== 1) return n;
    const factors = factorsOf(x.args[0]!);
    const exponents: string[] = [];
    const rest: string[] = [];
    for (const f of factors) {
      const u = isExpCall(f.node);
      if (u !== undefined && !/\bi\b/.test(u.toString())) exponents.push(`${f.power < 0 ? '-' : ''}(${u.toString()})`);
      else rest.push(f.power < 0 ? `1/(${f.node.toString()})` : f.node.toString());
    }
    if (exponents.length === 0) return n;
    changed = true;
    return parseMath(`(${exponents.join('+')}${rest.length ? `+log(${product(rest)})` : ''})`);
  });
  if (!changed) return expr;
  const text = out.toString();
  return sameAtRandomPoints(expr, text) ? text : expr;
}

/**
 * E over one normal variable of a sum of terms p(ε)·e^{aε + b}: each term by exponential tilting.
 * Undefined where a term is not of that form (checked by rebuilding it at sample points).
 */
function tiltedExpectation(expr: string, rv: RandomVariable): string | undefined {
  let node: ExprNode;
  try {
    node = parseMath(expr);
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  for (const term of termsOf(node)) {
    const slopes: string[] = [];
    const rest: string[] = [];
    for (const f of factorsOf(term.node)) {
      const u = isExpCall(f.node);
      const text = u?.toString();
      if (text !== undefined && variables(text).includes(rv.internal)) {
        const c = polynomialIn(text, rv.internal);
        if (!c || c.length > 2) return undefined;
        const sign = f.power < 0 ? '-' : '';
        slopes.push(`${sign}(${c[1] ?? '0'})`);
        if (c[0] !== '0') rest.push(`e^(${sign}(${c[0]}))`);
      } else rest.push(f.power < 0 ? `1/(${f.node.toString()})` : f.node.toString());
    }
    const base = `${term.sign < 0 ? '-' : ''}${product(rest)}`;
    if (slopes.length === 0) {
      parts.push(base);
      continue;
    }
    const a = expand(slopes.join('+'));
    // The split is the term: p(ε)·e^{b} times e^{aε}.
    if (
      !sameAtRandomPoints(
        term.sign < 0 ? `-(${term.node.toString()})` : term.node.toString(),
        `(${base})*e^((${a})*${rv.internal})`,
      )
    )
      return undefined;
    const shifted = substitute(base, { [rv.internal]: `(${rv.internal})+(${a})*(${rv.variance})` });
    parts.push(`e^((${a})*(${rv.mean})+(${a})^2*(${rv.variance})/2)*(${shifted})`);
  }
  // What remains is polynomial in ε, term by term: the ordinary moments integrate it.
  const rest = expand(parts.map((p) => `(${p})`).join('+'));
  if (!variables(rest).includes(rv.internal)) return rest;
  const c = polynomialIn(rest, rv.internal);
  return c ? polynomialExpectation(c, rv) : undefined;
}

export function expectationOf(expr: string, rvs: RandomVariable[], user: (e: string) => string): string {
  let current = expand(expr);
  for (const rv of rvs) {
    if (!variables(current).includes(rv.internal)) continue;
    let c = polynomialIn(current, rv.internal);
    if (!c) {
      const split = logsOfExponentialsSplit(current);
      if (split !== current) {
        current = expand(split);
        if (!variables(current).includes(rv.internal)) continue;
        c = polynomialIn(current, rv.internal);
      }
    }
    if (c) {
      current = polynomialExpectation(c, rv);
      continue;
    }
    const tilted = tiltedExpectation(current, rv);
    if (tilted === undefined)
      throw new ClaimError(
        `E(…) needs an expression polynomial in ${rv.user}, or a sum of such polynomials times exp(a*${rv.user} + b); found ${user(current)}`,
      );
    current = tilted;
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
