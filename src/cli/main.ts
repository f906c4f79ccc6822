#!/usr/bin/env node
/**
 * claimcheck command line: a thin shell over the library API.
 *   claimcheck [--claims DIR] [--out DIR] [--seed N] [--count N] [--only ID[,ID…]] [--json]
 *              [--junit FILE] [--since REV | --changed-only] [--watch] [--no-cache]
 *   claimcheck --replay ID [--check K] [--instance N] [--claims DIR] [--seed N] [--count N]
 *   claimcheck init [DIR]
 * Exit status: 0 every verdict as expected; 1 some verdict differs from its claim's expect;
 * 2 a claim file is in error; 3 bad command-line usage; 4 internal error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { checkCatalogue, exitCodeOf, selected, DEFAULTS, WorkerPool, type RunReport } from '../api';
import { junitXml } from './junit';
import { fingerprint, watchFolders } from './watch';
import { HELP, readArgs, usageProblem, version, type Args } from './args';
import { initClaims } from './init';
import { colourWanted, verdictPainter } from './colour';
import { formulaDiagnostic, renderReport, writeReport } from '../render/index';
import { parsedStore, typesetStore } from './stores';
import { loadClaimFiles } from '../parse/index';
import { formatDiagnostic, type Diagnostic } from '../model/source';
import type { ClaimResult, Counterexample } from '../model/result';
import { replaysOf, replayCommand, texAsText } from '../run/replay';
import { replayCheck } from '../run/claim';
import { verdictLabel } from '../model/claim';
import { decisionText } from '../model/decision-text';
import type { Decision } from '../model/decision';

const paintVerdict = verdictPainter(colourWanted(process.env, process.stdout.isTTY === true));

/**
 * A claim's line of the terminal output (only ever written to stdout as text, so it may be
 * coloured), and under a refuted claim the command that replays each counterexample.
 */
function line(r: ClaimResult, args: Args): string {
  // Padded before painting: escape codes take no columns.
  const verdict = paintVerdict(r.verdict, verdictLabel(r.verdict).padEnd(14));
  const expect = r.asExpected ? '' : `   ← expected ${r.expected ?? '(none)'}`;
  const why =
    r.verdict === 'error'
      ? `\n      ${r.errors.map((d) => withSource(d, '      ')).join('\n      ')}`
      : r.verdict === 'not-checked' && r.reason
        ? `   (${r.reason})`
        : '';
  const replays = replaysOf(r, { claimsDir: args.claims, seed: args.seed, count: args.count }).map(
    (p) => `\n      check ${p.check + 1} (${p.label}), replay: ${p.command}`,
  );
  return `${verdict} ${r.id}${expect}${why}${replays.join('')}`;
}

const fileLines = new Map<string, string[] | undefined>();
/** A diagnostic as a compiler prints one: the message, then its source line with a caret under the column. */
function withSource(d: Diagnostic, indent: string): string {
  if (!fileLines.has(d.file)) {
    try {
      fileLines.set(d.file, readFileSync(d.file, 'utf8').split(/\r?\n/));
    } catch {
      fileLines.set(d.file, undefined);
    }
  }
  const source = fileLines.get(d.file)?.[d.line - 1];
  if (source === undefined) return formatDiagnostic(d);
  const gutter = String(d.line).padStart(5);
  return `${formatDiagnostic(d)}\n${indent}${gutter} | ${source}\n${indent}${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.column - 1))}^`;
}

/** Each decision as its record and its sentence: scripts read the fields, people the text. */
function decisionsJson(ds: Decision[]): Array<Decision & { text: string }> {
  return ds.map((d) => ({ ...d, text: decisionText(d) }));
}

/** A counterexample in the JSON summary: the point, both sides as text, and the command that replays it. */
function counterexampleJson(c: Counterexample, replay: string | undefined): Record<string, unknown> {
  return {
    point: c.point.map((p) => ({ ...p, value: texAsText(p.value) })),
    derived: texAsText(c.derivedTex),
    claimed: texAsText(c.claimedTex),
    detail: c.detail,
    exact: c.exact,
    seed: c.seed,
    instance: c.instance,
    ...(replay ? { replay } : {}),
  };
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
      checks: r.checks.map((c, k) => ({
        kind: c.kind,
        label: c.label,
        status: c.status,
        decidedBy: decisionsJson(c.decidedBy),
        ...(c.numeric ? { numeric: c.numeric } : {}),
        ...(c.counterexample
          ? {
              counterexample: counterexampleJson(
                c.counterexample,
                replaysOf(r, report).find((p) => p.check === k)?.command,
              ),
            }
          : {}),
      })),
      errors: r.errors,
      timings: r.timings,
    })),
    diagnostics: report.diagnostics,
  };
}

