import { z } from "zod";
import { coveredCountry } from "../accounts/schemas.js";
import { getAccount } from "../accounts/service.js";
import { isIsoCountry } from "../geography/countries.js";
import { accountParams, deviceParams } from "../platform/ids.js";
import { idempotent } from "../platform/http/idempotency.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { ifMatchVersion, sendVersioned } from "../platform/http/conditional.js";
import { sendJson } from "../platform/http/send-json.js";
import { addBlockedRange, readBlockedRanges, removeBlockedRange } from "./call-blocking.js";
import { classify, emergencyCountries, emergencyNumbersFor } from "./classify.js";
import { DIAL_WARNINGS, dialCheck } from "./dial-check.js";

const numberEntry = z.object({ number: z.string(), sources: z.array(z.string()), note: z.string().optional() });
const countryNumbers = z
  .object({ country: z.string(), numbers: z.array(numberEntry) })
  .meta({ id: "EmergencyNumbers" });
/** Where a device is now: any assigned country (it may be abroad), not only covered ones. */
const anyCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE")
  .refine(isIsoCountry, "is not an ISO 3166-1 country code");
/**
 * What a handset or PBX can send: digits, the separators a keypad adds, `+`, `*`, `#` and the
 * comma of a PBX pause; at most 32 characters. Letters are refused (400), not classified.
 */
const dialed = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[0-9+*#(). ,\t\u00a0-]+$/, "may contain only digits, spaces, - . ( ) , + * #");

const view = (country: string) => ({
  country,
  numbers: emergencyNumbersFor(country).map((n) => ({
    number: n.number,
    sources: [...n.sources],
    ...(n.note ? { note: n.note } : {}),
  })),
});

/** Emergency numbers, classification, per-device dial checks, and blocked ranges. */
export function emergencyRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/emergency-numbers",
      operationId: "listEmergencyNumbers",
      scope: "none",
      tag: "Emergency",
      summary: "Emergency numbers of every covered country, with sources",
      roles: "any",
      responses: { 200: { description: "All countries", schema: z.object({ countries: z.array(countryNumbers) }) } },
    },
    ({ res }) => {
      res.json({ countries: emergencyCountries().map(view) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/emergency-numbers/{country}",
      operationId: "getEmergencyNumbers",
      scope: "none",
      tag: "Emergency",
      summary: "One country's emergency numbers; `regional-supplement` marks the supplement's table",
      roles: "any",
      params: z.object({ country: coveredCountry }),
      responses: { 200: { description: "The country's numbers", schema: countryNumbers } },
    },
    ({ params, res }) => {
      res.json(view(params.country));
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/emergency/classify",
      operationId: "classifyDialedNumber",
      emergency: true,
      scope: "none",
      tag: "Emergency",
      summary: "Is this dialled string an emergency number in this country?",
      description:
        "Spaces, dashes, dots, parentheses, commas and one trailing # are ignored. Exact: a longer or shorter string is not an emergency number unless the country's network connects it.",
      roles: "any",
      body: z.object({ country: coveredCountry, dialed }).strict(),
      responses: {
        200: {
          description: "The verdict",
          schema: z.object({
            country: z.string(),
            dialed: z.string(),
            emergency: z.boolean(),
            number: z.string().nullable(),
          }),
        },
      },
    },
    ({ body, res }) => {
      const verdict = classify(body.country, body.dialed);
      sendJson(
        res,
        200,
        JSON.stringify({
          country: body.country,
          dialed: body.dialed,
          emergency: verdict.emergency,
          number: verdict.number,
        }),
      );
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/dial-check",
      operationId: "dialCheck",
      emergency: true,
      scope: "account",
      notFoundAs: "device",
      tag: "Emergency",
      summary: "Per call attempt: emergency?, blocked?, callback number and location",
      description:
        "Never refuses an emergency number: it is never blocked, and a device without a location still gets `emergency: true` with the warning `location-not-registered`.",
      roles: "any",
      params: deviceParams,
      body: z.object({ dialed, currentCountry: anyCountry.optional() }).strict(),
      responses: {
        200: {
          description: "The verdict",
          schema: z.object({
            emergency: z.boolean(),
            number: z.string().nullable(),
            country: z.string().nullable(),
            prefix: z.string().nullable(),
            blocked: z.boolean(),
            blockedBy: z.string().nullable(),
            callbackNumber: z.string(),
            location: z.unknown(),
            warnings: z.array(z.enum(DIAL_WARNINGS)),
          }),
        },
      },
    },
    async ({ params, body, res }) => {
      res.json(await dialCheck(api.ctx, params.accountId, params.deviceId, body));
    },
  );

  const range = z
    .object({
      id: z.string(),
      prefix: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
      createdBy: z.string(),
    })
    .meta({ id: "BlockedRange" });
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/blocked-ranges",
      operationId: "addBlockedRange",
      scope: "account",
      tag: "Emergency",
      summary: "Block outgoing calls to a number range (supplement, Germany: free of charge)",
      description:
        "400 `blocks-emergency-number` for a range that would cover any emergency number. Accepts `Idempotency-Key`.",
      roles: ["admin", "fulfillment", "provisioning", "customer"],
      params: accountParams,
      body: z
        .object({
          prefix: z.string().regex(/^[0-9]{1,15}$/, "1-15 digits, e.g. 0900"),
          note: z.string().trim().max(200).optional(),
        })
        .strict(),
      responses: { 201: { description: "Blocked", schema: range } },
    },
    async ({ params, body, principal, req, res }) => {
      const reply = await idempotent(api.ctx, req, `blocks-${params.accountId}`, async () => {
        const { range: added, version } = await addBlockedRange(
          api.ctx,
          principal,
          params.accountId,
          body,
          ifMatchVersion(req),
        );
        return { status: 201, body: added, headers: { ETag: `"${version}"` } };
      });
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
      path: "/v1/accounts/{accountId}/blocked-ranges",
      operationId: "listBlockedRanges",
      scope: "account",
      tag: "Emergency",
      summary: "The account's blocked ranges (versioned: ETag / If-Match)",
      roles: "any",
      params: accountParams,
      responses: {
        200: { description: "Ranges", schema: z.object({ items: z.array(range), version: z.number().int() }) },
      },
    },
    async ({ params, res }) => {
      await getAccount(api.ctx, params.accountId);
      const { ranges, version } = await readBlockedRanges(api.ctx, params.accountId);
      sendVersioned(
        res,
        200,
        { items: [...ranges].sort((a, b) => a.prefix.localeCompare(b.prefix)), version },
        version,
      );
    },
  );
  defineRoute(
    api,
    {
      method: "delete",
      path: "/v1/accounts/{accountId}/blocked-ranges/{rangeId}",
      operationId: "removeBlockedRange",
      scope: "account",
      tag: "Emergency",
      summary: "Lift a block (kept in the audit log)",
      roles: ["admin", "fulfillment", "provisioning", "customer"],
      params: accountParams.extend({ rangeId: z.string().max(80).describe("The blocked range's id (`blk_…`)") }),
      responses: { 204: { description: "Lifted" } },
    },
    async ({ params, principal, req, res }) => {
      const version = await removeBlockedRange(
        api.ctx,
        principal,
        params.accountId,
        params.rangeId,
        ifMatchVersion(req),
      );
      res.status(204).set("ETag", `"${version}"`).end();
    },
  );
}
