import { createHash } from "node:crypto";
import type { Request } from "express";
import type { Context } from "../context.js";
import { ProblemError, ValidationError } from "../errors.js";

/** A response a creating POST produced, kept so a retry with the same key gets it again. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const TTL_MS = 24 * 3600 * 1000;

/**
 * Runs a creating POST at most once per `Idempotency-Key` (per caller and scope): the first
 * answer is stored for 24 h and replayed for a retry with the same key and the same body. The
 * same key with another body is 422; a retry while the first is still running is 409.
 * A failed first attempt stores nothing, so the client may retry it.
 */
export async function idempotent(ctx: Context, req: Request, scope: string, run: () => Promise<Reply>): Promise<Reply> {
  const idempotencyKey = req.get("idempotency-key");
  if (idempotencyKey === undefined) return run();
  if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new ValidationError(
      [{ path: "Idempotency-Key", message: "must be 1-255 visible ASCII characters" }],
      "Bad Idempotency-Key header.",
    );
  }
  const principal = req.principal?.keyId ?? "anonymous";
  const key = ctx.keys.idempotency(
    scope,
    principal,
    createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32),
  );
  const fingerprint = createHash("sha256")
    .update(`${req.method} ${req.originalUrl}\n`)
    .update(req.rawBody ?? Buffer.alloc(0))
    .digest("hex");

  return runOnce(ctx, key, fingerprint, run);
}

/**
 * Runs `run` once for `key`: a repeat with the same fingerprint gets the stored reply (with
 * `Idempotent-Replayed: true`), another fingerprint is 422, a repeat while the first runs is 409.
 * Shared by `Idempotency-Key` POSTs and provisioning-hook `webhook-id`s.
 */
export async function runOnce(
  ctx: Context,
  key: string,
  fingerprint: string,
  run: () => Promise<Reply>,
): Promise<Reply> {
  const claimed = await ctx.redis.set(key, JSON.stringify({ state: "running", fingerprint }), "PX", TTL_MS, "NX");
  if (claimed !== "OK") {
    const stored = await ctx.redis.get(key);
    const record = stored ? (JSON.parse(stored) as { state: string; fingerprint: string; reply?: Reply }) : null;
    if (!record) return runOnce(ctx, key, fingerprint, run);
    if (record.fingerprint !== fingerprint) {
      throw new ProblemError(
        422,
        "idempotency-key-reused",
        "Idempotency-Key reused",
        "This Idempotency-Key was used with a different request.",
      );
    }
    if (record.state !== "done" || !record.reply) {
      throw new ProblemError(
        409,
        "request-in-progress",
        "Request in progress",
        "The first request with this Idempotency-Key is still running.",
        undefined,
        { "Retry-After": "1" },
      );
    }
    return { ...record.reply, headers: { ...record.reply.headers, "Idempotent-Replayed": "true" } };
  }
  try {
    const reply = await run();
    await ctx.redis.set(key, JSON.stringify({ state: "done", fingerprint, reply }), "PX", TTL_MS);
    return reply;
  } catch (error) {
    await ctx.redis.del(key).catch(() => undefined);
    throw error;
  }
}
