/**
 * Sparse multivariate Laurent polynomials over exact rationals: the expansion of the derivations'
 * polynomial expressions (Jacobians of polynomial models, Taylor polynomials, characteristic
 * polynomials), which nerdamer's expand does an order of magnitude slower. Anything else (a
 * function, i, π, a non-integer power, division by a sum) is not a polynomial here, and goes to
 * nerdamer as before.
 */
import * as Q from '../certified/rational';
import { parseMath, type ExprNode } from '../expr/mathjs-parser';

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

function polyOf(n: ExprNode): Poly {
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
      const v = node.value;
      if (typeof v !== 'number' || !Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))
        throw new NotPolynomial('not an exact number');
      const q = Q.ofDecimal(String(v));
      if (!q) throw new NotPolynomial('not an exact number');
      return constant(q);
    }
    case 'SymbolNode': {
      const name = node.name!;
      if (name === 'i' || name === 'pi' || name === 'e' || name === 'Infinity' || name === 'NaN')
        throw new NotPolynomial(name);
      return single([[name, 1]], Q.ONE);
    }
    case 'ParenthesisNode':
      return polyOf(node.content!);
    case 'OperatorNode': {
      const args = node.args!;
      if (args.length === 1) {
        if (node.op === '-') return add(new Map(), polyOf(args[0]!), -1);
        if (node.op === '+') return polyOf(args[0]!);
        throw new NotPolynomial(node.op);
      }
      const [a, b] = args as [ExprNode, ExprNode];
      switch (node.op) {
        case '+':
          return add(polyOf(a), polyOf(b));
        case '-':
          return add(polyOf(a), polyOf(b), -1);
        case '*':
          return mul(polyOf(a), polyOf(b));
        case '/': {
          const d = polyOf(b);
          if (d.size !== 1) throw new NotPolynomial('division by a sum');
          return mul(polyOf(a), pow(d, -1));
        }
        case '^': {
          const e = rationalOf(polyOf(b));
          if (!e || e.d !== 1n) throw new NotPolynomial('a non-integer power');
          return pow(polyOf(a), Number(e.n));
        }
      }
      throw new NotPolynomial(node.op);
    }
  }
  throw new NotPolynomial(node.type);
}

function coefficientText(c: Q.Rational): string {
  return c.d === 1n ? c.n.toString() : `(${c.n}/${c.d})`;
}

function termText(t: Term): string {
  const factors = t.exps.map(([x, k]) => (k === 1 ? x : `${x}^(${k})`));
  if (!factors.length) return coefficientText(t.c);
  if (Q.eq(t.c, Q.ONE)) return factors.join('*');
  return Q.eq(t.c, Q.neg(Q.ONE)) ? `-${factors.join('*')}` : `${coefficientText(t.c)}*${factors.join('*')}`;
}

/** The polynomial an expression is, or undefined when it is not one, or is too large for this path. */
function polynomialOf(text: string): Poly | undefined {
  try {
    return polyOf(parseMath(text));
  } catch (e) {
    if (e instanceof NotPolynomial || e instanceof SyntaxError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** A polynomial's text, its terms in one order whatever the order they were made in: by degree, then by name. */
function textOf(p: Poly): string {
  if (p.size === 0) return '0';
  const sorted = [...p.values()].map((t) => ({ t, degree: t.exps.reduce((s, [, k]) => s + k, 0), key: keyOf(t.exps) }));
  sorted.sort((a, b) => a.degree - b.degree || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted.map(({ t }) => termText(t)).join('+');
}

const powerOf = (t: Term, x: string): number => t.exps.find(([v]) => v === x)?.[1] ?? 0;

/**
 * The expansion of a polynomial (or Laurent-monomial) expression, as text nerdamer reads; undefined
 * when the expression is not one, or is too large for this path.
 */
export function expandPolynomial(text: string): string | undefined {
  const p = polynomialOf(text);
  return p && textOf(p);
}

/** The coefficients of x⁰ … xⁿ of a polynomial in x (its coefficients polynomials in the other names); undefined otherwise. */
export function polynomialCoefficients(text: string, x: string): string[] | undefined {
  const p = polynomialOf(text);
  if (!p) return undefined;
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
  return byPower.length ? byPower.map(textOf) : ['0'];
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
  return textOf(out);
}
