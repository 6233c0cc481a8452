import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Context } from "../platform/context.js";
import { ForbiddenError, UnauthorizedError } from "../platform/errors.js";
import { RateLimiter } from "../platform/http/rate-limit.js";
import type { Gate } from "../platform/http/route-table.js";
import type { Principal, Role } from "../platform/principal.js";
import { EmergencyPath } from "../platform/emergency-path.js";
import { authenticate, authenticateForEmergency } from "./service.js";
import { failedAuthLimitOf } from "./failed-auth-limit.js";
import { apiKeysOf } from "./api-keys.js";
import { hashApiKey } from "./api-key-store.js";

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

const BEARER = /^Bearer\s+(\S{1,512})\s*$/i;

/**
 * The principal of `Authorization: Bearer <key>`, attached to the request: at once when the key
 * is cached, else a promise. Throws (or rejects with) 401 for a missing or unknown key. With an
 * emergency path, the key store is asked within its deadline (see `authenticateForEmergency`).
 */
export function authenticateRequest(ctx: Context, req: Request, path?: EmergencyPath): Principal | Promise<Principal> {
  const header = req.headers.authorization;
  const match = header ? BEARER.exec(header) : null;
  if (!match) throw new UnauthorizedError();
  if (path) {
    const found = authenticateForEmergency(ctx, match[1]!, path);
    return found instanceof Promise ? found.then((principal) => (req.principal = principal)) : (req.principal = found);
  }
  const found = authenticate(ctx, match[1]!);
  if (found instanceof Promise) {
    // Not verified before: the source's failed checks are counted and limited (429).
    const source = req.socket.remoteAddress ?? "unknown";
    const limit = failedAuthLimitOf(ctx);
    // A key this process verified before is let through to its lookup even then.
    if (limit.isBlocked(source) && !apiKeysOf(ctx).cache.lastVerified(hashApiKey(match[1]!))) {
      found.catch(() => undefined);
      limit.check(source);
    }
    return found.then(
      (principal) => (req.principal = principal),
      async (error: unknown) => {
        if (error instanceof UnauthorizedError) await limit.failed(source);
        throw error;
      },
    );
  }
  return (req.principal = found);
}

/**
 * The gate in front of every declared API route: the key (401), then the key's rate limit (429).
 * Synchronous while the key is cached and its lease has tokens — the common case.
 *
 * Emergency routes (`RouteSpec.emergency`) take the emergency path instead: no rate limit at all
 * (not refused, not counted), and every store call of the answer — the key lookup included —
 * within the path's deadline (`src/platform/emergency-path.ts`).
 */
export function keyGate(ctx: Context): Gate {
  const limiter = new RateLimiter(ctx);
  const limit = (principal: Principal): Principal | Promise<Principal> => {
    const admitted = limiter.admit(principal.keyId);
    return admitted ? admitted.then(() => principal) : principal;
  };
  return (req, route) => {
    if (route.emergency) {
      const path = new EmergencyPath(req.receivedAt);
      req.emergencyPath = path;
      return authenticateRequest(ctx, req, path);
    }
    const principal = authenticateRequest(ctx, req);
    return principal instanceof Promise ? principal.then(limit) : limit(principal);
  };
}

/** Requires `Authorization: Bearer <key>` and attaches the principal (routes outside the route table). */
export function requireKey(ctx: Context): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    try {
      const principal = authenticateRequest(ctx, req);
      if (principal instanceof Promise) principal.then(() => next(), next);
      else next();
    } catch (error) {
      next(error);
    }
  };
}

/** The principal of an authenticated request (routes behind `requireKey`). */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}

/** 403 unless the caller's role is one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal) {
      next(new UnauthorizedError());
      return;
    }
    if (!roles.includes(principal.role)) {
      next(new ForbiddenError(`Role ${principal.role} may not do this.`));
      return;
    }
    next();
  };
}
