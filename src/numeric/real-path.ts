/**
 * The real fast path: an arithmetic subtree compiled to closures over plain JavaScript numbers, no
 * objects. A leaf that is not a number, or an operation that would leave the reals, throws
 * NOT_REAL, and the general (complex, matrix, list) closure evaluates instead.
 */
import type { ExprNode } from '../expr/mathjs-parser';
import type { CompileEnv, Compiled, NValue, Scope } from './value';
import { erf, normalCdf } from './normal';

type AnyNode = ExprNode & Record<string, any>;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Thrown by the real fast path when a value leaves the reals (or is not a number): fall back. */
// Thrown to leave the real path for the complex one: one error made once, so a throw takes no stack.
export const NOT_REAL = new Error('not real');
export type RealFn = (scope: Scope) => number;

const REAL_FUNCTIONS: Record<string, (x: number) => number> = {
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

/**
 * A real function applied to a compiled argument, with the function's body in a closure of its
 * own (one call site per function: V8 inlines Math.exp there, where a shared call through the
 * table is megamorphic and boxes every result). The operations are REAL_FUNCTIONS', so the bits are.
 */
function applyReal(name: string, a: RealFn): RealFn {
  switch (name) {
    case 'sqrt':
      return (s) => {
        const x = a(s);
        if (x < 0) throw NOT_REAL;
        return Math.sqrt(x);
      };
    case 'abs':
      return (s) => Math.abs(a(s));
    case 'exp':
      return (s) => Math.exp(a(s));
    case 'log':
      return (s) => {
        const x = a(s);
        if (x < 0) throw NOT_REAL;
        return Math.log(x);
      };
    case 'sin':
      return (s) => Math.sin(a(s));
    case 'cos':
      return (s) => Math.cos(a(s));
    case 'phi':
      return (s) => {
        const x = a(s);
        return Math.exp(-(x * x) / 2) * INV_SQRT_2PI;
      };
    case 'Phi':
      return (s) => normalCdf(a(s));
    default: {
      const f = REAL_FUNCTIONS[name]!;
      return (s) => f(a(s));
    }
  }
}

/** The same over a whole grid: o[i] = f(x[i]) for i < m, one loop per function. */
export function applyRealLoop(name: string): (x: Float64Array, o: Float64Array, m: number) => void {
  switch (name) {
    case 'sqrt':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) {
          const v = x[i]!;
          if (v < 0) throw NOT_REAL;
          o[i] = Math.sqrt(v);
        }
      };
    case 'exp':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) o[i] = Math.exp(x[i]!);
      };
    case 'log':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) {
          const v = x[i]!;
          if (v < 0) throw NOT_REAL;
          o[i] = Math.log(v);
        }
      };
    case 'phi':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) {
          const v = x[i]!;
          o[i] = Math.exp(-(v * v) / 2) * INV_SQRT_2PI;
        }
      };
    case 'Phi':
      return (x, o, m) => {
        for (let i = 0; i < m; i++) o[i] = normalCdf(x[i]!);
      };
    default: {
      const f = REAL_FUNCTIONS[name]!;
      return (x, o, m) => {
        for (let i = 0; i < m; i++) o[i] = f(x[i]!);
      };
    }
  }
}

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
 * Common subexpressions of one real-path root. nerdamer's expanded forms repeat a factor in every
 * term (e^(…) in each term of a derivative of a Gaussian), so a subtree that occurs more than once
 * is evaluated once per call of the root and its value reused: the same operations on the same
 * operands, hence the same bits. The root's call counter marks which call a remembered value
 * belongs to; the scope changes only between calls of a root (binders restore what they bind).
 */
export interface Subtrees {
  keyOf: Map<AnyNode, string>;
  repeated: Set<string>;
  made: Map<string, RealFn>;
  calls: { n: number };
}

