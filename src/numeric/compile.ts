/**
 * Compiles a parsed expression once into a tree of closures evaluated per instance (only the
 * functions listed in functions.ts: nothing in a claim file can reach import, createUnit or the
 * file system). Reals stay JavaScript numbers (real-path.ts) until an
 * operation leaves the reals (sqrt of a negative), then mathjs Complex takes over (arithmetic.ts).
 */
import type { ExprNode } from '../expr/mathjs-parser';
import { complex, toComplex, type Complex } from './complex';
import * as LA from './linalg';
import { isList, isMatrix, list, truth, type CompileEnv, type Compiled, type NValue, type Truth } from './value';
import {
  NumericError,
  addValues,
  compare,
  divValues,
  mulValues,
  powValues,
  realOf,
  scalarOf,
  simplifyComplex,
  truthOf,
} from './arithmetic';
import { NUMERIC_FUNCTIONS, SYMBOLIC_ONLY } from './functions';
import { NOT_REAL, isArithmetic, reachesImaginaryUnit } from './real-path';
import { compileReal } from './real-code';
import { compileBinder } from './compile-binder';
import { BINDERS } from './binders';

type AnyNode = ExprNode & Record<string, any>;

export function compileNumeric(root: ExprNode, env: CompileEnv): Compiled {
  return compilerFor(env).fast(root);
}

/** The two compilers of one environment: `fast` (real path first) and `go` (the general one). */
function compilerFor(env: CompileEnv): { fast: Compile; go: Compile } {
  const fast = (raw: ExprNode): Compiled => {
    const n = raw as AnyNode;
    if (!isArithmetic(n) || reachesImaginaryUnit(n)) return go(n);
    const real = compileReal(n, env, go);
    let slow: Compiled | undefined;
    return (s) => {
      try {
        return real(s);
      } catch (e) {
        if (e !== NOT_REAL) throw e;
        slow ??= go(n);
        return slow(s);
      }
    };
  };
  const go = (raw: ExprNode): Compiled => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ConstantNode':
        return compileConstant(n);
      case 'SymbolNode':
        return compileSymbol(n, env);
      case 'ParenthesisNode':
        return go(n.content);
      case 'ArrayNode':
        return compileArray(n, go);
      case 'OperatorNode':
        return compileOperator(n, go, fast);
      case 'FunctionNode':
        return compileCall(n, env, go, fast, compilerFor);
      default:
        throw new NumericError(`"${n.toString()}" cannot be evaluated numerically`);
    }
  };
  return { fast, go };
}

type Compile = (n: ExprNode) => Compiled;

function compileConstant(n: AnyNode): Compiled {
  const v = n.value;
  if (typeof v === 'boolean') {
    const t = truth(v ? 1 : 0);
    return () => t;
  }
  if (typeof v !== 'number') throw new NumericError(`"${n.toString()}" is not a number`);
  return () => v;
}

function compileSymbol(n: AnyNode, env: CompileEnv): Compiled {
  const name: string = n.name;
  if (name === 'i') {
    const I = complex(0, 1);
    return () => I;
  }
  if (name === 'pi') return () => Math.PI;
  if (name === 'e') return () => Math.E;
  if (name === 'I') return () => ({ kind: 'identity' });
  const c = env.computed?.(name);
  if (c) return c;
  const k = env.slot(name);
  if (k === undefined) throw new NumericError(`"${name}" has no numeric value`);
  return (s) => s[k]!;
}

/** A matrix [[…], […]] or a list […]. */
function compileArray(n: AnyNode, go: Compile): Compiled {
  const items: AnyNode[] = n.items;
  if (items.length && items.every((it) => it.type === 'ArrayNode')) {
    const rows = items.map((r) => (r.items as AnyNode[]).map(go));
    const cols = rows[0]!.length;
    return (s) =>
      LA.numMatrix(
        rows.length,
        cols,
        rows.flatMap((r) => r.map((c) => realOf(scalarOf(c(s), 'matrix entry'), 'a matrix entry'))),
      );
  }
  const cs = items.map(go);
  return (s) => list(cs.map((c) => scalarOf(c(s), 'list item')));
}

