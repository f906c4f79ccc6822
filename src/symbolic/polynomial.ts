/**
 * Sparse multivariate Laurent polynomials over exact rationals: the expansion of the derivations'
 * polynomial expressions (Jacobians of polynomial models, Taylor polynomials, characteristic
 * polynomials), which nerdamer's expand does an order of magnitude slower. Anything else (a
 * function, i, π, a non-integer power, division by a sum) is not a polynomial here, and goes to
 * nerdamer as before; except that `expandWithAtoms` treats a sum under a negative power, a call of
 * exp, log or a trigonometric function and a power of e as opaque factors (atoms), which is exact
 * algebra too and covers the rational expressions of the derivations (composed Jacobians,
 * proximal steps).
 */
import * as Q from '../certified/rational';
import { parseMath, type ExprNode } from '../expr/mathjs-parser';
import { literalValue } from '../expr/literal';

/** A monomial's exponents, by variable name in sorted order; [] is the constant monomial. */
type Exponents = ReadonlyArray<readonly [string, number]>;
interface Term {
  exps: Exponents;
  c: Q.Rational;
}
/** Terms by their monomial's key. */
type Poly = Map<string, Term>;

/** Past these sizes the expansion is left to nerdamer (which has its own timeout). */
const MAX_TERMS = 5000;
const MAX_EXPONENT = 64;

class NotPolynomial extends Error {}

const keyOf = (e: Exponents) => e.map(([x, k]) => `${x}^${k}`).join('*');

function constant(c: Q.Rational): Poly {
  return Q.isZero(c) ? new Map() : new Map([['', { exps: [], c }]]);
}

function addTo(p: Poly, exps: Exponents, c: Q.Rational): void {
  const key = keyOf(exps);
  const t = p.get(key);
  const sum = t ? Q.add(t.c, c) : c;
  if (Q.isZero(sum)) p.delete(key);
  else p.set(key, { exps, c: sum });
  if (p.size > MAX_TERMS) throw new NotPolynomial('too many terms');
}

function add(a: Poly, b: Poly, sign: 1 | -1 = 1): Poly {
  const out: Poly = new Map(a);
  for (const t of b.values()) addTo(out, t.exps, sign === 1 ? t.c : Q.neg(t.c));
  return out;
}

function mulExps(a: Exponents, b: Exponents): Exponents {
  const out: Array<readonly [string, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x[0] < y[0])) {
      out.push(x);
      i++;
    } else if (y && (!x || y[0] < x[0])) {
      out.push(y);
      j++;
    } else {
      const k = x![1] + y![1];
      if (Math.abs(k) > MAX_EXPONENT) throw new NotPolynomial('exponent too large');
      if (k !== 0) out.push([x![0], k]);
      i++;
      j++;
    }
  }
  return out;
}

function mul(a: Poly, b: Poly): Poly {
  const out: Poly = new Map();
  for (const s of a.values()) for (const t of b.values()) addTo(out, mulExps(s.exps, t.exps), Q.mul(s.c, t.c));
  return out;
}

function pow(a: Poly, k: number): Poly {
  if (k < 0) {
    // Only a single term has a Laurent inverse.
    if (a.size !== 1) throw new NotPolynomial('a negative power of a sum');
    const [t] = a.values();
    return pow(
      single(
        t!.exps.map(([x, e]) => [x, -e] as const),
        Q.div(Q.ONE, t!.c),
      ),
      -k,
    );
  }
  if (k > MAX_EXPONENT) throw new NotPolynomial('exponent too large');
  let out = constant(Q.ONE);
  for (let j = 0; j < k; j++) out = mul(out, a);
  return out;
}

function single(exps: Exponents, c: Q.Rational): Poly {
  const p: Poly = new Map();
  addTo(p, exps, c);
  return p;
}

/** The rational value of a constant subtree (numbers, + − × ÷, integer powers), or undefined. */
function rationalOf(p: Poly): Q.Rational | undefined {
  if (p.size === 0) return Q.ZERO;
  if (p.size !== 1) return undefined;
  const [t] = p.values();
  return t!.exps.length === 0 ? t!.c : undefined;
}

/**
 * Functions whose calls `expandWithAtoms` keeps whole (their argument as written). Not √, |·| or
 * fractional powers: nerdamer's rewrites of those (√(x²) = |x| for real x, checked at points of
 * every sign) are what proves many identities in them.
 */
