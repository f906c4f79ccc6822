/**
 * A small sign prover: the sign of an expression from the declared domains of its symbols, by
 * structural rules (squares are non-negative, sums of positives are positive, …). It answers
 * "unknown" rather than guess; callers then fall back to sampling and say so in the verdict.
 */
import { parseMath, type ExprNode } from '../expr/mathjs-parser';
import type { SignConstraint } from '../model/claim';

export type Sign = 'pos' | 'neg' | 'zero' | 'nonneg' | 'nonpos' | 'nonzero' | 'unknown';

type AnyNode = ExprNode & Record<string, any>;

const FROM_DOMAIN: Record<SignConstraint, Sign> = {
  any: 'unknown',
  positive: 'pos',
  negative: 'neg',
  nonzero: 'nonzero',
  nonnegative: 'nonneg',
  nonpositive: 'nonpos',
};

const isPos = (s: Sign) => s === 'pos';
const geZero = (s: Sign) => s === 'pos' || s === 'zero' || s === 'nonneg';
const leZero = (s: Sign) => s === 'neg' || s === 'zero' || s === 'nonpos';
const nonZero = (s: Sign) => s === 'pos' || s === 'neg' || s === 'nonzero';

function negate(s: Sign): Sign {
  return (
    {
      pos: 'neg',
      neg: 'pos',
      nonneg: 'nonpos',
      nonpos: 'nonneg',
      zero: 'zero',
      nonzero: 'nonzero',
      unknown: 'unknown',
    } as const
  )[s];
}

function addSigns(a: Sign, b: Sign): Sign {
  if (a === 'zero') return b;
  if (b === 'zero') return a;
  if (geZero(a) && geZero(b)) return isPos(a) || isPos(b) ? 'pos' : 'nonneg';
  if (leZero(a) && leZero(b)) return a === 'neg' || b === 'neg' ? 'neg' : 'nonpos';
  return 'unknown';
}

function mulSigns(a: Sign, b: Sign): Sign {
  if (a === 'zero' || b === 'zero') return 'zero';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  if (a === 'nonzero' || b === 'nonzero') return nonZero(a) && nonZero(b) ? 'nonzero' : 'unknown';
  const neg = leZero(a) !== leZero(b);
  const strict = nonZero(a) && nonZero(b);
  return neg ? (strict ? 'neg' : 'nonpos') : strict ? 'pos' : 'nonneg';
}

export function signOf(expr: string, domainSign: (internal: string) => SignConstraint | undefined): Sign {
  const go = (raw: ExprNode): Sign => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ConstantNode':
        return typeof n.value !== 'number' ? 'unknown' : n.value > 0 ? 'pos' : n.value < 0 ? 'neg' : 'zero';
      case 'SymbolNode': {
        if (n.name === 'pi' || n.name === 'e') return 'pos';
        const d = domainSign(n.name);
        return d ? FROM_DOMAIN[d] : 'unknown';
      }
      case 'ParenthesisNode':
        return go(n.content);
      case 'OperatorNode': {
        const args: AnyNode[] = n.args;
        switch (n.fn) {
          case 'unaryMinus':
            return negate(go(args[0]!));
          case 'unaryPlus':
            return go(args[0]!);
          case 'add':
            return addSigns(go(args[0]!), go(args[1]!));
          case 'subtract':
            return addSigns(go(args[0]!), negate(go(args[1]!)));
          case 'multiply':
            return mulSigns(go(args[0]!), go(args[1]!));
          case 'divide': {
            const d = go(args[1]!);
            if (!nonZero(d)) return 'unknown';
            return mulSigns(go(args[0]!), d);
          }
          case 'pow': {
            const base = go(args[0]!);
            const ex = args[1]!;
            const k =
              ex.type === 'ConstantNode'
                ? Number(ex.value)
                : ex.type === 'ParenthesisNode' && ex.content.type === 'ConstantNode'
                  ? Number(ex.content.value)
                  : NaN;
            if (Number.isInteger(k) && k % 2 === 0) return nonZero(base) ? 'pos' : base === 'zero' ? 'zero' : 'nonneg';
            if (Number.isInteger(k)) return base; // odd power keeps the sign
            if (isPos(base)) return 'pos';
            return 'unknown';
          }
          default:
            return 'unknown';
        }
      }
      case 'FunctionNode': {
        const name: string = n.fn.name;
        const a = go(n.args[0]);
        if (name === 'abs') return nonZero(a) ? 'pos' : a === 'zero' ? 'zero' : 'nonneg';
        if (name === 'sqrt') return geZero(a) ? (isPos(a) ? 'pos' : 'nonneg') : 'unknown';
        if (name === 'exp') return 'pos';
        return 'unknown';
      }
      default:
        return 'unknown';
    }
  };
  return go(parseMath(expr));
}
