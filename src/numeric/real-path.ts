/**
 * The real fast path's vocabulary: which subtrees it takes (arithmetic and the real functions), the
 * functions themselves, and NOT_REAL, thrown where a value leaves the reals so that the general
 * (complex, matrix, list) closure evaluates instead. real-code.ts generates the code.
 */
import type { ExprNode } from '../expr/mathjs-parser';
import type { Scope } from './value';
import { erf, normalCdf } from './normal';

type AnyNode = ExprNode & Record<string, any>;

export const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Thrown by the real fast path when a value leaves the reals (or is not a number): fall back. */
// Thrown to leave the real path for the complex one: one error made once, so a throw takes no stack.
export const NOT_REAL = new Error('not real');
export type RealFn = (scope: Scope) => number;

export const REAL_FUNCTIONS: Record<string, (x: number) => number> = {
  sqrt: (x) => {
    if (x < 0) throw NOT_REAL;
    return Math.sqrt(x);
  },
  abs: Math.abs,
  exp: Math.exp,
  log: (x) => {
    if (x < 0) throw NOT_REAL;
    return Math.log(x);
  },
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sech: (x) => 1 / Math.cosh(x),
  re: (x) => x,
  im: () => 0,
  sign: Math.sign,
  step: (x) => (x > 0 ? 1 : 0),
  erf: (x) => erf(x),
  phi: (x) => Math.exp(-(x * x) / 2) * INV_SQRT_2PI,
  Phi: (x) => normalCdf(x),
};

/** x^y on the real path: a negative base with a non-integer exponent leaves the reals. */
export function realPow(x: number, y: number): number {
  if (x < 0 && !Number.isInteger(y)) throw NOT_REAL;
  return x ** y;
}

/** Arithmetic subtrees that the real fast path compiles itself (the rest it treats as leaves). */
export function isArithmetic(n: AnyNode): boolean {
  if (n.type === 'ParenthesisNode') return isArithmetic(n.content);
  if (n.type === 'OperatorNode')
    return ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'].includes(n.fn);
  if (n.type === 'FunctionNode') return n.args.length === 1 && Object.hasOwn(REAL_FUNCTIONS, n.fn.name);
  return false;
}

/**
 * Whether an arithmetic subtree reaches the imaginary unit through arithmetic alone (1 + i·h, not
 * max(abs(i·h), 1)): its real path throws NOT_REAL at every evaluation, so the general path is
 * taken from the start (the same values, without a thrown error per instance).
 */
export function reachesImaginaryUnit(raw: AnyNode): boolean {
  let n = raw;
  while (n.type === 'ParenthesisNode') n = n.content;
  if (n.type === 'SymbolNode') return n.name === 'i';
  return isArithmetic(n) && (n.args as AnyNode[]).some(reachesImaginaryUnit);
}

/** A constant exponent, read through parentheses and a unary minus. */
export function constantValue(raw: AnyNode): number | undefined {
  const n = raw.type === 'ParenthesisNode' ? raw.content : raw;
  if (n.type === 'ConstantNode' && typeof n.value === 'number') return n.value;
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') {
    const v = constantValue(n.args[0]);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}
