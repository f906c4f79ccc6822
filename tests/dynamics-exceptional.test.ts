/**
 * Dynamics judged where floating point and random draws cannot see: the starts a nonsmooth map of
 * one number hides its failure at (exceptional-starts.ts), passes met within rounding of the
 * criterion's bound, and the criterion's numbers taken as written.
 */
import { describe, expect, it } from 'vitest';
import { parseMath } from '../src/expr/mathjs-parser';
import * as Q from '../src/certified/rational';
import { exceptionalStarts, nonsmoothArguments } from '../src/kinds/support/exceptional-starts';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';

/** Evaluates an argument written in x exactly, for affine arguments with rational coefficients. */
function affineAt(node: ReturnType<typeof parseMath>, x: Q.Rational): Q.Rational | undefined {
  const text = node.toString();
  const m = /^x - (\d+) \/ (\d+)$/.exec(text);
  if (text === 'x') return x;
  return m ? Q.sub(x, Q.rat(BigInt(m[1]!), BigInt(m[2]!))) : undefined;
}
const unit: [Q.Rational, Q.Rational] = [Q.ZERO, Q.ONE];
const inUnit = (x: Q.Rational) => Q.cmp(x, Q.ZERO) >= 0 && Q.cmp(x, Q.ONE) <= 0;

describe('exceptional starts of a nonsmooth map', () => {
  it('are the arguments of abs, sign, step, and the difference of max and min', () => {
    const args = nonsmoothArguments([parseMath('x/2 + max(0, 1 - abs(x - 1/3)) + sign(x) + x^2')]);
    expect(args.map((a) => a.toString())).toEqual(['0 - (1 - abs(x - 1 / 3))', 'x - 1 / 3', 'x']);
    expect(nonsmoothArguments([parseMath('x/2 + x^2')])).toEqual([]);
  });

  it('put the root of an affine argument first, then the simple rationals of the range', () => {
    const starts = exceptionalStarts([parseMath('x - 5/17')], affineAt, unit, inUnit).map(Q.ratText);
    expect(starts[0]).toBe('5/17');
    expect(starts).toContain('1/3');
    expect(starts).toContain('2/3');
    expect(starts).toContain('7/12');
    expect(starts).not.toContain('1/13');
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.length).toBeLessThanOrEqual(64);
  });

  it('leave out a root outside the start domain, and an argument without an exact value', () => {
    const starts = exceptionalStarts([parseMath('x - 7/5'), parseMath('x^2 - 2')], affineAt, unit, inUnit);
    expect(starts.map(Q.ratText)).not.toContain('7/5');
    expect(starts.every(inUnit)).toBe(true);
  });
});

const run = (id: string, iterate: string, start: string, criterion: string, steps = 100) =>
  claimFile(`
id: ${id}
title: a run
where: a test
statement: x
checks:
  - iterate: {x: ${iterate}}
    state: [x]
    start:
      x: real in ${start}
    steps: ${steps}
    runs: 20
    ${criterion}
expect: verified
`);

describe('dynamics no draw decides', () => {
  it('refutes a fixed point hidden in a window 10⁻⁷ wide, exactly, at 1/3', async () => {
    const map = 'x/2 + (x/2)*max(0, 1 - 10000000*abs(x - 1/3))';
    const dir = claimsFolder({
      'a.md': run('t.window', map, '[0, 1]', 'converges: {to: {x: 0}, tol: 1e-6}'),
      'b.md': run('t.clear', map, '[0.7, 1]', 'converges: {to: {x: 0}, tol: 1e-6}'),
      'c.md': run(
        't.kick',
        'x/2 + 1000000000*max(0, 1e-8 - abs(x - 0.3))',
        '[0.5, 1]',
        'stays: {from: {x: 0}, within: [0, 1]}',
        20,
      ),
    });
    const report = await runFolder(dir, 20);
    const window = resultOf(report, 't.window');
    expect(window.verdict).toBe('refuted');
    expect(window.checks[0]!.counterexample!.exact).toBe(true);
    expect(window.checks[0]!.counterexample!.detail).toContain('x = 1/3');
    expect(resultOf(report, 't.clear').verdict).toBe('verified');
    // 0.6 halves to the kick at 0.3: a simple rational of the range.
    expect(resultOf(report, 't.kick').checks[0]!.counterexample!.detail).toContain('x = 0.6');
  });

  it('repeats exactly a pass met within rounding, with the bounds as written', async () => {
    const dir = claimsFolder({
      'a.md': run('t.absorbed', 'x - 1e-17*x', '[0.5, 1]', 'stays: {from: {x: 0}, within: [1, 2]}', 10),
      'b.md': run('t.equal-tol', '(x + 1e-20)/2', '[0.5, 1]', 'converges: {to: {x: 0}, tol: 1e-20}', 300),
      'c.md': run('t.written-above', 'x/2', '[0, 1]', 'converges: {to: {x: 0}, tol: 7.8886090522101181e-31}'),
      'd.md': run('t.written-below', 'x/2', '[0, 1]', 'converges: {to: {x: 0}, tol: 7.888609052210118e-31}'),
      'e.md': run('t.bound-digits', 'x/2', '[0.5, 1]', 'stays: {from: {x: 0}, within: [0.5000000000000000001, 1]}', 1),
    });
    const report = await runFolder(dir, 20);
    for (const id of ['t.absorbed', 't.equal-tol', 't.written-below', 't.bound-digits']) {
      const r = resultOf(report, id);
      expect(r.verdict, id).toBe('refuted');
      expect(r.checks[0]!.counterexample!.exact, id).toBe(true);
    }
    // 2⁻¹⁰⁰ is below 7.8886090522101181e-31 as written, though the double of that text is 2⁻¹⁰⁰.
    expect(resultOf(report, 't.written-above').verdict).toBe('verified');
  });

  it('takes no overflow past the factor for a pass within rounding', async () => {
    const dir = claimsFolder({
      'a.md': run('t.overflow', '1e10*x', '[0.5, 1]', 'diverges: {from: {x: 0}, factor: 2}', 1000),
    });
    expect(resultOf(await runFolder(dir, 20), 't.overflow').verdict).toBe('verified');
  });
});
