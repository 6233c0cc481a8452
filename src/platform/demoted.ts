/**
 * Entries set aside at a reconnect and kept, as a fallback only, until a deadline (ADR 0018): the
 * in-process copies a reconnect makes untrustworthy for ordinary requests but that emergency answers
 * may still fall back on while the store does not answer. Used by the last-known records and the
 * verified-key cache.
 */
export class Demoted<V> {
  private entries = new Map<string, V>();
  private until = 0;

  /**
   * Moves every entry of `from` here and keeps all entries until `now + graceMs`; entries of an
   * earlier demotion stay too while its grace period lasts (reconnects in quick succession).
   */
  takeFrom(from: Map<string, V>, graceMs: number, now: number): void {
    if (now >= this.until) this.entries = new Map();
    for (const [key, value] of from) this.entries.set(key, value);
    from.clear();
    this.until = now + graceMs;
  }

  /** The entry of `key` while the grace period lasts; after it, nothing (and all is dropped). */
  get(key: string, now: number): V | undefined {
    if (this.entries.size === 0) return undefined;
    if (now >= this.until) {
      this.entries = new Map();
      return undefined;
    }
    return this.entries.get(key);
  }

  /** Drops the entry of `key`, or only when `stale` says so of it. */
  delete(key: string, stale: (value: V) => boolean = () => true): void {
    const value = this.entries.get(key);
    if (value !== undefined && stale(value)) this.entries.delete(key);
  }

  clear(): void {
    this.entries = new Map();
  }
}
