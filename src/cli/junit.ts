/** JUnit XML for CI: one test case per claim; a verdict other than the expected one is a failure, a claim-file error an error. */
import type { RunReport } from '../api';
import { formatDiagnostic } from '../model/source';

const x = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function junitXml(report: RunReport): string {
  const byFile = new Map<string, RunReport['results']>();
  for (const r of report.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const suites = [...byFile].map(([file, rs]) => {
    const failures = rs.filter((r) => !r.asExpected && r.verdict !== 'error').length;
    const errors = rs.filter((r) => r.verdict === 'error').length;
    const time = rs.reduce((s, r) => s + r.timings.deriveMs + r.timings.checkMs, 0) / 1000;
    const cases = rs.map((r) => {
      const t = ((r.timings.deriveMs + r.timings.checkMs) / 1000).toFixed(3);
      const body =
        r.verdict === 'error'
          ? `<error message="${x(r.reason ?? 'error')}">${x(r.errors.map(formatDiagnostic).join('\n'))}</error>`
          : !r.asExpected
            ? `<failure message="${x(`${r.verdict}, expected ${r.expected ?? '—'}`)}">${x(r.checks.map((c) => `${c.status}: ${c.label}${c.counterexample ? ` — ${c.counterexample.detail}` : ''}`).join('\n') || (r.reason ?? ''))}</failure>`
            : `<system-out>${x(`${r.verdict}${r.reason ? `: ${r.reason}` : ''}`)}</system-out>`;
      return `    <testcase classname="${x(file)}" name="${x(r.id)}" time="${t}">${body}</testcase>`;
    });
    return `  <testsuite name="${x(file)}" tests="${rs.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="claimcheck" tests="${report.results.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}
