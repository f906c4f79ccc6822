/**
 * The real fast path: an arithmetic subtree compiled to one function over plain JavaScript numbers,
 * no objects. A leaf that is not a number, or an operation that would leave the reals, throws
 * NOT_REAL, and the general (complex, matrix, list) closure evaluates instead.
 */
import type { ExprNode } from '../expr/mathjs-parser';
import type { CompileEnv, Compiled, Scope } from './value';
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

/** A real function over a whole grid: o[i] = f(x[i]) for i < m, one loop per function. */
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

/** Functions the generated code calls by index (their names never enter its source). */
const CALLABLE_NAMES = Object.keys(REAL_FUNCTIONS);
const CALLABLES = CALLABLE_NAMES.map((k) => REAL_FUNCTIONS[k]!);
/** Inlined as Math.… in the generated code: V8 compiles these to machine instructions there. */
const MATH_INLINE = new Set(['abs', 'exp', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh', 'sign']);

/** A number as a JavaScript literal: String(x) round-trips every double; -0, NaN and ±Infinity spelled out. */
function numberLiteral(x: number): string {
  if (Object.is(x, -0)) return '(-0)';
  if (Number.isNaN(x)) return '(0/0)';
  if (!Number.isFinite(x)) return x > 0 ? '(1/0)' : '(-1/0)';
  return x < 0 ? `(${String(x)})` : String(x);
}

/**
 * The real fast path: an arithmetic subtree compiled to ONE generated function over plain
 * numbers, straight-line code with a local per node, so V8 keeps every intermediate in a register
 * (a tree of closures boxes each intermediate it returns: that allocation was most of the run's
 * garbage). A leaf that is not a number, or an operation that would leave the reals, throws
 * NOT_REAL, and the general (complex, matrix, list) closure evaluates instead: same results.
 *
 * Safety: nothing from a claim file enters the generated source. It is written from fixed tokens,
 * slot and table indices, and number literals made by numberLiteral; every other leaf is a
 * closure of the general compiler, called by index.
 *
 * Identical subtrees are computed once per call (value numbering): nerdamer's expanded forms
 * repeat a factor in every term. The same operations on the same operands give the same bits, and
 * operands are still evaluated left to right, so the results are those of the plain tree.
 */
export function compileReal(raw: ExprNode, env: CompileEnv, general: (n: ExprNode) => Compiled): RealFn {
  const lines: string[] = [];
  const leaves: Compiled[] = [];
  const numbered = new Map<string, string>();
  const local = (key: string, make: (name: string) => string[]): string => {
    let name = numbered.get(key);
    if (name === undefined) {
      name = `t${numbered.size}`;
      numbered.set(key, name);
      lines.push(...make(name));
    }
    return name;
  };
  const notReal = (test: string) => `if (${test}) throw NR;`;
  const emit = (raw: AnyNode): string => {
    const n = raw.type === 'ParenthesisNode' ? raw.content : raw;
    if (n.type === 'ParenthesisNode') return emit(n);
    if (n.type === 'ConstantNode' && typeof n.value === 'number') return numberLiteral(n.value);
    if (n.type === 'SymbolNode' && !['i', 'I', 'pi', 'e'].includes(n.name) && !env.computed?.(n.name)) {
      const k = env.slot(n.name);
      if (k !== undefined)
        return local(`s:${k}`, (t) => [`const ${t} = s[${k}];`, notReal(`typeof ${t} !== 'number'`)]);
    }
    if (n.type === 'OperatorNode' && isArithmetic(n)) {
      const a = emit(n.args[0]);
      if (n.args.length === 1) return n.fn === 'unaryMinus' ? local(`-(${a})`, (t) => [`const ${t} = -${a};`]) : a;
      if (n.fn === 'pow') {
        // x^2 is x*x (V8's pow gives the same bits for 2); other whole exponents cannot leave the reals.
        const c = constantValue(n.args[1]);
        if (c === 2) return local(`sq(${a})`, (t) => [`const ${t} = ${a} * ${a};`]);
        if (c !== undefined && Number.isInteger(c))
          return local(`pow(${a},${c})`, (t) => [`const ${t} = ${a} ** ${numberLiteral(c)};`]);
      }
      const b = emit(n.args[1]);
      const op = { add: '+', subtract: '-', multiply: '*', divide: '/' }[n.fn as string];
      if (op) return local(`${n.fn}(${a},${b})`, (t) => [`const ${t} = ${a} ${op} ${b};`]);
      return local(`rpow(${a},${b})`, (t) => [`const ${t} = RP(${a}, ${b});`]);
    }
    if (n.type === 'FunctionNode' && isArithmetic(n)) {
      const name: string = n.fn.name;
      const a = emit(n.args[0]);
      return local(`${name}(${a})`, (t) => {
        if (name === 'sqrt' || name === 'log') return [notReal(`${a} < 0`), `const ${t} = Math.${name}(${a});`];
        if (MATH_INLINE.has(name)) return [`const ${t} = Math.${name}(${a});`];
        return [`const ${t} = F[${CALLABLE_NAMES.indexOf(name)}](${a});`];
      });
    }
    // A leaf: whatever the general compiler makes of it, if it is a number.
    return local(`x:${n.toString()}`, (t) => {
      leaves.push(general(n));
      return [`const ${t} = L[${leaves.length - 1}](s);`, notReal(`typeof ${t} !== 'number'`)];
    });
  };
  const result = emit(raw as AnyNode);
  const body = `return function real(s) {\n${lines.join('\n')}\nreturn ${result};\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built from fixed tokens only (above)
  return new Function('NR', 'RP', 'F', 'L', body)(NOT_REAL, realPow, CALLABLES, leaves) as RealFn;
}
