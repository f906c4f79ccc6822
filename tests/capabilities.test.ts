/**
 * Each kind of check the catalogue relies on, with a true claim of its kind and a false one that
 * must be refuted (or, for existence, left unchecked: random search cannot refute it).
 */
import { describe, expect, it } from 'vitest';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';
import { renderReport } from '../src/render/index';

async function run(yaml: string, count = 1000) {
  const id = /id: (\S+)/.exec(yaml)![1]!;
  const report = await runFolder(claimsFolder({ 'c.md': claimFile(yaml) }), count);
  return resultOf(report, id);
}

const head = (id: string) => `id: ${id}\ntitle: t\nwhere: w\nstatement: x\n`;

describe('dynamics', () => {
  it('a rotation conserves the radius; simultaneous gradient steps do not (refuted, with the run)', async () => {
    const flow = await run(`${head('t.flow')}symbols: {b: nonzero in [-2, 2]}
checks:
  - flow: {x: b*y, y: -b*x}
    state: [x, y]
    start: {x: real in [-1, 1], y: real in [-1, 1]}
    dt: 0.001
    time: 2
    runs: 10
    conserves: {quantity: x^2 + y^2, tol: 1e-8}
expect: verified`);
    expect(flow.verdict).toBe('verified');
    const steps = await run(`${head('t.steps')}symbols: {b: nonzero in [0.5, 2], h: positive in [0.1, 1]}
checks:
  - iterate: {x: x + h*b*y, y: y - h*b*x}
    state: [x, y]
    start: {x: real in [-1, 1], y: real in [-1, 1]}
    steps: 100
    runs: 10
    conserves: {quantity: x^2 + y^2, tol: 1e-8}
expect: verified`);
    expect(steps.verdict).toBe('refuted');
    // The failing run again in exact arithmetic: the radius² grows by (hb)² at the first step.
    expect(steps.checks[0]!.counterexample!.exact).toBe(true);
    expect(steps.checks[0]!.counterexample!.detail).toMatch(
      /in exact arithmetic the quantity is .* at step 1, against .* at the start/,
    );
  });

  it('alternating stages and the rate criterion: a defective Jacobian breaks O(ρ^k)', async () => {
    const r = await run(`${head('t.rate')}symbols: {r: positive in [0.3, 0.9]}
checks:
  - iterate:
      - {map: {x: r*x + y}}
      - {map: {y: r*y}}
    state: [x, y]
    start: {x: real in [-1, 1], y: real in [0.5, 1]}
    steps: 400
    runs: 10
    rate: {to: {x: 0, y: 0}, rho: r}
expect: verified`);
    // Decided for all k, not over the 400 steps: the start excites the double eigenvalue r.
    expect(r.verdict).toBe('refuted');
    expect(r.checks[0]!.counterexample!.exact).toBe(true);
    expect(r.checks[0]!.counterexample!.detail).toMatch(/has modulus ρ = .* and is repeated/);
  });
});

describe('dynamics: stays', () => {
  it('judges every step, not only the last: a run that dips to a hundredth of its start and comes back is refuted', async () => {
    // x ← 100y, y ← −x/100 from (x, 0): the distance is |x| after an even number of steps and |x|/100 after an odd one.
    const stays = (within: string) =>
      run(`${head('t.stays')}checks:
  - iterate: {x: 100*y, y: -x/100}
    state: [x, y]
    start: {x: real in [0.5, 1], y: real in [0, 0.000001]}
    steps: 100
    runs: 5
    stays: {from: {x: 0, y: 0}, within: ${within}}
expect: verified`);
    expect((await stays('[0.005, 2]')).verdict).toBe('verified');
    const dip = await stays('[0.1, 2]');
    expect(dip.verdict).toBe('refuted');
    expect(dip.checks[0]!.counterexample!.exact).toBe(true);
    expect(dip.checks[0]!.counterexample!.detail).toMatch(
      /squared distance to the point is 0\.0001 at step 1, against 1 at the start: outside ×0\.1 … ×2/,
    );
  });
});

