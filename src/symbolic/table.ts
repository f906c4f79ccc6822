/**
 * The map between a claim's names and the internal names used inside the symbolic engine
 * (q0, q1 …), so that no user name collides with a nerdamer function or constant.
 */
export class SymbolTable {
  private toInternal = new Map<string, string>();
  private toUser = new Map<string, string>();

  internal(user: string): string {
    let n = this.toInternal.get(user);
    if (!n) {
      n = `q${this.toInternal.size}`;
      this.toInternal.set(user, n);
      this.toUser.set(n, user);
    }
    return n;
  }
  has(user: string): boolean {
    return this.toInternal.has(user);
  }
  user(internal: string): string {
    return this.toUser.get(internal) ?? internal;
  }
  /** Rewrite an internal-name expression string to user names (for display and errors). */
  toUserText(expr: string): string {
    return expr.replace(/\bq\d+\b/g, (m) => this.toUser.get(m) ?? m);
  }
  entries(): Array<[user: string, internal: string]> {
    return [...this.toInternal.entries()];
  }
  toJSON(): Array<[string, string]> {
    return this.entries();
  }
  static fromJSON(entries: Array<[string, string]>): SymbolTable {
    const t = new SymbolTable();
    for (const [u, i] of entries) {
      t.toInternal.set(u, i);
      t.toUser.set(i, u);
    }
    return t;
  }
}

/** Every internal name written in an expression string (without simplifying it first). */
export function internalNamesIn(expr: string): string[] {
  return [...new Set(expr.match(/\bq\d+\b/g) ?? [])];
}
