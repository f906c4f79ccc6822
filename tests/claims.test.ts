/**
 * End to end through the library API: the catalogue's claims get their expected verdicts; wrong
 * claims and wrong models are refuted with a counterexample (which is what shows the derivation
 * is computed, not copied from the claim); bad files are errors that leave the others checked.
 */
import { describe, expect, it } from 'vitest';
import { claimFile, claimsFolder, edit, realClaimBlock, resultOf, runFolder } from './helpers';

const DIRAC = '002-dirac-gan.md';
const L14 = '000-numerics-of-gans.md';

async function single(block: string, count = 2000) {
  const id = /^id: (\S+)/.exec(block)![1]!;
  const report = await runFolder(claimsFolder({ 'c.md': claimFile(block) }), count);
  return resultOf(report, id);
}

function expectRefuted(r: Awaited<ReturnType<typeof single>>, checkIndex: number) {
  expect(r.verdict).toBe('refuted');
  const c = r.checks[checkIndex]!;
  expect(c.status).toBe('refuted');
  expect(c.counterexample).toBeDefined();
  expect(c.counterexample!.point.length).toBeGreaterThan(0);
  expect(c.counterexample!.seed).toBe(1);
}

describe('the catalogue', () => {
  // The whole catalogue is checked by `npm run check` (in CI too); here, the pipeline's core claims.
  const CORE = [
    'p.dirac-eigenvalues',
    'p.altgd-spectrum',
    'l14.lemma10',
    'l14.lemma7',
    'p.instance-noise',
    'p.instance-noise.corrected',
  ];
  it('gives the core claims their expected verdicts', async () => {
    const report = await runFolder(new URL('../claims', import.meta.url).pathname, 3000, CORE);
    const wrong = report.results.filter((r) => !r.asExpected).map((r) => `${r.id}: ${r.verdict} (${r.reason ?? ''})`);
    expect(wrong).toEqual([]);
    expect(resultOf(report, 'p.dirac-eigenvalues').verdict).toBe('proved');
    expect(resultOf(report, 'p.altgd-spectrum').verdict).toBe('proved');
    expect(resultOf(report, 'l14.lemma10').verdict).toBe('verified');
    expect(resultOf(report, 'l14.lemma7').verdict).toBe('verified');
    const noise = resultOf(report, 'p.instance-noise');
    expect(noise.checks.map((c) => c.status)).toEqual(['proved', 'refuted']);
    // The counterexample to "f''(0) < 0 ⇒ Re λ < 0" is the missing condition f'(0) = 0, decided exactly.
    const cx = noise.checks[1]!.counterexample!;
    expect(cx.point.find((p) => p.name === "f'(0)")?.value).toBe('0');
    expect(cx.exact).toBe(true);
  }, 60_000);

  it('reports both sides of the iffs', async () => {
    const report = await runFolder(new URL('../claims', import.meta.url).pathname, 3000, ['l14.lemma7', 'l14.lemma10']);
    for (const id of ['l14.lemma7', 'l14.lemma10']) {
      const iff = resultOf(report, id).checks.find((c) => c.kind === 'iff')!;
      expect(iff.numeric!.sides!['both true']).toBeGreaterThan(100);
      expect(iff.numeric!.sides!['both false']).toBeGreaterThan(100);
    }
  }, 60_000);
});

describe('wrong claims are refuted', () => {
  it('instance noise with σ in place of σ²', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.instance-noise'),
      /sigma\^2 \+ sqrt\(f''\(0\)\^2\*sigma\^4/g,
      "sigma + sqrt(f''(0)^2*sigma^2",
    );
    expectRefuted(await single(block), 0);
  });
  it('Dirac eigenvalues without the i', async () => {
    const block = edit(realClaimBlock(DIRAC, 'p.dirac-eigenvalues'), "to: [f'(0)*i, -f'(0)*i]", "to: [f'(0), -f'(0)]");
    const r = await single(block);
    expectRefuted(r, 0);
    expect(r.checks[0]!.counterexample!.derivedTex).toMatch(/i/);
  });
  it('Lemma 10 with the factor 2 dropped', async () => {
    let block = edit(
      realClaimBlock(L14, 'l14.lemma10'),
      'to: h < (1/abs(a)) * 2/(1 + (b/a)^2)',
      'to: h < (1/abs(a)) * 1/(1 + (b/a)^2)',
    );
    block = edit(block, 'bound(mu): (1/abs(re(mu))) * 2/', 'bound(mu): (1/abs(re(mu))) * 1/');
    const r = await single(block);
    expectRefuted(r, 0);
    expect(r.checks[1]!.status).toBe('refuted');
    expect(r.checks[1]!.counterexample!.detail).toMatch(/left side holds/);
  });
  it('alternating GD with n_g + n_d in place of n_g n_d', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.altgd-spectrum'),
      "alpha: sqrt(n_g*n_d)*h*f'(0)",
      "alpha: sqrt(n_g+n_d)*h*f'(0)",
    );
    expectRefuted(await single(block), 0);
  });
  it('Lemma 7 with C negative semidefinite', async () => {
    const block = edit(realClaimBlock(L14, 'l14.lemma7'), 'with: nsd(A) and psd(C)', 'with: nsd(A) and nsd(C)');
    expectRefuted(await single(block), 0);
  });
});

