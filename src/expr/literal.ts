/** The exact value of a number literal: the decimal it writes (see annotateLiterals in parse.ts). */
import * as Q from '../certified/rational';
import type { ExprNode } from './mathjs-parser';

export function literalValue(node: ExprNode): Q.Rational {
  const n = node as ExprNode & { value: number; literal?: string };
  return (n.literal !== undefined ? Q.ofDecimal(n.literal) : undefined) ?? Q.ofNumber(n.value);
}
