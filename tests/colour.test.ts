/**
 * Colour in the terminal output: on a terminal only (NO_COLOR and FORCE_COLOR honoured), on the
 * verdict words only, and never in JSON or JUnit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colourWanted, verdictPainter } from '../src/cli/colour';
import { claimFile, claimsFolder } from './helpers';

const ROOT = new URL('..', import.meta.url).pathname;
// Built by tests/build-cli.setup.ts.
const CLI = join(ROOT, 'dist', 'claimcheck.mjs');
const ESC = '\x1b[';

/** Runs the command with stdout a pipe and only the given colour variables set. */
function run(args: string[], colourEnv: Record<string, string>, cwd: string) {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'TERM']) delete env[name];
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...env, ...colourEnv } });
  return { code: r.status, stdout: r.stdout };
}

const PROVED = `
id: t.square
title: A square is never negative
where: Lemma 1
statement: x^2 \\ge 0
symbols:
  x: real
derive:
  y: x^2
checks:
  - equal: y
    to: x*x
expect: proved
`;
const REFUTED = PROVED.replace('id: t.square', 'id: t.cube')
  .replace('to: x*x', 'to: x*x*x')
  .replace('expect: proved', 'expect: refuted');

describe('colourWanted', () => {
  it('colours a terminal, not a pipe or a file', () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
  });
  it('lets a non-empty NO_COLOR turn colour off, and ignores an empty one', () => {
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ NO_COLOR: '' }, true)).toBe(true);
  });
  it('lets FORCE_COLOR decide when set, either way', () => {
    expect(colourWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });
  it('does not colour a dumb terminal, nor a pipe because CI is set', () => {
    expect(colourWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colourWanted({ CI: 'true' }, false)).toBe(false);
  });
});

describe('verdictPainter', () => {
  it('paints green, red and yellow by verdict, and nothing when disabled', () => {
    const paint = verdictPainter(true);
    expect(paint('proved', 'x')).toBe('\x1b[32mx\x1b[39m');
    expect(paint('verified', 'x')).toBe('\x1b[32mx\x1b[39m');
    expect(paint('refuted', 'x')).toBe('\x1b[31mx\x1b[39m');
    expect(paint('error', 'x')).toBe('\x1b[31mx\x1b[39m');
    expect(paint('not-checked', 'x')).toBe('\x1b[33mx\x1b[39m');
    expect(verdictPainter(false)('refuted', 'x')).toBe('x');
  });
});

describe('the command', () => {
  const claims = claimsFolder({ 'a.md': claimFile(PROVED) + claimFile(REFUTED).replace(/^---[\s\S]*?---\n/, '') });
  const common = ['--claims', claims, '--no-report', '--no-cache', '--count', '200'];

  it('writes no escape codes into a pipe, nor with NO_COLOR', () => {
    const envs: Array<Record<string, string>> = [{}, { NO_COLOR: '1' }, { CI: 'true' }];
    for (const env of envs) {
      const r = run(common, env, dirname(claims));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ proved\s+t\.square/);
      expect(r.stdout).not.toContain(ESC);
    }
  });

  it('colours only the verdict words with FORCE_COLOR, and never JSON or JUnit', () => {
    const r = run(common, { FORCE_COLOR: '1' }, dirname(claims));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[32m✓ proved      \x1b[39m t.square');
    expect(r.stdout).toContain('\x1b[31m✗ refuted     \x1b[39m t.cube');
    // eslint-disable-next-line no-control-regex -- counting the escape sequences is the test
    expect(r.stdout.match(/\x1b\[/g)).toHaveLength(4);
    const junit = join(mkdtempSync(join(tmpdir(), 'claimcheck-junit-')), 'junit.xml');
    const json = run([...common, '--json', '--junit', junit], { FORCE_COLOR: '1' }, dirname(claims));
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain(ESC);
    expect(JSON.parse(json.stdout).claims.map((c: { verdict: string }) => c.verdict)).toEqual(['proved', 'refuted']);
    expect(readFileSync(junit, 'utf8')).not.toContain(ESC);
  });
});
