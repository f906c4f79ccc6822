/**
 * What the command line keeps between runs under its cache folder besides claim results (those
 * are in run/cache.ts): typeset formulas and parsed claim files. Each stage keeps an in-process
 * memo and does no caching I/O of its own; a store hands a stage's memo its entries from the last
 * run before the stage runs, and writes back what the stage used (so entries edited away drop out)
 * when that differs from what was stored. A store file is valid for one identity (the code whose
 * output it holds); a missing or damaged file counts as empty.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { typesetFormulas, TYPESET_IDENTITY } from '../render/math';
import { parsedFiles, type ParsedFile } from '../parse/index';
import { codeHash } from '../run/cache';
import type { KeptMemo } from '../model/memo';

interface StoreFormat<T> {
  /** v8 serialization keeps every value (±Infinity, -0, undefined); JSON is half the size for text. */
  format: 'v8' | 'json';
  valid(entry: unknown): entry is T;
}

class Store<T> {
  private loaded = 0;
  private loadedFrom: string | undefined;
  constructor(
    private readonly name: string,
    private readonly identity: string,
    private readonly memo: KeptMemo<T>,
    private readonly codec: StoreFormat<T>,
  ) {}

  private fileIn(dir: string): string {
    return join(
      dir,
      `${this.name}-${createHash('sha256').update(this.identity).digest('hex').slice(0, 16)}.${this.codec.format}`,
    );
  }

  /** Before the stage runs; once per folder (watch mode runs the stages many times). */
  load(dir: string): void {
    if (this.loadedFrom === dir) return;
    this.loadedFrom = dir;
    const file = this.fileIn(dir);
    if (!existsSync(file)) return;
    try {
      const bytes = readFileSync(file);
      const entries = (this.codec.format === 'v8' ? deserialize(bytes) : JSON.parse(bytes.toString('utf8'))) as Record<
        string,
        unknown
      >;
      const valid = Object.fromEntries(Object.entries(entries).filter(([, v]) => this.codec.valid(v))) as Record<
        string,
        T
      >;
      this.memo.reuse(valid);
      this.loaded = Object.keys(valid).length;
    } catch {
      /* a damaged store is rewritten by the next save */
    }
  }

  /** After the stage ran. */
  save(dir: string): void {
    const { entries, fresh } = this.memo.take();
    const count = Object.keys(entries).length;
    if (fresh === 0 && count === this.loaded) return;
    mkdirSync(dir, { recursive: true });
    const file = this.fileIn(dir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, this.codec.format === 'v8' ? serialize(entries) : JSON.stringify(entries));
    renameSync(tmp, file);
    this.loaded = count;
    // Stores of other identities (an earlier build, another KaTeX) would never be read again.
    for (const other of readdirSync(dir)) {
      if (other.startsWith(`${this.name}-`) && other.endsWith(`.${this.codec.format}`) && join(dir, other) !== file)
        rmSync(join(dir, other), { force: true });
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Typeset formulas, valid for one KaTeX version and set of options. */
export const typesetStore = new Store('typeset', TYPESET_IDENTITY, typesetFormulas, {
  format: 'json',
  valid: (v): v is { html: string } | { error: string } =>
    isObject(v) && (typeof v.html === 'string' || typeof v.error === 'string'),
});

/** Parsed claim files, valid for one build of the tool (the running bundle, or the sources run with tsx). */
export const parsedStore = new Store('parsed', codeHash(fileURLToPath(import.meta.url)), parsedFiles, {
  // Parsed claims hold values JSON would change (±Infinity, -0, undefined).
  format: 'v8',
  valid: (v): v is ParsedFile => isObject(v) && typeof v.text === 'string' && isObject(v.doc),
});
