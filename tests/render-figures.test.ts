/** Figures computed from a claim's own model: a refuted rate drawn along its check's map, several quantities on one sweep. */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/render/index';
import type { RunReport } from '../src/api';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';

const pagesOf = (report: RunReport) =>
  renderReport({ ...report, results: report.shown, runInfo: { generated: '', node: '', timings: {} } }).files;

/** Each figure of a page: its title, its text description and its caption, and the SVG. */
function figuresOf(page: string): Array<{ title: string; desc: string; caption: string; svg: string }> {
  return [...page.matchAll(/<figure class="figure">([\s\S]*?)<\/figure>/g)].map((m) => ({
    title: /<title id="[^"]*">([^<]*)<\/title>/.exec(m[1]!)![1]!,
    desc: /<desc id="[^"]*">([^<]*)<\/desc>/.exec(m[1]!)![1]!,
    caption: /<figcaption>([\s\S]*)<\/figcaption>/.exec(m[1]!)![1]!,
    svg: m[1]!,
  }));
}

const RATE = `
id: t.rate
title: A linear map converges at the rate of its spectral radius
where: test
statement: \\|x_k\\| = O(\\rho^k)
symbols: {a: integer -2..2, b: integer -2..2, c: integer -2..2, d: integer -2..2}
checks:
  - iterate: {x1: (a*x1 + b*x2)/4, x2: (c*x1 + d*x2)/4}
    state: [x1, x2]
    start: {x1: real in [-1, 1], x2: real in [-1, 1]}
    steps: 100
    runs: 50
    when: x1^2 + x2^2 > 0
    rate:
      to: {x1: 0, x2: 0}
      rho: spectralRadius([[a, b], [c, d]]/4)
figures:
  - rate: 1
    runs:
      - {at: {a: 1, b: 0, c: -2, d: 1}, from: {x1: 1, x2: 1}, label: a Jordan block}
      - {at: {a: 1, b: 0, c: 0, d: 1}, from: {x1: 1, x2: 1}, label: diagonal}
    steps: 40
    title: The distance over the rate
expect: refuted
`;

const PENALTY = `
id: t.penalty
title: The penalty moves the eigenvalues left
where: test
statement: \\max \\operatorname{Re} \\lambda(A - gA^\\top A) \\le \\max \\operatorname{Re} \\lambda(A)
checks:
  - holds: max(re(eigenvalues(A - g*transpose(A)*A))) <= max(re(eigenvalues(A)))
    draw:
      A: stable matrix, size 2..3
      g: positive in [0, 2]
    count: 200
figures:
  - sweep: [max(re(eigenvalues(A - g*transpose(A)*A))), max(re(eigenvalues(A)))]
    labels: [with the penalty, without]
    over: g
    from: 0
    to: 2
    at: {A: [[0, 1], [-1, -2]]}
    points: 41
expect: refuted
`;

const MIXTURES = `
id: t.mixtures
title: Two mixtures
where: test
statement: D_\\mu - D_\\nu
symbols: {m1: real, m2: real, m3: real, m4: real}
define:
  D(x, p1, p2): phi(x - p1)/2 + phi(x - p2)/2
checks:
  - holds: D(0, m1, m2) > 0
figures:
  - sweep: [D(x, m1, m2), D(x, m3, m4), D(x, m1, m2) - D(x, m3, m4)]
    over: x
    from: -5
    to: 5
    at: {m1: -2, m2: 2, m3: -0.5, m4: 0.5}
    zeros: 3
    points: 101
  - sweep: D(x, m1, m2) - D(x, m3, m4)
    over: x
    from: -4
    to: 5
    at: {m1: 0, m2: 1, m3: 1, m4: 0}
    points: 51
expect: verified
`;

const VALUES = `
id: t.values
title: Sweeps over a function's value and through a maximum
where: test
statement: f'(0)^2 + c^2 \\ge 0
symbols: {f: function, c: real, t: real in [0, 1]}
checks:
  - holds: f'(0)^2 + c^2 + t^2 >= 0
figures:
  - sweep: [f'(0)^2]
    labels: [the square]
    over: f'(0)
    from: -1
    to: 1
    points: 21
  - sweep: maxOver(c*t - t^2, t, 0, 1)
    over: c
    from: 0
    to: 2
    points: 21
expect: proved
`;

