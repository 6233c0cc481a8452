import type { NextFunction, Request, RequestHandler, Response } from "express";
import { authenticate } from "../../auth/service.js";
import { canSeeAccount, type Principal, type Role } from "../../auth/principal.js";
import type { Context } from "../context.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../errors.js";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** Requires `Authorization: Bearer <key>` and attaches the principal. */
export function requireKey(ctx: Context): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get("authorization");
    const match = header ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
    if (!match) return next(new UnauthorizedError());
    authenticate(ctx, match[1]!).then(
      (principal) => {
        req.principal = principal;
        next();
      },
      next,
    );
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
    if (!principal) return next(new UnauthorizedError());
    if (!roles.includes(principal.role)) return next(new ForbiddenError(`Role ${principal.role} may not do this.`));
    next();
  };
}

/**
 * 404 when a customer key asks about another account: the answer must not reveal that the
 * account exists.
 */
export function assertAccountVisible(principal: Principal, accountId: string, what = "account"): void {
  if (!canSeeAccount(principal, accountId)) throw new NotFoundError(what);
}
