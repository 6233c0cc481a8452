import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import type { Request, Response, Router } from "express";
import { z } from "zod";
import type { Principal, Role } from "../../auth/principal.js";
import type { Context } from "../context.js";
import { ForbiddenError } from "../errors.js";
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
  /** Roles allowed; `"any"` = any valid key. Routes without a key are not declared here. */
  roles: readonly Role[] | "any";
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
  req: Request;
  res: Response;
}

type Empty = z.ZodObject<Record<string, never>>;

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
  for (const status of [400, 401, 403, 404]) {
    if (!(status in responses))
      responses[status] = {
        description: "Problem",
        content: { "application/problem+json": { schema: problemSchema } },
      };
  }
  const docBody = spec.bodyDoc ?? spec.body;
  api.registry.registerPath({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: [{ bearer: [] }],
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(docBody ? { body: { content: { "application/json": { schema: docBody } } } } : {}),
    },
    responses,
  });

  // Parsing an absent part costs a zod call per request; without a schema it is simply empty.
  // A promise chain rather than an async function: this wraps every request.
  api.routes.add(spec.method, spec.path, (req, res, principal, rawParams, rawQuery) => {
    if (spec.roles !== "any" && !spec.roles.includes(principal.role))
      throw new ForbiddenError(`Role ${principal.role} may not do this.`);
    const params = spec.params ? parseInput(spec.params, rawParams, "path") : {};
    const query = spec.query ? parseInput(spec.query, rawQuery, "query") : {};
    // Read after the gate: no body is parsed for a caller without a valid key.
    return readJsonBody(req).then((raw) => {
      req.body = raw;
      const body = spec.body ? parseInput(spec.body, raw, "body") : raw;
      return handler({ params, query, body, principal, req, res } as RouteInput<P, Q, B>);
    });
  });
}
