/**
 * The library API: load claims, check them, render the report. The command line is a thin shell
 * over these functions, and so are the tests (and a project's own test suite: see expectClaims).
 */
import type { Claim, ClaimDocument } from './model/claim';
import type { Diagnostic } from './model/source';
import type { ClaimResult } from './model/result';
import { loadClaimFiles, validateCatalogue } from './parse/index';
import { WorkerPool } from './run/pool';
import { ResultCache, claimKey, relocated } from './run/cache';
export { WorkerPool } from './run/pool';
import { checkClaim } from './run/claim';

export type { Claim, ClaimDocument, ClaimResult, Diagnostic };
export { parseClaimFile, loadClaimFiles } from './parse/index';
export { checkClaim } from './run/claim';
export { renderReport, writeReport } from './render/index';
export { compileNumeric } from './numeric/compile';
export { parseMath } from './expr/mathjs-parser';

export interface RunOptions {
  claimsDir: string;
  seed?: number;
  /** Random instances per numeric check (a claim may set its own). */
  count?: number;
  /** Only these claim ids (or id prefixes ending in '.', or file names). */
  only?: string[];
  /** And only the claims in these files (--since: the files changed); an empty list selects none. */
  files?: string[];
  /** Worker threads; 0 checks in this thread (no hard time limit: tests only). */
  workers?: number;
  /** Per-claim wall-clock limit. */
  timeoutMs?: number;
  heapMb?: number;
  onResult?: (r: ClaimResult) => void;
  /** Reuse results of unchanged claims from this folder (see run/cache.ts); off when absent. */
  cacheDir?: string;
  /** Run on this pool instead of starting one (watch mode keeps one alive). */
  pool?: WorkerPool;
}

export interface RunReport {
  /** The claims folder as it was given: the replay commands name it. */
  claimsDir: string;
  documents: ClaimDocument[];
  results: ClaimResult[];
  /** Problems not tied to one claim (a file's front matter, an unterminated fence). */
  diagnostics: Diagnostic[];
  seed: number;
  count: number;
  /**
   * What the report shows, in catalogue order: the results and, in a run that checks a subset
   * (--only, --since), the cached results (same seed and count) of the claims outside it, as a
   * cached full run shows them. Only `results` count in the summary, the JUnit file and the exit code.
   */
  shown: ClaimResult[];
  /** A claim is established when it is proved or verified and so is everything it uses. */
  established: Record<string, boolean>;
  timings: { parseMs: number; checkMs: number; totalMs: number };
}

export const DEFAULTS = { seed: 1, count: 10_000, workers: 2, timeoutMs: 30_000, heapMb: 2048 };

/** Whether --only (ids, id prefixes ending in '.', file names) selects a claim; no list selects all. */
export function selected(only: string[] | undefined, claim: { id: string; file: string }): boolean {
  if (!only || only.length === 0) return true;
  // A file name matches whole or at a path-segment boundary: 'b.md' is not a suffix match for 'bb.md'.
  return only.some(
    (o) =>
      o === claim.id || (o.endsWith('.') && claim.id.startsWith(o)) || claim.file === o || claim.file.endsWith('/' + o),
  );
}

function inFiles(files: string[] | undefined, file: string): boolean {
  return files === undefined || files.includes(file);
}

function errorResult(
  id: string,
  file: string,
  line: number,
  title: string,
  diagnostics: Diagnostic[],
  expected?: Claim['expect']['verdict'],
): ClaimResult {
  return {
    id,
    file,
    line,
    title,
    verdict: 'error',
    ...(expected ? { expected } : {}),
    asExpected: false,
    reason: diagnostics[0]?.message ?? 'invalid claim',
    checks: [],
    errors: diagnostics,
    timings: { deriveMs: 0, checkMs: 0 },
  };
}

