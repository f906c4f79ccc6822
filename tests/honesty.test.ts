/**
 * Verdicts where floating point gives out: values beyond its range, and conditions decided only
 * at an edge case. A wrong claim must not pass because nothing could be compared, and a check
 * that decided nothing is not verified.
 */
import { describe, expect, it } from 'vitest';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';

const claim = (id: string, symbols: string, body: string) => `
id: ${id}
title: ${id}
where: test
statement: x
symbols:
${symbols}
${body}
expect: verified
`;

describe('honest verdicts beyond floating point', () => {
  it('tells overflowing values apart exactly: a wrong equality is refuted, a right one is not', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(
        claim(
          't.wrong-doubling',
          '  n: integer 1100..2000',
          'derive:\n  r: 2^n\nchecks:\n  - equal: r\n    to: 2^(n+1)',
        ),
      ),
      'b.md': claimFile(
        claim(
          't.right-doubling',
          '  n: integer 1100..2000',
          'derive:\n  r: 2^(n+1)\nchecks:\n  - equal: r\n    to: 2*2^n',
        ),
      ),
    });
    const report = await runFolder(dir, 200);
    const wrong = resultOf(report, 't.wrong-doubling');
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample?.exact).toBe(true);
    // True, and exact at every point tried; 2^n is not a rational function of n, so no identity
    // bound makes it proved.
    expect(resultOf(report, 't.right-doubling').verdict).toBe('verified');
  }, 60_000);

  it('decides a condition beyond floating point in certified arithmetic: e^(1000a) < 1e300 is false', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(claim('t.overflow', '  a: real in [1, 3]', 'checks:\n  - holds: exp(1000*a) < 1e300')),
    });
    const r = resultOf(await runFolder(dir, 200), 't.overflow');
    expect(r.verdict).toBe('refuted');
    expect(r.checks[0]!.counterexample!.exact).toBe(true);
  }, 60_000);

  it('does not verify a condition that no instance decided (it overflows everywhere)', async () => {
    // Floating point overflows to erf(∞) = 1, on the boundary; erf has no certified form.
    const dir = claimsFolder({
      'a.md': claimFile(claim('t.undecided', '  a: real in [1, 3]', 'checks:\n  - holds: erf(exp(1000*a)) <= 1')),
    });
    const r = resultOf(await runFolder(dir, 200), 't.undecided');
    expect(r.verdict).toBe('not-checked');
    expect(r.checks[0]!.reason).toMatch(/none of the \d+ instances could be decided/);
  }, 60_000);

  it('decides exp, log, sin … exactly where their value is algebraic, so an edge case refutes', async () => {
    // exp(a) > 1 fails at a = 0 only; there floating point sees 1 > 1 in its rounding zone.
    const dir = claimsFolder({
      'a.md': claimFile(claim('t.exp-edge', '  a: nonnegative', 'checks:\n  - holds: exp(a) > 1')),
    });
    const r = resultOf(await runFolder(dir, 200), 't.exp-edge');
    expect(r.verdict).toBe('refuted');
    expect(r.checks[0]!.counterexample?.point.find((p) => p.name === 'a')?.value).toBe('0');
    // nerdamer leaves these unevaluated at 0; their values there are known.
    for (const [id, cond] of [
      ['t.cosh', 'cosh(a) > 1'],
      ['t.sinh', 'sinh(a)^2 > 0'],
      ['t.tanh0', 'tanh(a)^2 > 0'],
      ['t.erf', 'erf(a)^2 > 0'],
    ] as const) {
      const d = claimsFolder({ 'a.md': claimFile(claim(id, '  a: real', `checks:\n  - holds: ${cond}`)) });
      expect(resultOf(await runFolder(d, 200), id).verdict, cond).toBe('refuted');
    }
  }, 60_000);

  it('does not let a Taylor truncation prove an expectation that needs every order', async () => {
    // E f(ε) = f(0) + f''(0)σ²/2 + f''''(0)·3σ⁴/24 + …: the order-3 term vanishes (E ε³ = 0), the order-4 one does not.
    const symbols = '  sigma: positive\n  eps: normal(0, sigma^2)\n  f: function';
    const body = "model:\n  m: E(f(eps))\nderive:\n  r: m\nchecks:\n  - equal: r\n    to: f(0) + f''(0)*sigma^2/2";
    const dir = claimsFolder({ 'a.md': claimFile(claim('t.taylor', symbols, body)) });
    const r = resultOf(await runFolder(dir, 200), 't.taylor');
    expect(r.verdict).not.toBe('proved');
    expect(r.verdict).not.toBe('verified');
    expect(r.errors.map((e) => e.message).join(' ')).toMatch(/beyond the declared order of the Taylor polynomial/);
  }, 60_000);
});