const ATOM_FUNCTIONS = new Set(['exp', 'log', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh']);

/**
 * Opaque factors, named by their text: a call as written (log(a)), a sum in parentheses ((a+b)),
 * a power of e (e^(-t); exp(X) is e^X), which needs parentheses of its own when raised.
 */
const exponentials = new Map<string, Poly>();
const atom = (name: string): Poly => single([[name, 1]], Q.ONE);
/** e^X, named by X as written (`writtenAs`) or, for a merged power, by its expansion. */
function exponential(exponent: Poly, writtenAs?: string): Poly {
  if (exponent.size === 0) return constant(Q.ONE);
  const name = `e^(${writtenAs ?? textOf(exponent)})`;
  exponentials.set(name, exponent);
  return atom(name);
}

/**
 * A function's argument or an exponent as written (its literals exact), not expanded: the atom
 * log((1 - p)/(1 - q)) reads as the claim wrote it, and nerdamer later meets it in that form.
 */
function operandText(x: ExprNode): string {
  return strip(x).type === 'OperatorNode' ? `(${written(strip(x))})` : written(strip(x));
}

function written(n: ExprNode): string {
  const node = n as ExprNode & {
    type: string;
    name?: string;
    op?: string;
    args?: ExprNode[];
    content?: ExprNode;
    fn?: unknown;
  };
  const operand = operandText;
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof (node as unknown as { value: unknown }).value !== 'number') throw new NotPolynomial('not a number');
      const q = literalValue(node);
      return q.n < 0n || q.d !== 1n ? `(${q.n}${q.d === 1n ? '' : `/${q.d}`})` : q.n.toString();
    }
    case 'SymbolNode':
      return node.name!;
    case 'ParenthesisNode':
      return operandText(node.content!);
    case 'OperatorNode': {
      const args = node.args!;
      if (args.length === 1 && (node.op === '-' || node.op === '+')) return `${node.op}${operand(args[0]!)}`;
      if (args.length === 2 && ['+', '-', '*', '/', '^'].includes(node.op!))
        return `${operand(args[0]!)}${node.op}${operand(args[1]!)}`;
      throw new NotPolynomial(node.op);
    }
    case 'FunctionNode': {
      const name = (node.fn as { name?: string } | undefined)?.name;
      if (!name || !ATOM_FUNCTIONS.has(name)) throw new NotPolynomial('a function');
      return `${name}(${node.args!.map(written).join(',')})`;
    }
  }
  throw new NotPolynomial(node.type);
}

/**
 * e^A·e^B is e^(A + B) and (e^A)^k is e^(kA), for every complex A, B and integer k: each term's
 * powers of e become one (e^x·e^(−x) expands to 1).
 */
function withExponentialsMerged(p: Poly): Poly {
  const out: Poly = new Map();
  for (const t of p.values()) {
    const powers = t.exps.filter(([x]) => x === 'e' || exponentials.has(x));
    if (powers.length === 0 || (powers.length === 1 && (powers[0]![1] === 1 || powers[0]![0] === 'e'))) {
      addTo(out, t.exps, t.c);
      continue;
    }
    let exponent: Poly = new Map();
    for (const [x, k] of powers)
      exponent = add(exponent, mul(x === 'e' ? constant(Q.ONE) : exponentials.get(x)!, constant(Q.rat(BigInt(k)))));
    const others = t.exps.filter(([x]) => x !== 'e' && !exponentials.has(x));
    for (const u of mul(single(others, t.c), exponential(exponent)).values()) addTo(out, u.exps, u.c);
  }
  return out;
}
/** A node without its brackets. */
function strip(n: ExprNode): ExprNode & { type: string; op?: string; args?: ExprNode[] } {
  const node = n as ExprNode & { type: string; op?: string; args?: ExprNode[]; content?: ExprNode };
  return node.type === 'ParenthesisNode' ? strip(node.content!) : node;
}

const isEuler = (n: ExprNode): boolean => {
  const node = n as ExprNode & { type: string; name?: string; content?: ExprNode };
  return node.type === 'ParenthesisNode' ? isEuler(node.content!) : node.type === 'SymbolNode' && node.name === 'e';
};

/**
 * A sum to the integer power k as an atom: the sum scaled to lead with coefficient 1, so that
 * 1/(2a + 2b) and 1/(a + b) share their atom, and so do 1/(a − b) and 1/(b − a).
 */
