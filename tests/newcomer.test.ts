/**
 * Claims written for lectures outside the catalogue, as newcomers to the tool write them
 * (tests/newcomer/*.md: gradient descent on quadratics, updates in two-player games, convex
 * analysis, stability of ODEs and their discretisations, Newton's method and natural gradient, Lyapunov
 * functions of GAN flows), each with the verdict worked out by hand;
 * and the frictions they met, one test each.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { claimTests } from '../src/testing';
import { normal, sameAtRandomPoints } from '../src/symbolic/nerd';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';
import { parseClaimFile } from '../src/parse/index';

describe('newcomer claim files', () => claimTests(join(__dirname, 'newcomer'), it, { count: 300 }));

describe('what newcomers wrote', () => {
  it('evaluates det, trace and identity(n) in numeric checks, and certifies a failure through them', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.matrix-functions
title: det, trace and identity in conditions
where: test
statement: \\det M = 2 - ah
symbols:
  a: real
  h: positive
model:
  M: [[1, h], [a, 2]]
checks:
  - holds: trace(M) == 3
  - holds: det(M) == 2 - a*h
  - holds: spectralRadius(identity(2) - M) >= 0
expect: verified
`),
      'b.md': claimFile(`
id: t.matrix-functions-wrong
title: a determinant that is not always positive
where: test
statement: \\det M > 0
symbols:
  a: real
  h: positive
model:
  M: [[1, h], [a, 2]]
checks:
  - holds: det(identity(2) + M) > 0
expect: refuted
`),
    });
    const report = await runFolder(dir, 300);
    expect(resultOf(report, 't.matrix-functions')).toMatchObject({ verdict: 'verified' });
    const wrong = resultOf(report, 't.matrix-functions-wrong');
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample?.exact).toBe(true);
  });

  it('binds the variable of a threshold that is declared nowhere, as minOver binds its variable', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.threshold-bound
title: the step-size threshold of a scalar quadratic
where: test
statement: |1 - t\\lambda| < 1 \\iff t < 2/\\lambda
symbols:
  lam: positive in [0.5, 3]
checks:
  - threshold: abs(1 - t*lam) < 1
    in: t
    from: 0.000001
    to: 100
    claimed: 2/lam
expect: verified
`),
    });
    expect(resultOf(await runFolder(dir, 100), 't.threshold-bound')).toMatchObject({ verdict: 'verified' });
  });

  it('solves |1 + hλ|² < 1 for closed-form eigenvalues whose square roots are imaginary, and refuses a root of unknown sign', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.solve-imaginary-root
title: simultaneous steps on a strongly monotone game
where: test
statement: |1 + h\\lambda|^2 < 1 \\iff h < 2m/(m^2 + a^2)
symbols:
  m: positive
  a: real
  h: positive
model:
  A: [[-m, -a], [a, -m]]
derive:
  lambda: {eigenvalues: A}
  stable: {solve: abs(1 + h*lambda[1])^2 < 1, for: h}
checks:
  - equal: stable
    to: h < 2*m/(m^2 + a^2)
expect: proved
`),
      // |1 + ih√c|² = 1 + h²c: never below 1. Read as a real root, √(−c) gave h > 2√(−c)/c.
      'b.md': claimFile(`
id: t.solve-imaginary-literal
title: an imaginary step never contracts
where: test
statement: |1 + h\\sqrt{-c}|^2 < 1 \\iff h < 0
symbols:
  c: positive
  h: positive
derive:
  stable: {solve: abs(1 + h*sqrt(-c))^2 < 1, for: h}
checks:
  - equal: stable
    to: h < 0
expect: proved
`),
      // The same root written as a power.
      'd.md': claimFile(`
id: t.solve-imaginary-power
title: an imaginary step never contracts, the root as a power
where: test
statement: |1 + h(-c)^{1/2}|^2 < 1 \\iff h < 0
symbols:
  c: positive
  h: positive
derive:
  stable: {solve: abs(1 + h*(-c)^(1/2))^2 < 1, for: h}
checks:
  - equal: stable
    to: h < 0
expect: proved
`),
      'c.md': claimFile(`
id: t.solve-unknown-root
title: a root that may be real or imaginary
where: test
statement: |1 + h\\sqrt{c}|^2 < 1
symbols:
  c: real
  h: positive
derive:
  stable: {solve: abs(1 + h*sqrt(c))^2 < 1, for: h}
checks:
  - equal: stable
    to: h < 0
expect: proved
`),
    });
    const report = await runFolder(dir, 100);
    expect(resultOf(report, 't.solve-imaginary-root')).toMatchObject({ verdict: 'proved' });
    expect(resultOf(report, 't.solve-imaginary-literal')).toMatchObject({ verdict: 'proved' });
    expect(resultOf(report, 't.solve-imaginary-power')).toMatchObject({ verdict: 'proved' });
    const unknown = resultOf(report, 't.solve-unknown-root');
    expect(unknown.verdict).toBe('error');
    expect(unknown.errors[0]!.message).toMatch(/whether sqrt\(c\) is real or imaginary/);
    expect(unknown.errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  it('takes a derivative in an update rule from the derivation', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.diff-in-rule
title: gradient descent written with diff in the rule
where: test
statement: x_k \\to 0
symbols:
  x: real
  lam: positive in [0.5, 1]
model:
  f: lam*x^2/2
checks:
  - iterate: {x: x - diff(f, x)/2}
    state: [x]
    start:
      x: real in [-1, 1]
    steps: 50
    runs: 5
    converges: {to: {x: 0}, tol: 0.001}
expect: verified
`),
    });
    // x − diff(f, x)/2 is x − lam·x/2: the runs converge (and the rate, where claimed, is decided exactly).
    const r = resultOf(await runFolder(dir, 100), 't.diff-in-rule');
    expect(r.verdict).toBe('verified');
  });
});

describe('a derivative whose normal form nerdamer gets wrong', () => {
  it('keeps exp(x)/(exp(x) + exp(y)) as written where nerdamer reads it as (e^x + e^y)^(x − 1)', () => {
    const out = normal('(1/(exp(x) + exp(y)))*(exp(x))');
    expect(sameAtRandomPoints(out, 'exp(x)/(exp(x) + exp(y))')).toBe(true);
    expect(sameAtRandomPoints('(exp(x) + exp(y))^(x - 1)', 'exp(x)/(exp(x) + exp(y))')).toBe(false);
  });

  it('proves that the gradient of log-sum-exp is the softmax, and refutes the entries swapped', async () => {
    const lse = (id: string, claimed: string, expected: string) =>
      claimFile(`
id: ${id}
title: the gradient of log-sum-exp
where: test
statement: \\nabla \\log(e^{x_1} + e^{x_2})
symbols:
  x1: real
  x2: real
model:
  f: log(exp(x1) + exp(x2))
derive:
  g: [diff(f, x1), diff(f, x2)]
checks:
  - equal: g
    to: ${claimed}
expect: ${expected}
`);
    const dir = claimsFolder({
      'a.md': lse('t.lse-softmax', '[exp(x1)/(exp(x1) + exp(x2)), exp(x2)/(exp(x1) + exp(x2))]', 'proved'),
      'b.md': lse('t.lse-swapped', '[exp(x2)/(exp(x1) + exp(x2)), exp(x1)/(exp(x1) + exp(x2))]', 'refuted'),
    });
    const report = await runFolder(dir, 100);
    // nerdamer's normal form of the derivative was (e^{x1} + e^{x2})^(x1 − 1): the true claim was refuted.
    expect(resultOf(report, 't.lse-softmax').verdict).toBe('proved');
    const swapped = resultOf(report, 't.lse-swapped');
    expect(swapped.verdict).toBe('refuted');
    expect(swapped.checks[0]!.counterexample?.exact).toBe(true);
  });
});

describe('diff written in a condition', () => {
  const step = (id: string, premise: string, conclusion: string, expected: string) =>
    claimFile(`
id: ${id}
title: the decrease of a gradient step on Lx²/2
where: test
statement: f(x - hf'(x)) \\le f(x) - c\\,h f'(x)^2
symbols:
  x: real
  L: positive
  h: positive
model:
  f: L*x^2/2
derive:
  fn: {let: f, at: {x: x - h*L*x}}
checks:
  - implies: ${premise}
    then: ${conclusion}
expect: ${expected}
`);
  it('is decided in certified arithmetic as in floating point: the true bound verified, the wrong one refuted at an exact point', async () => {
    const dir = claimsFolder({
      'a.md': step('t.diff-condition-true', 'h <= 1/L', 'fn <= f - h*diff(f, x)^2/2', 'verified'),
      'b.md': step('t.diff-condition-wrong', 'h <= 2/L', 'fn <= f - h*diff(f, x)^2', 'refuted'),
    });
    const report = await runFolder(dir, 300);
    // Certified arithmetic met diff(f, x) unexpanded and decided no instance: both were not checked.
    expect(resultOf(report, 't.diff-condition-true').verdict).toBe('verified');
    const wrong = resultOf(report, 't.diff-condition-wrong');
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample?.exact).toBe(true);
  });
});

describe('exponentials and logarithms in exact arithmetic', () => {
  const maximiser = (id: string, at: string, expected: string) =>
    claimFile(`
id: ${id}
title: the maximiser of xy − log(1 + e^x)
where: test
statement: \\sigma(x) = y
symbols:
  x: real
  y: real in (0, 1)
model:
  g: x*y - log(1 + exp(x))
derive:
  stationary: {let: diff(g, x), at: {x: ${at}}}
checks:
  - equal: stationary
    to: 0
expect: ${expected}
`);
  it('reads exp(log r) as r, so the logit is decided as the maximiser, and a wrong one is refuted at an exact point', async () => {
    const dir = claimsFolder({
      'a.md': maximiser('t.logit-maximiser', 'log(y/(1 - y))', 'verified'),
      'b.md': maximiser('t.logit-wrong', 'log(y/(1 + y))', 'refuted'),
    });
    const report = await runFolder(dir, 100);
    // exp(log(y/(1 − y))) was an atom of its own: y − e^x/(1 + e^x) agreed with 0 to 150 digits and was not checked.
    const right = resultOf(report, 't.logit-maximiser');
    expect(right.verdict).toBe('verified');
    const agreement = right.checks[0]!.decidedBy.find((d) => d.method === 'certified-agreement');
    expect(agreement).toMatchObject({ method: 'certified-agreement', exactPoints: expect.any(Number) });
    expect(agreement?.method === 'certified-agreement' && agreement.exactPoints).toBeGreaterThan(0);
    const wrong = resultOf(report, 't.logit-wrong');
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample?.exact).toBe(true);
  });

  it('says why an equality of transcendental values that agree to every precision decides nothing', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.softmax-sum
title: the normalised weights sum to 1
where: test
statement: \\sum_i p_i = 1
symbols:
  h: positive
checks:
  - holds: sum(p*exp(-h*g)/sum(p*exp(-h*g))) == 1
    draw: {p: "probability list, size 3", g: "list in (0, 1), size 3"}
expect: verified
`),
    });
    const r = resultOf(await runFolder(dir, 300), 't.softmax-sum');
    expect(r.verdict).toBe('not-checked');
    expect(r.checks[0]!.reason).toMatch(/an equality of transcendental values/);
  });
});

describe('the spectral radius of a 2×2 matrix at its bound', () => {
  const polyak = (id: string, conclusion: string, expected: string) =>
    claimFile(`
id: ${id}
title: Polyak's heavy ball
where: test
statement: \\rho(J) \\le \\sqrt\\beta
symbols:
  z: real
  zp: real
  lam: positive
  mu: positive
  L: positive
define:
  h: 4/(sqrt(L) + sqrt(mu))^2
  beta: ((sqrt(L) - sqrt(mu))/(sqrt(L) + sqrt(mu)))^2
model:
  F: [z - h*lam*z + beta*(z - zp), z]
derive:
  J: {jacobian: F, wrt: [z, zp]}
checks:
  - implies: mu <= lam and lam <= L
    then: spectralRadius(J) ${conclusion}
expect: ${expected}
`);
  it('decides ρ(J) = c exactly, where ρ(J) equals the bound on a whole interval: ≤ verified, < and a bound smaller by 10⁻⁶ refuted with certified counterexamples', async () => {
    const c = '(sqrt(L) - sqrt(mu))/(sqrt(L) + sqrt(mu))';
    const dir = claimsFolder({
      'a.md': polyak('t.radius-at-bound', `<= ${c}`, 'verified'),
      'b.md': polyak('t.radius-strict', `< ${c}`, 'refuted'),
      'c.md': polyak('t.radius-smaller', `<= 0.999999*${c}`, 'refuted'),
    });
    const report = await runFolder(dir, 300);
    expect(resultOf(report, 't.radius-at-bound').verdict).toBe('verified');
    for (const id of ['t.radius-strict', 't.radius-smaller']) {
      const r = resultOf(report, id);
      expect(r.verdict, id).toBe('refuted');
      expect(r.checks[0]!.counterexample?.exact, id).toBe(true);
    }
  });
});

/** The diagnostics of one claim file's text, its claims' included. */
function diagnosticsOf(text: string) {
  const doc = parseClaimFile(text, 'claims/t.md');
  return [...doc.diagnostics, ...doc.parts.flatMap((p) => (p.type === 'invalid' ? p.diagnostics : []))];
}

