/**
 * Exact decision of a condition at one instance, for points where floating point cannot tell
 * (re λ = 0 computed as ±1e−17). Every value of an instance is a dyadic rational, so nerdamer can
 * substitute exactly; derived quantities keep their symbolic form until then. Supports
 * comparisons, and/or/not, + − * / ^, sqrt, abs, re, im, and names of the claim (eigenvalue lists
 * compare element by element). Answers undefined when it cannot decide exactly.
 */
import type { ExprNode } from '../../expr/mathjs-parser';
import nerdamer from 'nerdamer-prime';
import { splitTopLevel } from '../../model/text';
import { asScalar } from '../../symbolic/value';
import type { Truth } from '../../numeric/value';
import type { ClaimContext } from '../kind';
import type { NumericEnv } from './numeric-env';

type AnyNode = ExprNode & Record<string, any>;
type ExactValue = string | string[];

const RATIONAL = /^-?\d+(\/\d+)?$/;

function exactSign(expr: string): -1 | 0 | 1 | undefined {
  try {
    const v = nerdamer(expr).toString();
    if (v === '0') return 0;
    if (RATIONAL.test(v)) return v.startsWith('-') ? -1 : 1;
    if (/i/.test(v)) return undefined;
    const approx = Number(nerdamer(v).evaluate().text('decimals'));
    if (Number.isFinite(approx) && Math.abs(approx) > 1e-12) return approx < 0 ? -1 : 1;
    return undefined;
  } catch {
    return undefined;
  }
}

const COMPARE: Record<string, (s: -1 | 0 | 1) => boolean> = {
  smaller: (s) => s < 0,
  smallerEq: (s) => s <= 0,
  larger: (s) => s > 0,
  largerEq: (s) => s >= 0,
  equal: (s) => s === 0,
  unequal: (s) => s !== 0,
};

export function exactTruth(node: ExprNode, ctx: ClaimContext, env: NumericEnv, values: Float64Array, locals: Map<string, ExactValue> = new Map()): Truth | undefined {
  const subs = env.exactValues(values);
  const sub = (e: string) => nerdamer(e, subs).toString();
  const value = (raw: ExprNode): ExactValue | undefined => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ParenthesisNode':
        return value(n.content);
      case 'ConstantNode':
        return typeof n.value === 'number' ? String(n.value) : undefined;
      case 'SymbolNode': {
        const name: string = n.name;
        if (name === 'i' || name === 'pi' || name === 'e') return name;
        const local = locals.get(name);
        if (local !== undefined) return local;
        const d = ctx.derived(name);
        if (d?.type === 'spectrum') return d.eigenvalues?.map((e) => algebraic(sub(e)));
        if (d?.type === 'condition') return undefined;
        const v = ctx.symContext.lookup(name);
        if (!v || v.kind !== 'scalar') return undefined;
        return algebraic(sub(v.expr));
      }
      case 'OperatorNode': {
        if (n.args.length === 1) {
          const a = value(n.args[0]);
          if (a === undefined || n.fn !== 'unaryMinus') return undefined;
          return map1(a, (x) => `-(${x})`);
        }
        const a = value(n.args[0]);
        const b = value(n.args[1]);
        if (a === undefined || b === undefined) return undefined;
        const op = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' }[n.fn as string];
        if (!op) return undefined;
        return map2(a, b, (x, y) => nerdamer(`(${x})${op}(${y})`).toString());
      }
      case 'FunctionNode': {
        const name = n.fn.name as string;
        if (n.args.length !== 1) return undefined;
        if (TRANSCENDENTAL.has(name)) {
          // Decided only where the value is algebraic after all: exp(0) = 1, log(1) = 0, sin(0) = 0 …
          // nerdamer leaves sinh(0), cosh(0), tanh(0), tan(0) and erf(0) unevaluated: their values at 0 are known.
          // (Exact values here are nerdamer's normal forms already, so zero is the string '0'.)
          const a = value(n.args[0]);
          return a === undefined ? undefined : map1(a, (x) => (x === '0' ? VALUE_AT_ZERO[name] : undefined) ?? algebraic(nerdamer(`${name}(${x})`).toString()));
        }
        if (!['re', 'im', 'abs', 'sqrt'].includes(name)) return undefined;
        const a = value(n.args[0]);
        if (a === undefined) return undefined;
        if (name === 'sqrt') return map1(a, (x) => nerdamer(`sqrt(${x})`).toString());
        // nerdamer's realpart/imagpart/abs are wrong on numbers such as -1/2048 + sqrt(4194305/4194304)
        // (LIBRARY-NOTES): split into real and imaginary parts with i as a formal symbol instead.
        return map1(a, (x) => {
          const [re, im] = exactParts(x);
          return name === 're' ? re : name === 'im' ? im : nerdamer(`sqrt((${re})^2+(${im})^2)`).toString();
        });
      }
      default:
        return undefined;
    }
  };
  const truth = (raw: ExprNode): Truth | undefined => {
    const n = raw as AnyNode;
    if (n.type === 'ParenthesisNode') return truth(n.content);
    if (n.type !== 'OperatorNode') return undefined;
    if (n.fn === 'and' || n.fn === 'or') {
      const a = truth(n.args[0]);
      const b = truth(n.args[1]);
      if (n.fn === 'and') return a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : undefined;
      return a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : undefined;
    }
    if (n.fn === 'not') {
      const a = truth(n.args[0]);
      return a === undefined ? undefined : ((1 - a) as Truth);
    }
    const cmp = COMPARE[n.fn as string];
    if (!cmp) return undefined;
    const a = value(n.args[0]);
    const b = value(n.args[1]);
    if (a === undefined || b === undefined) return undefined;
    const diffs = typeof a === 'string' && typeof b === 'string' ? [`(${a})-(${b})`] : pairs(a, b).map(([x, y]) => `(${x})-(${y})`);
    let all: Truth = 1;
    for (const d of diffs) {
      const s = exactSign(d);
      if (s === undefined) return undefined;
      if (!cmp(s)) all = 0;
    }
    return all;
  };
  try {
    return truth(node);
  } catch {
    return undefined;
  }
}