describe('threshold search', () => {
  const lemma10 = (factor: string) => `${head('t.threshold')}define:
  bound(mu): (1/abs(re(mu))) * ${factor}/(1 + (im(mu)/re(mu))^2)
checks:
  - threshold: spectralRadius(I + t*A) < 1
    in: t
    from: 0.000001
    to: 1000
    claimed: min(bound(eigenvalues(A)))
    draw:
      A: stable matrix, size 2..5
      t: positive
    count: 100
expect: verified`;
  it('finds Lemma 10’s bound by bisection, and refutes it with the factor 2 dropped', async () => {
    expect((await run(lemma10('2'))).verdict).toBe('verified');
    const wrong = await run(lemma10('1'));
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample!.detail).toMatch(/does not switch at the claimed|switches between/);
    expect(wrong.checks[0]!.counterexample!.exact).toBe(true);
  });
});

describe('quadrature', () => {
  const tv = (claimed: string) => `${head('t.tv')}symbols: {d: nonnegative in [0, 4]}
checks:
  - holds: integral(abs(phi(x) - phi(x - d))/2, x, -12, 16) == ${claimed}
expect: verified`;
  it('the TV distance of two unit Gaussians agrees with 2Φ(Δ/2) − 1 only to a tolerance (not checked); Φ(Δ/2) − 1/2 is refuted', async () => {
    // An equality of an integral holds in floating point only within its tolerance, and certified
    // arithmetic cannot show two numbers equal from an enclosure: no evidence either way.
    const agreed = await run(tv('2*Phi(d/2) - 1'), 200);
    expect(agreed.verdict).toBe('not-checked');
    expect(agreed.checks[0]!.reason).toMatch(/only to its tolerance or from one side/);
    expect((await run(tv('Phi(d/2) - 1/2'), 200)).verdict).toBe('refuted');
  });
  it('counts sign changes, and an identically zero function has infinitely many', async () => {
    const r = await run(
      `${head('t.zeros')}symbols: {m: real}
checks:
  - holds: signChanges(phi(x - m) - phi(x + m), x, -10, 10) <= 1
expect: verified`,
      200,
    );
    expect(r.verdict).toBe('refuted');
    expect(r.checks[0]!.counterexample!.point.find((p) => p.name === 'm')!.value).toBe('0');
  });
});

describe('matrix samplers and iff coverage', () => {
  it('reports how often each structure was drawn and each side of the iff occurred', async () => {
    const r = await run(
      `${head('t.iff')}checks:
  - iff: nsd(M)
    with: max(eigenvalues(M)) <= 0
    draw:
      M: symmetric matrix, size 1..4
expect: verified`,
      2000,
    );
    expect(r.verdict).toBe('verified');
    const n = r.checks[0]!.numeric!;
    expect(n.sides!['both true']).toBeGreaterThan(200);
    expect(n.sides!['both false']).toBeGreaterThan(200);
    expect(Object.keys(n.coverage!).some((k) => /singular/.test(k))).toBe(true);
  });
});

describe('existence, proofs by sign, not-checked claims', () => {
  it('finds a witness, and says "not checked" (never refuted) when it finds none', async () => {
    const yes = await run(`${head('t.exists')}symbols: {x: real}
checks:
  - exists: x^2 < 0.01
expect: verified`);
    expect(yes.verdict).toBe('verified');
    expect(yes.checks[0]!.witness).toBeDefined();
    const no = await run(`${head('t.exists2')}symbols: {x: real}
checks:
  - exists: x^2 < 0
expect: verified`);
    expect(no.verdict).toBe('not-checked');
  });
  it('a sign the prover establishes makes a condition proved', async () => {
    const r = await run(`${head('t.sign')}symbols: {a: negative, b: real}
derive:
  B: 2*abs(a)/(a^2 + b^2)
checks:
  - holds: B > 0
expect: proved`);
    expect(r.verdict).toBe('proved');
    expect(r.checks[0]!.decidedBy[0]).toMatchObject({ method: 'sign-proof', sign: 'positive' });
  });
  it('a negation after a product inside a difference keeps its sign (nerdamer misreads the bare text)', async () => {
    const claim = (to: string, id: string) => `${head(id)}symbols: {x: real, h: real, a: real}
derive:
  D: x - 1 - h * -(a)
checks:
  - equal: D
    to: ${to}
expect: proved`;
    expect((await run(claim('x - 1 + h*a', 't.neg'))).verdict).toBe('proved');
    expect((await run(claim('1 - x + h*a', 't.neg2'))).verdict).toBe('refuted');
  });
  it('a difference that may be rounding is judged exactly or counted undecided, never refuted in floating point', async () => {
    // The product of the roots of μ² − (2 − a²)μ + 1 is 1; in floating point the small root cancels
    // (relative error up to ~1e-8 for a near 100).
    const cancels = await run(
      `${head('t.cancel')}symbols: {a: real in [50, 100]}
derive:
  P: a^0
checks:
  - equal: P
    to: (1 - a^2/2 + sqrt((1 - a^2/2)^2 - 1))*(1 - a^2/2 - sqrt((1 - a^2/2)^2 - 1))
expect: proved`,
      300,
    );
    expect(cancels.verdict).not.toBe('refuted');
    // Off by a relative 1e-7: inside the rounding zone, so decided exactly, and refuted.
    const off = await run(`${head('t.off')}symbols: {x: positive in [1, 2]}
derive:
  X: x
checks:
  - equal: X
    to: x*(1 + 1/10000000)
expect: refuted`);
    expect(off.verdict).toBe('refuted');
    expect(off.checks[0]!.decidedBy[0]).toEqual({ method: 'certified-counterexample', excludes: 'zero' });
  });
  it('a statement beyond a finite check is "not checked" with its reason', async () => {
    const r = await run(`${head('t.nc')}expect:
  verdict: not-checked
  reason: an infinite-dimensional statement`);
    expect(r.verdict).toBe('not-checked');
    expect(r.reason).toBe('an infinite-dimensional statement');
  });
});