function sumPower(unmerged: Poly, k: number): Poly {
  const sum = withExponentialsMerged(unmerged);
  if (sum.size <= 1) {
    if (sum.size === 0 && k < 0) throw new NotPolynomial('division by zero');
    return pow(sum, k);
  }
  const lead = sortedTerms(sum)[0]!.t.c;
  const scaled: Poly = new Map();
  for (const t of sum.values()) addTo(scaled, t.exps, Q.div(t.c, lead));
  return mul(pow(constant(lead), k), pow(atom(`(${textOf(scaled)})`), k));
}

function polyOf(n: ExprNode, atoms = false): Poly {
  const node = n as ExprNode & {
    type: string;
    value?: unknown;
    name?: string;
    op?: string;
    args?: ExprNode[];
    content?: ExprNode;
    fn?: string;
  };
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof node.value !== 'number') throw new NotPolynomial('not a number');
      return constant(literalValue(node));
    }
    case 'SymbolNode': {
      const name = node.name!;
      if (atoms && (name === 'pi' || name === 'e')) return single([[name, 1]], Q.ONE);
      if (name === 'i' || name === 'pi' || name === 'e' || name === 'Infinity' || name === 'NaN')
        throw new NotPolynomial(name);
      return single([[name, 1]], Q.ONE);
    }
    case 'ParenthesisNode':
      return polyOf(node.content!, atoms);
    case 'OperatorNode': {
      const args = node.args!;
      if (args.length === 1) {
        if (node.op === '-') return add(new Map(), polyOf(args[0]!, atoms), -1);
        if (node.op === '+') return polyOf(args[0]!, atoms);
        throw new NotPolynomial(node.op);
      }
      const [a, b] = args as [ExprNode, ExprNode];
      switch (node.op) {
        case '+':
          return add(polyOf(a, atoms), polyOf(b, atoms));
        case '-':
          return add(polyOf(a, atoms), polyOf(b, atoms), -1);
        case '*':
          return mul(polyOf(a, atoms), polyOf(b, atoms));
        case '/': {
          // a/(X)^k keeps X as its atom, (X)^(−k), rather than the expansion of X^k.
          const power = strip(b);
          if (atoms && power.type === 'OperatorNode' && power.op === '^') {
            const k = rationalOf(polyOf(power.args![1]!, true));
            const base = polyOf(power.args![0]!, true);
            if (k && k.d === 1n && k.n > 0n && k.n <= BigInt(MAX_EXPONENT) && base.size > 1)
              return mul(polyOf(a, atoms), sumPower(base, -Number(k.n)));
          }
          const d = polyOf(b, atoms);
          if (d.size === 0) throw new NotPolynomial('division by zero');
          if (d.size !== 1 && !atoms) throw new NotPolynomial('division by a sum');
          return mul(polyOf(a, atoms), d.size === 1 ? pow(d, -1) : sumPower(d, -1));
        }
        case '^': {
          const exponent = polyOf(b, atoms);
          const e = rationalOf(exponent);
          const base = polyOf(a, atoms);
          if (e && e.d === 1n && Math.abs(Number(e.n)) <= MAX_EXPONENT) {
            const k = Number(e.n);
            if (k < 0 && base.size === 0) throw new NotPolynomial('division by zero');
            return k < 0 && base.size > 1 && atoms ? sumPower(base, k) : pow(base, k);
          }
          if (!atoms || !isEuler(a)) throw new NotPolynomial('a non-integer power');
          return exponential(withExponentialsMerged(exponent), written(strip(b)));
        }
      }
      throw new NotPolynomial(node.op);
    }
    case 'FunctionNode': {
      const name = (node.fn as unknown as { name?: string } | undefined)?.name;
      const args = node.args ?? [];
      if (!atoms || !name || !ATOM_FUNCTIONS.has(name) || args.length !== 1) throw new NotPolynomial('a function');
      // exp(X) and e^X are one atom.
      if (name === 'exp') return exponential(withExponentialsMerged(polyOf(args[0]!, true)), written(strip(args[0]!)));
      return atom(`${name}(${written(strip(args[0]!))})`);
    }
  }
  throw new NotPolynomial(node.type);
}

function coefficientText(c: Q.Rational): string {
  return c.d === 1n ? c.n.toString() : `(${c.n}/${c.d})`;
}