/** Real and imaginary parts of an exact number in which i appears explicitly (square roots of positive numbers are real). */
function exactParts(x: string): [string, string] {
  const I = 'qii';
  const formal = nerdamer(`expand(${x.replace(/\bi\b/g, I)})`);
  const text = formal.toString();
  if (!text.includes(I)) return [text, '0'];
  const c = (nerdamer.coeffs(formal, I) as unknown as { toString(): string }).toString().replace(/^\[|\]$/g, '');
  const parts = splitTopLevel(c);
  const re: string[] = [];
  const im: string[] = [];
  parts.forEach((ck, k) => {
    const sign = Math.floor(k / 2) % 2 === 0 ? '' : '-';
    (k % 2 === 0 ? re : im).push(`${sign}(${ck || '0'})`);
  });
  const out = (xs: string[]) => nerdamer(xs.join('+') || '0').toString();
  if (out(re).includes(I) || out(im).includes(I)) throw new Error('not a number');
  return [out(re), out(im)];
}

/**
 * Exact arithmetic here is over algebraic numbers: exp, log and friends are decided only where
 * nerdamer evaluates them to one (exp(0) = 1, log(1) = 0), and refused otherwise (e^(1/2) comes
 * back as sqrt(e)). A refusal throws, and the instance stays undecided.
 */
const TRANSCENDENTAL = new Set(['exp', 'log', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh', 'erf']);
const VALUE_AT_ZERO: Record<string, string> = { exp: '1', sin: '0', cos: '1', tan: '0', atan: '0', sinh: '0', cosh: '1', tanh: '0', erf: '0' };
function algebraic(expr: string): string {
  if (/\b(exp|log|sin|cos|tan|atan|sinh|cosh|tanh|erf|e)\b/.test(expr)) throw new Error('not algebraic');
  return expr;
}

function map1(a: ExactValue, f: (x: string) => string): ExactValue {
  return typeof a === 'string' ? f(a) : a.map(f);
}
function pairs(a: ExactValue, b: ExactValue): Array<[string, string]> {
  const A = typeof a === 'string' ? [a] : a;
  const B = typeof b === 'string' ? [b] : b;
  const out: Array<[string, string]> = [];
  for (const x of A) for (const y of B) out.push([x, y]);
  return out;
}
function map2(a: ExactValue, b: ExactValue, f: (x: string, y: string) => string): ExactValue {
  if (typeof a === 'string' && typeof b === 'string') return f(a, b);
  if (typeof a === 'string') return (b as string[]).map((y) => f(a, y));
  if (typeof b === 'string') return a.map((x) => f(x, b));
  if (a.length !== b.length) throw new Error('lists of different lengths');
  return a.map((x, k) => f(x, b[k]!));
}

export { asScalar };
