/**
 * The real fast path as generated code. An arithmetic subtree becomes ONE function over plain
 * numbers, straight-line code with a local per node, so V8 keeps every intermediate in a register
 * (a tree of closures boxes each intermediate it returns: that allocation was most of the run's
 * garbage). A bound variable's grid (integral, signChanges, maxOver) becomes one loop over the
 * grid with the body fused inside it, the parts free of the variable computed once before it.
 *
 * A leaf that is not a number, or an operation that would leave the reals, throws NOT_REAL, and
 * the general (complex, matrix, list) closure evaluates instead: same results.
 *
 * Safety: nothing from a claim file enters the generated source. It is written from fixed tokens,
 * slot and table indices, and number literals made by numberLiteral; every other leaf is a
 * closure of the general compiler, called by index.
 *
 * Identical subtrees are computed once per call (value numbering): nerdamer's expanded forms
 * repeat a factor in every term. The same operations on the same operands give the same bits, and
 * operands are still evaluated left to right, so the values are those of the plain tree.
 */
import type { ExprNode } from '../expr/mathjs-parser';
import type { CompileEnv, Compiled, Scope } from './value';
import { INV_SQRT_2PI, NOT_REAL, REAL_FUNCTIONS, constantValue, isArithmetic, realPow, type RealFn } from './real-path';

type AnyNode = ExprNode & Record<string, any>;

