#!/usr/bin/env node
/**
 * claimcheck command line: a thin shell over the library API.
 *   claimcheck [--claims DIR] [--out DIR] [--seed N] [--count N] [--only ID[,ID…]] [--json]
 * Exit status: 0 every verdict as expected; 1 some verdict differs from its claim's expect;
 * 2 a claim file is in error; 3 bad command-line usage.
 */
import { checkCatalogue, exitCodeOf, DEFAULTS, type RunReport } from '../api';
import { renderReport, writeReport } from '../render/index';
import { formatDiagnostic } from '../model/source';
import type { ClaimResult } from '../model/result';

const HELP = `claimcheck — derive and check the claims in claims/*.md, write reports/index.html

Options:
  --claims DIR     folder of claim files (default: claims)
  --out DIR        report folder (default: reports)
  --seed N         seed of every random check (default: ${DEFAULTS.seed})
  --count N        random instances per numeric check (default: ${DEFAULTS.count})
  --only LIST      comma-separated claim ids, id prefixes ending in '.', or file names
  --json           print a JSON summary on stdout instead of the text lines
  --workers N      worker threads (default: ${DEFAULTS.workers})
  --timeout S      seconds per claim before it is 'not checked: timed out' (default: ${DEFAULTS.timeoutMs / 1000})
  --no-report      do not write the report
  -h, --help       this text

Exit status: 0 every verdict is the expected one; 1 a verdict differs from its claim's
"expect"; 2 a claim file is in error; 3 bad usage.`;

interface Args {
  claims: string;
  out: string;
  seed: number;
  count: number;
  only?: string[];
  json: boolean;
  workers: number;
  timeoutMs: number;
  report: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { claims: 'claims', out: 'reports', seed: DEFAULTS.seed, count: DEFAULTS.count, json: false, workers: DEFAULTS.workers, timeoutMs: DEFAULTS.timeoutMs, report: true };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++k];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (min: number) => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number ≥ ${min}, got "${v}"`);
      return n;
    };
    try {
      switch (flag) {
        case '--claims': a.claims = value(); break;
        case '--out': a.out = value(); break;
        case '--seed': a.seed = int(0); break;
        case '--count': a.count = int(1); break;
        case '--only': a.only = value().split(',').map((s) => s.trim()).filter(Boolean); break;
        case '--json': a.json = true; break;
        case '--workers': a.workers = int(0); break;
        case '--timeout': a.timeoutMs = int(1) * 1000; break;
        case '--no-report': a.report = false; break;
        case '-h': case '--help': return 'help';
        default: return `unknown option ${arg}`;
      }
    } catch (e) {
      return (e as Error).message;
    }
  }
  return a;
}

const MARK: Record<string, string> = { proved: '✓ proved', verified: '≈ verified', refuted: '✗ refuted', 'not-checked': '? not checked', error: '! error' };

function line(r: ClaimResult): string {
  const verdict = (MARK[r.verdict] ?? r.verdict).padEnd(14);
  const expect = r.asExpected ? '' : `   ← expected ${r.expected ?? '(none)'}`;
  const why = r.verdict === 'error' ? `\n      ${r.errors.map(formatDiagnostic).join('\n      ')}` : r.verdict === 'not-checked' && r.reason ? `   (${r.reason})` : '';
  return `${verdict} ${r.id}${expect}${why}`;
}

function summary(report: RunReport): Record<string, unknown> {
  return {
    seed: report.seed,
    count: report.count,
    exitCode: exitCodeOf(report),
    totals: report.results.reduce<Record<string, number>>((t, r) => ((t[r.verdict] = (t[r.verdict] ?? 0) + 1), t), {}),
    claims: report.results.map((r) => ({
      id: r.id,
      file: r.file,
      line: r.line,
      verdict: r.verdict,
      expected: r.expected,
      asExpected: r.asExpected,
      ...(r.reason ? { reason: r.reason } : {}),
      checks: r.checks.map((c) => ({ kind: c.kind, label: c.label, status: c.status, decidedBy: c.decidedBy, ...(c.numeric ? { numeric: c.numeric } : {}), ...(c.counterexample ? { counterexample: { point: c.counterexample.point, detail: c.counterexample.detail, seed: c.counterexample.seed, instance: c.counterexample.instance } } : {}) })),
      errors: r.errors,
      timings: r.timings,
    })),
    diagnostics: report.diagnostics,
  };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`claimcheck: ${args}\n\n${HELP}\n`);
    return 3;
  }
  const started = performance.now();
  const report = await checkCatalogue({
    claimsDir: args.claims,
    seed: args.seed,
    count: args.count,
    ...(args.only ? { only: args.only } : {}),
    workers: args.workers,
    timeoutMs: args.timeoutMs,
    onResult: args.json ? undefined : (r) => process.stdout.write(`${line(r)}\n`),
  });
  let renderMs = 0;
  let katexErrors = 0;
  if (args.report) {
    const t = performance.now();
    const rendered = renderReport({
      documents: report.documents,
      results: report.results,
      established: report.established,
      diagnostics: report.diagnostics,
      seed: report.seed,
      count: report.count,
      runInfo: { generated: new Date().toISOString(), node: process.version, timings: { parse: report.timings.parseMs, check: report.timings.checkMs } },
    });
    writeReport(rendered, args.out);
    renderMs = performance.now() - t;
    katexErrors = rendered.katexErrors.length;
  }
  const code = exitCodeOf(report);
  if (args.json) {
    const timings = { parseMs: report.timings.parseMs, checkMs: report.timings.checkMs, renderMs, totalMs: performance.now() - started };
    process.stdout.write(`${JSON.stringify({ ...summary(report), report: args.report ? `${args.out}/index.html` : null, katexErrors, timings }, null, 2)}\n`);
  } else {
    for (const d of report.diagnostics) process.stdout.write(`! ${formatDiagnostic(d)}\n`);
    const totals = report.results.reduce<Record<string, number>>((t, r) => ((t[r.verdict] = (t[r.verdict] ?? 0) + 1), t), {});
    const differ = report.results.filter((r) => !r.asExpected).length;
    process.stdout.write(
      `\n${report.results.length} claims: ${Object.entries(totals).map(([k, v]) => `${v} ${k}`).join(', ')}; ${differ === 0 ? 'all as expected' : `${differ} not as expected`}` +
        `${args.report ? ` — report ${args.out}/index.html` : ''}${katexErrors ? ` (${katexErrors} KaTeX errors!)` : ''} (${((performance.now() - started) / 1000).toFixed(2)} s, render ${renderMs.toFixed(0)} ms)\n`,
    );
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`claimcheck: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(4);
  },
);
