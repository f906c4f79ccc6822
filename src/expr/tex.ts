/** LaTeX for expressions, from the parsed tree, with the claim's own spelling of each name. */
import type { ExprNode } from './mathjs-parser';
import { parseMath } from './mathjs-parser';
import { defaultTex, parseDerivativeCallName, primedTex } from './names';

export type NameTex = (name: string) => string;

type AnyNode = ExprNode & Record<string, any>;

const PREC: Record<string, number> = {
  or: 0,
  and: 0.5,
  not: 0.7,
  compare: 0.8,
  add: 1,
  mul: 2,
  unary: 3,
  pow: 4,
  atom: 5,
};
const COMPARE: Record<string, string> = {
  smaller: '<',
  smallerEq: '\\le',
  larger: '>',
  largerEq: '\\ge',
  equal: '=',
  unequal: '\\ne',
};

function prec(n: AnyNode): number {
  if (n.type === 'ParenthesisNode') return prec(n.content);
  if (n.type !== 'OperatorNode') return PREC.atom!;
  const fn: string = n.fn;
  if (n.args.length === 1) return fn === 'not' ? PREC.not! : PREC.unary!;
  if (fn === 'add' || fn === 'subtract') return PREC.add!;
  if (fn === 'multiply' || fn === 'divide') return PREC.mul!;
  if (fn === 'pow') return PREC.pow!;
  if (fn in COMPARE) return PREC.compare!;
  if (fn === 'and') return PREC.and!;
  return PREC.or!;
}

function strip(n: AnyNode): AnyNode {
  return n.type === 'ParenthesisNode' ? strip(n.content) : n;
}

function wrap(s: string): string {
  return `\\left(${s}\\right)`;
}

const FUNC_TEX: Record<string, (args: string[]) => string> = {
  sqrt: ([a]) => `\\sqrt{${a}}`,
  abs: ([a]) => `\\left|${a}\\right|`,
  re: ([a]) => `\\operatorname{Re}${wrap(a!)}`,
  im: ([a]) => `\\operatorname{Im}${wrap(a!)}`,
  conj: ([a]) => `\\overline{${a}}`,
  exp: ([a]) => `e^{${a}}`,
  log: ([a]) => `\\log${wrap(a!)}`,
  sin: ([a]) => `\\sin${wrap(a!)}`,
  cos: ([a]) => `\\cos${wrap(a!)}`,
  min: (a) => `\\min${wrap(a.join(',\\,'))}`,
  max: (a) => `\\max${wrap(a.join(',\\,'))}`,
  transpose: ([a]) => `{${a}}^{\\top}`,
  diff: ([f, x]) => `\\frac{\\partial}{\\partial ${x}}${wrap(f!)}`,
  E: ([a]) => `\\mathbb{E}\\left[${a}\\right]`,
  tan: ([a]) => `\\tan${wrap(a!)}`,
  atan: ([a]) => `\\arctan${wrap(a!)}`,
  sinh: ([a]) => `\\sinh${wrap(a!)}`,
  cosh: ([a]) => `\\cosh${wrap(a!)}`,
  tanh: ([a]) => `\\tanh${wrap(a!)}`,
  sech: ([a]) => `\\operatorname{sech}${wrap(a!)}`,
  erf: ([a]) => `\\operatorname{erf}${wrap(a!)}`,
  sign: ([a]) => `\\operatorname{sign}${wrap(a!)}`,
  sum: (a) => `\\textstyle\\sum${wrap(a.join(',\\,'))}`,
  /** x·log y, with 0·log y = 0: the entropy convention is the function's definition, not its notation. */
  xlogy: ([x, y]) => `${operandTex(x!)}\\log${wrap(y!)}`,
  /** The Heaviside step as the indicator of a positive argument. */
  step: ([a]) => `\\mathbf{1}\\left[${a} > 0\\right]`,
  eigenvalues: ([m]) => `\\lambda${wrap(m!)}`,
  spectralRadius: ([m]) => `\\rho${wrap(m!)}`,
  psd: ([m]) => `${m} \\succeq 0`,
  pd: ([m]) => `${m} \\succ 0`,
  nsd: ([m]) => `${m} \\preceq 0`,
  nd: ([m]) => `${m} \\prec 0`,
  // The binding forms: the grid size (a fifth argument) is how the check samples, not what the formula means.
  integral: ([f, x, a, b]) => `\\int_{${a}}^{${b}} ${operandTex(f!)}\\,\\mathrm{d}${x}`,
  maxOver: ([f, x, a, b]) => `\\max_{${x} \\in [${a},\\, ${b}]} ${operandTex(f!)}`,
  minOver: ([f, x, a, b]) => `\\min_{${x} \\in [${a},\\, ${b}]} ${operandTex(f!)}`,
  signChanges: ([f, x, a, b]) => `\\#\\,\\text{sign changes}_{${x} \\in [${a},\\, ${b}]}${wrap(f!)}`,
};

