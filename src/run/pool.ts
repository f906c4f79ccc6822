/**
 * A small pool of long-lived worker threads (a worker per claim would pay the libraries' load
 * time each time). Each claim runs under a wall-clock and a heap limit: symbolic work can loop or
 * blow up, and only terminating the thread is sure to stop it. A killed worker is replaced and
 * the run goes on; its claim is "not checked: timed out".
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Claim } from '../model/claim';
import type { ClaimResult } from '../model/result';
import type { ClaimRunOptions } from './claim';

export interface PoolOptions {
  workers: number;
  timeoutMs: number;
  heapMb: number;
}

interface Job {
  claim: Claim;
  opts: ClaimRunOptions;
  resolve(r: ClaimResult): void;
}

function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { url: new URL('./worker-dev.mjs', here), execArgv: [] };
  return { url: new URL('./worker.mjs', here), execArgv: [] };
}

function failed(claim: Claim, verdict: 'not-checked' | 'error', reason: string, ms: number): ClaimResult {
  return {
    id: claim.id,
    file: claim.file,
    line: claim.pos.line,
    title: claim.title,
    verdict,
    expected: claim.expect.verdict,
    asExpected: verdict === claim.expect.verdict,
    reason,
    checks: [],
    errors: verdict === 'error' ? [{ file: claim.file, line: claim.pos.line, column: claim.pos.column, message: reason }] : [],
    timings: { deriveMs: ms, checkMs: 0 },
  };
}

export async function runInPool(claims: Claim[], opts: ClaimRunOptions, pool: PoolOptions, onResult?: (r: ClaimResult) => void): Promise<ClaimResult[]> {
  const queue: Job[] = [];
  const results = new Map<string, ClaimResult>();
  const done = claims.map(
    (claim) =>
      new Promise<void>((resolveDone) => {
        queue.push({
          claim,
          opts,
          resolve: (r) => {
            results.set(claim.id + '\u0000' + claim.file + claim.pos.line, r);
            onResult?.(r);
            resolveDone();
          },
        });
      }),
  );
  const { url, execArgv } = workerEntry();
  let nextId = 0;
  const startWorker = (): void => {
    if (queue.length === 0) return;
    const w = new Worker(fileURLToPath(url), { execArgv, resourceLimits: { maxOldGenerationSizeMb: pool.heapMb, maxYoungGenerationSizeMb: 64 } });
    let current: { id: number; job: Job; timer: NodeJS.Timeout; started: number } | undefined;
    let finished = false;
    let ready = false;
    const next = () => {
      const job = queue.shift();
      if (!job) {
        finished = true;
        void w.terminate();
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        if (!current || current.id !== id) return;
        const c = current;
        current = undefined;
        finished = true;
        void w.terminate();
        c.job.resolve(failed(c.job.claim, 'not-checked', `timed out after ${(pool.timeoutMs / 1000).toFixed(0)} s (symbolic work did not finish; the run went on)`, pool.timeoutMs));
        startWorker();
      }, pool.timeoutMs);
      current = { id, job, timer, started: performance.now() };
      w.postMessage({ id, claim: job.claim, opts: job.opts });
    };
    w.on('message', (m: { ready?: boolean; id?: number; result?: ClaimResult }) => {
      if (m.ready) {
        ready = true;
        return next();
      }
      if (!current || m.id !== current.id) return;
      clearTimeout(current.timer);
      const job = current.job;
      current = undefined;
      job.resolve(m.result!);
      next();
    });
    const crash = (why: string) => {
      if (finished) return;
      finished = true;
      if (!ready) {
        // A worker that cannot even start will not start next time either: fail the queue, do not loop.
        for (const job of queue.splice(0)) job.resolve(failed(job.claim, 'error', `the checker's worker could not start: ${why}`, 0));
        return;
      }
      if (current) {
        clearTimeout(current.timer);
        const c = current;
        current = undefined;
        c.job.resolve(failed(c.job.claim, 'not-checked', `the checker's worker stopped (${why}); the run went on`, performance.now() - c.started));
      }
      startWorker();
    };
    w.on('error', (e) => crash(/memory/i.test(e.message) ? `out of memory: over ${pool.heapMb} MB` : e.message));
    w.on('exit', (code) => {
      if (!finished) crash(`exit code ${code}`);
    });
  };
  for (let k = 0; k < Math.max(1, Math.min(pool.workers, claims.length)); k++) startWorker();
  await Promise.all(done);
  return claims.map((c) => results.get(c.id + '\u0000' + c.file + c.pos.line)!);
}
