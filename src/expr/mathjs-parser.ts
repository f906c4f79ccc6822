/**
 * The only mathjs instance the parse side needs: the expression parser and its node classes,
 * nothing that evaluates. Importing factories one by one keeps bundles small (mathjs in full
 * takes most of a second to load).
 */
import { create, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';
import * as Q from '../certified/rational';

// mathjs declares its dependency maps as entries of a Record, so each reads as possibly undefined.
const math = create({ parseDependencies: parseDependencies! });

export type ExprNode = MathNode;

/**
 * Every text is parsed with its literals annotated, the claim's own and those a derivation writes
 * (an exact coefficient 100000000000000000001/10^20 is read as written, not as 1).
 */
export function parseMath(text: string): ExprNode {
  const node = math.parse(text);
  annotateLiterals(node, text);
  return node;
}

const LITERAL = /(?<![A-Za-z_0-9.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;

/**
 * A literal means the decimal it writes, not the double nearest it (0.50000000000000000001 is
 * not 0.5): where the two differ, the literal's text is kept on its node (`literal`) for the
 * exact and symbolic evaluators (floating point reads 1e-400 as 0; exact arithmetic does not).
 * The parser's constants are paired with the literals of the text in order.
 */
function annotateLiterals(root: ExprNode, text: string): void {
  const texts = text.match(LITERAL) ?? [];
  const nodes: Array<ExprNode & { value: number; literal?: string }> = [];
  root.traverse((n) => {
    if (n.type === 'ConstantNode' && typeof (n as unknown as { value: unknown }).value === 'number')
      nodes.push(n as ExprNode & { value: number });
  });
  if (texts.length !== nodes.length || nodes.some((n, k) => Number(texts[k]) !== n.value)) return;
  nodes.forEach((n, k) => {
    const written = Q.ofDecimal(texts[k]!);
    if (written && (!Number.isFinite(n.value) || !Q.eq(written, Q.ofNumber(n.value)))) n.literal = texts[k]!;
  });
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