/** An operand after a big operator (max, ∫, ∇) or before log: bracketed when it is a sum, a difference or a negation at its top level, so its extent is plain. */
export function operandTex(tex: string): string {
  let depth = 0;
  for (let k = 0; k < tex.length; k++) {
    const rest = tex.slice(k);
    if (rest.startsWith('\\left')) {
      depth++;
      k += 4;
    } else if (rest.startsWith('\\right')) {
      depth--;
      k += 5;
    } else if (tex[k] === '\\') k++;
    else if (tex[k] === '{') depth++;
    else if (tex[k] === '}') depth--;
    else if (depth === 0 && (tex[k] === '+' || tex[k] === '-')) return wrap(tex);
  }
  return tex;
}

/** Register the LaTeX of an operator defined by a kind (done by the kinds table). */
export function defineFunctionTex(name: string, tex: (args: string[]) => string): void {
  FUNC_TEX[name] = tex;
}

function constantTex(n: AnyNode): string {
  const v = n.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
    const s = n.literal ?? String(v);
    if (/e/.test(s)) {
      const [m, e] = s.split('e');
      return `${m}\\cdot 10^{${Number(e)}}`;
    }
    return s;
  }
  if (typeof v === 'boolean') return v ? '\\text{true}' : '\\text{false}';
  return textTex(String(v));
}

export function toTex(node: ExprNode, names: NameTex = (n) => defaultTex(n)): string {
  const go = (raw: ExprNode): string => {
    const n = raw as AnyNode;
    // A definition's expansion is shown as the call the claim wrote.
    if (n.expandedFrom) return go(n.expandedFrom);
    switch (n.type) {
      case 'ConstantNode':
        return constantTex(n);
      case 'SymbolNode': {
        const name: string = n.name;
        if (name === 'i') return 'i';
        if (name === 'pi') return '\\pi';
        if (name === 'e') return 'e';
        if (name === 'I') return 'I';
        return names(name);
      }
      case 'ParenthesisNode':
        return go(n.content);
      case 'ArrayNode': {
        const items: AnyNode[] = n.items;
        if (items.length && items.every((it) => strip(it).type === 'ArrayNode')) {
          const rows = items.map((r) => (strip(r).items as AnyNode[]).map(go).join(' & '));
          return `\\begin{pmatrix}${rows.join(' \\\\ ')}\\end{pmatrix}`;
        }
        return `\\begin{pmatrix}${items.map(go).join(' \\\\ ')}\\end{pmatrix}`;
      }
      case 'FunctionNode': {
        const fname: string = n.fn.name ?? n.fn.toString();
        const args = (n.args as AnyNode[]).map(go);
        const f = Object.hasOwn(FUNC_TEX, fname) ? FUNC_TEX[fname] : undefined;
        if (f) return f(args);
        const call = parseDerivativeCallName(fname);
        if (call) return `${primedTex(names(call.fn), call.order)}${wrap(args.join(',\\,'))}`;
        return `${names(fname)}${wrap(args.join(',\\,'))}`;
      }
      case 'OperatorNode':
        return operatorTex(n, go);
      default:
        return textTex(n.toString());
    }
  };
  return go(node);
}

