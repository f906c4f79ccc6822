/**
 * A small pool of long-lived worker threads (a worker per claim would pay the libraries' load
 * time each time). Workers start as soon as the pool is made, so they load while the main thread
 * parses. Each claim runs under a wall-clock and a heap limit: symbolic work can loop or blow up,
 * and only terminating the thread is sure to stop it. A killed worker is replaced and the run
 * goes on; its claim is "not checked: timed out".
 */
import { progressText, type Progress } from '../model/progress';
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
  /** The claim its derivations share most with (what it corrects or uses, followed to the first of the chain). */
  family: string;
  opts: ClaimRunOptions;
  resolve(r: ClaimResult): void;
}

/**
 * Each claim's family: a claim and its correction, or a claim and the one it uses, repeat each
 * other's derivations, which a worker remembers; so a family is kept on one worker.
 */
export function familiesOf(claims: Claim[]): Map<Claim, string> {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const out = new Map<Claim, string>();
  const familyOf = (c: Claim, seen: Set<string>): string => {
    const known = out.get(c);
    if (known) return known;
    const next = byId.get(c.corrects?.id ?? c.uses[0]?.id ?? '');
    const f = next && !seen.has(next.id) ? familyOf(next, seen.add(c.id)) : c.id;
    out.set(c, f);
    return f;
  };
  for (const c of claims) familyOf(c, new Set());
  return out;
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
    errors:
      verdict === 'error'
        ? [{ file: claim.file, line: claim.pos.line, column: claim.pos.column, message: reason }]
        : [],
    timings: { deriveMs: ms, checkMs: 0 },
    interrupted: true,
  };
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: { id: number; job: Job; timer: NodeJS.Timeout; started: number; progress?: Progress };
  dead: boolean;
  /** Families this worker has checked claims of. */
  families: Set<string>;
}

export class WorkerPool {
  private readonly queue: Job[] = [];
  private readonly slots = new Set<Slot>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    for (let k = 0; k < Math.max(1, opts.workers); k++) this.spawn();
  }

  /** Check claims on the pool; results come back in the order of `claims`. */
  run(claims: Claim[], opts: ClaimRunOptions, onResult?: (r: ClaimResult) => void): Promise<ClaimResult[]> {
    const families = familiesOf(claims);
    return Promise.all(
      claims.map(
        (claim) =>
          new Promise<ClaimResult>((resolve) => {
            this.queue.push({
              claim,
              family: families.get(claim)!,
              opts,
              resolve: (r) => {
                onResult?.(r);
                resolve(r);
              },
            });
            this.dispatch();
          }),
      ),
    );
  }

  close(): void {
    this.closed = true;
    for (const s of this.slots) void s.worker.terminate();
    this.slots.clear();
  }

  private spawn(): void {
    if (this.closed) return;
    const { url, execArgv } = workerEntry();
    const worker = new Worker(fileURLToPath(url), {
      execArgv,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb, maxYoungGenerationSizeMb: 64 },
    });
    const slot: Slot = { worker, ready: false, dead: false, families: new Set() };
    this.slots.add(slot);
    worker.on('message', (m: { ready?: boolean; id?: number; result?: ClaimResult; progress?: Progress }) => {
      if (m.ready) {
        slot.ready = true;
        return this.dispatch();
      }
      const c = slot.current;
      if (!c || m.id !== c.id) return;
      if (m.progress) {
        c.progress = m.progress;
        return;
      }
      clearTimeout(c.timer);
      slot.current = undefined;
      c.job.resolve(m.result!);
      this.dispatch();
    });
    const crash = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      this.slots.delete(slot);
      if (this.closed) return;
      if (!slot.ready) {
        // A worker that cannot even start will not start next time either: fail the queue, do not loop.
        for (const job of this.queue.splice(0))
          job.resolve(failed(job.claim, 'error', `the checker's worker could not start: ${why}`, 0));
        return;
      }
      const c = slot.current;
      if (c) {
        clearTimeout(c.timer);
        c.job.resolve(
          failed(
            c.job.claim,
            'not-checked',
            `the checker's worker stopped (${why}); the run went on`,
            performance.now() - c.started,
          ),
        );
      }
      this.spawn();
    };
    worker.on('error', (e) =>
      crash(/memory/i.test(e.message) ? `out of memory: over ${this.opts.heapMb} MB` : e.message),
    );
    worker.on('exit', (code) => crash(`exit code ${code}`));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.current || slot.dead) continue;
      if (!this.queue.length) return;
      // A claim of a family this worker has begun first, then one of a family no worker has, then any.
      const others = [...this.slots].filter((o) => o !== slot);
      let k = this.queue.findIndex((j) => slot.families.has(j.family));
      if (k < 0) k = this.queue.findIndex((j) => !others.some((o) => o.families.has(j.family)));
      const [job] = this.queue.splice(Math.max(0, k), 1) as [Job];
      slot.families.add(job.family);
      const id = this.nextId++;
      const timer = setTimeout(() => {
        if (slot.current?.id !== id) return;
        const c = slot.current;
        slot.current = undefined;
        slot.dead = true;
        this.slots.delete(slot);
        void slot.worker.terminate();
        c.job.resolve(
          failed(
            c.job.claim,
            'not-checked',
            `timed out after ${(this.opts.timeoutMs / 1000).toFixed(0)} s ${progressText(c.progress)}; the run went on`,
            this.opts.timeoutMs,
          ),
        );
        this.spawn();
      }, this.opts.timeoutMs);
      slot.current = { id, job, timer, started: performance.now() };
      slot.worker.postMessage({ id, claim: job.claim, opts: job.opts });
    }
  }
}
