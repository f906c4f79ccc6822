/**
 * Symbolic evaluation of a parsed expression into a SymValue. Names resolve through the context
 * (declared symbols, model and derived names); calls resolve to operators registered by kinds
 * (diff, E, grad …), to elementary functions, or to declared unknown functions, which are
 * replaced by their Taylor polynomial (the derive stage checks that the truncation is exact).
 */
import { ClaimError } from '../model/source';
import { parseDerivativeCallName } from '../expr/names';
import { literalValue } from '../expr/literal';
import { expandPolynomial } from './polynomial';
import type { ExprNode } from '../expr/mathjs-parser';
import type { SymbolTable } from './table';
import * as V from './value';
import type { SymValue } from './value';

type AnyNode = ExprNode & Record<string, any>;

export interface SymOperator {
  name: string;
  /** Receives the unevaluated argument nodes: operators like diff(L, theta) read names, not values. */
  evaluate(args: ExprNode[], ctx: SymContext): SymValue;
}

export interface UnknownFunction {
  about: number;
  order: number;
  /** Orders beyond `order` whose terms are kept too, each with its own coefficient (see derive/index.ts). */
  probes?: readonly number[];
  /** The arguments it has been expanded at, collected so the far orders can be sized to them (see derive/index.ts). */
  sites?: Set<string>;
}

export interface SymContext {
  table: SymbolTable;
  /** Value of a name: declared symbol, model, define or derived name. */
  lookup(name: string): SymValue | undefined;
  operators: ReadonlyMap<string, SymOperator>;
  unknownFunctions: ReadonlyMap<string, UnknownFunction>;
  /** Evaluate a sub-expression in this context. */
  evaluate(node: ExprNode): SymValue;
}

const ELEMENTARY = new Set(['sqrt', 'abs', 'exp', 'log', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh']);
const CONSTANTS: Record<string, string> = { i: 'i', e: 'e', pi: 'pi' };

function factorial(k: number): bigint {
  let f = 1n;
  for (let j = 2n; j <= BigInt(k); j++) f *= j;
  return f;
}

/** Taylor polynomial of an unknown function f about a, in internal names: Σ f^(k)(a)/k! (x−a)^k. */
export function taylor(fn: string, arg: string, f: UnknownFunction, table: SymbolTable): string {
  // At the expansion point itself, f(a) is its coefficient alone (not a sum of terms in (a − a)^k
  // whose higher coefficients a guard would see).
  const at = expandPolynomial(f.about === 0 ? arg : `(${arg})-(${f.about})`);
  if (at === '0') return table.internal(`${fn}__d0`);
  f.sites?.add(at ?? arg);
  const terms: string[] = [];
  const shifted = f.about === 0 ? `(${arg})` : `((${arg})-(${f.about}))`;
  for (const k of [...Array.from({ length: f.order + 1 }, (_, k) => k), ...(f.probes ?? [])]) {
    const c = table.internal(`${fn}__d${k}`);
    terms.push(k === 0 ? c : `${c}/${factorial(k)}*${shifted}^${k}`);
  }
  return terms.join('+');
}

export function evaluateSym(root: ExprNode, ctx: SymContext): SymValue {
  const go = (raw: ExprNode): SymValue => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ConstantNode': {
        if (typeof n.value !== 'number') throw new ClaimError(`"${n.toString()}" is not a number`);
        // The exact rational the literal writes: nerdamer turns some decimals into nearby fractions.
        const q = literalValue(n);
        return V.scalar(q.d === 1n ? String(q.n) : `(${q.n}/${q.d})`);
      }
      case 'SymbolNode': {
        const name: string = n.name;
        if (CONSTANTS[name]) return V.scalar(CONSTANTS[name]);
        const v = ctx.lookup(name);
        if (!v) throw new ClaimError(`"${name}" has no value here`);
        return v;
      }
      case 'ParenthesisNode':
        return go(n.content);
      case 'ArrayNode': {
        const items: AnyNode[] = n.items;
        if (items.length && items.every((it) => it.type === 'ArrayNode')) {
          return V.blocks(items.map((row) => (row.items as AnyNode[]).map(go)));
        }
        return V.blocks(items.map((it) => [go(it)]));
      }
      case 'OperatorNode': {
        const args = (n.args as AnyNode[]).map(go);
        switch (n.fn) {
          case 'add':
            return V.add(args[0]!, args[1]!);
          case 'subtract':
            return V.subtract(args[0]!, args[1]!);
          case 'multiply':
            return V.multiply(args[0]!, args[1]!);
          case 'divide':
            return V.divide(args[0]!, args[1]!);
          case 'pow':
            return V.power(args[0]!, args[1]!);
          case 'unaryMinus':
            return V.negate(args[0]!);
          case 'unaryPlus':
            return args[0]!;
          default:
            throw new ClaimError(`the operator "${n.op}" has no symbolic meaning here (only + - * / ^)`);
        }
      }
      case 'FunctionNode': {
        const name: string = n.fn.name;
        const op = ctx.operators.get(name);
        if (op) return op.evaluate(n.args, ctx);
        const call = parseDerivativeCallName(name);
        const at = call && ctx.unknownFunctions.get(call.fn);
        if (call && at) {
          throw new ClaimError(
            `${call.fn}${"'".repeat(call.order)}(…) away from the expansion point ${at.about} cannot be derived while ${call.fn} is unknown: only its Taylor polynomial about ${at.about} is known, and its truncation would decide the result`,
            undefined,
            `give ${call.fn} a definition for the check that needs it: given: ${call.fn}(t) = …`,
          );
        }
        const unknown = ctx.unknownFunctions.get(name);
        if (unknown) {
          if (n.args.length !== 1)
            throw new ClaimError(`${name} is a function of one variable, called with ${n.args.length} arguments`);
          const arg = V.asScalar(go(n.args[0]), `the argument of ${name}`);
          return V.scalar(taylor(name, arg, unknown, ctx.table));
        }
        if (ELEMENTARY.has(name)) {
          const args = (n.args as AnyNode[]).map((a) => V.asScalar(go(a), `the argument of ${name}`));
          return V.scalar(`${name}(${args.join(',')})`);
        }
        throw new ClaimError(`"${name}(…)" cannot be derived symbolically`);
      }
      default:
        throw new ClaimError(`"${n.toString()}" cannot be derived symbolically`);
    }
  };
  return go(root);
}
