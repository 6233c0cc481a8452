import { z } from "zod";
import { accountParams } from "../platform/ids.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { listNotifications } from "./service.js";
import { CHANNELS, NOTIFICATION_STATUSES, NOTIFICATION_TYPE_NAMES } from "./types.js";

const notification = z
  .object({
    id: z.string(),
    accountId: z.string(),
    type: z.enum(NOTIFICATION_TYPE_NAMES),
    channel: z.enum(CHANNELS),
    locale: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string().describe("The plain-text part"),
    status: z.enum(NOTIFICATION_STATUSES),
    delivered: z.enum(["smtp", "outbox", "webhook"]).optional(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    ref: z.object({
      deviceId: z.string().optional(),
      portRequestId: z.string().optional(),
      emergencyCallId: z.string().optional(),
    }),
  })
  .meta({ id: "Notification" });

export function notificationRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/notifications",
      operationId: "listNotifications",
      scope: "account",
      tag: "Notifications",
      summary: "What the account's contacts were told, newest first, with delivery state",
      roles: "any",
      params: accountParams,
      query: z
        .object({
          type: z.enum(NOTIFICATION_TYPE_NAMES).optional().describe("Only notifications of this type"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(40).optional(),
        })
        .strict(),
      responses: {
        200: {
          description: "Notifications",
          schema: z.object({ items: z.array(notification), nextCursor: z.string().nullable() }),
        },
      },
    },
    async ({ params, query, res }) => {
      res.json(await listNotifications(api.ctx, params.accountId, query));
    },
  );
}
