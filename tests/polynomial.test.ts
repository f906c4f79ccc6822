/**
 * The exact polynomial expansion that stands in for nerdamer's expand on polynomials: the same
 * text as nerdamer gives (once nerdamer has put it in its order), the same values, and no answer
 * for what is not a polynomial.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nerdamer from 'nerdamer-prime';
import {
  expandPolynomial,
  expandWithAtoms,
  polynomialCoefficients,
  polynomialDerivative,
} from '../src/symbolic/polynomial';
import { diff, expand, variables } from '../src/symbolic/nerd';
import { compileNumeric } from '../src/numeric/compile';
import { parseMath } from '../src/expr/mathjs-parser';

const VARS = ['q0', 'q1', 'q2', 'q10'];
const leaf = fc.oneof(
  fc.constantFrom(...VARS),
  fc.integer({ min: -5, max: 7 }).map(String),
  fc.constantFrom('0.5', '1/3', '(-2/7)', '0.125'),
);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a})${op}(${b})`),
    fc.tuple(tie('e'), fc.integer({ min: 0, max: 4 })).map(([a, k]) => `(${a})^${k}`),
    fc.tuple(tie('e'), fc.constantFrom('q1', '(2*q2)', '3', '(q0*q10)')).map(([a, d]) => `(${a})/${d}`),
    tie('e').map((a) => `-(${a})`),
  ),
})).e;

const valueAt = (text: string, point: number[]) =>
  compileNumeric(parseMath(text), { slot: (name) => VARS.indexOf(name) })(point) as number;

describe('polynomial expansion', () => {
  it("gives nerdamer's expansion, term for term, on random polynomial expressions", () => {
    fc.assert(
      fc.property(expr, (e) => {
        const mine = expandPolynomial(e);
        expect(mine).toBeDefined();
        expect(nerdamer(mine!).toString()).toBe(nerdamer(`expand(${e})`).toString());
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it('has the value of the expression it expands', () => {
    fc.assert(
      fc.property(
        expr,
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (e, point) => {
          const a = valueAt(e, point);
          const b = valueAt(expandPolynomial(e)!, point);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(a)));
        },
      ),
      { numRuns: 150, seed: 4 },
    );
  });

  it('cancels exactly, keeps decimals as the fractions they write, and inverts single terms only', () => {
    expect(expandPolynomial('(q0+q1)^2-(q0-q1)^2-4*q0*q1')).toBe('0');
    expect(nerdamer(expandPolynomial('0.1*q0+0.2*q0')!).toString()).toBe('(3/10)*q0');
    expect(nerdamer(expandPolynomial('(q0^2+q0)/(2*q0)')!).toString()).toBe(
      nerdamer('expand((q0^2+q0)/(2*q0))').toString(),
    );
    expect(expandPolynomial('1/(q0+q1)')).toBeUndefined();
  });

  it('leaves to nerdamer what is not a polynomial', () => {
    for (const e of [
      'sqrt(q0)',
      'q0^(1/2)',
      'q0^q1',
      'e^q0',
      'pi*q0',
      'i*q0',
      'abs(q0)',
      'q0^0.5',
      'q0^100',
      '(q0+q1)^(-1)',
    ])
      expect(expandPolynomial(e), e).toBeUndefined();
  });

  it('reads literals as the decimals they write, and writes coefficients that read back exactly', () => {
    expect(expandPolynomial('9007199254740993*q0')).toBe('9007199254740993*q0');
    expect(expandPolynomial('1.00000000000000000001*q0-q0')).toBe('(1/100000000000000000000)*q0');
    expect(expandPolynomial('(1.000000001*q0)^2')).toBe('(1000000002000000001/1000000000000000000)*q0^(2)');
    // Read again (as every stage reads a derivation's text), the coefficient is still exact.
    expect(expandPolynomial(`${expandPolynomial('(1.000000001*q0)^2')}-(1.000000001*q0)^2`)).toBe('0');
  });

  it('is what the checked expand returns for a polynomial, by degree and then by name', () => {
    expect(expand('(q0+1)^3')).toBe('1+3*q0+3*q0^(2)+q0^(3)');
    expect(nerdamer(expand('(q0+1)^3')).toString()).toBe(nerdamer('expand((q0+1)^3)').toString());
  });
});

describe('polynomial derivatives and coefficients (exact, in place of nerdamer on polynomials)', () => {
  const point = [0.83, -1.21, 1.37, 0.64];
  it('differentiate as nerdamer does, term for term', () => {
    fc.assert(
      fc.property(expr, fc.constantFrom(...VARS), (e, x) => {
        const mine = polynomialDerivative(e, x);
        expect(mine).toBeDefined();
        expect(nerdamer(`expand(${mine})`).toString()).toBe(nerdamer(`expand(diff(${e},${x}))`).toString());
      }),
      { numRuns: 100, seed: 5 },
    );
  });
  it('give coefficients that rebuild the polynomial, and none in the variable itself', () => {
    fc.assert(
      fc.property(expr, fc.constantFrom(...VARS), (e, x) => {
        const c = polynomialCoefficients(e, x);
        if (c === undefined) {
          // Only a negative power of x has no coefficient list.
          expect(expandPolynomial(e)).toMatch(new RegExp(`${x}\\^\\(-`));
          return;
        }
        for (const ck of c) expect(ck.split(/[^a-z0-9]/).includes(x)).toBe(false);
        const rebuilt = c.map((ck, k) => `(${ck})*${x}^${k}`).join('+');
        const a = valueAt(e, point);
        expect(Math.abs(a - valueAt(rebuilt, point))).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(a)));
      }),
      { numRuns: 100, seed: 6 },
    );
  });
  it('are what diff and the free names return, and leave the rest to nerdamer', () => {
    expect(diff('(a+x)^3*y - 2*x/y', 'x')).toBe('-2*y^(-1)+6*a*x*y+3*a^(2)*y+3*x^(2)*y');
    expect(polynomialDerivative('sqrt(x)', 'x')).toBeUndefined();
    expect(nerdamer(diff('sqrt(x)', 'x')).toString()).toBe(nerdamer('(1/2)*x^(-1/2)').toString());
    expect(polynomialCoefficients('x^2*y - 3', 'x')).toEqual(['-3', '0', 'y']);
    expect(variables('sqrt(b)*exp(a) + pi*e + f__d2')).toEqual(['a', 'b', 'f__d2']);
  });
});

describe('expansion with atoms (rational expressions in elementary functions, exactly)', () => {
  // Expressions with sums under negative powers, calls and non-integer powers, on positive points
  // (where every form is defined and real).
  const withAtoms: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a})${op}(${b})`),
      fc.tuple(tie('e'), fc.integer({ min: -3, max: 3 })).map(([a, k]) => `(${a})^(${k})`),
      fc.tuple(tie('e'), fc.constantFrom('(q0+q1)', '(1+q2^2)', '(2*q10-q0+5)')).map(([a, d]) => `(${a})/${d}`),
      fc
        .tuple(fc.constantFrom('exp', 'sqrt', 'log', 'abs'), fc.constantFrom('(q0+q1)', '(q0*q1)', '(1+q2^2)'))
        .map(([f, a]) => `${f}${a}`),
      fc.constantFrom('e^(-q0)', '(q0+q1)^(1/2)', 'sqrt(q0+q1)^2'),
    ),
  })).e;
  const positive = fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 });

  it('has the value of the expression it expands', () => {
    fc.assert(
      fc.property(withAtoms, positive, (e, point) => {
        const out = expandWithAtoms(e);
        if (out === undefined) return; // past this path's size limits: nerdamer's then
        const a = valueAt(e, point);
        const b = valueAt(out, point);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(a)));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('shares one atom between a sum and its multiples', () => {
    expect(expandWithAtoms('1/(a-b)+1/(b-a)')).toBe('0');
    expect(expandWithAtoms('(2*a+2*b)^(-1)-(1/2)/(a+b)')).toBe('0');
    expect(expandWithAtoms('(2*a+2*b)^(-2)*(a+b)')).toBe('(1/4)*(a+b)^(-2)*a+(1/4)*(a+b)^(-2)*b');
    expect(expandWithAtoms('(e^(-t))^2*(1+e^(-t))^(-1)')).toBe('(1+e^(-t))^(-1)*e^(-2*t)');
    expect(expandWithAtoms('exp(x+x)*log((y+1)^2)')).toBe('e^(x+x)*log((y+1)^2)');
    expect(expandWithAtoms('exp(x)-e^x')).toBe('0');
    // Powers of e merge: e^A·e^B = e^(A + B), (e^A)^k = e^(kA), for every complex A, B.
    expect(expandWithAtoms('exp(x)*exp(-x)')).toBe('1');
    expect(expandWithAtoms('e^x*e^y*e')).toBe('e^(1+x+y)');
    expect(expandWithAtoms('1/(1+exp(-x))^2*exp(-x)')).toBe('(1+e^(-x))^(-2)*e^(-x)');
  });

  it('leaves to nerdamer what is not exact algebra on its atoms, and what its own rewrites decide', () => {
    // i squares to −1; an unknown function or a derivative is not an atom; nor is a division by 0;
    // √, |·| and fractional powers are nerdamer's (√(x²) = |x| for real x, checked at points).
    for (const e of ['i*x', 'f(x)*x', 'diff(x^2,x)', '1/(x-x)', 'sqrt(x)/(x+1)', 'abs(x)/(x+1)', '(x+1)^(1/4)'])
      expect(expandWithAtoms(e), e).toBeUndefined();
    // No rewrite across a branch cut: log(x²) stays log(x²).
    expect(expandWithAtoms('log(x^2)-2*log(x)')).toBe('-2*log(x)+log(x^2)');
    // A function's argument stays as written (its literals exact): log((1 - p)/(1 - q)) is not expanded.
    expect(expandWithAtoms('log((1-p)/(1-q))*2')).toBe('2*log((1-p)/(1-q))');
    expect(expandWithAtoms('log(1.00000000000000000001*x)')).toBe(
      'log((100000000000000000001/100000000000000000000)*x)',
    );
  });

  it('is what the checked expand returns for a rational expression', () => {
    expect(expand('(q0+q1)/(q0-q1)')).toBe(expandWithAtoms('(q0+q1)/(q0-q1)'));
  });
});
