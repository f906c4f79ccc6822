/**
 * Expressions as plain text a reader reads, for where LaTeX cannot go (a figure's axis labels,
 * titles and descriptions): Greek letters, ρ(J) for spectralRadius(J), |x| for abs(x), a·b for
 * products, x² for small powers. The same names and operators as the LaTeX form, in Unicode.
 */
import type { ExprNode } from './mathjs-parser';
import { parseMath } from './mathjs-parser';

type AnyNode = ExprNode & Record<string, any>;

const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  eps: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  lam: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  gam: 'γ',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
};
const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};
/** An integer exponent as superscript characters (-12 → ⁻¹²). */
export const superscriptOf = (digits: string): string => [...digits].map((c) => SUPERSCRIPT[c]).join('');
const SUBSCRIPT: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
};
const COMPARE: Record<string, string> = {
  smaller: '<',
  smallerEq: '≤',
  larger: '>',
  largerEq: '≥',
  equal: '=',
  unequal: '≠',
};
const PREC: Record<string, number> = { add: 1, subtract: 1, multiply: 2, divide: 2, unaryMinus: 3, pow: 4 };

/** A name: Greek letters by their names, trailing digits as subscripts (lam1 → λ₁). */
export function readableName(name: string): string {
  const m = /^([A-Za-z]+?)(\d*)$/.exec(name);
  if (!m) return name.replace(/_/g, '');
  const head = GREEK[m[1]!] ?? m[1]!;
  return head + [...m[2]!].map((d) => SUBSCRIPT[d]).join('');
}

const FUNC: Record<string, (a: string[]) => string> = {
  abs: ([a]) => `|${a}|`,
  spectralRadius: ([a]) => `ρ(${a})`,
  eigenvalues: ([a]) => `λ(${a})`,
  re: ([a]) => `Re ${a}`,
  im: ([a]) => `Im ${a}`,
  sqrt: ([a]) => `√(${a})`,
  transpose: ([a]) => `${a}ᵀ`,
  maxOver: ([f, x, a, b]) => `max over ${x} ∈ [${a}, ${b}] of ${f}`,
  minOver: ([f, x, a, b]) => `min over ${x} ∈ [${a}, ${b}] of ${f}`,
  integral: ([f, x, a, b]) => `∫ from ${a} to ${b} of ${f} d${x}`,
  signChanges: ([f, x, a, b]) => `number of sign changes of ${f} over ${x} ∈ [${a}, ${b}]`,
};

export function plainOf(node: ExprNode): string {
  const go = (raw: ExprNode): string => {
    const n = raw as AnyNode;
    // A definition's expansion is shown as the call the claim wrote.
    if (n.expandedFrom) return go(n.expandedFrom);
    switch (n.type) {
      case 'ConstantNode':
        return String(n.literal ?? n.value);
      case 'SymbolNode':
        return readableName(n.name);
      case 'ParenthesisNode':
        return `(${go(n.content)})`;
      case 'FunctionNode': {
        const name: string = n.fn.name ?? n.fn.toString();
        const args = (n.args as AnyNode[]).map(go);
        const f = Object.hasOwn(FUNC, name) ? FUNC[name] : undefined;
        return f ? f(args) : `${readableName(name)}(${args.join(', ')})`;
      }
      case 'OperatorNode': {
        const args = n.args as AnyNode[];
        const fn: string = n.fn;
        const inner = (a: AnyNode, min: number) => {
          const p = a.type === 'OperatorNode' ? (PREC[a.fn] ?? 0) : 5;
          return p < min ? `(${go(a)})` : go(a);
        };
        if (args.length === 1)
          return fn === 'unaryMinus' ? `−${inner(args[0]!, 3)}` : fn === 'not' ? `not ${go(args[0]!)}` : go(args[0]!);
        const [a, b] = args as [AnyNode, AnyNode];
        if (fn === 'pow') {
          const e = go(b);
          const small = /^-?\d+$/.test(e) ? superscriptOf(e) : undefined;
          return small ? `${inner(a, 5)}${small}` : `${inner(a, 5)}^${inner(b, 5)}`;
        }
        if (fn === 'multiply') return `${inner(a, 2)}·${inner(b, 2.5)}`;
        if (fn === 'divide') return `${inner(a, 2)}/${inner(b, 2.5)}`;
        if (fn === 'add') return `${go(a)} + ${inner(b, 1)}`;
        if (fn === 'subtract') return `${go(a)} − ${inner(b, 1.5)}`;
        if (fn in COMPARE) return `${go(a)} ${COMPARE[fn]} ${go(b)}`;
        return `${go(a)} ${fn} ${go(b)}`;
      }
      default:
        return n.toString();
    }
  };
  return go(node);
}

/** Plain text of an expression written in the claim language. */
export function plainOfText(text: string): string {
  return plainOf(parseMath(text));
}
