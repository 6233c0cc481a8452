import type { Broadcast } from "./broadcast.js";
import type { Logger } from "pino";
import { loggableError } from "./logger.js";
import { Demoted } from "./demoted.js";

/** One remembered record and the version it had. */
export interface Known<T> {
  readonly version: number;
  readonly value: T;
}

/**
 * A bounded in-process memory of the last version of each record this process read or wrote, for
 * the answers that must be given when the store cannot be asked (emergency answers; see
 * `emergency-path.ts`). The least recently used entry leaves first when it is full. Versions only
 * move forward: a read that finishes after a newer write never puts the older record back.
 *
 * It is never a cache in front of the store: while the store answers, the store's answer is used
 * and remembered here. A write may start from it (`updateKnownDevice`, ADR 0025) because the
 * compare-and-set then checks it against the store, and a copy the store no longer holds is read
 * again before anything is decided on it.
 */
export class LastKnown<T> {
  // A Map iterates in insertion order; an entry is moved to the end whenever it is used, so the
  // first key is always the least recently used one.
  private readonly entries = new Map<string, Known<T>>();
  /** What was remembered before the last reconnect (see `demote`). */
  private readonly demoted = new Demoted<Known<T>>();

  constructor(
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The remembered record of `key`, marked as recently used; undefined when there is none. */
  get(key: string): Known<T> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return this.demoted.get(key, this.now());
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * After a reconnect (announcements may have been missed): everything remembered so far is kept
   * for `graceMs` more, then forgotten unless remembered again meanwhile. A failover's store often
   * answers a first command and then stalls again for seconds (a replica resyncing); forgetting at
   * once left emergency answers in that window with nothing (a dial check 503 in the Sentinel
   * failover test). Announcements still make it forget a stale copy at once.
   */
  demote(graceMs: number): void {
    this.demoted.takeFrom(this.entries, graceMs, this.now());
  }

  /** Remembers `value` as version `version` of `key`, unless a later version is remembered already. */
  remember(key: string, version: number, value: T): void {
    if (this.capacity <= 0) return;
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      this.entries.delete(key);
      if (existing.version > version) {
        this.entries.set(key, existing);
        return;
      }
    } else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, existing?.version === version && existing.value === value ? existing : { version, value });
    this.demoted.delete(key);
  }

  /** Forgets `key` if what is remembered is older than `version` (or whatever it is, without one). */
  forget(key: string, version?: number): void {
    const stale = (existing: Known<T>) => version === undefined || existing.version < version;
    const existing = this.entries.get(key);
    if (existing !== undefined && stale(existing)) this.entries.delete(key);
    this.demoted.delete(key, stale);
  }

  clear(): void {
    this.entries.clear();
    this.demoted.clear();
  }
}

/**
 * How long copies from before a reconnect stay usable as a fallback for emergency answers while
 * the store does not answer (ADR 0018): long enough for a failover's aftermath, short enough that
 * a copy which missed an announcement is not kept for a later, unrelated outage.
 */
export const RECONNECT_GRACE_MS = 30_000;

/**
 * A {@link LastKnown} kept in step with the rest of the deployment: every process announces the
 * versions it writes on `channel`, and every process (the writer included) forgets what it holds
 * of an older version. A process that reconnects to Redis may have missed announcements, so it
 * forgets everything then, after a grace period (`LastKnown.demote`; the API-key cache does the
 * same).
 *
 * One window stays open: announcements travel on the subscriber connection, reads on the command
 * connection, so the reply to a read that Redis ran just before a write could in principle arrive
 * after that write's announcement, and its older copy would be remembered until the record is
 * next read or written here. The announcement leaves a full round trip after the read's reply.
 */
export class SharedLastKnown<T> {
  readonly local: LastKnown<T>;

  constructor(
    private readonly broadcast: Broadcast,
    private readonly channel: string,
    capacity: number,
    private readonly logger: Logger,
  ) {
    const local = new LastKnown<T>(capacity);
    this.local = local;
    broadcast.subscribe(
      channel,
      (message) => {
        for (const { key, version } of parseAnnouncement(message)) local.forget(key, version);
      },
      () => {
        local.demote(RECONNECT_GRACE_MS);
      },
    );
  }

  /**
   * Remembers what this process has just written and tells the other processes that their copies
   * older than `version` are stale. The announcements of one tick go out together, as one message
   * (a busy API process wrote one `PUBLISH` per write, and every process parsed each one back:
   * ADR 0025). The announcement is best effort: a process that misses it has reconnected and
   * forgotten everything anyway; a failure is logged, never thrown at the writer, whose write has
   * already succeeded.
   */
  written(key: string, version: number, value: T): void {
    this.local.remember(key, version, value);
    if (this.unannounced.length === 0) setImmediate(() => this.announce());
    this.unannounced.push([key, version]);
  }

  private unannounced: [string, number][] = [];

  private announce(): void {
    const batch = this.unannounced;
    this.unannounced = [];
    this.broadcast.publish(this.channel, JSON.stringify(batch)).catch((error: unknown) => {
      this.logger.warn({ error: loggableError(error), channel: this.channel }, "last-known announcement failed");
    });
  }
}

/** `[[key, version], …]`, or one `[key, version]` (as processes before ADR 0025 send it); [] for anything else. */
export function parseAnnouncement(message: string): { key: string; version: number }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return []; // Not one of ours: ignore it.
  }
  if (!Array.isArray(parsed)) return [];
  const pairs: unknown[] = typeof parsed[0] === "string" ? [parsed] : parsed;
  return pairs.flatMap((pair) =>
    Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "number"
      ? [{ key: pair[0], version: pair[1] }]
      : [],
  );
}
