/**
 * Function-style definitions of a claim (`define: {bound(mu): …}`) are macros: a call is replaced
 * by the body with the parameters bound to the arguments, before any stage sees the expression.
 */
import { ClaimError } from '../model/source';
import { transformNodes, type ExprNode } from './mathjs-parser';

type AnyNode = ExprNode & Record<string, any>;

export interface Macro {
  params: string[];
  body: ExprNode;
}

export function expandMacros(root: ExprNode, macros: ReadonlyMap<string, Macro>, depth = 0): ExprNode {
  if (macros.size === 0) return root;
  if (depth > 16) throw new ClaimError('definitions nest more than 16 deep (is one defined in terms of itself?)');
  // One pass: arguments and bodies are expanded before they are put together, so the tree is not
  // transformed again (a second transform would rebuild the expanded nodes and lose expandedFrom).
  return transformNodes(root, (node) => {
    const n = node as AnyNode;
    if (n.type !== 'FunctionNode') return node;
    const m = macros.get(n.fn.name);
    if (!m) return node;
    if (n.args.length !== m.params.length)
      throw new ClaimError(`${n.fn.name} takes ${m.params.length} argument(s), given ${n.args.length}`);
    const args = (n.args as ExprNode[]).map((a) => expandMacros(a, macros, depth + 1));
    const body = transformNodes(copyOf(expandMacros(m.body, macros, depth + 1)), (inner) => {
      const x = inner as AnyNode;
      if (x.type === 'SymbolNode') {
        const k = m.params.indexOf(x.name);
        if (k >= 0) return copyOf(args[k]!);
      }
      return inner;
    });
    // The call as written is what the report shows (toTex reads it); the body is what is evaluated.
    (body as AnyNode).expandedFrom = n.clone();
    return body; // a tree needs no parentheses: precedence is in its shape
  });
}

/** A deep copy that keeps what the parse stage wrote on the nodes (a literal's text). */
function copyOf(node: ExprNode): ExprNode {
  const out = node.cloneDeep();
  const from: AnyNode[] = [];
  const to: AnyNode[] = [];
  node.traverse((n) => void from.push(n as AnyNode));
  out.traverse((n) => void to.push(n as AnyNode));
  from.forEach((n, k) => {
    if (n.literal !== undefined) to[k]!.literal = n.literal;
  });
  return out;
}
