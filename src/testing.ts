/**
 * Claims as tests: run a folder of claims inside a project's own vitest (or any) suite.
 *
 *   import { expectClaims } from 'claimcheck/testing';
 *   it('the lecture notes are right', async () => { await expectClaims('claims/'); }, 120_000);
 *
 * Resolves with the report when every claim has its expected verdict; otherwise rejects with one
 * line per claim that differs (or is in error), which is what a test runner shows.
 */
import { checkCatalogue, exitCodeOf, type RunOptions, type RunReport } from './api';
import { formatDiagnostic } from './model/source';

export async function expectClaims(claimsDir: string, options: Omit<RunOptions, 'claimsDir'> = {}): Promise<RunReport> {
  const report = await checkCatalogue({ workers: 0, ...options, claimsDir });
  if (exitCodeOf(report) === 0) return report;
  const lines = [
    ...report.diagnostics.map((d) => formatDiagnostic(d)),
    ...report.results
      .filter((r) => !r.asExpected)
      .map((r) => `${r.id} (${r.file}:${r.line}): ${r.verdict}, expected ${r.expected ?? '—'}${r.reason ? ` — ${r.reason}` : ''}${r.errors.length ? `\n    ${r.errors.map(formatDiagnostic).join('\n    ')}` : ''}`),
  ];
  throw new Error(`${lines.length} claim(s) not as expected:\n  ${lines.join('\n  ')}`);
}
