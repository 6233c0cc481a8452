import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

/** RFC 9457 problem details, as every error of this API is sent. */
export const problemSchema = z
  .object({
    type: z.string().describe("URI ending in the problem code, e.g. …/problems/location-required"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

/** Collects every route's schemas; `document()` renders OpenAPI 3.1 from them. */
export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "API key" });
  registry.registerComponent("securitySchemes", "standardWebhooks", {
    type: "apiKey",
    in: "header",
    name: "webhook-signature",
    description:
      "Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) with PROVISIONING_WEBHOOK_SECRET",
  });
  return registry;
}

export function openApiDocument(registry: OpenAPIRegistry): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "VoIP compliance backbone",
      version: "1.0.0",
      description:
        "Device locations for emergency calling, emergency numbers, and number porting. Errors are RFC 9457 problem details; " +
        "mutable resources carry `version` and an ETag, and writes accept If-Match (412 on mismatch). Creating POSTs accept Idempotency-Key.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
  });
}
