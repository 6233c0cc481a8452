import { Demoted } from "../platform/demoted.js";
import type { Principal } from "../platform/principal.js";

interface Entry {
  principal: Principal;
  expiresAt: number;
}

/**
 * Verified keys, kept for a short TTL so that a busy API does not ask Redis on every request.
 * Revocations are announced over pub/sub and evict at once; the TTL bounds how long a missed
 * announcement (e.g. during a reconnect) can keep a revoked key alive.
 *
 * An entry whose TTL has passed is not used for ordinary requests but stays until it is evicted
 * (revocation, the size bound, or the end of the grace period after a reconnect): it is what an emergency answer falls back on when
 * the key store cannot be asked in time (`lastVerified`).
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys verified before a reconnect (revocations may have been missed meanwhile), see `demote`. */
  private readonly demoted = new Demoted<Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The principal of a key verified less than the TTL ago. */
  get(hash: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry || entry.expiresAt <= now) return undefined;
    return entry.principal;
  }

  /**
   * The principal of a key this process has verified at some time and not heard revoked since
   * (also after its TTL): for emergency answers while the key store cannot answer.
   */
  lastVerified(hash: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(hash);
    if (entry) return entry.principal;
    return this.demoted.get(hash, now)?.principal;
  }

  /**
   * After a reconnect: no verified key is trusted for ordinary requests any more (each is checked
   * with the store again), but for `graceMs` the emergency answers may still fall back on them
   * while the store does not answer — as they could just before the reconnect.
   */
  demote(graceMs: number, now = Date.now()): void {
    this.demoted.takeFrom(this.entries, graceMs, now);
  }

  set(hash: string, principal: Principal, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (!this.entries.has(hash) && this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { principal, expiresAt: now + this.ttlMs });
  }

  evict(hash: string): void {
    this.entries.delete(hash);
    this.demoted.delete(hash);
  }

  clear(): void {
    this.entries.clear();
    this.demoted.clear();
  }
}
