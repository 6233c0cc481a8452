/**
 * The queue dashboard (`/admin/queues`) from a browser. A browser cannot send an
 * `Authorization` header when it follows a link, and the API key must never sit in a cookie or a
 * URL; so an admin signed in to the console exchanges its key for a short-lived session whose
 * random token is the cookie (`HttpOnly; Secure; SameSite=Strict; Path=/admin`). Only a hash of
 * the token is stored, with the key's id: revoking the key ends its sessions at once.
 */
import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { z } from "zod";
import { requireKey } from "../auth/gate.js";
import type { Context } from "../platform/context.js";
import { UnauthorizedError } from "../platform/errors.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import type { Principal } from "../platform/principal.js";

export const ADMIN_COOKIE = "vc_admin";
/** Long enough to look into a stuck queue, short enough that a forgotten tab does not stay open. */
export const ADMIN_SESSION_SECONDS = 15 * 60;

interface AdminSession {
  principal: Principal;
  expiresAt: string;
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** The `Set-Cookie` value for a session token (pure: tested on its own). */
export function adminCookie(token: string, maxAgeSeconds = ADMIN_SESSION_SECONDS): string {
  return `${ADMIN_COOKIE}=${token}; HttpOnly; Secure; SameSite=Strict; Path=/admin; Max-Age=${maxAgeSeconds}`;
}

/** The value of cookie `name` in a `Cookie` header, if present. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** `POST /v1/console/admin-session`: an admin key buys a cookie for /admin, nothing more. */
export function adminSessionRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/console/admin-session",
      operationId: "createAdminSession",
      scope: "none",
      tag: "Console",
      summary: "A short-lived browser session for the queue dashboard (/admin/queues)",
      description:
        `Sets an \`${ADMIN_COOKIE}\` cookie (HttpOnly; Secure; SameSite=Strict; Path=/admin; ${ADMIN_SESSION_SECONDS / 60} minutes) holding a random token, never the key. ` +
        "The session ends when it expires or when the key that made it is revoked.",
      roles: ["admin"],
      responses: {
        200: {
          description: "The session (its token is in the cookie only)",
          schema: z.object({ expiresAt: z.string(), path: z.literal("/admin/queues") }),
        },
      },
    },
    async ({ principal, res }) => {
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(api.ctx.now().getTime() + ADMIN_SESSION_SECONDS * 1000).toISOString();
      const stored: AdminSession = { principal, expiresAt };
      await api.ctx.redis.set(
        api.ctx.keys.adminSession(tokenHash(token)),
        JSON.stringify(stored),
        "EX",
        ADMIN_SESSION_SECONDS,
      );
      res
        .set("Cache-Control", "no-store")
        .set("Set-Cookie", adminCookie(token))
        .json({ expiresAt, path: "/admin/queues" });
    },
  );
}

/**
 * In front of /admin: a bearer key as before, else the session cookie — whose key must still
 * exist (a revoked key's sessions end with it).
 */
export function adminGate(ctx: Context): RequestHandler {
  const byKey = requireKey(ctx);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization) {
      byKey(req, res, next);
      return;
    }
    const token = cookieValue(req.headers.cookie, ADMIN_COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      next(new UnauthorizedError());
      return;
    }
    void sessionPrincipal(ctx, token).then((principal) => {
      if (!principal) {
        next(new UnauthorizedError("The dashboard session has ended; open it again from the console."));
        return;
      }
      req.principal = principal;
      next();
    }, next);
  };
}

async function sessionPrincipal(ctx: Context, token: string): Promise<Principal | null> {
  const json = await ctx.redis.get(ctx.keys.adminSession(tokenHash(token)));
  if (!json) return null;
  const session = JSON.parse(json) as AdminSession;
  if (Date.parse(session.expiresAt) <= ctx.now().getTime()) return null;
  // Revoking a key deletes its id record: its sessions end with it.
  if ((await ctx.redis.exists(ctx.keys.apiKeyById(session.principal.keyId))) === 0) return null;
  return session.principal;
}

/**
 * bull-board's page: its own scripts and styles from this service, inline style attributes in
 * its markup (hence 'unsafe-inline' for styles only), no remote fonts, no frames.
 */
export const ADMIN_QUEUES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function adminQueuesHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    "Content-Security-Policy": ADMIN_QUEUES_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
  });
  next();
}
