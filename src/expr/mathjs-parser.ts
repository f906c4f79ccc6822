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

/** A call node `name(args…)`: what the parser's sugar (v[1], M[1:2, 1]) is rewritten into. */
export function callNode(name: string, args: ExprNode[]): ExprNode {
  return new math.FunctionNode(new math.SymbolNode(name), args) as ExprNode;
}
export function constantNode(value: number): ExprNode {
  return new math.ConstantNode(value) as ExprNode;
}