describe('claims that use claims', () => {
  it('a claim is established only when what it uses is; the report shows the chain', async () => {
    const base = `${head('t.base')}symbols: {x: real}
checks:
  - holds: x^2 > 0
expect: refuted`;
    const top = `${head('t.top')}uses: [t.base]
symbols: {x: real}
checks:
  - holds: x^2 >= 0
expect: proved`;
    const report = await runFolder(claimsFolder({ 'a.md': claimFile(base), 'b.md': claimFile(top) }), 300);
    expect(resultOf(report, 't.base').verdict).toBe('refuted');
    expect(resultOf(report, 't.top').verdict).toBe('proved');
    expect(report.established['t.top']).toBe(false);
    const html = [
      ...renderReport({ ...report, runInfo: { generated: '', node: '', timings: {} } }).files.values(),
    ].join('\n');
    expect(html).toMatch(/not fully established/);
  });
});

describe('half-open ranges', () => {
  const claim = (range: string) => `${head('t.half-open')}symbols: {beta: real in ${range}}
checks:
  - holds: beta < 1
expect: verified`;
  it('leave a round-bracketed end out of the draws, edge values and special points', async () => {
    expect((await run(claim('[0, 1)'))).verdict).toBe('verified');
    const closed = await run(claim('[0, 1]'));
    expect(closed.verdict).toBe('refuted');
    expect(closed.checks[0]!.counterexample!.point.map((p) => p.value)).toContain('1');
    expect(
      (
        await run(`${head('t.open-left')}symbols: {x: real in (0, 2]}
checks:
  - holds: 1/x > 0.4
expect: verified`)
      ).verdict,
    ).toBe('verified');
  });
});