function operatorTex(n: AnyNode, go: (n: ExprNode) => string): string {
  const fn: string = n.fn;
  const args: AnyNode[] = n.args;
  const p = prec(n);
  const sub = (a: AnyNode, minPrec: number) => (prec(a) < minPrec ? wrap(go(a)) : go(a));
  if (args.length === 1) {
    if (fn === 'unaryMinus') return `-${sub(args[0]!, PREC.mul!)}`;
    if (fn === 'unaryPlus') return go(args[0]!);
    if (fn === 'not') return `\\lnot ${sub(args[0]!, PREC.compare!)}`;
    if (fn === 'factorial') return `${sub(args[0]!, PREC.atom!)}!`;
    return `${n.op}${sub(args[0]!, PREC.atom!)}`;
  }
  const [a, b] = args as [AnyNode, AnyNode];
  switch (fn) {
    case 'add': {
      // a + (−b) reads a − b: a right operand that starts with a minus is a negated product or power.
      const right = sub(b, p);
      return right.startsWith('-') ? `${go(a)} - ${right.slice(1)}` : `${go(a)} + ${right}`;
    }
    case 'subtract': {
      const right = sub(b, p + 0.5);
      return right.startsWith('-') ? `${go(a)} + ${right.slice(1)}` : `${go(a)} - ${right}`;
    }
    case 'multiply': {
      const left = sub(a, p);
      const right = sub(b, p + 0.5);
      const needsDot = /[0-9.]\s*$/.test(left) && /^\s*[0-9.-]/.test(right);
      return needsDot ? `${left} \\cdot ${right}` : `${left}\\,${right}`;
    }
    case 'divide': {
      // (p/q)·r/s reads as written, (p/q)·(r/s): not one fraction with a fraction and a factor on top.
      const top = strip(a);
      const first = top.type === 'OperatorNode' && top.fn === 'multiply' ? strip(top.args[0]) : undefined;
      if (first && first.type === 'OperatorNode' && first.fn === 'divide')
        return `${go(first)}\\,\\frac{${go(strip(top.args[1]))}}{${go(strip(b))}}`;
      // (−1)/2 reads −½, the sign before the fraction.
      if (top.type === 'OperatorNode' && top.fn === 'unaryMinus')
        return `-\\frac{${go(strip(top.args[0]))}}{${go(strip(b))}}`;
      return `\\frac{${go(top)}}{${go(strip(b))}}`;
    }
    case 'pow': {
      const base = strip(a);
      const baseTex =
        prec(base) <= PREC.pow! || (base.type === 'FunctionNode' && !['abs', 'sqrt'].includes(base.fn.name))
          ? wrap(go(base))
          : go(base);
      return `{${baseTex}}^{${go(strip(b))}}`;
    }
    case 'and':
      return `${sub(a, p)} \\;\\wedge\\; ${sub(b, p)}`;
    case 'or':
      return `${sub(a, p)} \\;\\vee\\; ${sub(b, p)}`;
    default:
      if (fn in COMPARE) return `${sub(a, p + 0.1)} ${COMPARE[fn]} ${sub(b, p + 0.1)}`;
      return `${sub(a, p)} ${n.op} ${sub(b, p)}`;
  }
}

/** LaTeX of an expression given as text in tool syntax (derived results from the symbolic engine). */
export function texOfText(text: string, names?: NameTex): string {
  return toTex(parseMath(text), names);
}

/** Plain text inside LaTeX: \text{…} with every special character escaped. */
export function textTex(s: string): string {
  const escaped = s.replace(/[\\{}#%&_^~$]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\textasciicircum{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`,
  );
  return `\\text{${escaped}}`;
}
