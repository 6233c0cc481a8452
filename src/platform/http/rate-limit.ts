import type { NextFunction, Request, RequestHandler, Response } from "express";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Context } from "../context.js";
import { sendProblem } from "./problem.js";

/**
 * Requests per second per API key, counted in Redis so that every API process shares one budget.
 * Over it → 429 `rate-limited` with `Retry-After`. If Redis cannot be asked, an in-process
 * limiter of the same size stands in (the request itself will then meet the 503 of the store).
 */
export function rateLimit(ctx: Context): RequestHandler {
  const points = ctx.config.RATE_LIMIT_RPS;
  if (points === 0) return (_req, _res, next) => next();
  const limiter = new RateLimiterRedis({
    storeClient: ctx.redis,
    keyPrefix: ctx.keys.rateLimits(),
    points,
    duration: 1,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 1 }),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.principal?.keyId;
    if (!key) return next();
    limiter.consume(key).then(
      () => next(),
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) return next();
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        sendProblem(res, 429, "rate-limited", "Too many requests", `This key may make ${points} requests per second.`, undefined, { "Retry-After": String(seconds) });
      },
    );
  };
}
