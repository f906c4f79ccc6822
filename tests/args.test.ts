import { describe, expect, it } from 'vitest';
import { readArgs } from '../src/cli/args';

const problem = (argv: string[]) => {
  const r = readArgs(argv);
  return 'problem' in r ? r.problem : undefined;
};
const args = (argv: string[]) => {
  const r = readArgs(argv);
  if (!('args' in r)) throw new Error(`not options: ${JSON.stringify(r)}`);
  return r.args;
};

describe('command-line options', () => {
  it('has defaults, and reads values given after the option or with =', () => {
    expect(args([])).toMatchObject({
      claims: 'claims',
      out: 'reports',
      seed: 1,
      count: 10000,
      report: true,
      cache: true,
    });
    expect(args(['--count=300', '--seed', '7', '--timeout', '5', '--no-report', '--no-cache'])).toMatchObject({
      count: 300,
      seed: 7,
      timeoutMs: 5000,
      report: false,
      cache: false,
    });
  });
  it('gathers --only from commas and from repeats', () => {
    expect(args(['--only', 'a.b, c.', '--only=d.md']).only).toEqual(['a.b', 'c.', 'd.md']);
  });
  it('reads --changed-only as changes since HEAD, and --replay with its check and instance', () => {
    expect(args(['--changed-only']).since).toBe('HEAD');
    expect(args(['--replay', 'x.y', '--check', '2', '--instance', '0'])).toMatchObject({
      replay: 'x.y',
      check: 2,
      instance: 0,
    });
  });
  it('asks for the help or the version', () => {
    expect(readArgs(['-h'])).toEqual({ show: 'help' });
    expect(readArgs(['--help'])).toEqual({ show: 'help' });
    expect(readArgs(['--version'])).toEqual({ show: 'version' });
  });
  it('says in one line what is wrong', () => {
    expect(problem(['--bogus'])).toBe('unknown option --bogus');
    expect(problem(['stray'])).toBe('unknown option stray');
    expect(problem(['--watch=no'])).toBe('--watch takes no value');
    expect(problem(['--help=yes'])).toBe('--help takes no value');
    expect(problem(['--claims'])).toBe('--claims needs a value');
    expect(problem(['--claims', '--json'])).toBe('--claims needs a value');
    expect(problem(['--count', 'many'])).toBe('--count needs a whole number ≥ 1, got "many"');
    expect(problem(['--count', '0'])).toBe('--count needs a whole number ≥ 1, got "0"');
    expect(problem(['--seed', '2', '3'])).toBe('--seed takes one value, and "3" follows it');
    expect(problem(['--only', 'a', 'b'])).toMatch(
      /^--only takes one value, and "b" follows it: select several claims with commas/,
    );
    expect(problem(['--only=a', 'b'])).toBe('unknown option b');
  });
});
