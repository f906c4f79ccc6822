/**
 * The only mathjs instance the parse side needs: the expression parser and its node classes,
 * nothing that evaluates. Importing factories one by one keeps bundles small (mathjs in full
 * takes most of a second to load).
 */
import { create, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';

const math = create({ parseDependencies });

export type ExprNode = MathNode;

export function parseMath(text: string): ExprNode {
  return math.parse(text);
}
