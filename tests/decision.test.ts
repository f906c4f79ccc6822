/**
 * How a check was decided is data: the check stage writes records, the verdict stage merges size
 * cases by their method, and one formatter writes the sentences (with or without their asides).
 */
import { describe, expect, it } from 'vitest';
import { decisionText } from '../src/model/decision-text';
import { renderReport } from '../src/render/index';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';

describe('decisionText', () => {
  it('writes the sentence with its asides, and the one-line summary without them', () => {
    const instances = { method: 'instances', instances: 10045, special: 74, seed: 1 } as const;
    expect(decisionText(instances)).toBe('10045 instances (74 special), seed 1');
    expect(decisionText(instances, { asides: false })).toBe('10045 instances, seed 1');
    expect(decisionText({ ...instances, decided: 10000 })).toBe(
      '10000 of 10045 instances (74 special) decided, seed 1',
    );
    const agreement = {
      method: 'float-agreement',
      compared: 98,
      points: 100,
      special: 3,
      worstError: 1.234e-15,
      restRounding: true,
    } as const;
    expect(decisionText(agreement)).toBe(
      "floating-point agreement at 98 of 100 points (3 special), worst relative error 1.2e-15 (at the others floating point's own rounding, the identity being proved exactly)",
    );
    expect(decisionText(agreement, { asides: false })).toBe(
      'floating-point agreement at 98 of 100 points, worst relative error 1.2e-15',
    );
  });
  it('keeps the parentheses of a formula: a sign proof has no asides', () => {
    const proof = {
      method: 'sign-proof',
      difference: 'x - (y + 1) + 2',
      differenceTex: 'x - (y + 1) + 2',
      sign: 'positive',
    } as const;
    expect(decisionText(proof, { asides: false })).toBe(
      'sign prover: x - (y + 1) + 2 is positive on the declared domains',
    );
  });
  it('states the Schwartz–Zippel bound, and 0 when no point can agree by chance', () => {
    const sz = { method: 'schwartz-zippel', points: 30, everyInteger: false, perPoint: 0.001, exponent: -90 } as const;
    expect(decisionText(sz)).toMatch(/at most 0\.001, so all 30 with probability below 10\^-90\)$/);
    expect(decisionText({ ...sz, perPoint: 0, exponent: -Infinity })).toMatch(/probability below 0\)$/);
    expect(decisionText(sz, { asides: false })).toBe('exact agreement at 30 random points');
  });
});

describe('decisions of a check over size cases', () => {
  it('replace each case’s count of instances by one record over the cases; a refutation names its case', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.size-cases
title: a trace over sizes
where: test
statement: \\operatorname{tr}(A^\\top A) \\ge 0
symbols:
  n: integer 2..3
  A: matrix(n, n)
checks:
  - holds: trace(transpose(A)*A) >= 0
  - holds: trace(A) > 0
expect: refuted
`),
    });
    const r = resultOf(await runFolder(dir, 200), 't.size-cases');
    expect(r.verdict).toBe('refuted');
    const methods = r.checks[0]!.decidedBy.map((d) => d.method);
    expect(methods).not.toContain('instances');
    expect(r.checks[0]!.decidedBy.at(-1)).toMatchObject({ method: 'size-cases', cases: 2, first: 'n=2', last: 'n=3' });
    expect(r.checks[1]!.decidedBy).toEqual([
      { method: 'certified-counterexample', excludes: 'the boundary' },
      { method: 'size-case', label: 'n=2' },
    ]);
  });
});

describe('decisions in the report', () => {
  it('typeset a sign proof’s difference as mathematics, in the evidence line and in the status table', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(`
id: t.sign-proof
title: a logistic slope is positive
where: test
statement: f'(t) > 0
symbols: {t: real}
derive:
  slope: exp(-t)/(1 + exp(-t))^2
checks:
  - holds: slope > 0
expect: proved
`),
    });
    const report = await runFolder(dir, 100);
    expect(resultOf(report, 't.sign-proof').checks[0]!.decidedBy[0]).toMatchObject({ method: 'sign-proof' });
    const files = renderReport({
      ...report,
      results: report.shown,
      runInfo: { generated: '', node: '', timings: {} },
    }).files;
    const pages = [...files.values()].join('\n');
    expect(pages).toContain('sign prover: <span class="katex');
    expect(pages).not.toMatch(/sign prover: \(?1\+e\^/);
  });
});
