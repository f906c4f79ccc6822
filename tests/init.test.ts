/**
 * `claimcheck init` as a user runs it: the built command in a fresh folder, then a check of what
 * it wrote; and its refusals.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CLAIMS } from '../src/cli/init';

const ROOT = new URL('..', import.meta.url).pathname;
// Built by tests/build-cli.setup.ts.
const CLI = join(ROOT, 'dist', 'claimcheck.mjs');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('claimcheck init', () => {
  it('scaffolds claims/ with an example whose checks give the verdicts its file expects', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'claimcheck-init-'));
    const r = run(['init'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote claims/example.md; check it with: claimcheck --claims claims\n');
    expect(readFileSync(join(cwd, 'claims', 'example.md'), 'utf8')).toBe(EXAMPLE_CLAIMS);
    const check = run(['--claims', 'claims', '--no-report', '--json'], cwd);
    expect(check.code, check.stderr).toBe(0);
    const summary = JSON.parse(check.stdout);
    expect(summary.claims).toHaveLength(1);
    expect(summary.claims[0]).toMatchObject({
      id: 'example.rotation-eigenvalues',
      verdict: 'verified',
      expected: 'verified',
      asExpected: true,
    });
    expect(summary.claims[0].checks.map((c: { kind: string; status: string }) => [c.kind, c.status])).toEqual([
      ['equal', 'proved'],
      ['holds', 'verified'],
    ]);
  });

  it('writes into a named folder, new or empty', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'claimcheck-init-'));
    mkdirSync(join(cwd, 'empty'));
    expect(run(['init', 'empty'], cwd).code).toBe(0);
    expect(run(['init', 'notes/lecture3'], cwd).code).toBe(0);
    expect(readFileSync(join(cwd, 'notes', 'lecture3', 'example.md'), 'utf8')).toBe(EXAMPLE_CLAIMS);
  });

  it('refuses a non-empty folder with exit 3 and one line, leaving it as it was', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'claimcheck-init-'));
    mkdirSync(join(cwd, 'claims'));
    writeFileSync(join(cwd, 'claims', 'example.md'), 'my own notes\n');
    const r = run(['init'], cwd);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('claimcheck: claims is not empty; init writes only into a new or empty folder\n');
    expect(readFileSync(join(cwd, 'claims', 'example.md'), 'utf8')).toBe('my own notes\n');
  });

  it('refuses a file in place of the folder, and more than one folder, with exit 3', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'claimcheck-init-'));
    writeFileSync(join(cwd, 'claims'), '');
    const file = run(['init'], cwd);
    expect(file.code).toBe(3);
    expect(file.stderr).toBe('claimcheck: claims exists and is not a folder\n');
    const two = run(['init', 'a', 'b'], cwd);
    expect(two.code).toBe(3);
    expect(two.stderr.trim().split('\n')).toHaveLength(1);
  });
});
