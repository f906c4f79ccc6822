/**
 * Degree bounds for the Schwartz–Zippel argument. An expression built from variables and rational
 * constants with + − × ÷ and integer powers is a rational function p/q; a nonzero p vanishes at a
 * point drawn uniformly from S₁ × … × Sₙ with probability at most Σᵢ degᵢ(p)/|Sᵢ|, so agreement at
 * k independent points proves p = 0 except with probability below (Σᵢ degᵢ(p)/|Sᵢ|)^k. A square
 * root √r enters as a new quantity s with s² = r (the exact arithmetic reduces by exactly that
 * relation), of degree ⌈degᵢ(r)/2⌉ in each variable.
 */
import type { ExprNode } from '../expr/mathjs-parser';

type AnyNode = ExprNode & Record<string, any>;
type Degrees = ReadonlyMap<string, number>;

export interface DegreeBound {
  /** Degree of the numerator in each variable. */
  num: Degrees;
  /** Degree of the denominator in each variable. */
  den: Degrees;
}

const none: Degrees = new Map();
function combine(a: Degrees, b: Degrees, f: (x: number, y: number) => number): Degrees {
  const out = new Map<string, number>();
  for (const v of new Set([...a.keys(), ...b.keys()])) out.set(v, f(a.get(v) ?? 0, b.get(v) ?? 0));
  return out;
}
const plus = (a: Degrees, b: Degrees) => combine(a, b, (x, y) => x + y);
const scaled = (a: Degrees, k: number) => combine(a, none, (x) => Math.ceil(x * k));

/** Per-variable degree bounds of the expression as a rational function (with square roots as above), or undefined when it is not one. */
export function rationalDegree(root: ExprNode): DegreeBound | undefined {
  const go = (raw: ExprNode): DegreeBound | undefined => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ParenthesisNode':
        return go(n.content);
      case 'ConstantNode':
        return typeof n.value === 'number' && Number.isFinite(n.value) ? { num: none, den: none } : undefined;
      case 'SymbolNode':
        if (n.name === 'i') return { num: none, den: none };
        if (n.name === 'pi' || n.name === 'e') return undefined;
        return { num: new Map([[n.name as string, 1]]), den: none };
      case 'FunctionNode': {
        if (n.fn.name !== 'sqrt' || n.args.length !== 1) return undefined;
        const a = go(n.args[0]);
        return a && { num: scaled(a.num, 0.5), den: scaled(a.den, 0.5) };
      }
      case 'OperatorNode': {
        if (n.fn === 'unaryMinus' || n.fn === 'unaryPlus') return go(n.args[0]);
        if (n.fn === 'pow') {
          const base = go(n.args[0]);
          const e = constantOf(n.args[1]);
          if (!base || e === undefined || !Number.isInteger(2 * e) || Math.abs(e) > 4096) return undefined;
          return e >= 0
            ? { num: scaled(base.num, e), den: scaled(base.den, e) }
            : { num: scaled(base.den, -e), den: scaled(base.num, -e) };
        }
        const a = go(n.args[0]);
        const b = go(n.args[1]);
        if (!a || !b) return undefined;
        switch (n.fn) {
          case 'add':
          case 'subtract':
            return { num: combine(plus(a.num, b.den), plus(b.num, a.den), Math.max), den: plus(a.den, b.den) };
          case 'multiply':
            return { num: plus(a.num, b.num), den: plus(a.den, b.den) };
          case 'divide':
            return { num: plus(a.num, b.den), den: plus(a.den, b.num) };
          default:
            return undefined;
        }
      }
      default:
        return undefined;
    }
  };
  return go(root);
}

function constantOf(raw: ExprNode): number | undefined {
  const n = raw as AnyNode;
  if (n.type === 'ParenthesisNode') return constantOf(n.content);
  if (n.type === 'ConstantNode' && typeof n.value === 'number') return n.value;
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') {
    const v = constantOf(n.args[0]);
    return v === undefined ? undefined : -v;
  }
  if (n.type === 'OperatorNode' && n.fn === 'divide') {
    const a = constantOf(n.args[0]);
    const b = constantOf(n.args[1]);
    return a === undefined || b === undefined || b === 0 ? undefined : a / b;
  }
  return undefined;
}

/**
 * The degree of an expression as a polynomial in the given variables, every other symbol and every
 * function of those symbols alone held constant: 1 for an affine map, undefined where it is no
 * polynomial in them (a function of a variable, a division by one) or reads a name whose
 * dependence is unknown (`opaque`). A structural bound: x − x counts as degree 1.
 */
export function polynomialDegreeIn(
  root: ExprNode,
  variables: ReadonlySet<string>,
  opaque: (name: string) => boolean,
): number | undefined {
  const go = (raw: ExprNode): number | undefined => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ParenthesisNode':
        return go(n.content);
      case 'ConstantNode':
        return 0;
      case 'SymbolNode':
        return variables.has(n.name) ? 1 : opaque(n.name) ? undefined : 0;
      case 'ArrayNode':
        return maxOf((n.items as ExprNode[]).map(go));
      case 'FunctionNode': {
        const degrees = (n.args as ExprNode[]).map(go);
        if (n.fn.name === 'transpose' && degrees.length === 1) return degrees[0];
        // An entry or a block of a value: of the value's degree, at constant indices.
        if ((n.fn.name === 'entry' || n.fn.name === 'block') && degrees.slice(1).every((d) => d === 0))
          return degrees[0];
        if (opaque(n.fn.name)) return undefined;
        return degrees.every((d) => d === 0) ? 0 : undefined;
      }
      case 'OperatorNode': {
        const degrees = (n.args as ExprNode[]).map(go);
        if (degrees.some((d) => d === undefined)) return undefined;
        const [a, b] = degrees as number[];
        switch (n.fn) {
          case 'unaryMinus':
          case 'unaryPlus':
            return a;
          case 'add':
          case 'subtract':
            return Math.max(a!, b!);
          case 'multiply':
            return a! + b!;
          case 'divide':
            return b === 0 ? a : undefined;
          case 'pow': {
            const e = constantOf(n.args[1]);
            if (a === 0 && b === 0) return 0;
            return e !== undefined && Number.isInteger(e) && e >= 0 && e <= 64 ? a! * e : undefined;
          }
          default:
            return undefined;
        }
      }
      default:
        return undefined;
    }
  };
  return go(root);
}

const maxOf = (degrees: Array<number | undefined>) =>
  degrees.some((d) => d === undefined) ? undefined : Math.max(0, ...(degrees as number[]));
