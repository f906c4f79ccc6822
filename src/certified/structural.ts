/**
 * A structural zero: an expression that is identically 0 because its terms cancel as written
 * (c·N(x, ½) − c·N(x, ½), or φ(x) + φ(x − 1) − φ(x − 1) − φ(x)), whatever the functions in it.
 * The expression is expanded as a polynomial with exact rational coefficients over atoms: the
 * variable, and every other subterm (a function call, a quotient, a power) keyed by the canonical
 * form of its own arguments. Equal keys are equal values, so a polynomial that cancels to 0 is an
 * exact proof that the expression is 0 for every value of the variable. A nonzero polynomial
 * proves nothing (the atoms may be related), so the answer is only ever "zero" or "not shown".
 */
import type { ExprNode } from '../expr/mathjs-parser';
import { literalValue } from '../expr/literal';
import * as Q from './rational';

type AnyNode = ExprNode & Record<string, any>;
/** Monomial key (atoms with powers, sorted) → coefficient. */
type Poly = Map<string, Q.Rational>;

const constant = (q: Q.Rational): Poly => (Q.isZero(q) ? new Map() : new Map([['', q]]));
const atom = (key: string): Poly => new Map([[`${key}^1`, Q.ONE]]);

function add(a: Poly, b: Poly, sign = 1): Poly {
  const out = new Map(a);
  for (const [k, c] of b) {
    const s = Q.add(out.get(k) ?? Q.ZERO, sign < 0 ? Q.neg(c) : c);
    if (Q.isZero(s)) out.delete(k);
    else out.set(k, s);
  }
  return out;
}
function mulKeys(a: string, b: string): string {
  const powers = new Map<string, number>();
  for (const part of [a, b].flatMap((k) => (k ? k.split('·') : []))) {
    const at = part.lastIndexOf('^');
    powers.set(part.slice(0, at), (powers.get(part.slice(0, at)) ?? 0) + Number(part.slice(at + 1)));
  }
  return [...powers]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, p]) => `${k}^${p}`)
    .join('·');
}
function mul(a: Poly, b: Poly): Poly {
  let out: Poly = new Map();
  for (const [ka, ca] of a) for (const [kb, cb] of b) out = add(out, new Map([[mulKeys(ka, kb), Q.mul(ca, cb)]]));
  return out;
}
const canonical = (p: Poly): string =>
  [...p]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, c]) => `${Q.ratText(c)}*${k}`)
    .join('+') || '0';
const asConstant = (p: Poly): Q.Rational | undefined =>
  p.size === 0 ? Q.ZERO : p.size === 1 && p.has('') ? p.get('')! : undefined;

/** Too large to be worth expanding: give up rather than spend time. */
const MAX_TERMS = 400;

/**
 * Is the expression identically 0 in `variable`? `valueOf` gives the exact rational value of any
 * other name (undefined: not shown); `definition` the claim's functions, inlined.
 */
export function structurallyZero(
  root: ExprNode,
  variable: string,
  valueOf: (name: string) => Q.Rational | undefined,
  definition: (name: string) => { params: string[]; body: ExprNode } | undefined,
): boolean {
  const go = (raw: ExprNode, env: ReadonlyMap<string, Poly>): Poly | undefined => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ParenthesisNode':
        return go(n.content, env);
      case 'ConstantNode':
        return typeof n.value === 'number' && Number.isFinite(n.value) ? constant(literalValue(n)) : undefined;
      case 'SymbolNode': {
        const bound = env.get(n.name);
        if (bound) return bound;
        if (n.name === variable) return atom(variable);
        if (n.name === 'pi' || n.name === 'e') return atom(n.name);
        const q = valueOf(n.name);
        return q ? constant(q) : undefined;
      }
      case 'OperatorNode': {
        const args = (n.args as AnyNode[]).map((a) => go(a, env));
        if (args.some((a) => !a)) return undefined;
        const [a, b] = args as [Poly, Poly];
        let out: Poly | undefined;
        switch (n.fn) {
          case 'unaryPlus':
            out = a;
            break;
          case 'unaryMinus':
            out = add(new Map(), a, -1);
            break;
          case 'add':
            out = add(a, b);
            break;
          case 'subtract':
            out = add(a, b, -1);
            break;
          case 'multiply':
            out = mul(a, b);
            break;
          case 'divide': {
            const c = asConstant(b);
            out = c && !Q.isZero(c) ? mul(a, constant(Q.div(Q.ONE, c))) : mul(a, atom(`1/(${canonical(b)})`));
            break;
          }
          case 'pow': {
            const k = asConstant(b);
            if (k && k.d === 1n && k.n >= 0n && k.n <= 8n) {
              out = constant(Q.ONE);
              for (let j = 0n; j < k.n; j++) out = mul(out, a);
            } else out = atom(`(${canonical(a)})^(${canonical(b)})`);
            break;
          }
          default:
            return undefined;
        }
        return out.size > MAX_TERMS ? undefined : out;
      }
      case 'FunctionNode': {
        const name = n.fn.name as string;
        const args = (n.args as AnyNode[]).map((a) => go(a, env));
        if (args.some((a) => !a)) return undefined;
        const def = definition(name);
        if (def) {
          if (def.params.length !== args.length) return undefined;
          return go(def.body, new Map(def.params.map((p, k) => [p, args[k]!] as const)));
        }
        return atom(`${name}(${(args as Poly[]).map(canonical).join(',')})`);
      }
      default:
        return undefined;
    }
  };
  const p = go(root, new Map());
  return p !== undefined && p.size === 0;
}