/** Structural keys of the subtrees the real path compiles (arithmetic nodes and their leaves); undefined when nothing repeats. */
export function subtreesOf(root: AnyNode): Subtrees | undefined {
  const ids = new Map<string, number>();
  const keyOf = new Map<AnyNode, string>();
  const counts = new Map<string, number>();
  const visit = (n: AnyNode): number => {
    if (n.type === 'ParenthesisNode') {
      const id = visit(n.content);
      keyOf.set(n, keyOf.get(n.content)!);
      return id;
    }
    let key: string;
    if (n.type === 'ConstantNode') key = `c:${Object.is(n.value, -0) ? '-0' : String(n.value)}:${typeof n.value}`;
    else if (n.type === 'SymbolNode') key = `s:${n.name}`;
    else if (isArithmetic(n))
      key = `${n.type === 'OperatorNode' ? n.fn : n.fn.name}(${(n.args as AnyNode[]).map(visit).join(',')})`;
    else key = `x:${n.toString()}`;
    keyOf.set(n, key);
    if (n.type !== 'ConstantNode' && n.type !== 'SymbolNode') counts.set(key, (counts.get(key) ?? 0) + 1);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  visit(root);
  const repeated = new Set([...counts].filter(([, c]) => c > 1).map(([k]) => k));
  return repeated.size ? { keyOf, repeated, made: new Map(), calls: { n: 0 } } : undefined;
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

/** An operand read in place: a constant, or a slot holding a number. */
type Leaf = { c: number } | { k: number };
function realLeaf(n: AnyNode, env: CompileEnv): Leaf | undefined {
  if (n.type === 'ParenthesisNode') return realLeaf(n.content, env);
  if (n.type === 'ConstantNode' && typeof n.value === 'number') return { c: n.value };
  if (n.type === 'SymbolNode' && !['i', 'I', 'pi', 'e'].includes(n.name) && !env.computed?.(n.name)) {
    const k = env.slot(n.name);
    if (k !== undefined) return { k };
  }
  return undefined;
}
function num(v: NValue | undefined): number {
  if (typeof v !== 'number') throw NOT_REAL;
  return v;
}
/**
 * A binary operation with a constant or a slot for an operand reads it in place rather than
 * through a closure call (leaves are half the nodes of a sum of products). Operands are still
 * evaluated left to right.
 */
function withLeafOperand(
  op: string,
  a: RealFn,
  compileB: () => RealFn,
  la: Leaf | undefined,
  lb: Leaf | undefined,
): RealFn | undefined {
  if (lb && 'c' in lb) {
    const c = lb.c;
    if (op === 'add') return (s) => a(s) + c;
    if (op === 'subtract') return (s) => a(s) - c;
    if (op === 'multiply') return (s) => a(s) * c;
    return (s) => a(s) / c;
  }
  if (lb) {
    const k = lb.k;
    if (op === 'add') return (s) => a(s) + num(s[k]);
    if (op === 'subtract') return (s) => a(s) - num(s[k]);
    if (op === 'multiply') return (s) => a(s) * num(s[k]);
    return (s) => a(s) / num(s[k]);
  }
  if (!la) return undefined;
  const b = compileB(); // only the operand that is not read in place is compiled
  if ('c' in la) {
    const c = la.c;
    if (op === 'add') return (s) => c + b(s);
    if (op === 'subtract') return (s) => c - b(s);
    if (op === 'multiply') return (s) => c * b(s);
    return (s) => c / b(s);
  }
  const k = la.k;
  if (op === 'add') return (s) => num(s[k]) + b(s);
  if (op === 'subtract') return (s) => num(s[k]) - b(s);
  if (op === 'multiply') return (s) => num(s[k]) * b(s);
  return (s) => num(s[k]) / b(s);
}

/**
 * The real fast path: plain JavaScript numbers, no objects, for an arithmetic subtree. A leaf that
 * is not a number, or an operation that would leave the reals, throws NOT_REAL and the general
 * (complex, matrix, list) closure evaluates instead: same results, without the allocation.
 */
export function compileReal(
  raw: ExprNode,
  env: CompileEnv,
  general: (n: ExprNode) => Compiled,
  sub?: Subtrees,
): RealFn {
  const n = raw as AnyNode;
  if (n.type === 'ParenthesisNode') return compileReal(n.content, env, general, sub);
  const key = sub?.keyOf.get(n);
  if (key === undefined || !sub!.repeated.has(key)) return compileRealNode(n, env, general, sub);
  let f = sub!.made.get(key);
  if (!f) {
    const inner = compileRealNode(n, env, general, sub);
    const calls = sub!.calls;
    let at = -1;
    let value = 0;
    f = (s) => {
      if (at === calls.n) return value;
      value = inner(s);
      at = calls.n;
      return value;
    };
    sub!.made.set(key, f);
  }
  return f;
}

function compileRealNode(n: AnyNode, env: CompileEnv, general: (n: ExprNode) => Compiled, sub?: Subtrees): RealFn {
  const leaf = realLeaf(n, env);
  if (leaf && 'c' in leaf) {
    const v = leaf.c;
    return () => v;
  }
  if (leaf) {
    const k = leaf.k;
    return (s) => num(s[k]);
  }
  if (n.type === 'OperatorNode' && isArithmetic(n)) {
    const a = compileReal(n.args[0], env, general, sub);
    if (n.args.length === 1) return n.fn === 'unaryMinus' ? (s) => -a(s) : a;
    if (n.fn === 'pow') {
      // x^2 is x*x (V8's pow gives the same bits for 2); other whole exponents cannot leave the reals.
      const c = constantValue(n.args[1]);
      if (c === 2)
        return (s) => {
          const x = a(s);
          return x * x;
        };
      if (c !== undefined && Number.isInteger(c)) return (s) => a(s) ** c;
    }
    const compileB = () => compileReal(n.args[1], env, general, sub);
    if (n.fn !== 'pow') {
      const leaf = withLeafOperand(n.fn, a, compileB, realLeaf(n.args[0], env), realLeaf(n.args[1], env));
      if (leaf) return leaf;
    }
    const b = compileB();
    switch (n.fn) {
      case 'add':
        return (s) => a(s) + b(s);
      case 'subtract':
        return (s) => a(s) - b(s);
      case 'multiply':
        return (s) => a(s) * b(s);
      case 'divide':
        return (s) => a(s) / b(s);
      default:
        return (s) => realPow(a(s), b(s));
    }
  }
  if (n.type === 'FunctionNode' && isArithmetic(n)) {
    return applyReal(n.fn.name, compileReal(n.args[0], env, general, sub));
  }
  // A leaf: whatever the general compiler makes of it, if it is a number.
  const g = general(n);
  return (s) => {
    const v = g(s);
    if (typeof v !== 'number') throw NOT_REAL;
    return v;
  };
}
