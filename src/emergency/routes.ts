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
import { classify, emergencyCountries, emergencyNumbersFor, networkAliasesFor, retiredNumbersFor } from "./classify.js";
import { DIAL_WARNINGS, dialCheck } from "./dial-check.js";

const numberEntry = z
  .object({
    number: z.string().describe("The digits as dialled"),
    sources: z.array(z.string()),
    note: z.string().optional(),
    connectsAs: z
      .string()
      .optional()
      .describe(
        "Present when this string is not itself one of the country's emergency numbers but is connected as one: the number it connects as (and that classify and dial-check report)",
      ),
    retired: z
      .literal(true)
      .optional()
      .describe("A number the country used to have as an emergency number; callers who still dial it are connected"),
    retiredOn: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Retired numbers: the first day it no longer connected (YYYY-MM-DD); null where no source gives the date",
      ),
  })
  .meta({ id: "EmergencyNumber" });
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

/** The country's numbers, then the strings connected as one of them: network aliases, then retired numbers. */
const view = (country: string) => ({
  country,
  numbers: [
    ...emergencyNumbersFor(country).map((n) => ({
      number: n.number,
      sources: [...n.sources],
      ...(n.note ? { note: n.note } : {}),
    })),
    ...networkAliasesFor(country).map((a) => ({
      number: a.dialed,
      sources: [...a.sources],
      note: a.note,
      connectsAs: a.connectsAs,
    })),
    ...retiredNumbersFor(country).map((r) => ({
      number: r.dialed,
      sources: [...r.sources],
      note: r.note,
      connectsAs: r.connectsAs,
      retired: true as const,
      retiredOn: r.retiredOn,
    })),
  ],
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
      description:
        "The country's emergency numbers first; then the strings connected as one of them, each with `connectsAs`: what the country's networks connect although it is not an emergency number there (e.g. 112 in the US), and numbers the country has retired (`retired: true`, with `retiredOn`), which a caller may still dial in panic.",
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
        "Spaces, dashes, dots, parentheses, commas and one trailing # are ignored. Exact: a longer or shorter string is not an emergency number unless the country's network connects it. A retired emergency number (e.g. 110 in Estonia) is emergency, reported as the number that replaced it. An emergency answer: never rate-limited, and answered while Redis is down.",
      roles: ["admin", "fulfillment", "provisioning", "customer", "routing"],
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
      description: [
        "Never refuses an emergency number: it is never blocked, and a device without a location still gets `emergency: true` with the warning `location-not-registered`.",
        "An emergency answer: never rate-limited or counted against the key's budget. When Redis is unreachable or does not answer within 250 ms, an emergency number is still answered 200 within 500 ms — `emergency` from the catalogue, the callback number and location as this API process last served or wrote them for the device, and the warning `store-unavailable`. Without Redis, a number that is not an emergency number, and a device this process has not served or written, are 503 `store-unavailable` (nothing is guessed); another account's device stays 404.",
        "Blocked ranges are matched after reading the dialled number in the dialling plan of the device's service country (see `addBlockedRange`).",
      ].join("\n\n"),
      roles: ["admin", "fulfillment", "provisioning", "customer", "routing"],
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
    async ({ params, body, res, emergencyPath }) => {
      res.json(await dialCheck(api.ctx, params.accountId, params.deviceId, body, emergencyPath));
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
      description: [
        "A range is a digit prefix written as a caller dials it, and it applies to every device of the account, read in the dialling plan of the device's service country (national prefix, international prefix `00` or `011`, country code):",
        "- with the national prefix (`0900` in Germany) or the international prefix and a country code (`0049900`), it blocks that destination however it is dialled: `0900…`, `+49 900…` and `0049 900…` alike;",
        "- the international prefix alone (`00` in Germany, `011` in the US) blocks every call to another country code;",
        "- without a prefix (`118`, a short code) it blocks what is dialled starting with it without a prefix; in a country whose numbers are always dialled in full (Italy, Spain, …) it is a national number prefix.",
        "So `0900` is German premium rate on a German device and covers nothing on a US device, whose dialling plan reads it differently. When the account's PBXs dial an outside-line prefix, a number starting with it is matched without it.",
        "400 `blocks-emergency-number` when the range, read in the dialling plan of a country where the account has devices (or the account's own country), covers one of that country's emergency numbers (including numbers its networks connect as one and retired ones). An emergency call is never blocked in any case: the dial check classifies first. Accepts `Idempotency-Key`.",
      ].join("\n\n"),
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