describe('what newcomers wrote for accelerated methods and probability for GANs', () => {
  const claim = (body: string) =>
    claimFile(`
id: t.newcomer
title: a newcomer's claim
where: test
statement: x
${body.trim()}
`);

  it('says that a function heading under model: or derive: belongs under define:, at its line and column', () => {
    for (const section of ['model', 'derive']) {
      const text = claim(`
symbols:
  u: real
${section}:
  f(u): u^2/2
checks:
  - holds: u^2 >= 0
expect: verified
`);
      const d = diagnosticsOf(text);
      expect(d, section).toHaveLength(1);
      expect(d[0]!.message).toMatch(/"f\(u\)".*not a valid name/);
      expect(d[0]!.hint).toMatch(/can only be defined under define:.*write f: with the expression itself/);
      const line = text.split('\n').findIndex((l) => l.includes('f(u): u^2/2')) + 1;
      expect(d[0]).toMatchObject({ file: 'claims/t.md', line, column: 3 });
    }
  });

  it('names the arity of an operator, a function or a definition called with the wrong number of arguments, at the call', () => {
    const cases: Array<[string, RegExp, RegExp | undefined]> = [
      ['hessian(g, u, u, u) >= 0', /hessian takes 2 to 3 arguments, given 4/, /hessian\(f, x, y\)/],
      ['KL(u) >= 0', /KL takes 2 arguments, given 1/, /defined under define: as KL\(a, b\)/],
      ['exp(u, 2) > 0', /exp takes 1 argument, given 2/, undefined],
    ];
    for (const [condition, message, hint] of cases) {
      const text = claim(`
symbols:
  u: positive
define:
  KL(a, b): a*log(a/b)
model:
  g: u^3
checks:
  - holds: ${condition}
expect: verified
`);
      const d = diagnosticsOf(text);
      expect(d, condition).toHaveLength(1);
      expect(d[0]!.message).toMatch(message);
      if (hint) expect(d[0]!.hint).toMatch(hint);
      const line = text.split('\n').findIndex((l) => l.includes(`- holds: ${condition}`)) + 1;
      expect(d[0]).toMatchObject({ line, column: 12 });
    }
  });

  it('explains an unbounded range, a half-open range in French notation and a..b for a real symbol', () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      [
        'positive in [1, inf)',
        /a range's ends are finite numbers/,
        /"positive in \[1, 1000\]".*no range, which is about every positive value/,
      ],
      ['real in [0, 1[', /cannot read "in \[0, 1\["/, /write "real in \[0, 1\)"/],
      ['real in ]0, 1]', /cannot read "in \]0, 1\]"/, /write "real in \(0, 1\]"/],
      ['real in 0..1', /a\.\.b is for integer symbols/, /"real in \[0, 1\]"/],
    ];
    for (const [domain, message, hint] of cases) {
      const text = claim(`
symbols:
  x: ${domain}
checks:
  - holds: x^2 >= 0
expect: verified
`);
      const d = diagnosticsOf(text);
      expect(d, domain).toHaveLength(1);
      expect(d[0]!.message).toMatch(message);
      expect(d[0]!.hint).toMatch(hint);
      const line = text.split('\n').findIndex((l) => l.includes(`x: ${domain}`)) + 1;
      expect(d[0]!.line).toBe(line);
    }
  });

  it('explains LaTeX in double quotes once per line: an escape that is none, and one that silently eats a command', () => {
    const invalid = claimFile(`
id: t.quoted
title: t
where: test
statement: "\\frac{1}{2} \\le \\lambda \\le \\mu"
symbols:
  x: real
checks:
  - holds: x^2 >= 0
expect: verified
`);
    const d1 = diagnosticsOf(invalid);
    // \l and \m are no escapes: one message for the line, not one per backslash.
    expect(d1).toHaveLength(1);
    expect(d1[0]!.message).toMatch(/inside double quotes a backslash starts an escape, and "\\l" is none/);
    expect(d1[0]!.hint).toMatch(/single quotes .*every backslash must be doubled/);
    const line = invalid.split('\n').findIndex((l) => l.startsWith('statement:')) + 1;
    expect(d1[0]!.line).toBe(line);
    // \t and \b are escapes (a tab, a backspace): \theta and \beta lose their first letter, silently in a title.
    const eaten = claimFile(`
id: t.quoted
title: "the rate \\theta of \\beta"
where: test
statement: x
symbols:
  x: real
checks:
  - holds: x^2 >= 0
expect: verified
`);
    const d2 = diagnosticsOf(eaten);
    expect(d2).toHaveLength(1);
    expect(d2[0]!.message).toMatch(
      /"\\t" is an escape \(a tab\), so "\\theta" loses its backslash and its first letter/,
    );
    const titleLine = eaten.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
    expect(d2[0]).toMatchObject({ line: titleLine, column: 'title: "the rate '.length + 1 });
    // Doubled backslashes and single quotes are LaTeX as written.
    for (const title of ['"the rate \\\\theta"', "'the rate \\theta'"])
      expect(diagnosticsOf(eaten.replace('"the rate \\theta of \\beta"', title)), title).toEqual([]);
  });

  it('says how a list of one item is written, and that a matrix domain takes two sizes', () => {
    const uses = diagnosticsOf(
      claim(`
uses: p.other
symbols:
  x: real
checks:
  - holds: x^2 >= 0
expect: verified
`),
    );
    expect(uses).toHaveLength(1);
    expect(uses[0]!.hint).toMatch(/write a list in brackets, even of one item: \[p\.other\]/);
    const matrix = diagnosticsOf(
      claim(`
symbols:
  x: real
  A: matrix(2)
checks:
  - holds: x^2 >= 0
expect: verified
`),
    );
    expect(matrix).toHaveLength(1);
    expect(matrix[0]!.message).toMatch(/"matrix\(2\)" has one size/);
    expect(matrix[0]!.hint).toMatch(/"matrix\(2, 2\)" for a square matrix, or "symmetric\(2\)"/);
  });

  it('says that a model name called like a function is a value, with the derive step for its value at a point', () => {
    const text = claim(`
symbols:
  u: positive
  t: real
model:
  g: t*u - u*log(u)
checks:
  - equal: g(u = exp(t - 1))
    to: exp(t - 1)
expect: verified
`);
    const d = diagnosticsOf(text);
    expect(d).toHaveLength(1);
    // It said: unknown function "g" (hint: did you mean E?).
    expect(d[0]!.message).toMatch(/"g" is a value .* not a function, so g\(…\) cannot be called/);
    expect(d[0]!.hint).toMatch(/gAt: \{let: g, at: \{u: exp\(t - 1\)\}\}/);
    expect(d[0]!.hint).toMatch(/for a product write g\*\(…\)/);
    const line = text.split('\n').findIndex((l) => l.includes('- equal: g(u')) + 1;
    expect(d[0]).toMatchObject({ line, column: 12 });
  });

  it('derives a step with f away from its expansion point when every check gives f a definition', async () => {
    const gradient = (id: string, claimed: string, expected: string, given = true) =>
      claimFile(`
id: ${id}
title: the generator's gradient under the non-saturating loss
where: test
statement: \\partial_\\theta f(\\psi\\theta)
symbols:
  theta: real
  psi: real
  f: function
model:
  L: f(psi*theta)
derive:
  g: diff(L, theta)
checks:
  - equal: g
    to: ${claimed}
${given ? '    given: f(t) = -log(1 + exp(-t))\n' : ''}expect: ${expected}
`);
    const dir = claimsFolder({
      'a.md': gradient('t.given-derive', 'psi*exp(-psi*theta)/(1 + exp(-psi*theta))', 'proved'),
      'b.md': gradient('t.given-derive-wrong', 'psi/(1 + exp(-psi*theta))', 'refuted'),
      'c.md': gradient('t.unknown-derive', "psi*f'(psi*theta)", 'proved', false),
    });
    const report = await runFolder(dir, 300);
    // The derivation with f unknown involved f's far Taylor coefficients: the claim was an error.
    const right = resultOf(report, 't.given-derive');
    expect(right.verdict).toBe('proved');
    expect(right.derivation?.notes.join(' ')).toMatch(
      /the derivation shown is that of check 1, with f\(t\) = -log\(1 \+ exp\(-t\)\)/,
    );
    const wrong = resultOf(report, 't.given-derive-wrong');
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample?.exact).toBe(true);
    // A check that keeps f unknown still cannot use the truncated derivation.
    const unknown = resultOf(report, 't.unknown-derive');
    expect(unknown.verdict).toBe('error');
    expect(unknown.errors[0]!.message).toMatch(/beyond the declared order/);
  });

  it('checks a symbol in an open range that holds none of the usual edge values, (1, 2), where every check failed', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.open-range
title: a curvature strictly between 1 and 2
where: test
statement: \\lambda \\in (1, 2)
symbols:
  lam: positive in (1, 2)
  kappa: positive in [2, 50]
checks:
  - holds: lam > 1 and lam < 2
  - equal: kappa*lam
    to: lam*kappa
  - iterate: {x: x - lam*x/4 + (x - xp)/4, xp: x}
    state: [x, xp]
    start:
      x: real in [-1, 1]
      xp: real in [-1, 1]
    steps: 200
    runs: 6
    converges: {to: {x: 0, xp: 0}, tol: 0.000001}
expect: verified
`),
    });
    // lam had no edge value at all: edge instances left it undefined ("cannot evaluate the condition: > needs a number").
    const r = resultOf(await runFolder(dir, 300), 't.open-range');
    expect(r.errors).toEqual([]);
    expect(r.checks.map((c) => c.status)).toEqual(['verified', 'proved', 'verified']);
  });

  it('takes diff(g, u, u) and diff(g, u, 2) as the second derivative, where the third argument was ignored', async () => {
    const conjugate = (id: string, condition: string, expected: string) =>
      claimFile(`
id: ${id}
title: the conjugate of u log u is a maximum
where: test
statement: \\partial_u^2 (tu - u\\log u) < 0
symbols:
  t: real
  u: positive
model:
  g: t*u - u*log(u)
checks:
  - holds: ${condition}
expect: ${expected}
`);
    const dir = claimsFolder({
      'a.md': conjugate('t.diff-twice', 'diff(g, u, u) < 0', 'proved'),
      'b.md': conjugate('t.diff-count', 'diff(g, u, 2) == -1/u', 'verified'),
      'c.md': conjugate('t.diff-once', 'diff(g, u) < 0', 'refuted'),
    });
    const report = await runFolder(dir, 300);
    // diff(g, u, u) was diff(g, u) = t − log u − 1, refuted at t = 3, u = 1.
    expect(resultOf(report, 't.diff-twice').verdict).toBe('proved');
    expect(resultOf(report, 't.diff-count').verdict).toBe('verified');
    expect(resultOf(report, 't.diff-once').verdict).toBe('refuted');
  });

  it('integrates a polynomial times exp(a*eps + b) and the log-ratio of two Gaussian densities, and refutes a wrong closed form exactly', async () => {
    const expectation = (id: string, derive: string, claimed: string, expected: string) =>
      claimFile(`
id: ${id}
title: an expectation of a normal variable
where: test
statement: \\mathbb E
symbols:
  t: real
  m1: real
  m2: real
  s1: positive
  s2: positive
  eps: normal(0, s1^2)
model:
  x: m1 + eps
  p: exp(-(x - m1)^2/(2*s1^2))/(s1*sqrt(2*pi))
  q: exp(-(x - m2)^2/(2*s2^2))/(s2*sqrt(2*pi))
derive:
  M: ${derive}
checks:
  - equal: M
    to: ${claimed}
expect: ${expected}
`);
    const dir = claimsFolder({
      'a.md': expectation('t.mgf', 'E(exp(t*eps))', 'exp(t^2*s1^2/2)', 'proved'),
      'b.md': expectation('t.tilted', 'E(x^2*exp(t*x))', '((m1 + t*s1^2)^2 + s1^2)*exp(t*m1 + t^2*s1^2/2)', 'proved'),
      'c.md': expectation('t.kl', 'E(log(p/q))', 'log(s2/s1) + (s1^2 + (m1 - m2)^2)/(2*s2^2) - 1/2', 'proved'),
      'd.md': expectation('t.mgf-wrong', 'E(exp(t*eps))', 'exp(t^2*s1^2)', 'refuted'),
      'e.md': expectation('t.kl-wrong', 'E(log(p/q))', 'log(s2/s1) + (s1^2 + (m1 - m2)^2)/(2*s2^2)', 'refuted'),
      'f.md': expectation('t.quadratic-exp', 'E(exp(eps^2))', '1', 'proved'),
    });
    const report = await runFolder(dir, 300);
    for (const id of ['t.mgf', 't.tilted', 't.kl']) expect(resultOf(report, id).verdict, id).toBe('proved');
    for (const id of ['t.mgf-wrong', 't.kl-wrong']) {
      const r = resultOf(report, id);
      expect(r.verdict, id).toBe('refuted');
      expect(r.checks[0]!.counterexample?.exact, id).toBe(true);
    }
    // exp of a quadratic in eps is not of the form: an error that says which forms are.
    const quad = resultOf(report, 't.quadratic-exp');
    expect(quad.verdict).toBe('error');
    expect(quad.errors[0]!.message).toMatch(
      /E\(…\) needs an expression polynomial in eps, or a sum of such polynomials times exp\(a\*eps \+ b\)/,
    );
    expect(quad.errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  it('names the point and the side where an equality is undefined, and how to leave such points out', async () => {
    const inverse = (id: string, domain: string, expected: string) =>
      claimFile(`
id: ${id}
title: the inverse of the heavy-ball companion matrix
where: test
statement: J^{-1}
symbols:
  a: real
  beta: ${domain}
model:
  J: [[1 + beta - a, -beta], [1, 0]]
checks:
  - equal: inv(J)
    to: [[0, 1], [-1/beta, (1 + beta - a)/beta]]
expect: ${expected}
`);
    const dir = claimsFolder({
      'a.md': inverse('t.inv-real', 'real', 'proved'),
      'b.md': inverse('t.inv-nonzero', 'nonzero', 'proved'),
    });
    const report = await runFolder(dir, 300);
    const real = resultOf(report, 't.inv-real');
    expect(real.verdict).toBe('not-checked');
    expect(real.checks[0]!.reason).toMatch(
      /at instance \d+ \(a = [^,]+, beta = 0\) one side of entry \d \(counted row by row\) is undefined or infinite .*declare ranges that leave such points out \(a nonzero symbol/,
    );
    expect(resultOf(report, 't.inv-nonzero').verdict).toBe('proved');
  });
});

describe("what newcomers wrote for Newton's method and Lyapunov functions of GAN flows", () => {
  const claim = (id: string, body: string) =>
    claimFile(`
id: ${id}
title: a newcomer's claim
where: test
statement: x
${body.trim()}
`);

  it("gives a function's value at its expansion point a domain, q(0): nonzero, as f'(0) is given one", async () => {
    // Newton's map at a simple root: g(x) = x·q(x) needs q(0) ≠ 0.
    const dir = claimsFolder({
      'a.md': claim(
        't.newton-root',
        `
symbols:
  x: real
  q: function, order 3, at 0
  q(0): nonzero
model:
  g: x*q(x)
  N: x - g/diff(g, x)
derive:
  slope: {let: diff(N, x), at: {x: 0}}
checks:
  - equal: slope
    to: 0
  - holds: q(0)^2 > 0
expect: proved
`,
      ),
    });
    expect(resultOf(await runFolder(dir, 300), 't.newton-root').verdict).toBe('proved');
  });

  it('refuses a value or derivative written at another point than the expansion point, or of an undeclared function', () => {
    const text = claim(
      't.wrong-point',
      `
symbols:
  x: real
  q: function, order 2, at 0
  q'(1): positive
  r(0): positive
model:
  g: q(x)
checks:
  - holds: q'(0) > 0
expect: verified
`,
    );
    const d = diagnosticsOf(text);
    const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;
    expect(d).toHaveLength(2);
    // q'(1) would silently have constrained q'(0).
    expect(d[0]).toMatchObject({ file: 'claims/t.md', line: lineOf("q'(1): positive"), column: 3 });
    expect(d[0]!.message).toBe(`"q'(1)" is at 1, but q is expanded at 0: only its values there have symbols`);
    expect(d[0]!.hint).toBe(`write q'(0), or declare "q: function, at 1"`);
    expect(d[1]).toMatchObject({ line: lineOf('r(0): positive'), column: 3 });
    expect(d[1]!.message).toMatch(/"r\(0\)" names a value of "r", which is not declared as a function/);
    // A name that is neither a symbol nor a function's value says which forms are.
    const bad = diagnosticsOf(
      claim('t.bad-name', 'symbols:\n  q(x): real\nchecks:\n  - holds: 1 > 0\nexpect: verified'),
    );
    expect(bad[0]!.hint).toMatch(
      /a value or derivative of a declared function at its expansion point such as f\(0\), f'\(0\)/,
    );
  });

  it("takes f'(0) from a check's given: definition even where the claim declares a domain for it", async () => {
    // The declared f'(0): nonzero was drawn as a free symbol, so a true claim was refuted at f'(0) = 0.
    const lasalle = (id: string, claimed: string, expected: string) =>
      claim(
        id,
        `
symbols:
  theta: real
  psi: real
  gamma: positive
  f: function
  f'(0): nonzero
model:
  L: f(psi*theta) + f(0)
  v: [-diff(L, theta), diff(L, psi) - gamma*psi]
derive:
  onLine: {let: v, at: {psi: 0}}
checks:
  - equal: onLine
    to: ${claimed}
    given: f(t) = -log(1 + exp(-t))
expect: ${expected}
`,
      );
    const dir = claimsFolder({
      'a.md': lasalle('t.given-declared', "[0, f'(0)*theta]", 'proved'),
      'b.md': lasalle('t.given-declared-wrong', "[0, 2*f'(0)*theta]", 'refuted'),
    });
    const report = await runFolder(dir, 300);
    expect(resultOf(report, 't.given-declared').verdict).toBe('proved');
    const wrong = resultOf(report, 't.given-declared-wrong');
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample?.exact).toBe(true);
    expect(wrong.checks[0]!.counterexample?.point.map((p) => p.name)).not.toContain("f'(0)");
  });

  it('names the first undecided instance and its point when too many instances of a condition are undecided', async () => {
    // The Newton map of g = 1/x − a is undefined at x = 0, an edge value of a real x.
    const basin = (id: string, domain: string, expected: string) =>
      claim(
        id,
        `
symbols:
  x: ${domain}
  a: positive in [0.5, 2]
model:
  g: 1/x - a
  xnext: x - g/diff(g, x)
checks:
  - iff: abs(1 - a*xnext) < abs(1 - a*x) or x == 1/a
    with: 0 < x and x < 2/a
expect: ${expected}
`,
      );
    const dir = claimsFolder({
      'a.md': basin('t.basin-real', 'real', 'verified'),
      'b.md': basin('t.basin-nonzero', 'nonzero', 'verified'),
    });
    const report = await runFolder(dir, 300);
    const real = resultOf(report, 't.basin-real');
    expect(real.verdict).toBe('not-checked');
    expect(real.checks[0]!.reason).toMatch(
      /could not be decided with certainty; the first is instance \d+ \(x = 0, a = [\d.]+\), .*where a quantity is undefined \(a division by zero: if the claim is not meant there, declare ranges that leave such points out\)/,
    );
    expect(resultOf(report, 't.basin-nonzero').verdict).toBe('verified');
  });

  it('does not ask nerdamer to simplify an equality already refuted in certified arithmetic', async () => {
    const dir = claimsFolder({
      'a.md': claim(
        't.gd-one-step',
        `
symbols:
  x1: real
  x2: real
  p: positive in [1, 3]
  q: real in [-0.9, 0.9]
  r: positive in [1, 3]
  b1: real
  b2: real
model:
  f: (p*x1^2 + 2*q*x1*x2 + r*x2^2)/2 - b1*x1 - b2*x2
  g: [diff(f, x1), diff(f, x2)]
derive:
  step: [x1, x2] - g/(p + r)
checks:
  - equal: step
    to: [(r*b1 - q*b2)/(p*r - q^2), (p*b2 - q*b1)/(p*r - q^2)]
expect: refuted
`,
      ),
    });
    const r = resultOf(await runFolder(dir, 300), 't.gd-one-step');
    expect(r.verdict).toBe('refuted');
    expect(r.checks[0]!.counterexample?.exact).toBe(true);
    expect(r.checks[0]!.symbolic?.simplifiesToZero).toBe('not-tried');
  });

  it('says that a name in at: is a model name, not a declared symbol, at its line and column', async () => {
    // Affine invariance of Newton's step: the newcomer substituted x = a*y into f through the model name x.
    const text = claim(
      't.at-model-name',
      `
symbols:
  y: real
  a: nonzero
model:
  x: a*y
  f: x^2
derive:
  fx: {let: f, at: {x: 2}}
checks:
  - equal: fx
    to: 4
expect: proved
`,
    );
    const r = resultOf(await runFolder(claimsFolder({ 'a.md': text }), 300), 't.at-model-name');
    expect(r.verdict).toBe('error');
    const line = text.split('\n').findIndex((l) => l.includes('fx: {let: f, at: {x: 2}}')) + 1;
    expect(r.errors[0]).toMatchObject({ line, column: 21 });
    expect(r.errors[0]!.message).toBe('"x" in at: is a name of the model or the derivation, not a declared symbol');
    expect(r.errors[0]!.hint).toMatch(/at: gives values to the declared symbols/);
  });

  it('names ρ = 0 among the reasons a rate cannot be decided exactly (pure Newton on a quadratic lands in one step)', async () => {
    const text = claim(
      't.rate-zero',
      `
symbols:
  x: real
  m: real
  a: positive
model:
  f: a*(x - m)^2/2
  xnext: x - diff(f, x)/diff(f, x, x)
checks:
  - iterate: {x: xnext}
    state: [x]
    start:
      x: real in [-3, 3]
    steps: 50
    runs: 20
    rate: {to: {x: m}, rho: 0}
expect: verified
`,
    );
    const r = resultOf(await runFolder(claimsFolder({ 'a.md': text }), 300), 't.rate-zero');
    expect(r.verdict).toBe('not-checked');
    expect(r.checks[0]!.reason).toMatch(/its rate could not be decided exactly \(.*ρ is 0 or not rational\)/);
  });

  it('proves the sign of a Lyapunov derivative written with its squares visible, and verifies it read expanded (as the README says)', async () => {
    const flow = (id: string, condition: string) =>
      claim(
        id,
        `
symbols:
  x: real
  y: real
  a: positive
  b: positive
model:
  f: a*x^2/2 + b*y^2/2 + x*y^2
  v: [-diff(f, x), -diff(f, y)]
derive:
  fdot: diff(f, x)*v[1] + diff(f, y)*v[2]
checks:
  - holds: ${condition}
expect: proved
`,
      );
    const dir = claimsFolder({
      'a.md': flow('t.fdot-expanded', 'fdot <= 0'),
      'b.md': flow('t.fdot-squares', '-(diff(f, x)^2 + diff(f, y)^2) <= 0'),
    });
    const report = await runFolder(dir, 300);
    expect(resultOf(report, 't.fdot-expanded').verdict).toBe('verified');
    const squares = resultOf(report, 't.fdot-squares');
    expect(squares.verdict).toBe('proved');
    expect(squares.checks[0]!.decidedBy[0]).toMatchObject({ method: 'sign-proof', sign: 'non-positive' });
  });

  it("says why a run failed where Newton's map is 0/0, and why a rate of a rational map is not repeated exactly", async () => {
    const dir = claimsFolder({
      'a.md': claim(
        't.degenerate-rate',
        `
symbols:
  x: real
model:
  f: x^4
  xnext: x - diff(f, x)/diff(f, x, x)
checks:
  - iterate: {x: xnext}
    state: [x]
    start:
      x: real in [-1, 1]
    steps: 60
    runs: 20
    rate: {to: {x: 0}, rho: 2/3}
expect: verified
`,
      ),
    });
    const r = resultOf(await runFolder(dir, 300), 't.degenerate-rate');
    expect(r.verdict).toBe('not-checked');
    expect(r.checks[0]!.reason).toMatch(
      /fails in floating point \(the state became undefined \(0\/0, ∞ − ∞: the map is undefined there\) at step 1\), but a rate is decided in exact arithmetic only for a map that is a polynomial in the state, and this one is not/,
    );
  });
});
