/**
 * An in-process memo of a pure stage function's outputs (parsed files, typeset formulas) that a
 * caller may also keep between runs: it hands in entries from the last run (`reuse`), and takes
 * back the entries used since its last take (`take`, so entries no longer asked for drop out)
 * with how many of them were computed anew. Bounded, so a long watch session does not grow
 * without limit.
 */
export class KeptMemo<T> {
  private readonly entries = new Map<string, T>();
  private used = new Set<string>();
  private fresh = 0;
  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }

  /** A value computed anew. */
  set(key: string, value: T): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    this.used.add(key);
    this.fresh++;
  }

  reuse(entries: Record<string, T>): void {
    for (const [key, value] of Object.entries(entries)) if (!this.entries.has(key)) this.entries.set(key, value);
  }

  take(): { entries: Record<string, T>; fresh: number } {
    const entries: Record<string, T> = {};
    for (const key of this.used) {
      const v = this.entries.get(key);
      if (v !== undefined) entries[key] = v;
    }
    const out = { entries, fresh: this.fresh };
    this.used = new Set();
    this.fresh = 0;
    return out;
  }
}