function termText(t: Term): string {
  const factors = t.exps.map(([x, k]) => (k === 1 ? x : exponentials.has(x) ? `(${x})^(${k})` : `${x}^(${k})`));
  if (!factors.length) return coefficientText(t.c);
  if (Q.eq(t.c, Q.ONE)) return factors.join('*');
  return Q.eq(t.c, Q.neg(Q.ONE)) ? `-${factors.join('*')}` : `${coefficientText(t.c)}*${factors.join('*')}`;
}

/** The polynomial an expression is, or undefined when it is not one, or is too large for this path. */
function polynomialOf(text: string, atoms = false): Poly | undefined {
  try {
    const p = polyOf(parseMath(text), atoms);
    return atoms ? withExponentialsMerged(p) : p;
  } catch (e) {
    if (e instanceof NotPolynomial || e instanceof SyntaxError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** A polynomial's text, its terms in one order whatever the order they were made in: by degree, then by name. */
function textOf(p: Poly): string {
  return p.size === 0
    ? '0'
    : sortedTerms(p)
        .map(({ t }) => termText(t))
        .join('+');
}

function sortedTerms(p: Poly) {
  const sorted = [...p.values()].map((t) => ({ t, degree: t.exps.reduce((s, [, k]) => s + k, 0), key: keyOf(t.exps) }));
  return sorted.sort((a, b) => a.degree - b.degree || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const powerOf = (t: Term, x: string): number => t.exps.find(([v]) => v === x)?.[1] ?? 0;

/**
 * The expansion of a polynomial (or Laurent-monomial) expression, as text nerdamer reads; undefined
 * when the expression is not one, or is too large for this path.
 */
export function expandPolynomial(text: string): string | undefined {
  return unlessTooLarge(() => {
    const p = polynomialOf(text);
    return p && textOf(p);
  });
}

/** What f gives, or undefined when its polynomial grew past this path's limits on the way (a coefficient past 2^53). */
function unlessTooLarge<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof NotPolynomial) return undefined;
    throw e;
  }
}

/**
 * The expansion of a rational expression in polynomials, calls of exp, log and the trigonometric
 * functions, and powers of e, with each sum under a negative power (expanded, scaled to lead with
 * 1), each call (its argument as written) and each power of e kept as one opaque factor; undefined
 * when the expression holds anything else (i, √, |·|, an unknown function, a derivative) or is
 * too large for this path.
 */
export function expandWithAtoms(text: string): string | undefined {
  return unlessTooLarge(() => {
    const p = polynomialOf(text, true);
    return p && textOf(p);
  });
}

/** The coefficients of x⁰ … xⁿ of a polynomial in x (its coefficients polynomials in the other names); undefined otherwise. */
export function polynomialCoefficients(text: string, x: string): string[] | undefined {
  // Atoms free of x (abs(a), 1/(a + b)) are coefficients like any other name.
  const p = polynomialOf(text) ?? polynomialOf(text, true);
  if (!p) return undefined;
  const mentionsX = new RegExp(`(?<![A-Za-z0-9_])${x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`);
  for (const t of p.values()) for (const [v] of t.exps) if (v !== x && mentionsX.test(v)) return undefined;
  const byPower: Poly[] = [];
  for (const t of p.values()) {
    const k = powerOf(t, x);
    if (k < 0) return undefined;
    while (byPower.length <= k) byPower.push(new Map());
    addTo(
      byPower[k]!,
      t.exps.filter(([v]) => v !== x),
      t.c,
    );
  }
  return unlessTooLarge(() => (byPower.length ? byPower.map(textOf) : ['0']));
}

/** d/dx of a polynomial (or Laurent-monomial) expression, exactly; undefined when it is not one. */
export function polynomialDerivative(text: string, x: string): string | undefined {
  const p = polynomialOf(text);
  if (!p) return undefined;
  const out: Poly = new Map();
  for (const t of p.values()) {
    const k = powerOf(t, x);
    if (k === 0) continue;
    const exps = t.exps
      .map(([v, e]) => (v === x ? ([v, e - 1] as const) : ([v, e] as const)))
      .filter(([, e]) => e !== 0);
    addTo(out, exps, Q.mul(t.c, Q.rat(BigInt(k))));
  }
  return unlessTooLarge(() => textOf(out));
}