describe('figures of a claim', () => {
  let report: RunReport;
  let page: string;
  beforeAll(async () => {
    report = await runFolder(
      claimsFolder({
        'f.md':
          claimFile(RATE) +
          claimFile(PENALTY).replace(/^---[\s\S]*?---\n/, '') +
          claimFile(MIXTURES).replace(/^---[\s\S]*?---\n/, '') +
          claimFile(VALUES).replace(/^---[\s\S]*?---\n/, ''),
      }),
      200,
    );
    page = pagesOf(report).get('lecture-test.html')!;
  }, 120_000);

  it("draw a refuted rate along the check's own map: the ratio grows for a Jordan block and stays for a diagonal matrix", () => {
    const f = figuresOf(page).find((x) => x.title === 'The distance over the rate')!;
    expect(f).toBeDefined();
    expect(resultOf(report, 't.rate').figures![0]!.series.map((s) => s.label)).toEqual(['a Jordan block', 'diagonal']);
    // ρ = 1/4 for both; the Jordan block's ratio ‖(1, 1 − 2k)‖ ends at ‖(1, −79)‖, the diagonal's stays √2.
    expect(f.desc).toContain('a Jordan block (ρ = 0.25): the ratio goes from 1.414 at k = 0 to 79.006 at k = 40');
    expect(f.desc).toContain('diagonal (ρ = 0.25): the ratio goes from 1.414 at k = 0 to 1.414 at k = 40, 1.00 times');
    expect(f.caption).toContain(f.desc);
  });

  it('name the check they draw, and say so when it is not an iterate check with a rate', async () => {
    const wrong = RATE.replace('id: t.rate', 'id: t.rate-wrong').replace('  - rate: 1', '  - rate: 2');
    const r = await runFolder(claimsFolder({ 'w.md': claimFile(wrong) }), 50);
    expect(resultOf(r, 't.rate-wrong').verdict).toBe('error');
    expect(resultOf(r, 't.rate-wrong').reason).toMatch(/rate: check 2 is not an iterate check with a rate/);
  }, 60_000);

  it('draw several quantities on one sweep, with a drawn matrix given in at:', () => {
    const f = figuresOf(page).find((x) => x.desc.includes('with the penalty'))!;
    expect(f.desc).toMatch(/^2 quantities for g from 0 to 2 at A = \[\[0, 1\], \[−1, −2\]\]: /);
    // The rightmost eigenvalue of A − gAᵀA goes right, to −0.5 at g = 0.5; that of A stays at −1.
    expect(f.desc).toContain('with the penalty, from −1.000 to −0.675, between −1.000 and −0.500');
    expect(f.desc).toContain('without, from −1.000 to −1.000, between −1.000 and −1.000');
    expect(f.svg.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(2);
  });

  it('mark where a quantity changes sign, and say when one is 0 everywhere it is drawn', () => {
    const [tv, zero] = figuresOf(page).filter((x) => x.desc.includes('x from'));
    // G(−2, 2) − G(−0.5, 0.5) is positive in the tails: two sign changes, symmetric about 0.
    expect(tv!.desc).toMatch(
      /dashed lines where D\(x, m₁, m₂\) − \(?D\(x, m₃, m₄\)\)? changes sign, at x = −1\.39\d, 1\.39\d\.$/,
    );
    expect(tv!.svg.match(/stroke-dasharray="5 3"/g)).toHaveLength(2);
    expect(zero!.desc).toMatch(/: 0 at every point drawn\.$/);
  });

  it("sweep a function's value written f'(0), and a maximum over a declared symbol the maximum binds", () => {
    expect(resultOf(report, 't.values').figures).toHaveLength(2);
    const [value, max] = figuresOf(page).filter((x) => / for (f′\(0\)|c) from/.test(x.desc));
    expect(value!.desc).toMatch(
      /^the square for f′\(0\) from −1 to 1: from 1\.000 to 1\.000, between 0\.000 and 1\.000/,
    );
    // max over t ∈ [0, 1] of ct − t² is c²/4 for c ≤ 2; t, bound by the maximum, needs no value in at:.
    expect(max!.desc).toMatch(/ for c from 0 to 2: from 0\.000 to 1\.000/);
  });
});
