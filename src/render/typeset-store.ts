/**
 * Typeset formulas kept between runs under the cache folder. KaTeX is most of the render stage,
 * and a re-run after a small edit (or a CI run with a restored cache) shows almost only formulas
 * typeset before. One JSON file per KaTeX version and options; it holds the formulas the last
 * render used, so formulas edited away drop out.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reuseTypeset, takeUsedTypeset, TYPESET_IDENTITY, type Typeset } from './math';

const fileOf = (dir: string) => join(dir, `typeset-${createHash('sha256').update(TYPESET_IDENTITY).digest('hex').slice(0, 16)}.json`);

/** How many formulas the store held when loaded (a render that used fewer rewrites it smaller). */
let loaded = 0;
/** Where this process loaded from: watch mode renders many times and loads once. */
let loadedFrom: string | undefined;

/** Hand the stored formulas to the renderer; a missing or unreadable store is an empty one. */
export function loadTypesetStore(dir: string): void {
  if (loadedFrom === dir) return;
  loadedFrom = dir;
  const file = fileOf(dir);
  if (!existsSync(file)) return;
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Typeset>;
    const valid = Object.fromEntries(Object.entries(entries).filter(([, v]) => v && (typeof (v as { html?: unknown }).html === 'string' || typeof (v as { error?: unknown }).error === 'string')));
    reuseTypeset(valid);
    loaded = Object.keys(valid).length;
  } catch {
    /* a damaged store is rebuilt by the next save */
  }
}

/** Keep what the renders since the last save used, if that differs from what is stored. */
export function saveTypesetStore(dir: string): void {
  const { entries, fresh } = takeUsedTypeset();
  const count = Object.keys(entries).length;
  if (fresh === 0 && count === loaded) return;
  mkdirSync(dir, { recursive: true });
  const file = fileOf(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(entries));
  renameSync(tmp, file);
  loaded = count;
}
