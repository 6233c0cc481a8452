import type { Context } from "./context.js";

/** A worker process counts as running while its heartbeat is younger than this. */
export const HEARTBEAT_TTL_MS = 15_000;

export interface Readiness {
  ready: boolean;
  redis: "up" | "down";
  workers: number;
}

/**
 * Ready = Redis answers and at least one worker process has beaten its heart recently, because
 * an API without workers would accept activations that never complete.
 */
export async function readiness(ctx: Context): Promise<Readiness> {
  try {
    const since = ctx.now().getTime() - HEARTBEAT_TTL_MS;
    const workers = await ctx.redis.zcount(ctx.keys.workerHeartbeats(), since, "+inf");
    return { ready: workers > 0, redis: "up", workers };
  } catch {
    return { ready: false, redis: "down", workers: 0 };
  }
}

/** Records that the worker process `id` is alive, dropping long-dead ones. */
export async function beat(ctx: Context, id: string): Promise<void> {
  const now = ctx.now().getTime();
  await ctx.redis
    .multi()
    .zadd(ctx.keys.workerHeartbeats(), now, id)
    .zremrangebyscore(ctx.keys.workerHeartbeats(), "-inf", now - 10 * HEARTBEAT_TTL_MS)
    .exec();
}
