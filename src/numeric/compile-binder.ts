/**
 * integral, signChanges, maxOver and minOver: a body over a bound variable, compiled once, and
 * evaluated a whole grid at a time where it is arithmetic.
 */
import type { ExprNode } from '../expr/mathjs-parser';
import type { CompileEnv, Compiled, NValue, Scope } from './value';
import { NumericError, realOf, scalarOf } from './arithmetic';
import {
  EXTREMUM_SAMPLES,
  SIGN_CHANGE_SAMPLES,
  integrate,
  maxOver,
  refinedGrid,
  signChanges,
  type GridFn,
} from './binders';
import { NOT_REAL, isArithmetic } from './real-path';
import { compileRealGrid } from './real-code';

type AnyNode = ExprNode & Record<string, any>;
/** The two compilers of an environment (see compile.ts). */
type CompilerFor = (env: CompileEnv) => { fast: (n: ExprNode) => Compiled; go: (n: ExprNode) => Compiled };

/**
 * A bound variable's whole grid at once: an arithmetic body is one generated loop over the grid
 * (real-code.ts), subtrees free of the variable computed once per grid, subtrees that are not
 * arithmetic or name a computed quantity (which may follow the variable) evaluated point by
 * point by the general closure. The operations and their order are those of the real path, so the
 * values are the same bits; where the real path would leave the reals (NOT_REAL) the grid gives
 * undefined and the caller evaluates point by point.
 */
function compileBatch(
  root: ExprNode,
  env: CompileEnv,
  go: (n: ExprNode) => Compiled,
  variable: string,
  slot: number,
  compilerFor: CompilerFor,
): ((scope: Scope) => GridFn) | undefined {
  const rootNode = root as AnyNode;
  const inner = rootNode.type === 'ParenthesisNode' ? rootNode.content : rootNode;
  const viaDefinition =
    inner.type === 'SymbolNode' && isArithmetic((env.definition?.(inner.name)?.node ?? inner) as AnyNode);
  if (!isArithmetic(rootNode) && !viaDefinition) return undefined;
  // The variable is the name whose slot is the bound one: its own name here, and its internal
  // name inside the definition of a derived quantity (a declared symbol binds its own slot).
  const isVariable = (name: string, e: CompileEnv) =>
    e === env ? name === variable : !e.computed?.(name) && e.slot(name) === slot;
  // Does a subtree depend on the variable (or possibly do so, through a computed name)?
  const varies = (raw: ExprNode, e: CompileEnv): boolean => {
    const n = raw as AnyNode;
    if (n.type === 'ParenthesisNode') return varies(n.content, e);
    if (n.type === 'ConstantNode') return false;
    if (n.type === 'SymbolNode') {
      if (isVariable(n.name, e)) return true;
      if (!e.computed?.(n.name)) return false;
      const def = e.definition?.(n.name);
      return def ? varies(def.node, def.env) : true;
    }
    if ((n.type === 'OperatorNode' || n.type === 'FunctionNode') && isArithmetic(n))
      return (n.args as ExprNode[]).some((a) => varies(a, e));
    return true;
  };
  const definition = (name: string, e: CompileEnv) => {
    const def = e.definition?.(name);
    return def && { ...def, general: compilerFor(def.env).go };
  };
  const run = compileRealGrid(root, env, go, { slot, varies, isVariable, definition });
  if (!run) return undefined; // the body does not involve the variable
  return (scope) => (xs, m) => {
    try {
      return run(scope, xs, m);
    } catch (e) {
      if (e !== NOT_REAL) throw e;
      return undefined;
    }
  };
}

export function compileBinder(
  n: AnyNode,
  env: CompileEnv,
  go: (node: ExprNode) => Compiled,
  compilerFor: CompilerFor,
): Compiled {
  const name: string = n.fn.name;
  const args: AnyNode[] = n.args;
  if (args.length < 4 || args.length > 5 || args[1]!.type !== 'SymbolNode')
    throw new NumericError(
      `${name} takes (expression, variable, from, to[, grid points]), e.g. ${name}(p(x), x, -10, 10)`,
    );
  const variable: string = args[1]!.name;
  if (!env.bind) throw new NumericError(`${name} is not available here`);
  const slot = env.bind(variable);
  const inner: CompileEnv = {
    slot: (s) => (s === variable ? slot : env.slot(s)),
    computed: (s) => (s === variable ? undefined : env.computed?.(s)),
    definition: (s) => (s === variable ? undefined : env.definition?.(s)),
    ...(env.bind ? { bind: env.bind } : {}),
  };
  const compiler = compilerFor(inner);
  const body = compiler.fast(args[0]!);
  const gridOf = compileBatch(args[0]!, inner, compiler.go, variable, slot, compilerFor);
  const lo = go(args[2]!);
  const hi = go(args[3]!);
  const gridArg = args[4] ? go(args[4]) : undefined;
  const real = (v: NValue, what: string) => realOf(scalarOf(v, what), what);
  return (scope) => {
    const a = real(lo(scope), `the lower limit of ${name}`);
    const b = real(hi(scope), `the upper limit of ${name}`);
    const saved = scope[slot];
    const grid = (fallback: number) => {
      if (!gridArg) return refinedGrid(fallback);
      const n = real(gridArg(scope), `the grid of ${name}`);
      if (!Number.isInteger(n) || n < 3 || n > 100_000)
        throw new NumericError(`the grid of ${name} must be a whole number from 3 to 100000`);
      return refinedGrid(n);
    };
    const f = (x: number) => {
      scope[slot] = x;
      return real(body(scope), `the expression in ${name}`);
    };
    try {
      switch (name) {
        case 'integral':
          return integrate(f, a, b, undefined, undefined, gridOf?.(scope));
        case 'signChanges':
          return signChanges(f, a, b, grid(SIGN_CHANGE_SAMPLES), gridOf?.(scope));
        case 'maxOver':
          return maxOver(f, a, b, grid(EXTREMUM_SAMPLES), gridOf?.(scope));
        default: {
          const g = gridOf?.(scope);
          return -maxOver((x) => -f(x), a, b, grid(EXTREMUM_SAMPLES), g && ((xs, m) => negated(g(xs, m), m)));
        }
      }
    } finally {
      scope[slot] = saved!;
    }
  };
}

function negated(v: Float64Array | undefined, m: number): Float64Array | undefined {
  if (!v) return undefined;
  const o = new Float64Array(m);
  for (let i = 0; i < m; i++) o[i] = -v[i]!;
  return o;
}