describe('entries, blocks and the inverse', () => {
  it('reads an entry, a row and a block of a derived matrix (1-based), symbolically and in numeric checks', async () => {
    const r = await run(`${head('t.entries')}symbols: {theta: real, psi: real, f: function}
model:
  L: f(psi*theta)
  v: [-diff(L, theta), diff(L, psi)]
derive:
  J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}
  J12: J[1, 2]
  row: J[2, :]
  corner: J[1:1, 1:2]
checks:
  - equal: J12
    to: -f'(0)
  - equal: row
    to: "[[f'(0), 0]]"
  - equal: corner
    to: "[[0, -f'(0)]]"
  - holds: J[1, 1] == 0
expect: proved`);
    expect(r.checks.map((c) => c.status)).toEqual(['proved', 'proved', 'proved', 'verified']);
  });

  it('inverts a symbolic matrix (adjugate over determinant), refutes a wrong inverse exactly, and checks numeric inverses', async () => {
    const ok = await run(`${head('t.inv')}symbols: {h: positive, c: real}
derive:
  P: inv([[1, h*c], [-h*c, 1]])
checks:
  - equal: P
    to: "[[1, -h*c], [h*c, 1]]/(1 + h^2*c^2)"
  - holds: spectralRadius(inv(I + h*[[0, c], [-c, 0]])) <= 1
expect: verified`);
    expect(ok.checks.map((c) => c.status)).toEqual(['proved', 'verified']);
    const wrong = await run(`${head('t.inv-wrong')}symbols: {h: positive, c: real}
derive:
  P: inv([[1, h*c], [-h*c, 1]])
checks:
  - equal: P
    to: "[[1, -h*c], [h*c, 1]]"
expect: refuted`);
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.checks[0]!.counterexample!.exact).toBe(true);
  });

  it('refuses an index outside the value, an index without a column, "end", and the inverse of a singular matrix, each with its reason', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        'derive:\n  P: "[[1, h], [0, 1]]"\n  q: P[3, 1]\nchecks:\n  - equal: q\n    to: 0',
        /entry \(3, 1\) is outside the 2×2 value/,
      ],
      ['derive:\n  P: "[[1, h], [0, 1]]"\nchecks:\n  - holds: P[2] > 0', /needs a row and a column/],
      ['derive:\n  P: "[[1, h], [0, 1]]"\nchecks:\n  - holds: P[end, 1] >= 0', /"end" is not an index here/],
      ['derive:\n  P: inv([[1, h], [1, h]])\nchecks:\n  - holds: P[1, 1] > 0', /determinant is 0/],
    ];
    for (const [body, message] of cases) {
      const r = await run(`${head('t.bad-index')}symbols: {h: positive}\n${body}\nexpect: verified`, 100);
      const text = [...(r.errors ?? []).map((e) => e.message), ...r.checks.map((c) => c.reason ?? '')].join(' ');
      expect(text).toMatch(message);
    }
  });
});

describe('equal on an expression', () => {
  it('compares an expression of derived names (entries of closed-form eigenvalues) with the claimed form', async () => {
    const r = await run(`${head('t.equal-expr')}symbols: {h: positive, c: nonzero}
derive:
  lam: {eigenvalues: "[[1, h*c], [-h*c, 1]]"}
checks:
  - equal: lam[1]*lam[2]
    to: 1 + h^2*c^2
  - equal: abs(lam[1])
    to: 1
expect: refuted`);
    expect(r.checks.map((c) => c.status)).toEqual(['proved', 'refuted']);
    expect(r.checks[1]!.counterexample!.exact).toBe(true);
  });

  it('refuses an entry of eigenvalues known only numerically (they have no order)', async () => {
    const r = await run(
      `${head('t.unordered')}symbols: {a: real}
derive:
  lam: {eigenvalues: "[[a, 1, 0], [0, a, 1], [1, 0, a]]"}
checks:
  - holds: re(lam[1]) < 10
expect: verified`,
      100,
    );
    expect(r.verdict).not.toBe('verified');
    expect(r.checks[0]!.reason).toMatch(/no particular order/);
  });
});

