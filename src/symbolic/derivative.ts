/**
 * A plain differentiator over expression text (internal names), by the textbook rules and no
 * simplification: what the derivation falls back on when nerdamer's derivative fails its
 * numerical check (nerdamer rewrites log(x^y) as y·log(x) and √(a·b) as √a·√b on the way).
 */
import { parseMath, type ExprNode } from '../expr/mathjs-parser';

type AnyNode = ExprNode & Record<string, any>;

/** A derivative that is identically 0 is written '0', so products and sums of it fold away. */
const ZERO = '0';
const p = (s: string) => `(${s})`;
const add = (a: string, b: string) => (a === ZERO ? b : b === ZERO ? a : `${a}+${b}`);
const sub = (a: string, b: string) => (b === ZERO ? a : a === ZERO ? `-${p(b)}` : `${a}-${p(b)}`);
const mul = (a: string, b: string) =>
  a === ZERO || b === ZERO ? ZERO : a === '1' ? b : b === '1' ? a : `${p(a)}*${p(b)}`;

/** The rule for each elementary function: f'(u) in terms of u. */
const OUTER: Record<string, (u: string) => string> = {
  sqrt: (u) => `1/(2*sqrt(${u}))`,
  exp: (u) => `exp(${u})`,
  log: (u) => `1/(${u})`,
  sin: (u) => `cos(${u})`,
  cos: (u) => `-sin(${u})`,
  tan: (u) => `1/cos(${u})^2`,
  atan: (u) => `1/(1+(${u})^2)`,
  sinh: (u) => `cosh(${u})`,
  cosh: (u) => `sinh(${u})`,
  tanh: (u) => `1/cosh(${u})^2`,
  sech: (u) => `-sech(${u})*tanh(${u})`,
};

function dependsOn(n: AnyNode, x: string): boolean {
  let found = false;
  n.traverse((c: AnyNode) => {
    if (c.type === 'SymbolNode' && c.name === x) found = true;
  });
  return found;
}

/** d/dx of the expression, or undefined where a rule is missing (then nothing replaces nerdamer). */
export function derivativeText(expr: string, x: string): string | undefined {
  const go = (raw: ExprNode): string | undefined => {
    const n = raw as AnyNode;
    if (!dependsOn(n, x)) return ZERO;
    switch (n.type) {
      case 'SymbolNode':
        return '1';
      case 'ParenthesisNode':
        return go(n.content);
      case 'OperatorNode': {
        const [a, b] = n.args as AnyNode[];
        const da = go(a!);
        const db = b ? go(b) : ZERO;
        if (da === undefined || db === undefined) return undefined;
        const ta = a!.toString();
        const tb = b?.toString() ?? '';
        switch (n.fn) {
          case 'unaryPlus':
            return da;
          case 'unaryMinus':
            return da === ZERO ? ZERO : `-${p(da)}`;
          case 'add':
            return add(da, db);
          case 'subtract':
            return sub(da, db);
          case 'multiply':
            return add(mul(da, tb), mul(ta, db));
          case 'divide':
            return sub(da === ZERO ? ZERO : `${p(da)}/${p(tb)}`, db === ZERO ? ZERO : `${p(ta)}*${p(db)}/${p(tb)}^2`);
          case 'pow':
            if (!dependsOn(b!, x)) return mul(`${p(tb)}*${p(ta)}^(${tb}-1)`, da);
            if (!dependsOn(a!, x)) return mul(`${p(ta)}^${p(tb)}*log(${ta})`, db);
            return mul(`${p(ta)}^${p(tb)}`, add(mul(db, `log(${ta})`), `${p(tb)}*${p(da)}/${p(ta)}`));
          default:
            return undefined;
        }
      }
      case 'FunctionNode': {
        const rule = OUTER[n.fn.name as string];
        if (!rule || n.args.length !== 1) return undefined;
        const du = go(n.args[0]);
        if (du === undefined) return undefined;
        return mul(rule(n.args[0].toString()), du);
      }
      default:
        return undefined;
    }
  };
  try {
    return go(parseMath(expr));
  } catch {
    return undefined;
  }
}
