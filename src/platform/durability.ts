import type { Redis } from "ioredis";
import { ProblemError } from "./errors.js";
import type { RedisClient } from "./redis.js";

/**
 * What "acknowledged" means for a write of life-safety data (ADR "durable acknowledgement"):
 * - `fsync`: the write is in the append-only file on disk before the answer — `WAITAOF 1 0` on
 *   Redis ≥ 7.2, else only when the server runs `appendonly yes` + `appendfsync always` (checked);
 * - `replica`: at least one replica has the write (`WAIT 1`);
 * - `fsync+replica`: both;
 * - `none`: applied in Redis's memory (a benchmark baseline, not for production).
 */
export type DurabilityMode = "fsync" | "replica" | "fsync+replica" | "none";

export interface DurabilityOptions {
  mode: DurabilityMode;
  /** Longest wait for the disk/replica acknowledgement before answering 503. */
  timeoutMs: number;
}

/** How many connections carry writes that wait (`WAIT`/`WAITAOF`) in one process. */
export const DURABLE_WRITE_CONNECTIONS = 4;

/** True when the mode's writes may wait on their connection (a replica, or `WAITAOF` on Redis ≥ 7.2). */
export function mayBlock(mode: DurabilityMode): boolean {
  return mode !== "none";
}

/** 503: the write may or may not have been applied, but it is not confirmed durable. */
export class DurabilityUnconfirmedError extends ProblemError {
  constructor(reason: string) {
    super(
      503,
      "durability-unconfirmed",
      "Durability unconfirmed",
      `The write could not be confirmed durable (${reason}); it may or may not have been applied. Read it back or retry.`,
      undefined,
      { "Retry-After": "1" },
    );
  }
}

/** A command run right after the write, on the same connection, and how to judge its reply. */
export interface DurabilityCommand {
  args: [string, ...(string | number)[]];
  /** Holds its connection until answered (`WAIT`), so it needs a connection of its own. */
  blocks: boolean;
  /**
   * Answered only when the server's event loop next runs after the background fsync (`WAITAOF`
   * on an `everysec` server): on an idle server that is its next timer tick, up to 100 ms away
   * at the default `hz 10`. The caller wakes the server while it waits (`wakeWhile`, ADR 0024).
   */
  wake?: boolean;
  /** Null when the reply confirms; else why not. */
  check(reply: unknown): string | null;
}

/** What the servers can do for `fsync`, as last probed. */
interface Capability {
  /** Every master is ≥ 7.2 (has `WAITAOF`). */
  waitaof: boolean;
  /** Every master runs `appendonly yes` and `appendfsync always`. */
  fsyncAlways: boolean;
  /** Why neither holds (for the 503 and the log). */
  problem: string | null;
}

const PROBE_TTL_MS = 5_000;

/** `7.0.15` ≥ `7.2`? */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

async function probeNode(node: Redis): Promise<Capability> {
  const info = await node.info("server");
  const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? "0";
  const waitaof = versionAtLeast(version, 7, 2);
  let appendonly: string | undefined;
  let appendfsync: string | undefined;
  try {
    appendonly = (await node.config("GET", "appendonly"))[1];
    appendfsync = (await node.config("GET", "appendfsync"))[1];
  } catch {
    // A managed Redis may refuse CONFIG: then only WAITAOF can tell.
    if (waitaof) return { waitaof, fsyncAlways: false, problem: null };
    return { waitaof, fsyncAlways: false, problem: `Redis ${version} without WAITAOF, CONFIG not allowed` };
  }
  // With `appendfsync always` Redis fsyncs before it replies: WAITAOF would only add a wait.
  const always = appendonly === "yes" && appendfsync === "always";
  // Without the append-only file WAITAOF answers an error: refuse before writing, as below.
  if (waitaof && appendonly === "no")
    return { waitaof: false, fsyncAlways: false, problem: `Redis ${version} runs without the append-only file` };
  if (waitaof) return { waitaof, fsyncAlways: always, problem: null };
  return {
    waitaof,
    fsyncAlways: always,
    problem: always ? null : `Redis ${version} without WAITAOF runs appendfsync ${appendfsync ?? "?"}`,
  };
}

/**
 * Decides, per write, which commands prove the write durable in the configured mode. The
 * server's capability (version, fsync policy) is probed lazily and re-probed every few seconds,
 * so a failover to a differently configured node is noticed.
 */
export class DurabilityPolicy {
  private capability: Promise<Capability> | null = null;
  private probedAt = 0;

  constructor(
    private readonly redis: RedisClient,
    readonly options: DurabilityOptions,
  ) {}

  private get needsFsync(): boolean {
    return this.options.mode === "fsync" || this.options.mode === "fsync+replica";
  }

  private get needsReplica(): boolean {
    return this.options.mode === "replica" || this.options.mode === "fsync+replica";
  }

  private probe(): Promise<Capability> {
    const now = performance.now();
    if (this.capability && now - this.probedAt < PROBE_TTL_MS) return this.capability;
    this.probedAt = now;
    const redis = this.redis;
    const nodes: Redis[] = "nodes" in redis ? redis.nodes("master") : [redis];
    const probing = Promise.all(nodes.map(probeNode)).then((found) => ({
      waitaof: found.length > 0 && found.every((c) => c.waitaof),
      fsyncAlways: found.length > 0 && found.every((c) => c.fsyncAlways),
      problem: found.find((c) => c.problem)?.problem ?? (found.length === 0 ? "no master known" : null),
    }));
    // A failed probe (Redis away) is not cached: the next write asks again.
    probing.catch(() => {
      if (this.capability === probing) this.capability = null;
    });
    this.capability = probing;
    return probing;
  }

  /**
   * The commands to pipeline after the write. Resolves before the write is sent.
   * @throws DurabilityUnconfirmedError when `fsync` is asked and the server cannot give it —
   *   before anything is written.
   */
  async commands(): Promise<DurabilityCommand[]> {
    const timeout = this.options.timeoutMs;
    const commands: DurabilityCommand[] = [];
    if (this.needsFsync) {
      const capability = await this.probe();
      if (capability.fsyncAlways) {
        // appendfsync always: Redis fsyncs the file before it sends the write's reply.
      } else if (capability.waitaof) {
        commands.push({
          args: ["WAITAOF", 1, 0, timeout],
          blocks: true,
          wake: true,
          check: (reply) =>
            Array.isArray(reply) && Number(reply[0]) >= 1 ? null : "not fsynced to the append-only file in time",
        });
      } else {
        throw new DurabilityUnconfirmedError(capability.problem ?? "no fsync guarantee");
      }
    }
    if (this.needsReplica) {
      commands.push({
        args: ["WAIT", 1, timeout],
        blocks: true,
        check: (reply) => (Number(reply) >= 1 ? null : "no replica acknowledged in time"),
      });
    }
    return commands;
  }
}
