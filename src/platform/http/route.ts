import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import type { Request, Response, Router } from "express";
import { z } from "zod";
import { canSeeAccount, type Principal, type Role } from "../principal.js";
import type { Context } from "../context.js";
import type { EmergencyPath } from "../emergency-path.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import { readJsonBody } from "./json-body.js";
import { problemSchema } from "../openapi.js";
import type { RouteTable } from "./route-table.js";
import { parseInput } from "./validate.js";

/**
 * Where a component registers its routes: the declared API routes (`defineRoute`), an Express
 * router for what is not a declared route (the console's files, signed hooks), the OpenAPI
 * registry and the context.
 */
export interface Api {
  routes: RouteTable;
  router: Router;
  registry: OpenAPIRegistry;
  ctx: Context;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: "get" | "put" | "post" | "delete";
  /** OpenAPI style: `/v1/accounts/{accountId}`. */
  path: string;
  summary: string;
  tag: string;
  /** Unique, camelCase: what generated clients call this operation (OpenAPI `operationId`). */
  operationId: string;
  /** Roles allowed; `"any"` = any valid key. Routes without a key are not declared here. */
  roles: readonly Role[] | "any";
  /**
   * Whose data the route serves, declared once here and enforced by the route table before the
   * handler runs. `"account"`: the account named by the `{accountId}` path parameter — a customer
   * key of another account gets 404, as if the resource did not exist. `"none"`: no one account's
   * data is named by the path (catalogues, cross-account staff views). Every route with
   * `{accountId}` must say `"account"` (test/api/route-scopes.test.ts walks them all).
   */
  scope: "account" | "none";
  /**
   * An emergency answer (classify, dial check, HELD, emergency-call report): asked while a call is
   * being set up, so it is never rate-limited and never counted against the key's budget
   * (life safety first: a busy key must not get 429 for a 911 dial check), and every store call it
   * makes — the key lookup included — has a short deadline, after which the answer goes on from
   * what the process knows (the handler gets the `emergencyPath`; ADR "emergency answers fail open").
   * @defaultValue false
   */
  emergency?: boolean;
  /** What the 404 of a foreign account calls the resource (default `account`): `No such device.` */
  notFoundAs?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Documented body when it differs from the validating one (e.g. validated by a domain rule). */
  bodyDoc?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  description?: string;
}

export interface RouteInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  principal: Principal;
  /** Emergency routes only: the answer's store deadline and fallback (`src/platform/emergency-path.ts`). */
  emergencyPath?: EmergencyPath | undefined;
  req: Request;
  res: Response;
}

type Empty = z.ZodObject<Record<string, never>>;

/**
 * What the parameters that recur across routes mean, said once. A route's own `.describe()`
 * wins; every parameter must end up with a description (test/api/openapi-document.test.ts).
 */
const PARAMETER_DOCS: Record<string, string> = {
  accountId: "The account's id (1–64 letters, digits, `.`, `_` or `-`)",
  deviceId: "The device's id within the account (1–64 letters, digits, `.`, `_` or `-`)",
  limit: "How many items at most in this page",
  cursor: "Where the previous page ended: its `nextCursor`, as given",
  country: "ISO 3166-1 alpha-2 country code, e.g. `DE`",
  region: "ISO 3166-2 subdivision code, e.g. `DE-BY`",
  timeZone: "IANA time zone, e.g. `Europe/Berlin`; defaults to the region's (or country's) zone",
  locale: "Language of the text: `en`, `de`, `fr`, `nl` or `pt-BR`",
};

/** A copy of a parameter object whose fields carry their descriptions, for the document only. */
function documented(schema: AnyObject): AnyObject {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => {
      const doc = (field as z.ZodType).description ?? PARAMETER_DOCS[name];
      return [name, doc ? (field as z.ZodType).describe(doc) : field];
    }),
  );
  return z.object(shape);
}

const DEFAULT_PROBLEMS: Record<number, string> = {
  400: "Bad input: the problem names each offending field in `errors`",
  401: "No valid API key",
  403: "The key's role may not do this",
  404: "Not found (also for another account's resources)",
  409: "Conflict with the resource's state",
  412: "If-Match does not match the current version",
  429: "Too many requests for this key, or too many unknown keys from this address (`Retry-After`)",
};

/**
 * Declares one route: the OpenAPI entry and the Express handler come from the same schemas, so
 * the document cannot drift from what the code accepts. Params, query and body are parsed (400
 * naming each bad field) and the role is checked (403) before the handler runs.
 */
export function defineRoute<
  P extends AnyObject = Empty,
  Q extends AnyObject = Empty,
  B extends z.ZodType = z.ZodUnknown,
>(api: Api, spec: RouteSpec<P, Q, B>, handler: (input: RouteInput<P, Q, B>) => Promise<void> | void): void {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = response.schema
      ? {
          description: response.description,
          content: { [response.contentType ?? "application/json"]: { schema: response.schema } },
        }
      : { description: response.description };
  }
  // Every error answer is a problem document: declared ones get its schema, common ones are added.
  // Writes can lose a race (409 `conflict`, 412 with If-Match); non-emergency routes can be
  // rate-limited or refused after failed key checks (429).
  for (const status of [
    400,
    401,
    403,
    404,
    ...(spec.method === "get" ? [] : [409, 412]),
    ...(spec.emergency ? [] : [429]),
    ...Object.keys(spec.responses)
      .map(Number)
      .filter((s) => s >= 400),
  ]) {
    const declared = responses[status];
    if (!declared || !declared.content) {
      responses[status] = {
        description: declared?.description ?? DEFAULT_PROBLEMS[status] ?? "Problem",
        content: { "application/problem+json": { schema: problemSchema } },
      };
    }
  }
  const docBody = spec.bodyDoc ?? spec.body;
  if ((spec.scope === "account") !== spec.path.includes("{accountId}")) {
    throw new Error(
      `${spec.method} ${spec.path}: scope "account" goes with an {accountId} path parameter, and only there`,
    );
  }
  api.registry.registerPath({
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: [{ bearer: [] }],
    request: {
      ...(spec.params ? { params: documented(spec.params) } : {}),
      ...(spec.query ? { query: documented(spec.query) } : {}),
      ...(docBody ? { body: { content: { "application/json": { schema: docBody } } } } : {}),
    },
    responses,
  });

  // Parsing an absent part costs a zod call per request; without a schema it is simply empty.
  // A promise chain rather than an async function: this wraps every request.
  const notFound = spec.notFoundAs ?? "account";
  api.routes.add(
    spec.method,
    spec.path,
    { scope: spec.scope, operationId: spec.operationId, emergency: spec.emergency ?? false },
    (req, res, principal, rawParams, rawQuery) => {
      if (spec.roles !== "any" && !spec.roles.includes(principal.role))
        throw new ForbiddenError(`Role ${principal.role} may not do this.`);
      // Before anything is parsed or read: another account's resources do not exist for this key.
      if (spec.scope === "account" && !canSeeAccount(principal, rawParams.accountId ?? ""))
        throw new NotFoundError(notFound);
      const params = spec.params ? parseInput(spec.params, rawParams, "path") : {};
      const query = spec.query ? parseInput(spec.query, rawQuery, "query") : {};
      // Read after the gate: no body is parsed for a caller without a valid key.
      return readJsonBody(req).then((raw) => {
        req.body = raw;
        const body = spec.body ? parseInput(spec.body, raw, "body") : raw;
        const emergencyPath = req.emergencyPath;
        return handler({ params, query, body, principal, req, res, emergencyPath } as RouteInput<P, Q, B>);
      });
    },
  );
}