/**
 * Claim files changed since a git revision (committed, staged, unstaged or untracked), as paths
 * relative to the working directory (how claims name their files). git runs in the claims folder,
 * so the folder may sit in any repository; -z keeps names git would otherwise quote (non-ASCII),
 * and --full-name gives untracked files from the top, like diff does.
 */
function changedFiles(claimsDir: string, rev: string): string[] {
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8', cwd: claimsDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const names = (out: string) => out.split('\0').filter(Boolean);
  const top = git('rev-parse', '--show-toplevel').trim();
  const files = new Set([
    ...names(git('diff', '--name-only', '-z', rev, '--', '.')),
    ...names(git('ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', '.')),
  ]);
  return [...files].map((f) => relative(process.cwd(), resolve(top, f))).filter((f) => f.endsWith('.md'));
}

/** A progress line on a terminal (stderr), nothing when output goes to a file or a pipe. */
function progress(done: number, current: string): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r\x1b[2K[${done} checked] last: ${current}`);
}

/** Results and typeset formulas kept between runs (relative to where the tool is run, like reports/). */
const CACHE_DIR = '.cache/claimcheck';

async function runOnce(
  args: Args,
  pool: WorkerPool | undefined,
): Promise<{ report: RunReport; code: number; katexErrors: number; renderMs: number }> {
  const started = performance.now();
  let done = 0;
  if (args.cache) parsedStore.load(CACHE_DIR);
  const report = await checkCatalogue({
    claimsDir: args.claims,
    seed: args.seed,
    count: args.count,
    ...(args.only ? { only: args.only } : {}),
    ...(args.files ? { files: args.files } : {}),
    workers: args.workers,
    timeoutMs: args.timeoutMs,
    ...(args.cache ? { cacheDir: CACHE_DIR } : {}),
    ...(pool ? { pool } : {}),
    onResult: (r) => {
      done++;
      if (!args.json) {
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
        process.stdout.write(`${line(r, args)}\n`);
        progress(done, r.id);
      }
    },
  });
  if (args.cache) parsedStore.save(CACHE_DIR);
  if (process.stderr.isTTY && !args.json) process.stderr.write('\r\x1b[2K');
  // A mistyped --only would otherwise pass CI having checked nothing; and it must not replace the
  // report or the JUnit file with empty ones either: nothing is written.
  const unmatched = unmatchedOnly(args.only ?? [], report);
  if (unmatched.length) {
    process.stderr.write(
      `claimcheck: --only: no claim id, id prefix or file matches ${unmatched.map((o) => `"${o}"`).join(', ')}\n`,
    );
    return { report, code: 3, katexErrors: 0, renderMs: 0 };
  }
  let renderMs = 0;
  let katexErrors = 0;
  if (args.report) {
    const t = performance.now();
    katexErrors = writeReportOf(report, args);
    renderMs = performance.now() - t;
  }
  if (args.junit) writeFileSync(args.junit, junitXml(report));
  const code = katexErrors ? 2 : exitCodeOf(report);
  if (args.json) {
    // CPU of the whole process since it started, worker threads included (the bench compares it).
    const cpu = process.cpuUsage();
    const timings = {
      parseMs: report.timings.parseMs,
      checkMs: report.timings.checkMs,
      renderMs,
      totalMs: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    process.stdout.write(
      `${JSON.stringify({ ...summary(report), report: args.report ? `${args.out}/index.html` : null, katexErrors, timings }, null, 2)}\n`,
    );
  } else process.stdout.write(summaryText(report, args, katexErrors, performance.now() - started, renderMs));
  return { report, code, katexErrors, renderMs };
}

/** --only values that match no claim id, id prefix or file of the catalogue. */
function unmatchedOnly(only: string[], report: RunReport): string[] {
  return only.filter(
    (o) =>
      !report.documents.some(
        (d) =>
          selected([o], { id: '', file: d.file }) ||
          d.parts.some((p) =>
            p.type === 'claim'
              ? selected([o], p.claim)
              : p.type === 'invalid' && p.id !== undefined && selected([o], { id: p.id, file: d.file }),
          ),
      ),
  );
}

/** Render and write the report; formulas KaTeX cannot typeset are printed at their place, and counted. */
function writeReportOf(report: RunReport, args: Args): number {
  if (args.cache) typesetStore.load(CACHE_DIR);
  const rendered = renderReport({
    documents: report.documents,
    results: report.shown,
    established: report.established,
    diagnostics: report.diagnostics,
    seed: report.seed,
    count: report.count,
    claimsDir: report.claimsDir,
    runInfo: {
      generated: new Date().toISOString(),
      node: process.version,
      timings: { parse: report.timings.parseMs, check: report.timings.checkMs },
    },
  });
  // A run of a subset leaves the pages of the lectures it did not check as they are.
  writeReport(rendered, args.out, { keepOtherPages: args.only !== undefined || args.files !== undefined });
  if (args.cache) typesetStore.save(CACHE_DIR);
  // A formula that cannot be typeset is an error of its claim file, shown where it was written.
  for (const e of rendered.katexErrors)
    (args.json ? process.stderr : process.stdout).write(`! ${withSource(formulaDiagnostic(e), '  ')}\n`);
  return rendered.katexErrors.length;
}

/** The run's closing lines: diagnostics, the verdicts counted, where the report is, how long it took. */
function summaryText(report: RunReport, args: Args, katexErrors: number, elapsedMs: number, renderMs: number): string {
  const diagnostics = report.diagnostics.map((d) => `! ${withSource(d, '  ')}\n`).join('');
  const totals = report.results.reduce<Record<string, number>>(
    (t, r) => ((t[r.verdict] = (t[r.verdict] ?? 0) + 1), t),
    {},
  );
  const differ = report.results.filter((r) => !r.asExpected).length;
  const reused = report.results.filter((r) => r.cached).length;
  return (
    diagnostics +
    `\n${report.results.length} claims: ${Object.entries(totals)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}; ${differ === 0 ? 'all as expected' : `${differ} not as expected`}` +
    `${args.report ? ` — report ${args.out}/index.html` : ''}${katexErrors ? `; ${katexErrors} formula(s) KaTeX cannot typeset (above)` : ''} (${(elapsedMs / 1000).toFixed(2)} s, render ${renderMs.toFixed(0)} ms${reused ? `, ${reused} unchanged claims reused` : ''})\n`
  );
}

/** Names, sizes and modification times of the claim files: what a re-check would see changed. */
async function watchLoop(args: Args): Promise<number> {
  const pool =
    args.workers > 0
      ? new WorkerPool({ workers: args.workers, timeoutMs: args.timeoutMs, heapMb: DEFAULTS.heapMb })
      : undefined;
  let last = await runOnce({ ...args, json: false }, pool);
  let seen = fingerprint(args.claims);
  process.stdout.write(`watching ${args.claims} for changes (Ctrl-C to stop)\n`);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const rerun = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const now = fingerprint(args.claims);
      if (now !== seen) {
        seen = now;
        const before = new Map(last.report.results.map((r) => [r.id, r.verdict]));
        const t0 = performance.now();
        last = await runOnce({ ...args, json: false }, pool);
        const after = new Set(last.report.results.map((r) => r.id));
        const changed = [
          ...last.report.results
            .filter((r) => before.get(r.id) !== r.verdict)
            .map((r) => `${r.id} ${before.get(r.id) ?? '(new)'} → ${r.verdict}`),
          ...[...before].filter(([id]) => !after.has(id)).map(([id, v]) => `${id} ${v} → (removed)`),
        ];
        process.stdout.write(
          changed.length
            ? `changed verdicts: ${changed.join('; ')}\n`
            : `no verdict changed (${(performance.now() - t0).toFixed(0)} ms)\n`,
        );
      }
    } catch (e) {
      // A save caught halfway, a folder renamed away: say so and keep watching.
      process.stderr.write(`claimcheck: ${(e as Error).message}\n`);
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      void rerun();
    }
  };
  watchFolders(args.claims, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void rerun(), 80);
  });
  return new Promise<number>(() => {
    /* runs until interrupted */
  });
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'init') return init(argv.slice(1));
  const read = readArgs(argv);
  if ('show' in read) {
    process.stdout.write(read.show === 'help' ? `${HELP}\n` : `claimcheck ${version()}\n`);
    return 0;
  }
  if ('problem' in read) {
    // One line says what is wrong; the whole help would bury it.
    process.stderr.write(`claimcheck: ${read.problem} (claimcheck --help lists the options)\n`);
    return 3;
  }
  const { args } = read;
  const problem = usageProblem(args);
  if (problem) {
    process.stderr.write(`claimcheck: ${problem}\n`);
    return 3;
  }
  if (args.replay !== undefined) return replay(args, args.replay);
  if (args.since) {
    let files: string[];
    try {
      // A deleted file has nothing left to check.
      files = changedFiles(args.claims, args.since).filter((f) => existsSync(f));
    } catch (e) {
      process.stderr.write(
        `claimcheck: cannot ask git what changed since ${args.since}: ${(e as Error).message.trim()}\n`,
      );
      return 3;
    }
    if (files.length === 0) return nothingChanged(args);
    args.files = files;
  }
  if (args.watch) return watchLoop(args);
  const { code } = await runOnce(args, undefined);
  return code;
}

function init(argv: string[]): number {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    process.stderr.write(`claimcheck: init takes one folder, got ${argv.join(' ')} (claimcheck --help)\n`);
    return 3;
  }
  const dir = argv[0] ?? 'claims';
  const r = initClaims(dir);
  if (!r.ok) {
    process.stderr.write(`claimcheck: ${r.problem}\n`);
    return 3;
  }
  process.stdout.write(`wrote ${r.file}; check it with: claimcheck --claims ${dir}\n`);
  return 0;
}

/**
 * --replay: one check of one claim, derived and checked again in this thread with the run's seed
 * and count, and its counterexample printed. Exit 0 when it is reproduced; 3 when the id, the
 * check or the instance names no counterexample (said in one line); 2 when the claim is in error.
 */
function replay(args: Args, id: string): number {
  const parts = loadClaimFiles(args.claims).flatMap((d) => d.parts);
  const claim = parts.flatMap((p) => (p.type === 'claim' && p.claim.id === id ? [p.claim] : []))[0];
  if (!claim) {
    const invalid = parts.some((p) => p.type === 'invalid' && p.id === id);
    process.stderr.write(
      invalid
        ? `claimcheck: --replay: claim ${id} is in error (claimcheck --claims ${args.claims} --only ${id} shows where)\n`
        : `claimcheck: --replay: no claim in ${args.claims} has the id "${id}"\n`,
    );
    return invalid ? 2 : 3;
  }
  const out = replayCheck(claim, {
    seed: args.seed,
    count: args.count,
    ...(args.check !== undefined ? { check: args.check - 1 } : {}),
    ...(args.instance !== undefined ? { instance: args.instance } : {}),
  });
  if (!out.ok) {
    process.stderr.write(`claimcheck: --replay: ${out.problem}\n`);
    return 3;
  }
  const c = out.result;
  const cx = c.counterexample;
  const command = replayCommand({
    claimsDir: args.claims,
    id,
    check: out.check,
    seed: args.seed,
    count: args.count,
    instance: cx.instance,
  });
  if (args.json) {
    const sizeCase = out.cases > 1 ? { sizeCase: out.sizeCase } : {};
    process.stdout.write(
      `${JSON.stringify({ id, check: out.check + 1, label: c.label, status: c.status, ...sizeCase, decidedBy: decisionsJson(c.decidedBy), counterexample: counterexampleJson(cx, command) }, null, 2)}\n`,
    );
    return 0;
  }
  const sides = [
    cx.derivedTex && `derived: ${texAsText(cx.derivedTex)}`,
    cx.claimedTex && `claimed: ${texAsText(cx.claimedTex)}`,
  ].filter(Boolean);
  process.stdout.write(
    [
      `${paintVerdict('refuted', verdictLabel('refuted'))} ${id}, check ${out.check + 1} (${c.label}), seed ${args.seed}, count ${args.count}, instance ${cx.instance}${out.cases > 1 ? `, size case ${out.sizeCase}` : ''}`,
      `  ${cx.detail} (${cx.exact ? 'certified' : 'floating point, not certified'})`,
      `  at ${cx.point.map((p) => `${p.name} = ${texAsText(p.value)}`).join(', ') || '—'}`,
      ...sides.map((s) => `  ${s}`),
      `  decided by: ${c.decidedBy.map((d) => decisionText(d)).join('; ')}`,
      `  replay: ${command}`,
    ].join('\n') + '\n',
  );
  return 0;
}

/**
 * --since found no changed claim file: the outputs a CI step expects, empty (a JSON summary with
 * no claims, a JUnit file with no tests); the report of an earlier run is left as it is.
 */
function nothingChanged(args: Args): number {
  const empty: RunReport = {
    claimsDir: args.claims,
    documents: [],
    results: [],
    shown: [],
    diagnostics: [],
    seed: args.seed,
    count: args.count,
    established: {},
    timings: { parseMs: 0, checkMs: 0, totalMs: 0 },
  };
  if (args.junit) writeFileSync(args.junit, junitXml(empty));
  const note = `no claim file changed since ${args.since}`;
  if (args.json) process.stdout.write(`${JSON.stringify({ ...summary(empty), report: null, note }, null, 2)}\n`);
  else process.stdout.write(`${note}\n`);
  return 0;
}

/**
 * Exit once stdout and stderr have handed over what was written: into a pipe, writes are
 * asynchronous, and exiting at once cut `--json | consumer` off after the pipe's first 64 KiB.
 */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitWhenFlushed, (e) => {
  process.stderr.write(`claimcheck: internal error: ${(e as Error).stack ?? e}\n`);
  exitWhenFlushed(4);
});
