/** What a condition compares: the sides of its comparisons, and the names it reads outside binding forms. */
import type { ExprNode } from '../../expr/mathjs-parser';
import { freeSymbols } from '../../expr/parse';
import { BINDERS } from '../../numeric/binders';

const COMPARISONS = new Set(['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal']);
const CONNECTIVES = new Set(['and', 'or', 'not', 'xor']);

const DEFINITENESS = new Set(['psd', 'pd', 'nsd', 'nd']);

/** The two sides of each comparison a condition makes, and the matrix of each definiteness test, through and, or and not; constants left out. */
export function comparedSides(node: ExprNode): ExprNode[] {
  const n = node as ExprNode & { type: string; fn?: string; args?: ExprNode[]; content?: ExprNode };
  if (n.type === 'ParenthesisNode') return comparedSides(n.content!);
  if (n.type === 'FunctionNode' && DEFINITENESS.has((n.fn as unknown as { name: string }).name))
    return n.args!.slice(0, 1);
  if (n.type !== 'OperatorNode') return [];
  if (CONNECTIVES.has(n.fn!)) return n.args!.flatMap(comparedSides);
  if (COMPARISONS.has(n.fn!)) return n.args!.filter((a) => freeSymbols(a).length > 0 || hasCall(a));
  return [];
}

function hasCall(node: ExprNode): boolean {
  let found = false;
  node.traverse((x) => {
    if (x.type === 'FunctionNode') found = true;
  });
  return found;
}

/** The names a condition reads where no binding form (maxOver, integral …) rebinds a variable of theirs. */
export function namesOutsideBinders(node: ExprNode): string[] {
  const out: string[] = [];
  const walk = (x: ExprNode) => {
    const n = x as ExprNode & { type: string; fn?: { name?: string }; name?: string };
    if (n.type === 'FunctionNode' && BINDERS.has(n.fn?.name ?? '')) return;
    if (n.type === 'SymbolNode') out.push(n.name!);
    x.forEach((child) => {
      const isCallee = n.type === 'FunctionNode' && (n as unknown as { fn: ExprNode }).fn === child;
      if (!isCallee) walk(child);
    });
  };
  walk(node);
  return out;
}
