/**
 * JUnit XML for CI: one test case per claim; a verdict other than the expected one is a failure, a
 * claim-file error an error, an expected not-checked a skip. A problem of the file itself (front matter, an unterminated fence) is
 * one more test case in error, or CI would see a run that exited 2 with nothing in error.
 */
import { decisionText } from '../model/decision-text';
import type { RunReport } from '../api';
import { formatDiagnostic, type Diagnostic } from '../model/source';
import type { Counterexample } from '../model/result';
import { replaysOf, texAsText } from '../run/replay';

// Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) can come from a
// claim's text; no escape makes them legal, so they become U+FFFD.
const x = (s: string) =>
  s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A counterexample in one line: where, what fails there, and how it was decided. */
function counterexampleText(c: Counterexample): string {
  const at = c.point.map((p) => `${p.name} = ${texAsText(p.value)}`).join(', ');
  return `${c.detail}${at ? ` at ${at}` : ''} (${c.exact ? 'certified' : 'floating point'}; seed ${c.seed}, instance ${c.instance})`;
}

/**
 * A verdict not as expected: the message names the first counterexample (what a CI page shows
 * first), the text every check with its counterexample, what decided it and the command that replays it.
 */
function failure(r: RunReport['results'][number], report: RunReport): string {
  const replays = replaysOf(r, report);
  const first = r.checks.find((c) => c.counterexample && c.status === 'refuted')?.counterexample;
  const message = `${r.verdict}, expected ${r.expected ?? '—'}${first ? `: ${counterexampleText(first)}` : ''}`;
  const text = r.checks.map((c, k) => {
    const replay = replays.find((p) => p.check === k);
    const how = c.decidedBy.length ? `\n  decided by: ${c.decidedBy.map((d) => decisionText(d)).join('; ')}` : '';
    return `${c.status}: ${c.label}${c.counterexample ? ` — ${counterexampleText(c.counterexample)}` : c.reason ? ` — ${c.reason}` : ''}${how}${replay ? `\n  replay: ${replay.command}` : ''}`;
  });
  return `<failure message="${x(message)}">${x(text.join('\n') || (r.reason ?? ''))}</failure>`;
}

export function junitXml(report: RunReport): string {
  const byFile = new Map<string, RunReport['results']>();
  const fileErrors = new Map<string, Diagnostic[]>();
  for (const r of report.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const d of report.diagnostics) {
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    fileErrors.set(d.file, [...(fileErrors.get(d.file) ?? []), d]);
  }
  // Totals on the root too: some CI parsers read only the root element.
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  // A claim expected not to be checked (beyond a finite check) that is not checked passes nothing: a skip, with its reason.
  const skipped = (r: RunReport['results'][number]) => r.asExpected && r.verdict === 'not-checked';
  const suites = [...byFile].map(([file, rs]) => {
    const ds = fileErrors.get(file) ?? [];
    const failures = rs.filter((r) => !r.asExpected && r.verdict !== 'error').length;
    const errors = rs.filter((r) => r.verdict === 'error').length + ds.length;
    const skips = rs.filter(skipped).length;
    total.tests += rs.length + ds.length;
    total.failures += failures;
    total.errors += errors;
    total.skipped += skips;
    const time = rs.reduce((s, r) => s + r.timings.deriveMs + r.timings.checkMs, 0) / 1000;
    const cases = rs.map((r) => {
      const t = ((r.timings.deriveMs + r.timings.checkMs) / 1000).toFixed(3);
      const body =
        r.verdict === 'error'
          ? `<error message="${x(r.reason ?? 'error')}">${x(r.errors.map(formatDiagnostic).join('\n'))}</error>`
          : skipped(r)
            ? `<skipped message="${x(r.reason ?? 'not checked, as expected')}"/>`
            : !r.asExpected
              ? failure(r, report)
              : `<system-out>${x(`${r.verdict}${r.reason ? `: ${r.reason}` : ''}`)}</system-out>`;
      return `    <testcase classname="${x(file)}" name="${x(r.id)}" time="${t}">${body}</testcase>`;
    });
    for (const d of ds)
      cases.push(
        `    <testcase classname="${x(file)}" name="${x(`${file}:${d.line}`)}" time="0.000"><error message="${x(d.message)}">${x(formatDiagnostic(d))}</error></testcase>`,
      );
    return `  <testsuite name="${x(file)}" tests="${rs.length + ds.length}" failures="${failures}" errors="${errors}" skipped="${skips}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="claimcheck" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
