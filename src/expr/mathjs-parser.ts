/**
 * The only mathjs instance the parse side needs: the expression parser and its node classes,
 * nothing that evaluates. Importing factories one by one keeps bundles small (mathjs in full
 * takes most of a second to load).
 */
import { create, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';

// mathjs declares its dependency maps as entries of a Record, so each reads as possibly undefined.
const math = create({ parseDependencies: parseDependencies! });

export type ExprNode = MathNode;

export function parseMath(text: string): ExprNode {
  return math.parse(text);
}

/** A call node `name(args…)`: what the parser's sugar (v[1], M[1:2, 1]) is rewritten into. */
export function callNode(name: string, args: ExprNode[]): ExprNode {
  return new math.FunctionNode(new math.SymbolNode(name), args);
}
export function operatorNode(op: string, fn: string, args: ExprNode[]): ExprNode {
  return new math.OperatorNode(op as never, fn as never, args);
}
export function constantNode(value: number): ExprNode {
  return new math.ConstantNode(value);
}

/**
 * mathjs's transform, except that leaves it keeps are kept as they are: its own copies every
 * constant and symbol (map clones a leaf), which loses what the parse stage wrote on them (a
 * literal's text).
 */
export function transformNodes(
  root: ExprNode,
  f: (node: ExprNode, path: string | null, parent: ExprNode | null) => ExprNode,
): ExprNode {
  const go = (node: ExprNode, path: string | null, parent: ExprNode | null): ExprNode => {
    const out = f(node, path, parent);
    if (out !== node || node.type === 'ConstantNode' || node.type === 'SymbolNode') return out;
    return node.map((child, p) => go(child, p, node));
  };
  return go(root, null, null);
}