describe('arguments that dip across 0 between the draws', () => {
  // u = (x − 1.2345678)² − 10⁻¹⁰ is negative only for |x − 1.2345678| < 10⁻⁵; q the same in a disc.
  const u = '(x - 1.2345678)^2 - 1e-10';
  const q = '(x - y)^2 + (x + y - 1.2345678)^2 - 1e-10';
  it('refutes |u| = u, √(u²) = u, max(u, 0) = u and a rewrite of log(u²) with a certified point inside the window', async () => {
    const claims = [
      claim('t.abs-window', '  x: real in [0, 3]', `checks:\n  - equal: abs(${u})\n    to: ${u}`),
      claim('t.sqrt-window', '  x: real in [0, 3]', `checks:\n  - equal: sqrt((${u})^2)\n    to: ${u}`),
      claim(
        't.log-window',
        '  x: real in [0, 3]',
        `model:\n  u: ${u}\nderive:\n  g: log(u^2) - 2*log(u)\nchecks:\n  - equal: g\n    to: 0`,
      ),
      claim('t.holds-window', '  x: real in [0, 3]', `checks:\n  - holds: sign(${u}) == 1`),
      claim('t.relu-window', '  x: real in [0, 3]', `checks:\n  - holds: max(${u}, 0) == ${u}`),
      claim('t.disc-window', '  x: real in [0, 3]\n  y: real in [-1, 2]', `checks:\n  - holds: abs(${q}) == ${q}`),
      claim(
        't.positive',
        '  x: real in [0, 3]',
        `checks:\n  - equal: sqrt(((x - 1.2345678)^2 + 1e-10)^2)\n    to: (x - 1.2345678)^2 + 1e-10`,
      ),
    ];
    const dir = claimsFolder(Object.fromEntries(claims.map((c, k) => [`c${k}.md`, claimFile(c)])));
    const report = await runFolder(dir, 400);
    for (const id of [
      't.abs-window',
      't.sqrt-window',
      't.log-window',
      't.holds-window',
      't.relu-window',
      't.disc-window',
    ]) {
      const r = resultOf(report, id);
      expect(r.verdict, id).toBe('refuted');
      expect(r.checks[0]!.counterexample!.exact, id).toBe(true);
    }
    expect(['verified', 'proved']).toContain(resultOf(report, 't.positive').verdict);
  }, 120_000);
});

describe('elementary functions', () => {
  it('checks claims with tanh (and the sech that its derivative brings), and calls agreement to the last digit no decision', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(
        claim(
          't.tanh',
          '  x: real',
          'model:\n  L: tanh(x)\nderive:\n  D: diff(L, x)\nchecks:\n  - equal: D\n    to: 1 - tanh(x)^2',
        ),
      ),
    });
    const r = resultOf(await runFolder(dir, 200), 't.tanh');
    // sech² x = 1 − tanh² x: certified enclosures agree at every point, but with no exact form
    // (sech x and tanh x are independent atoms of the exact arithmetic) and no symbolic zero from
    // nerdamer, that agreement is no decision: a difference of 10⁻²⁰⁰ would agree as well.
    expect(r.verdict).toBe('not-checked');
    expect(r.checks[0]!.reason).toMatch(/agree in certified enclosures to 150 digits/);
  }, 60_000);
});

describe('messages', () => {
  it('blames a model expression, at its own line, not the derivation step that first used it', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(
        claim(
          't.model',
          '  x: real\n  y: real',
          'model:\n  v: "[x, y] + [1, 2, 3]"\nderive:\n  J: {jacobian: v, wrt: [x, y]}\nchecks:\n  - holds: J == J',
        ),
      ),
    });
    const r = resultOf(await runFolder(dir, 100), 't.model');
    expect(r.errors[0]?.message).toMatch(/^model\.v: cannot add a vector of length 2 and a vector of length 3/);
    expect(r.errors[0]?.line).toBe(17); // the block starts on line 9; v is its 9th line
  }, 60_000);

  it('says what transpose got when it is not a matrix (a literal list is not a column vector)', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(
        claim('t.tr', '  a: real', 'checks:\n  - holds: "transpose([1, 2, 3]) * [[a, 0], [0, a]] * [1, 2, 3] >= 0"'),
      ),
    });
    const r = resultOf(await runFolder(dir, 100), 't.tr');
    expect(r.errors[0]?.message).toMatch(/transpose needs a real matrix, not a list of 3 values/);
  }, 60_000);

  it('reports sizes that do not fit in one size case as an error at the check, naming the case', async () => {
    const body =
      'checks:\n  - iterate: {x: "[[0.5, 0], [0, 0.5]] * x"}\n    state: [x]\n    start:\n      x: vector within 0.01, size d\n    steps: 10\n    runs: 5\n    converges: {to: {x: 0}, tol: 1e-2}';
    const dir = claimsFolder({ 'a.md': claimFile(claim('t.sizes', '  d: integer 2..3\n  x: vector(d)', body)) });
    const r = resultOf(await runFolder(dir, 100), 't.sizes');
    expect(r.verdict).toBe('error');
    expect(r.errors[0]?.message).toMatch(/checks item 1 \(iterate\), at d=3: cannot multiply 2×2 by 3×1/);
    expect(r.errors[0]?.line).toBe(17); // the block starts on line 9; the check is its 9th line
  }, 60_000);

  it('says det needs a square matrix, with the shape, rather than blaming eigenvalues', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(
        claim('t.det', '  a: real', 'derive:\n  D: det([[a, 1, 2], [3, 4, a]])\nchecks:\n  - holds: D == D'),
      ),
    });
    const r = resultOf(await runFolder(dir, 100), 't.det');
    expect(r.errors[0]?.message).toMatch(/det needs a square matrix, not 2×3/);
  }, 60_000);
});
