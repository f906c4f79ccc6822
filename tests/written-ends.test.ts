/** A range's end written with more digits than its double keeps is the decimal written. */
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../src/model/domain';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';

const pos = { file: 'a.md', line: 1, column: 1 };

describe('range ends as written', () => {
  it('are kept where the double does not keep them, and only there', () => {
    expect(parseDomain('real in [0, 0.33333333333333334]', pos)).toMatchObject({
      range: [0, 1 / 3],
      exactEnds: [undefined, '0.33333333333333334'],
    });
    expect(parseDomain('real in [0.1, 0.3333333333333333]', pos)).not.toHaveProperty('exactEnds');
    expect(parseDomain('positive', pos)).not.toHaveProperty('exactEnds');
  });

  it('decide the instance at that end, and print it as written', async () => {
    const block = (id: string, end: string) =>
      claimFile(`
id: ${id}
title: relu below a third
where: a test
statement: x
symbols:
  x: real in [0, ${end}]
checks:
  - holds: max(x - 1/3, 0) == 0
expect: verified
`);
    const dir = claimsFolder({
      'a.md': block('t.above', '0.33333333333333334'),
      'b.md': block('t.below', '0.33333333333333333'),
    });
    const report = await runFolder(dir, 200);
    const above = resultOf(report, 't.above');
    expect(above.verdict).toBe('refuted');
    expect(above.checks[0]!.counterexample!.exact).toBe(true);
    expect(above.checks[0]!.counterexample!.point.find((p) => p.name === 'x')!.value).toBe('0.33333333333333334');
    expect(resultOf(report, 't.below').verdict).toBe('verified');
  });

  it('approach a bound written in a condition closer than doubles resolve', async () => {
    const block = (id: string, bound: string) =>
      claimFile(`
id: ${id}
title: above the bound, 2x² > 1
where: a test
statement: x
symbols:
  x: real in [0, 1]
checks:
  - implies: x > ${bound}
    then: 2*x^2 > 1
expect: verified
`);
    const dir = claimsFolder({
      'a.md': block('t.below', '0.7071067811865475'),
      'b.md': block('t.above', '0.7071067811865476'),
    });
    const report = await runFolder(dir, 200);
    // (0.7071067811865475, 1/√2) is 2.4·10⁻¹⁷ wide and holds no double.
    const below = resultOf(report, 't.below');
    expect(below.verdict).toBe('refuted');
    expect(below.checks[0]!.counterexample!.exact).toBe(true);
    expect(resultOf(report, 't.above').verdict).toBe('verified');
  });
});