/** Functions the generated code calls by index (their names never enter its source). */
const CALLABLE_NAMES = Object.keys(REAL_FUNCTIONS);
const CALLABLES = CALLABLE_NAMES.map((k) => REAL_FUNCTIONS[k]!);
/** Inlined as Math.… in the generated code: V8 compiles these to machine instructions there. */
const MATH_INLINE = new Set(['abs', 'exp', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh', 'sign']);
const OPERATORS: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

/** A number as a JavaScript literal: String(x) round-trips every double; -0, NaN and ±Infinity spelled out. */
function numberLiteral(x: number): string {
  if (Object.is(x, -0)) return '(-0)';
  if (Number.isNaN(x)) return '(0/0)';
  if (!Number.isFinite(x)) return x > 0 ? '(1/0)' : '(-1/0)';
  return x < 0 ? `(${String(x)})` : String(x);
}

/** A bound variable's grid: what follows the variable, and how to read it. */
export interface GridSpec {
  /** The scope slot the variable is bound to (a leaf that follows it reads it there). */
  slot: number;
  /** Does the subtree depend on the variable (or possibly do so, through a computed name)? */
  varies(n: ExprNode, env: CompileEnv): boolean;
  /** Is the name the variable, in the environment it is read in? */
  isVariable(name: string, env: CompileEnv): boolean;
  /** A computed name's own arithmetic expression, read through where it follows the variable. */
  definition(name: string, env: CompileEnv): { node: ExprNode; env: CompileEnv; general: Compile } | undefined;
}
type Compile = (n: ExprNode) => Compiled;

/** A value of the generated code: its expression, and whether it changes along the grid. */
interface Emitted {
  v: string;
  along: boolean;
}

/** Source lines before the grid loop (or of the whole function) and inside it, with their leaves. */
class RealCode {
  readonly before: string[] = [];
  readonly along: string[] = [];
  readonly leaves: Compiled[] = [];
  private readonly numbered = new Map<string, string>();
  private readonly envIds = new Map<CompileEnv, number>();

  constructor(private readonly grid?: GridSpec) {}

  /** A local for the value `key` names, made by `make` on first use. */
  private local(key: string, along: boolean, make: (name: string) => string[]): Emitted {
    let name = this.numbered.get(key);
    if (name === undefined) {
      name = `t${this.numbered.size}`;
      this.numbered.set(key, name);
      (along ? this.along : this.before).push(...make(name));
    }
    return { v: name, along };
  }

  private envId(env: CompileEnv): number {
    let id = this.envIds.get(env);
    if (id === undefined) this.envIds.set(env, (id = this.envIds.size));
    return id;
  }

  /** A leaf through the general compiler: called once before the loop, or at each grid point. */
  private leaf(n: AnyNode, env: CompileEnv, general: Compile, along: boolean): Emitted {
    return this.local(`x${this.envId(env)}${along ? '@' : ':'}${n.toString()}`, along, (t) => {
      this.leaves.push(general(n));
      const call = `const ${t} = L[${this.leaves.length - 1}](s);`;
      const check = `if (typeof ${t} !== 'number') throw NR;`;
      return along ? [`s[${this.grid!.slot}] = x;`, call, check] : [call, check];
    });
  }

  emit(raw: AnyNode, env: CompileEnv, general: Compile): Emitted {
    const n = raw.type === 'ParenthesisNode' ? raw.content : raw;
    if (n.type === 'ParenthesisNode') return this.emit(n, env, general);
    if (n.type === 'ConstantNode' && typeof n.value === 'number') return { v: numberLiteral(n.value), along: false };
    if (n.type === 'SymbolNode') return this.symbol(n, env, general);
    if (n.type === 'OperatorNode' && isArithmetic(n)) return this.operator(n, env, general);
    if (n.type === 'FunctionNode' && isArithmetic(n)) {
      const name: string = n.fn.name;
      const a = this.emit(n.args[0], env, general);
      return this.local(`${name}(${a.v})`, a.along, (t) => {
        if (name === 'sqrt' || name === 'log')
          return [`if (${a.v} < 0) throw NR;`, `const ${t} = Math.${name}(${a.v});`];
        if (MATH_INLINE.has(name)) return [`const ${t} = Math.${name}(${a.v});`];
        // The standard normal density, as REAL_FUNCTIONS.phi computes it (the same operations).
        if (name === 'phi') return [`const ${t} = Math.exp(-(${a.v} * ${a.v}) / 2) * ${numberLiteral(INV_SQRT_2PI)};`];
        return [`const ${t} = F[${CALLABLE_NAMES.indexOf(name)}](${a.v});`];
      });
    }
    // Whatever the general compiler makes of it, if it is a number.
    return this.leaf(n, env, general, !!this.grid?.varies(n, env));
  }

  private symbol(n: AnyNode, env: CompileEnv, general: Compile): Emitted {
    const name: string = n.name;
    if (['i', 'I', 'pi', 'e'].includes(name)) return this.leaf(n, env, general, false);
    if (!env.computed?.(name)) {
      if (this.grid?.isVariable(name, env)) return { v: 'x', along: true };
      const k = env.slot(name);
      if (k !== undefined)
        return this.local(`s:${k}`, false, (t) => [`const ${t} = s[${k}];`, `if (typeof ${t} !== 'number') throw NR;`]);
      return this.leaf(n, env, general, false);
    }
    // A derived quantity that follows the variable: through its own expression, inside the loop.
    if (this.grid?.varies(n, env)) {
      const def = this.grid.definition(name, env);
      if (def && isArithmetic(def.node as AnyNode)) return this.emit(def.node as AnyNode, def.env, def.general);
      return this.leaf(n, env, general, true);
    }
    return this.leaf(n, env, general, false);
  }

  private operator(n: AnyNode, env: CompileEnv, general: Compile): Emitted {
    const a = this.emit(n.args[0], env, general);
    if (n.args.length === 1)
      return n.fn === 'unaryMinus' ? this.local(`-(${a.v})`, a.along, (t) => [`const ${t} = -${a.v};`]) : a;
    if (n.fn === 'pow') {
      // x^2 is x*x (V8's pow gives the same bits for 2); other whole exponents cannot leave the reals.
      const c = constantValue(n.args[1]);
      if (c === 2) return this.local(`sq(${a.v})`, a.along, (t) => [`const ${t} = ${a.v} * ${a.v};`]);
      if (c !== undefined && Number.isInteger(c))
        return this.local(`pow(${a.v},${c})`, a.along, (t) => [`const ${t} = ${a.v} ** ${numberLiteral(c)};`]);
    }
    const b = this.emit(n.args[1], env, general);
    const along = a.along || b.along;
    const op = OPERATORS[n.fn as string];
    if (op) return this.local(`${n.fn}(${a.v},${b.v})`, along, (t) => [`const ${t} = ${a.v} ${op} ${b.v};`]);
    return this.local(`rpow(${a.v},${b.v})`, along, (t) => [`const ${t} = RP(${a.v}, ${b.v});`]);
  }

  /** The generated function, given the source of its body. */
  build<T>(body: string, extra: unknown = undefined): T {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built from fixed tokens only (see above)
    return new Function('NR', 'RP', 'F', 'L', 'B', body)(NOT_REAL, realPow, CALLABLES, this.leaves, extra) as T;
  }
}

/** An arithmetic subtree as one function of the scope. */
export function compileReal(raw: ExprNode, env: CompileEnv, general: Compile): RealFn {
  const code = new RealCode();
  const result = code.emit(raw as AnyNode, env, general);
  return code.build(`return function real(s) {\n${code.before.join('\n')}\nreturn ${result.v};\n};`);
}

/**
 * An arithmetic body at every point of a grid: out[i] = body at xs[i], i < m, in one loop. The
 * output buffer is reused from call to call (callers read it before the next call). Undefined
 * when the body does not involve the variable.
 */
export function compileRealGrid(
  raw: ExprNode,
  env: CompileEnv,
  general: Compile,
  grid: GridSpec,
): ((scope: Scope, xs: Float64Array, m: number) => Float64Array) | undefined {
  const code = new RealCode(grid);
  const result = code.emit(raw as AnyNode, env, general);
  if (!result.along) return undefined;
  const body = [
    'return function grid(s, xs, m) {',
    ...code.before,
    'const out = B.out.length >= m ? B.out : (B.out = new Float64Array(m));',
    'for (let i = 0; i < m; i++) {',
    'const x = xs[i];',
    ...code.along,
    `out[i] = ${result.v};`,
    '}',
    'return out;',
    '};',
  ].join('\n');
  return code.build(body, { out: new Float64Array(0) });
}