describe('given: a concrete unknown function for one check', () => {
  it("runs the model's own vector field with f given, and gives f'(0) its value; the other checks keep f unknown", async () => {
    const r = await run(
      `${head('t.given')}symbols: {theta: real, psi: real, h: positive in [0.05, 0.2], f: function}
model:
  L: f(psi*theta)
  v: [-diff(L, theta), diff(L, psi)]
derive:
  J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}
checks:
  - equal: J
    to: "[[0, -f'(0)], [f'(0), 0]]"
  - holds: theta*v[1] + psi*v[2] == 0
    given: f(t) = -log(1 + exp(-t))
  - holds: f'(0) == 1/2 and f''(0) == -1/4
    given: f(t) = -log(1 + exp(-t))
  - iterate: {theta: theta + h*v[1], psi: psi + h*v[2]}
    given: f(t) = -log(1 + exp(-t))
    state: [theta, psi]
    start: {theta: real in [-0.5, 0.5], psi: real in [-0.5, 0.5]}
    steps: 200
    runs: 10
    when: theta^2 + psi^2 > 0.01
    diverges: {from: {theta: 0, psi: 0}, factor: 1.001}
expect: proved`,
      500,
    );
    expect(r.checks.map((c) => c.status)).toEqual(['proved', 'verified', 'verified', 'verified']);
  });

  it("evaluates f'(x) away from the expansion point where f is given, and explains why it cannot where f is unknown", async () => {
    const given = await run(
      `${head('t.fprime-given')}symbols: {theta: real, psi: real, f: function}
model:
  L: f(psi*theta)
  v: [-diff(L, theta), diff(L, psi)]
checks:
  - holds: v[1] == -psi*f'(psi*theta) and v[2] == theta*f'(psi*theta)
    given: f(t) = -log(1 + exp(-t))
  - holds: "f''(psi*theta) < 0"
    given: f(t) = -log(1 + exp(-t))
expect: verified`,
      500,
    );
    expect(given.checks.map((c) => c.status)).toEqual(['verified', 'verified']);
    expect(given.checks[0]!.claimTex).toContain("f'\\left(\\psi\\,\\theta\\right)");
    const unknown = await run(
      `${head('t.fprime-unknown')}symbols: {theta: real, psi: real, f: function}
model:
  L: f(psi*theta)
  v: [-diff(L, theta), diff(L, psi)]
checks:
  - equal: v
    to: "[-psi*f'(psi*theta), theta*f'(psi*theta)]"
expect: proved`,
      100,
    );
    expect(unknown.verdict).toBe('error');
    // (The model's v, read by the check, is f's truncated Taylor polynomial away from 0: refused either way.)
    expect(unknown.errors[0]!.message).toMatch(
      /away from the expansion point 0 cannot be derived while f is unknown|v involves .* beyond the declared order .* where a check reads it/,
    );
    expect(unknown.errors[0]!.hint).toMatch(/given: f\(t\) = /);
  });

  it('names what is wrong with a given: an undeclared function, a function left unknown beside it', async () => {
    const undeclared = await run(
      `${head('t.given-undeclared')}symbols: {x: real, g: function}
checks:
  - holds: x^2 >= 0
    given: f(t) = t^2
expect: verified`,
      100,
    );
    expect(undeclared.verdict).toBe('error');
    expect(undeclared.errors[0]!.message).toMatch(/"f" is not a declared unknown function/);
    const partial = await run(
      `${head('t.given-partial')}symbols: {x: real, f: function, g: function}
model:
  L: f(x) + g(x)
checks:
  - holds: L == L
    given: f(t) = t^2
expect: verified`,
      100,
    );
    expect(partial.verdict).toBe('error');
    expect(partial.errors[0]!.message).toMatch(/every unknown function must be given a definition here; g is not/);
  });
});

describe('solved inequalities', () => {
  it('compare with a claimed inequality written with the variable on either side, the relation flipped with it', async () => {
    const claim = (id: string, to: string, expect: string) => `
id: ${id}
title: simultaneous steps on a strongly monotone game
where: test
statement: x
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
    to: ${to}
expect: ${expect}
`;
    const dir = claimsFolder({
      'a.md': claimFile(claim('t.bound-on-the-left', '2*m/(m^2 + a^2) > h', 'proved')),
      'b.md': claimFile(claim('t.bound-on-the-left-wrong', '2*m/(m^2 + a^2) < h', 'refuted')),
      'c.md': claimFile(claim('t.no-variable-alone', 'h + 1 < 2*m/(m^2 + a^2) + 1', 'proved')),
    });
    const report = await runFolder(dir, 200);
    expect(resultOf(report, 't.bound-on-the-left').verdict).toBe('proved');
    expect(resultOf(report, 't.bound-on-the-left-wrong').verdict).toBe('refuted');
    const neither = resultOf(report, 't.no-variable-alone');
    expect(neither.verdict).toBe('error');
    expect(neither.errors[0]!.message).toMatch(/h alone on one side/);
  });
});

describe("a check's budget of exact decisions", () => {
  it('is named in the reason when it ran out on instances at the boundary, and a smaller count decides them all', async () => {
    const claim = (id: string, count: string) => `
id: ${id}
title: on the boundary at every instance
where: test
statement: (x/3)\\cdot 3 \\le x
symbols:
  x: real
checks:
  - holds: (x/3)*3 <= x${count}
expect: verified
`;
    const dir = claimsFolder({
      'a.md': claimFile(claim('t.budget-default', '')),
      'b.md': claimFile(claim('t.budget-smaller', '\n    count: 2000')),
    });
    const report = await runFolder(dir, 10_000);
    const spent = resultOf(report, 't.budget-default');
    expect(spent.verdict).toBe('not-checked');
    expect(spent.reason).toMatch(/2500 exact decisions were used up .* a smaller count/);
    expect(resultOf(report, 't.budget-smaller').verdict).toBe('verified');
  });
});
