/**
 * Claims as tests: run a folder of claims inside a project's own vitest (or jest) suite, one test
 * per claim:
 *
 *   import { describe, it } from 'vitest';
 *   import { claimTests } from 'claimcheck/testing';
 *   describe('the lecture notes', () => claimTests('claims/', it));
 *
 * A claim's test fails when its verdict is not the expected one, with the counterexample of each
 * refuted check and the command that replays it. `expectClaims` checks a whole folder in one test.
 */
import { checkCatalogue, exitCodeOf, selected, type RunOptions, type RunReport } from './api';
import { loadClaimFiles } from './parse/index';
import { formatDiagnostic } from './model/source';
import type { ClaimResult, Counterexample } from './model/result';
import { replaysOf, texAsText } from './run/replay';

export type ClaimTestOptions = Omit<RunOptions, 'claimsDir' | 'onResult'> & {
  /** Time limit of each claim's test in milliseconds (the first one waits for the whole run). */
  testTimeout?: number;
};

/** A test registrar: vitest's and jest's `it` and `test` are ones. */
export type TestFunction = (name: string, body: () => Promise<void>, timeout?: number) => unknown;

/** What differs for a claim: its verdict against the expected one, then each check's counterexample and replay command, or its errors. */
export function claimFailure(r: ClaimResult, report: Pick<RunReport, 'claimsDir' | 'seed' | 'count'>): string {
  const head = `${r.id} (${r.file}:${r.line}): ${r.verdict}, expected ${r.expected ?? '—'}${r.reason && r.verdict !== 'refuted' ? ` — ${r.reason}` : ''}`;
  const replays = replaysOf(r, report);
  const checks = r.checks.flatMap((c, k) => {
    if (!c.counterexample || c.status !== 'refuted') return [];
    const replay = replays.find((p) => p.check === k);
    return [
      `check ${k + 1} (${c.label}): ${counterexampleLine(c.counterexample)}${replay ? `\n      replay: ${replay.command}` : ''}`,
    ];
  });
  return [head, ...checks, ...r.errors.map(formatDiagnostic)].join('\n    ');
}

function counterexampleLine(c: Counterexample): string {
  const at = c.point.map((p) => `${p.name} = ${texAsText(p.value)}`).join(', ');
  const sides = [
    c.derivedTex && `derived ${texAsText(c.derivedTex)}`,
    c.claimedTex && `claimed ${texAsText(c.claimedTex)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${c.detail}${at ? ` at ${at}` : ''}${sides ? `; ${sides}` : ''} (${c.exact ? 'certified' : 'floating point, not certified'}; instance ${c.instance})`;
}

/**
 * Registers one test per claim of the folder (and one per problem of a file itself), named by the
 * claim's id. The folder is read when the tests are registered; the claims are checked in one run,
 * started by the first test, which the others wait for.
 */
export function claimTests(claimsDir: string, test: TestFunction, options: ClaimTestOptions = {}): void {
  const { testTimeout = 600_000, ...runOptions } = options;
  let run: Promise<RunReport> | undefined;
  const report = () => (run ??= checkCatalogue({ workers: 0, ...runOptions, claimsDir }));
  for (const doc of loadClaimFiles(claimsDir)) {
    for (const d of doc.diagnostics) {
      test(`${doc.file}:${d.line}`, () => Promise.reject(new Error(formatDiagnostic(d))), testTimeout);
    }
    for (const part of doc.parts) {
      if (part.type === 'prose') continue;
      const [id, line] =
        part.type === 'claim'
          ? [part.claim.id, part.claim.pos.line]
          : [part.id ?? `${doc.file}:${part.line}`, part.line];
      if (!selected(runOptions.only, { id, file: doc.file })) continue;
      test(
        id,
        async () => {
          const done = await report();
          const r = done.results.find((x) => x.id === id && x.file === doc.file && x.line === line);
          if (!r) throw new Error(`${id} (${doc.file}:${line}) was not checked: the file changed while the tests ran`);
          if (!r.asExpected) throw new Error(claimFailure(r, done));
        },
        testTimeout,
      );
    }
  }
}

/**
 * The whole folder as one test: resolves with the report when every claim has its expected
 * verdict; otherwise rejects with what differs for each claim (counterexamples and replay commands
 * included), which is what a test runner shows.
 *
 *   it('the lecture notes are right', async () => { await expectClaims('claims/'); }, 120_000);
 */
export async function expectClaims(claimsDir: string, options: Omit<RunOptions, 'claimsDir'> = {}): Promise<RunReport> {
  const report = await checkCatalogue({ workers: 0, ...options, claimsDir });
  if (exitCodeOf(report) === 0) return report;
  const lines = [
    ...report.diagnostics.map((d) => formatDiagnostic(d)),
    ...report.results.filter((r) => !r.asExpected).map((r) => claimFailure(r, report)),
  ];
  throw new Error(`${lines.length} claim(s) not as expected:\n  ${lines.join('\n  ')}`);
}
