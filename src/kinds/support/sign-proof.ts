/**
 * A symbolic proof for a condition `left (<, <=, >, >=) right` between scalar quantities of the
 * claim: the sign prover applied to left − right with the declared domains. When it succeeds the
 * condition holds everywhere in the domain, not only at the instances.
 */
import type { ExprNode } from '../../expr/mathjs-parser';
import { signOf, type Sign } from '../../symbolic/sign';
import { asScalar } from '../../symbolic/value';
import type { ClaimContext } from '../kind';
import type { Decision, ProvedSign } from '../../model/decision';
import { domainSignOf } from '../solve';

type AnyNode = ExprNode & Record<string, any>;

const SIGN_NAMES: Partial<Record<Sign, ProvedSign>> = {
  pos: 'positive',
  neg: 'negative',
  nonneg: 'non-negative',
  nonpos: 'non-positive',
  zero: 'zero',
};

const NEEDS: Record<string, Sign[]> = {
  larger: ['pos'],
  largerEq: ['pos', 'nonneg', 'zero'],
  smaller: ['neg'],
  smallerEq: ['neg', 'nonpos', 'zero'],
};

export function proveSign(node: ExprNode, ctx: ClaimContext): Decision | undefined {
  const n = (node as AnyNode).type === 'ParenthesisNode' ? (node as AnyNode).content : (node as AnyNode);
  const needs = n.type === 'OperatorNode' ? NEEDS[n.fn as string] : undefined;
  if (!needs) return undefined;
  try {
    const left = asScalar(ctx.sym(n.args[0]), 'a side');
    const right = asScalar(ctx.sym(n.args[1]), 'a side');
    const diff = right === '0' ? left : `(${left})-(${right})`;
    const s = signOf(diff, domainSignOf(ctx));
    const sign = SIGN_NAMES[s];
    if (!needs.includes(s) || !sign) return undefined;
    return { method: 'sign-proof', difference: ctx.table.toUserText(diff), differenceTex: ctx.texInternal(diff), sign };
  } catch {
    return undefined;
  }
}