/** Arithmetic, comparison and logic on general values (the arguments of arithmetic on the general path stay general). */
function compileOperator(n: AnyNode, go: Compile, fast: Compile): Compiled {
  const args = (n.args as AnyNode[]).map(isArithmetic(n) ? go : fast);
  const [a, b] = args as [Compiled, Compiled];
  switch (n.fn) {
    case 'add':
      return (s) => addValues(a(s), b(s), 1);
    case 'subtract':
      return (s) => addValues(a(s), b(s), -1);
    case 'multiply':
      return (s) => mulValues(a(s), b(s));
    case 'divide':
      return (s) => divValues(a(s), b(s));
    case 'pow':
      return (s) => powValues(a(s), b(s));
    case 'unaryMinus':
      return (s) => {
        const v = a(s);
        if (typeof v === 'number') return -v;
        if (isMatrix(v)) return LA.matScale(v, -1);
        if (isList(v)) return list(v.items.map((x) => (typeof x === 'number' ? -x : x.neg())));
        return simplifyComplex(toComplex(scalarOf(v, '-')).neg());
      };
    case 'unaryPlus':
      return a;
    case 'smaller':
      return (s) => truth(compare(a(s), b(s), '<'));
    case 'smallerEq':
      return (s) => truth(compare(a(s), b(s), '<='));
    case 'larger':
      return (s) => truth(compare(a(s), b(s), '>'));
    case 'largerEq':
      return (s) => truth(compare(a(s), b(s), '>='));
    case 'equal':
      return (s) => truth(compare(a(s), b(s), '=='));
    case 'unequal':
      return (s) => truth(compare(a(s), b(s), '!='));
    case 'and':
      return (s) => truth(Math.min(truthOf(a(s), 'and'), truthOf(b(s), 'and')) as Truth);
    case 'or':
      return (s) => truth(Math.max(truthOf(a(s), 'or'), truthOf(b(s), 'or')) as Truth);
    case 'not':
      return (s) => truth((1 - truthOf(a(s), 'not')) as Truth);
    default:
      throw new NumericError(`the operator "${n.op}" is not supported in numeric checks`);
  }
}

/** A call of a numeric function or of a binder (integral, signChanges, maxOver, minOver). */
function compileCall(n: AnyNode, env: CompileEnv, go: Compile, fast: Compile, compilers: typeof compilerFor): Compiled {
  const name: string = n.fn.name;
  if (BINDERS.has(name)) return compileBinder(n, env, go, compilers);
  const f = Object.hasOwn(NUMERIC_FUNCTIONS, name) ? NUMERIC_FUNCTIONS[name] : undefined;
  if (!f && SYMBOLIC_ONLY.has(name))
    throw new NumericError(
      `"${name}(…)" is derived symbolically, not evaluated numerically: name it under model: or derive: (F: x - h*${name}(f, x)) and use the name here`,
    );
  if (!f) throw new NumericError(`"${name}(…)" cannot be evaluated numerically`);
  if (n.args.length < f.arity[0] || n.args.length > f.arity[1])
    throw new NumericError(
      `${name} takes ${f.arity[0] === f.arity[1] ? f.arity[0] : `${f.arity[0]} or more`} argument(s), given ${n.args.length}`,
    );
  const args = (n.args as AnyNode[]).map(fast);
  if (args.length === 1) {
    const a0 = args[0]!;
    return (s) => f.fn([a0(s)]);
  }
  return (s) => f.fn(args.map((c) => c(s)));
}

export function asScalar(v: NValue): number | Complex {
  return scalarOf(v, 'result');
}
export function asTruth(v: NValue): Truth {
  return truthOf(v, 'result');
}
