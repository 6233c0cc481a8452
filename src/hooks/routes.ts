import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { UnauthorizedError } from "../platform/errors.js";
import { runOnce } from "../platform/http/idempotency.js";
import { jsonBody } from "../platform/http/json-body.js";
import { parseInput } from "../platform/http/validate.js";
import type { Api } from "../platform/http/route.js";
import { problemSchema } from "../platform/openapi.js";
import { applyProvisioningEvent, provisioningEvent, provisioningOutcome } from "./provisioning.js";

/**
 * `POST /v1/hooks/provisioning`: signed per the Standard Webhooks spec with
 * `PROVISIONING_WEBHOOK_SECRET` instead of an API key. The library checks the signature over the
 * exact bytes received and the 5-minute timestamp window; a repeated `webhook-id` is answered with
 * the first answer and applied once (the platform retries deliveries with the same id).
 */
export function hookRoutes(api: Api): void {
  // Made on first delivery: declaring the route reads no configuration.
  let verifier: Webhook | null | undefined;

  api.registry.registerPath({
    method: "post",
    path: "/v1/hooks/provisioning",
    operationId: "receiveProvisioningEvent",
    tags: ["Provisioning hooks"],
    summary: "Provisioning events from the VoIP platform (Standard Webhooks signature, no API key)",
    description:
      "401 for a missing or bad signature or a timestamp more than 5 minutes off. A repeated `webhook-id` gets the first answer and is applied once.",
    security: [],
    request: {
      headers: z.object({
        "webhook-id": z
          .string()
          .describe("The event's id; a repeated id is answered as the first time and applied once"),
        "webhook-timestamp": z.string().describe("Unix seconds; more than 5 minutes off is refused"),
        "webhook-signature": z
          .string()
          .describe("`v1,<base64 HMAC-SHA256>` over `id.timestamp.body` with PROVISIONING_WEBHOOK_SECRET"),
      }),
      body: { content: { "application/json": { schema: provisioningEvent } } },
    },
    responses: {
      200: {
        description: "Applied (or already applied)",
        content: { "application/json": { schema: provisioningOutcome } },
      },
      201: { description: "Created", content: { "application/json": { schema: provisioningOutcome } } },
      202: {
        description: "`emergency.call` held while the store is unreachable (recorded when it is back)",
        content: { "application/json": { schema: provisioningOutcome } },
      },
      400: { description: "Problem", content: { "application/problem+json": { schema: problemSchema } } },
      401: { description: "Problem", content: { "application/problem+json": { schema: problemSchema } } },
      404: {
        description: "`emergency.call` of an unknown caller (recorded as unresolved all the same)",
        content: { "application/problem+json": { schema: problemSchema } },
      },
      409: {
        description: "`emergency.call` whose callId was reported with other details",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    },
  });

  api.router.post("/v1/hooks/provisioning", jsonBody(), async (req: Request, res: Response) => {
    if (verifier === undefined) {
      const secret = api.ctx.config.PROVISIONING_WEBHOOK_SECRET;
      verifier = secret ? new Webhook(secret) : null;
    }
    if (!verifier) throw new UnauthorizedError("Provisioning hooks are not configured (PROVISIONING_WEBHOOK_SECRET).");
    const raw = req.rawBody ?? Buffer.alloc(0);
    const headers = {
      "webhook-id": req.get("webhook-id") ?? "",
      "webhook-timestamp": req.get("webhook-timestamp") ?? "",
      "webhook-signature": req.get("webhook-signature") ?? "",
    };
    try {
      verifier.verify(raw, headers);
    } catch (error) {
      if (error instanceof WebhookVerificationError)
        throw new UnauthorizedError(`Webhook signature rejected: ${error.message}.`);
      throw error;
    }
    const event = parseInput(provisioningEvent, req.body, "body");
    const webhookId = headers["webhook-id"];
    const fingerprint = createHash("sha256").update(raw).digest("hex");
    const reply = await runOnce(
      api.ctx,
      api.ctx.keys.hookDelivery(createHash("sha256").update(webhookId).digest("hex").slice(0, 40)),
      fingerprint,
      () => applyProvisioningEvent(api.ctx, event),
    );
    res
      .status(reply.status)
      .set(reply.headers ?? {})
      .json(reply.body);
  });
}
