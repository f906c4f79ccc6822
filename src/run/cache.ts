/**
 * A cache of claim results keyed by the claim's content (its parsed form, positions included),
 * the run's seed and instance count, and the tool's own version (a hash of its code): checks are
 * deterministic, so an unchanged claim need not be checked again. A warm re-run redoes only the
 * claims that changed. Entries are JSON files under .cache/claimcheck/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim } from '../model/claim';
import type { ClaimResult } from '../model/result';

let toolHash: string | undefined;

/** A hash of the tool's code: the built worker bundle, or the sources when run from them. */
export function toolVersion(): string {
  if (toolHash) return toolHash;
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  const bundle = join(here, 'worker.mjs');
  if (existsSync(bundle)) h.update(readFileSync(bundle));
  else {
    const root = join(here, '..');
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mjs)$/.test(name)) h.update(name).update(readFileSync(p));
      }
    };
    walk(root);
  }
  toolHash = h.digest('hex').slice(0, 16);
  return toolHash;
}

export function claimKey(claim: Claim, seed: number, count: number): string {
  return createHash('sha256').update(JSON.stringify({ claim, seed, count, tool: toolVersion() })).digest('hex').slice(0, 32);
}

export class ResultCache {
  constructor(readonly dir: string) {}

  get(key: string): ClaimResult | undefined {
    const p = join(this.dir, `${key}.json`);
    if (!existsSync(p)) return undefined;
    try {
      return JSON.parse(readFileSync(p, 'utf8')) as ClaimResult;
    } catch {
      return undefined;
    }
  }

  set(key: string, result: ClaimResult): void {
    // Timed-out and crashed claims are not cached: the next run should try again.
    if (result.verdict === 'not-checked' && /timed out|worker stopped/.test(result.reason ?? '')) return;
    mkdirSync(this.dir, { recursive: true });
    const p = join(this.dir, `${key}.json`);
    const tmp = `${p}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, p);
  }
}
