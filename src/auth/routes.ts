import { z } from "zod";
import { resourceId } from "../platform/ids.js";
import { idempotent } from "../platform/http/idempotency.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { ValidationError } from "../platform/errors.js";
import { ROLES } from "../platform/principal.js";
import { createApiKey, listApiKeys, revokeApiKey } from "./service.js";

const newKey = z
  .object({
    role: z.enum(ROLES),
    accountId: resourceId.optional(),
    label: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: "ApiKeyInput" });
const createdKey = z
  .object({
    id: z.string(),
    key: z.string().describe("Shown once; only its hash is stored."),
    role: z.enum(ROLES),
    accountId: z.string().nullable(),
    label: z.string().nullable(),
  })
  .meta({ id: "ApiKeyCreated" });
const keySummary = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  accountId: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});

/** API keys: admin only. */
export function apiKeyRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/api-keys",
      operationId: "createApiKey",
      scope: "none",
      tag: "API keys",
      summary: "Create an API key",
      roles: ["admin"],
      body: newKey,
      responses: { 201: { description: "Created", schema: createdKey } },
    },
    async ({ body, principal, req, res }) => {
      if (body.role === "customer" && !body.accountId)
        throw new ValidationError([{ path: "accountId", message: "is required for customer keys" }]);
      if (body.role !== "customer" && body.accountId)
        throw new ValidationError([{ path: "accountId", message: "only customer keys belong to one account" }]);
      const reply = await idempotent(api.ctx, req, "api-keys", async () => ({
        status: 201,
        body: await createApiKey(api.ctx, principal, body),
      }));
      res
        .status(reply.status)
        .set(reply.headers ?? {})
        .json(reply.body);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/api-keys",
      operationId: "listApiKeys",
      scope: "none",
      tag: "API keys",
      summary: "List API keys (never the keys themselves)",
      roles: ["admin"],
      responses: { 200: { description: "Keys", schema: z.object({ items: z.array(keySummary) }) } },
    },
    async ({ res }) => {
      res.json({ items: await listApiKeys(api.ctx) });
    },
  );
  defineRoute(
    api,
    {
      method: "delete",
      path: "/v1/api-keys/{keyId}",
      operationId: "revokeApiKey",
      scope: "none",
      tag: "API keys",
      summary: "Revoke an API key everywhere",
      roles: ["admin"],
      params: z.object({
        keyId: z.string().max(64).describe("The key's id (`key_…`), as listed; never the key itself"),
      }),
      responses: { 204: { description: "Revoked" } },
    },
    async ({ params, res }) => {
      await revokeApiKey(api.ctx, params.keyId);
      res.status(204).end();
    },
  );
}
