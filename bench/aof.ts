import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";

/**
 * The store's append-only-file rewrite, which the emergency-call bench keeps out of the phases it
 * compares and measures in a phase of its own (ADR 0029): the server rewrites its file each time it
 * has doubled (past 64 MB), and the bench's bulk loading doubles it within seconds.
 */

const persistence = async (redis: Redis) => redis.info("persistence");

const field = (info: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? NaN);

/** How many rewrites the server has made since it started (`aof_rewrites`, Redis ≥ 7.0). */
export async function aofRewrites(redis: Redis): Promise<number> {
  return field(await persistence(redis), "aof_rewrites");
}

async function rewriteIdle(redis: Redis): Promise<number> {
  for (let i = 0; ; i++) {
    const info = await persistence(redis);
    if (field(info, "aof_rewrite_in_progress") === 0 && field(info, "aof_rewrite_scheduled") === 0) {
      return field(info, "aof_rewrites");
    }
    if (i > 3_000) throw new Error("the append-only file's rewrite did not finish within 60 s");
    await sleep(20);
  }
}

/** Starts a rewrite (`BGREWRITEAOF`) once none runs; resolves when it has started, with the count to wait for. */
export async function startAofRewrite(redis: Redis): Promise<number> {
  const before = await rewriteIdle(redis);
  await redis.bgrewriteaof();
  return before + 1;
}

/** Resolves once the server has made `count` rewrites and none runs. */
export async function aofRewritten(redis: Redis, count: number): Promise<void> {
  for (let i = 0; (await rewriteIdle(redis)) < count; i++) {
    if (i > 3_000) throw new Error("the append-only file's rewrite did not finish within 60 s");
    await sleep(20);
  }
}

/** Rewrites the append-only file now and waits for it: the next phase starts from a compact file. */
export async function compactAof(redis: Redis): Promise<void> {
  await aofRewritten(redis, await startAofRewrite(redis));
}

/**
 * Runs `phase` from a compact append-only file: its result, and how many rewrites the server
 * started on its own meanwhile (each measured phase of the emergency-call bench, ADR 0029).
 */
export async function fromCompactAof<T>(
  redis: Redis,
  phase: () => Promise<T>,
): Promise<{ result: T; rewrites: number }> {
  await compactAof(redis);
  const before = await aofRewrites(redis);
  const result = await phase();
  return { result, rewrites: (await aofRewrites(redis)) - before };
}