export async function checkCatalogue(options: RunOptions): Promise<RunReport> {
  const t0 = performance.now();
  const workers = options.workers ?? DEFAULTS.workers;
  const cache = options.cacheDir ? new ResultCache(options.cacheDir) : undefined;
  let ownPool: WorkerPool | undefined;
  const startPool = () =>
    (ownPool ??= new WorkerPool({
      workers,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      heapMb: options.heapMb ?? DEFAULTS.heapMb,
    }));
  // Start the workers first, so that they load the libraries while this thread parses; unless a
  // cache this version of the tool has used is likely to hold every result (a warm re-run).
  if (!options.pool && workers > 0 && !cache?.usedBefore()) startPool();
  // Close our own pool on every path: a failed load (no such folder) must not leave worker threads
  // keeping a library user's process alive.
  try {
    const seed = options.seed ?? DEFAULTS.seed;
    const count = options.count ?? DEFAULTS.count;
    const documents = loadClaimFiles(options.claimsDir);
    const catalogueIssues = validateCatalogue(documents);
    const diagnostics: Diagnostic[] = documents.flatMap((d) => d.diagnostics);
    const t1 = performance.now();

    const { runnable, early, unselected } = partitionClaims(documents, catalogueIssues, options);
    for (const r of early) options.onResult?.(r);
    const runOpts = { seed, count };
    const cached = new Map<Claim, ClaimResult>();
    if (cache) {
      for (const c of runnable) {
        const hit = cache.get(claimKey(c, seed, count));
        if (hit) {
          cached.set(c, { ...relocated(hit, c), cached: true });
          options.onResult?.(cached.get(c)!);
        }
      }
    }
    const todo = runnable.filter((c) => !cached.has(c));
    const pool = options.pool ?? (workers > 0 && todo.length > 0 ? startPool() : undefined);
    const fresh = pool
      ? await pool.run(todo, runOpts, options.onResult)
      : todo.map((c) => {
          const r = checkClaim(c, runOpts);
          options.onResult?.(r);
          return r;
        });
    if (cache) {
      todo.forEach((c, k) => cache.set(claimKey(c, seed, count), fresh[k]!));
      cache.markUsed();
    }
    const freshOf = new Map(todo.map((c, k) => [c, fresh[k]!]));
    const checked = runnable.map((c) => cached.get(c) ?? freshOf.get(c)!);
    const t2 = performance.now();
    const byOrder = catalogueOrder(documents);
    const results = [...early, ...checked].sort(byOrder);
    const outside = cache
      ? unselected.flatMap((c) => {
          const hit = cache.get(claimKey(c, seed, count));
          return hit ? [{ ...relocated(hit, c), cached: true }] : [];
        })
      : [];
    const shown = [...results, ...outside].sort(byOrder);
    return {
      claimsDir: options.claimsDir,
      documents,
      results,
      shown,
      diagnostics,
      seed,
      count,
      established: establishedOf(documents, shown),
      timings: { parseMs: t1 - t0, checkMs: t2 - t1, totalMs: performance.now() - t0 },
    };
  } finally {
    ownPool?.close();
  }
}

/**
 * The claims a run checks (selected, and free of catalogue errors), the results it gives at once
 * (invalid blocks and claims with catalogue errors, when selected), and the claims it leaves out.
 */
function partitionClaims(
  documents: ClaimDocument[],
  catalogueIssues: Diagnostic[],
  options: RunOptions,
): { runnable: Claim[]; early: ClaimResult[]; unselected: Claim[] } {
  const runnable: Claim[] = [];
  const early: ClaimResult[] = [];
  const unselected: Claim[] = [];
  for (const doc of documents) {
    for (const part of doc.parts) {
      if (part.type === 'invalid') {
        const id = part.id ?? `${doc.file}:${part.line}`;
        if (selected(options.only, { id, file: doc.file }) && inFiles(options.files, doc.file))
          early.push(
            errorResult(id, doc.file, part.line, part.title ?? '(invalid claim)', part.diagnostics, part.expect),
          );
      } else if (
        part.type === 'claim' &&
        selected(options.only, part.claim) &&
        inFiles(options.files, part.claim.file)
      ) {
        const c = part.claim;
        const mine = catalogueIssues.filter((d) => belongsTo(d, c, doc));
        if (mine.length) early.push(errorResult(c.id, c.file, c.pos.line, c.title, mine, c.expect.verdict));
        else runnable.push(c);
      } else if (part.type === 'claim') unselected.push(part.claim);
    }
  }
  return { runnable, early, unselected };
}

/** Results in the catalogue's order: file order, then position in the file. */
function catalogueOrder(documents: ClaimDocument[]): (a: ClaimResult, b: ClaimResult) => number {
  const order = new Map<string, number>();
  documents.forEach((d, i) =>
    d.parts.forEach((p, j) => order.set(`${d.file}:${p.type === 'claim' ? p.claim.pos.line : p.line}`, i * 10_000 + j)),
  );
  return (a, b) => (order.get(`${a.file}:${a.line}`) ?? 0) - (order.get(`${b.file}:${b.line}`) ?? 0);
}

/** A catalogue diagnostic belongs to the claim whose block contains its line. */
function belongsTo(d: Diagnostic, c: Claim, doc: ClaimDocument): boolean {
  const starts = doc.parts.map((p) => (p.type === 'claim' ? p.claim.pos.line : p.line)).sort((a, b) => a - b);
  const next = starts.find((s) => s > c.pos.line) ?? Infinity;
  return d.file === c.file && d.line >= c.pos.line && d.line < next;
}

export function establishedOf(documents: ClaimDocument[], results: ClaimResult[]): Record<string, boolean> {
  const claims = new Map(
    documents.flatMap((d) => d.parts.flatMap((p) => (p.type === 'claim' ? [[p.claim.id, p.claim] as const] : []))),
  );
  const verdict = new Map(results.map((r) => [r.id, r.verdict]));
  const memo: Record<string, boolean> = {};
  const visit = (id: string, stack: Set<string>): boolean => {
    if (id in memo) return memo[id]!;
    if (stack.has(id)) return false;
    stack.add(id);
    const v = verdict.get(id);
    const ok = (v === 'proved' || v === 'verified') && (claims.get(id)?.uses ?? []).every((u) => visit(u.id, stack));
    stack.delete(id);
    memo[id] = ok;
    return ok;
  };
  for (const id of verdict.keys()) visit(id, new Set());
  return memo;
}

/** Exit status for CI: 0 when every verdict is the expected one and no file is in error. */
export function exitCodeOf(report: RunReport): 0 | 1 | 2 {
  if (report.diagnostics.length || report.results.some((r) => r.verdict === 'error')) return 2;
  if (report.results.some((r) => !r.asExpected)) return 1;
  return 0;
}
