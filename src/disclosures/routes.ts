import { z } from "zod";
import { coveredCountry } from "../accounts/schemas.js";
import { accountParams } from "../platform/ids.js";
import { idempotent } from "../platform/http/idempotency.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { SUPPORTED_LOCALES } from "../platform/locales.js";
import { POLICY_NAMES } from "./policies.js";
import { acknowledgePolicy, disclosureFor, listAcknowledgements } from "./service.js";

const disclosure = z
  .object({
    country: z.string(),
    locale: z.enum(SUPPORTED_LOCALES),
    policy: z.enum(POLICY_NAMES),
    version: z.string(),
    title: z.string(),
    text: z.string(),
  })
  .meta({ id: "Disclosure" });
const acknowledgementInput = z
  .object({
    policy: z.enum(POLICY_NAMES),
    country: coveredCountry
      .optional()
      .describe(
        "The country whose text was accepted (default: the account's country); activation checks the device's service country",
      ),
    version: z.string().min(1).max(40),
    acceptedBy: z.string().trim().min(1).max(200),
  })
  .strict()
  .meta({ id: "AcknowledgementInput" });
const acknowledgement = z
  .object({
    accountId: z.string(),
    policy: z.enum(POLICY_NAMES),
    country: z
      .string()
      .nullable()
      .describe(
        "null for an acknowledgement recorded before they were per country: it counts for the account's own country only",
      ),
    version: z.string(),
    acceptedBy: z.string(),
    acceptedAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: "Acknowledgement" });

/** The emergency-service policy texts and the account's acceptance of them. */
export function disclosureRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/disclosures/{country}",
      operationId: "getDisclosure",
      scope: "none",
      tag: "Disclosures",
      summary: "The emergency-calling limitations a customer must pass on to its users",
      description:
        "`911-service-availability` for US and CA (each with its own text), `emergency-limitations` elsewhere; `version` is what an acknowledgement of this country's text accepts.",
      roles: "any",
      params: z.object({ country: coveredCountry }),
      query: z.object({ locale: z.enum(SUPPORTED_LOCALES).default("en") }).strict(),
      responses: { 200: { description: "The localized text", schema: disclosure } },
    },
    ({ params, query, res }) => {
      res.json(disclosureFor(params.country, query.locale));
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/acknowledgements",
      operationId: "acknowledgePolicy",
      scope: "account",
      tag: "Disclosures",
      summary: "Record that the account accepted a policy text",
      description:
        "Acknowledgements are per policy and country (`country` defaults to the account's). Only the current version of that country's text can be accepted. Accepts `Idempotency-Key`.",
      roles: ["admin", "provisioning", "fulfillment", "customer"],
      params: accountParams,
      body: acknowledgementInput,
      responses: { 201: { description: "Recorded", schema: acknowledgement } },
    },
    async ({ params, body, principal, req, res }) => {
      const reply = await idempotent(api.ctx, req, `acks-${params.accountId}`, async () => ({
        status: 201,
        body: await acknowledgePolicy(api.ctx, principal, params.accountId, body),
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
      path: "/v1/accounts/{accountId}/acknowledgements",
      operationId: "listAcknowledgements",
      scope: "account",
      tag: "Disclosures",
      summary: "Every acknowledgement the account gave, oldest first",
      roles: "any",
      params: accountParams,
      responses: { 200: { description: "Acknowledgements", schema: z.object({ items: z.array(acknowledgement) }) } },
    },
    async ({ params, res }) => {
      res.json({ items: await listAcknowledgements(api.ctx, params.accountId) });
    },
  );
}
