/**
 * A cache of claim results keyed by the claim's content (its parsed form, positions relative to the claim),
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
function toolVersion(): string {
  toolHash ??= codeHash(join(dirname(fileURLToPath(import.meta.url)), 'worker.mjs'));
  return toolHash;
}

/**
 * A hash of a built bundle, or, when there is none (run from the sources), of every source file:
 * what a cached output of that code is valid for.
 */
export function codeHash(bundle: string): string {
  const h = createHash('sha256');
  if (bundle.endsWith('.mjs') && existsSync(bundle)) h.update(readFileSync(bundle));
  else {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mjs)$/.test(name)) h.update(name).update(readFileSync(p));
      }
    };
    walk(root);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The key of a claim's result. Source positions enter relative to the claim's first line: a result
 * does not depend on where the claim sits in its file, so prose edited above a claim (which moves
 * it) does not make it be checked again; `relocated` moves the cached result's lines with it.
 */
export function claimKey(claim: Claim, seed: number, count: number): string {
  const base = claim.pos.line;
  const relative = (_key: string, v: unknown) => (isSourcePos(v) ? { ...v, line: v.line - base } : v);
  return createHash('sha256')
    .update(JSON.stringify({ claim, seed, count, tool: toolVersion() }, relative))
    .digest('hex')
    .slice(0, 32);
}

function isSourcePos(v: unknown): v is { file: string; line: number; column: number } {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.file === 'string' && typeof o.line === 'number' && typeof o.column === 'number';
}

/** A cached result, its lines moved to where the claim now starts (the key ignores where it was). */
export function relocated(result: ClaimResult, claim: Claim): ClaimResult {
  const delta = claim.pos.line - result.line;
  if (delta === 0) return result;
  return {
    ...result,
    line: claim.pos.line,
    errors: result.errors.map((e) => (e.file === claim.file ? { ...e, line: e.line + delta } : e)),
  };
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

  /**
   * Whether this version of the tool has run on this cache before: then most claims are likely
   * cached, and starting worker threads before knowing is work a warm run does for nothing.
   */
  usedBefore(): boolean {
    return existsSync(join(this.dir, `used-by-${toolVersion()}`));
  }

  markUsed(): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `used-by-${toolVersion()}`), '');
  }

  set(key: string, result: ClaimResult): void {
    // The next run should try again.
    if (result.interrupted) return;
    mkdirSync(this.dir, { recursive: true });
    const p = join(this.dir, `${key}.json`);
    const tmp = `${p}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, p);
  }
}