describe('dynamics refute only with a run repeated exactly', () => {
  it('a flow that fails only in floating point is not checked, with the failing run named', async () => {
    const r = await single(`id: t.flow-grows
title: x' = x tends to 0
where: test
statement: x(t) \\to 0
checks:
  - flow: {x: x}
    state: [x]
    start:
      x: real in [0.5, 1]
    time: 5
    dt: 0.01
    runs: 8
    converges: {to: {x: 0}, tol: 0.001}
expect: refuted
`);
    const c = r.checks[0]!;
    expect(c.status).toBe('not-checked');
    expect(c.counterexample).toBeUndefined();
    expect(c.reason).toMatch(/^run \d+ of 8 fails in floating point .*integrated numerically \(RK4\)/);
  });

  it('a vector state is run again exactly: gradient descent on diag(2, 3) is refuted at h = 1, and converges below 2/3', async () => {
    const claim = (range: string, expect: string) => `id: t.vector-gd
title: gradient descent on a diagonal quadratic converges
where: test
statement: x_{k+1} = x_k - h\\,\\mathrm{diag}(2, 3)\\,x_k \\to 0
symbols:
  h: positive in ${range}
checks:
  - iterate: {x: x - h*[[2, 0], [0, 3]]*x}
    state: [x]
    start:
      x: vector within 1, size 2
    steps: 40
    runs: 12
    converges: {to: {x: [0, 0]}, tol: 0.5}
expect: ${expect}
`;
    const wrong = (await single(claim('[0, 1]', 'refuted'))).checks[0]!;
    expect(wrong.status).toBe('refuted');
    expect(wrong.counterexample!.exact).toBe(true);
    expect(wrong.decidedBy).toEqual([{ method: 'exact-run', run: expect.any(Number), runs: 12, atEdge: false }]);
    expect(wrong.counterexample!.detail).toMatch(/in exact arithmetic, after 40 steps x = \[/);
    expect((await single(claim('[0.1, 0.6]', 'verified'))).checks[0]!.status).toBe('verified');
  });

  it('Proposition 9 and its Dirac-GAN twin are refuted by a Jordan block, decided exactly', async () => {
    const report = await runFolder(new URL('../claims', import.meta.url).pathname, 300, [
      'l14.prop9',
      'p.local-convergence',
    ]);
    for (const id of ['l14.prop9', 'p.local-convergence']) {
      const r = resultOf(report, id);
      expect(r.verdict).toBe('refuted');
      const refuted = r.checks.filter((c) => c.status === 'refuted');
      expect(refuted.length).toBeGreaterThan(0);
      for (const c of refuted) {
        expect(c.counterexample.exact).toBe(true);
        expect(c.counterexample.detail).toMatch(/is repeated, so ‖xₖ − x̄‖ grows like k·ρᵏ/);
      }
      // The vector maps' failures, seen in floating point only, refute nothing.
      expect(r.checks.find((c) => c.label === 'the distance is O(|λ_max|^k)')!.status).toBe('not-checked');
    }
  }, 120_000);
});

describe('changing the model, not the claim, refutes the claim', () => {
  it('instance noise without the noise on the real data', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.instance-noise'),
      'L: E(f(psi*(theta + eps))) + E(f(-psi*eps))',
      'L: E(f(psi*(theta + eps))) + f(0)',
    );
    expectRefuted(await single(block), 0);
  });
  it('instance noise with θ and ψ swapped in the loss', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.instance-noise'),
      'L: E(f(psi*(theta + eps))) + E(f(-psi*eps))',
      'L: E(f(theta*(psi + eps))) + E(f(-theta*eps))',
    );
    expectRefuted(await single(block), 0);
  });
  it('the Dirac-GAN with both players descending', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.dirac-eigenvalues'),
      'v: [-diff(L, theta), diff(L, psi)]',
      'v: [-diff(L, theta), -diff(L, psi)]',
    );
    expectRefuted(await single(block), 0);
  });
  it('alternating GD where the discriminator also descends', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.altgd-spectrum'),
      '{map: {psi: psi + h*diff(L, psi)}, repeat: n_d}',
      '{map: {psi: psi - h*diff(L, psi)}, repeat: n_d}',
    );
    expectRefuted(await single(block), 0);
  });
});

describe('bad input', () => {
  it('a malformed claim is an error with file and line; the others are still checked', async () => {
    const good = realClaimBlock(DIRAC, 'p.dirac-eigenvalues');
    const dir = claimsFolder({
      'a.md': claimFile(good),
      'b.md': claimFile(edit(good, 'id: p.dirac-eigenvalues', 'id: t.broken').replace('theta: real', 'theta: reel')),
    });
    const report = await runFolder(dir, 500);
    expect(resultOf(report, 'p.dirac-eigenvalues').verdict).toBe('proved');
    const bad = resultOf(report, 't.broken');
    expect(bad.verdict).toBe('error');
    expect(bad.errors[0]).toMatchObject({
      file: expect.stringMatching(/b\.md$/),
      message: expect.stringMatching(/unknown domain "reel"/),
    });
    expect(bad.errors[0]!.line).toBeGreaterThan(8);
  });
  it('a derivation that cannot be carried out is an error that names its step', async () => {
    const block = edit(
      realClaimBlock(DIRAC, 'p.dirac-eigenvalues'),
      'J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}',
      'J: {jacobian: v, wrt: [theta], at: {theta: 0, psi: 0}}',
    );
    const r = await single(block);
    expect(r.verdict).toBe('error');
    expect(r.errors[0]!.message).toMatch(/2 components but 1 variables/);
  });
});
