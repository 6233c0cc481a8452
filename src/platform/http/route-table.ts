import FindMyWay from "find-my-way";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Principal } from "../principal.js";
import { sendProblem } from "./problem.js";

declare global {
  namespace Express {
    interface Request {
      /** The matched route in OpenAPI form (`/v1/accounts/{accountId}`): the label for logs and metrics. */
      routePattern?: string;
    }
  }
}

/** What a declared route runs once matched and let through the gate: path params decoded, query parsed. */
export type RouteRunner = (
  req: Request,
  res: Response,
  principal: Principal,
  params: Record<string, string>,
  query: Record<string, unknown>,
) => Promise<unknown>;

/** Who may go on: the caller's principal, or a throw/rejection with the problem (401, 429). */
export type Gate = (req: Request, route: RouteInfo) => Principal | Promise<Principal>;

/** What the table knows of a declared route besides how to run it (for checks over all routes). */
export interface RouteInfo {
  scope: "account" | "none";
  operationId: string;
  /** An emergency answer: never rate-limited (see `RouteSpec.emergency`). */
  emergency: boolean;
}

interface Entry extends RouteInfo {
  pattern: string;
  method: Method;
  run: RouteRunner;
  /** A route that checks its own credentials (HELD takes HTTP Basic): run without the gate. */
  open?: RequestHandler;
}

type Method = "GET" | "PUT" | "POST" | "DELETE";
const METHODS: readonly Method[] = ["GET", "PUT", "POST", "DELETE"];
const noop = () => undefined;

/**
 * The API's routes in one radix tree (find-my-way, Fastify's router): a request is matched in one
 * lookup instead of Express testing each route's regular expression in turn, which was ~9% of the
 * classify profile with 45 routes. Static segments win over parameters (`…/devices/search` before
 * `…/devices/{deviceId}`) whatever the declaration order.
 */
export class RouteTable {
  // A path that cannot be percent-decoded is found with a null store (find-my-way's bad-URL hook).
  private readonly tree = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 8192, onBadUrl: noop });

  /** Adds a route; `path` is in OpenAPI form, `/v1/accounts/{accountId}`. */
  private readonly entries: Entry[] = [];

  add(method: Lowercase<Method>, path: string, info: RouteInfo, run: RouteRunner): void {
    const entry: Entry = { ...info, pattern: path, method: method.toUpperCase() as Method, run };
    this.entries.push(entry);
    this.tree.on(method.toUpperCase() as Method, path.replace(/\{(\w+)\}/g, ":$1"), noop, entry);
  }

  /**
   * Adds a route that authenticates its callers itself and so runs without the gate (HELD: its
   * callers are SIP proxies presenting the key as an HTTP Basic password). Matched in the same
   * tree, before every other Express layer: such routes are emergency answers on a hot path.
   */
  addOpen(method: Lowercase<Method>, path: string, operationId: string, handler: RequestHandler): void {
    const entry: Entry = {
      scope: "none",
      operationId,
      emergency: true,
      pattern: path,
      method: method.toUpperCase() as Method,
      run: () => Promise.resolve(),
      open: handler,
    };
    this.entries.push(entry);
    this.tree.on(entry.method, path.replace(/\{(\w+)\}/g, ":$1"), noop, entry);
  }

  /** Every declared route: method, OpenAPI path, scope and operation id. */
  list(): (RouteInfo & { method: Method; path: string })[] {
    return this.entries.map(({ method, pattern, scope, operationId, emergency }) => ({
      method,
      path: pattern,
      scope,
      operationId,
      emergency,
    }));
  }

  /**
   * Express middleware answering every declared route, each behind `gate`; other paths go on to
   * `next`. A path that exists under another method gets 405 with `Allow` (RFC 9110 §15.5.6).
   * The gate, the match and the route run without further Express layers: on the hot paths each
   * layer and each promise shows in the profile.
   */
  middleware(gate: Gate): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      // HEAD is GET without the body (RFC 9110 §9.3.2); Node leaves the body out by itself.
      const method = req.method === "HEAD" ? "GET" : (req.method as Method);
      const found = this.tree.find(method, req.url);
      if (!found) {
        this.otherMethods(req, res, next);
        return;
      }
      const entry = found.store as Entry | null;
      if (!entry) {
        sendProblem(
          res,
          400,
          "bad-request",
          "Bad request",
          "The path is not valid: a % must be followed by two hex digits (RFC 3986 §2.1).",
        );
        return;
      }
      req.routePattern = entry.pattern;
      const params = found.params as Record<string, string>;
      if (entry.open) {
        req.params = params;
        entry.open(req, res, next);
        return;
      }
      try {
        const principal = gate(req, entry);
        if (principal instanceof Promise) {
          principal.then((p) => entry.run(req, res, p, params, found.searchParams)).catch(next);
        } else {
          entry.run(req, res, principal, params, found.searchParams).catch(next);
        }
      } catch (error) {
        next(error);
      }
    };
  }

  private otherMethods(req: Request, res: Response, next: NextFunction): void {
    const allowed: string[] = METHODS.filter((method) => this.tree.find(method, req.url) !== null);
    if (allowed.length === 0) {
      next();
      return;
    }
    if (allowed.includes("GET")) allowed.push("HEAD");
    sendProblem(
      res,
      405,
      "method-not-allowed",
      "Method not allowed",
      `${req.method} is not allowed here; use ${allowed.join(", ")}.`,
      undefined,
      { Allow: allowed.join(", ") },
    );
  }
}
