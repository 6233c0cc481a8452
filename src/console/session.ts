import { z } from "zod";
import { ROLES } from "../platform/principal.js";
import { defineRoute, type Api } from "../platform/http/route.js";

/** `GET /v1/console/session`: who the signed-in key is, so the console shows what its role may do. */
export function sessionRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/console/session",
      operationId: "getConsoleSession",
      scope: "none",
      tag: "Console",
      summary: "The calling key: its id, role, account and label (never the key)",
      roles: "any",
      responses: {
        200: {
          description: "The key's principal",
          schema: z.object({
            keyId: z.string(),
            role: z.enum(ROLES),
            accountId: z.string().nullable(),
            label: z.string().nullable(),
          }),
        },
      },
    },
    ({ principal, res }) => {
      res
        .set("Cache-Control", "no-store")
        .json({ keyId: principal.keyId, role: principal.role, accountId: principal.accountId, label: principal.label });
    },
  );
}
