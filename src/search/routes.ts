import { z } from "zod";
import { coveredCountry } from "../accounts/schemas.js";
import { DEVICE_STATUSES, DEVICE_TYPES, E911_STATUSES } from "../devices/schemas.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { searchDevices } from "./service.js";
import { MATCH_KINDS } from "./terms.js";

const searchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("An account id, a device id (or their beginning), or a callback number in any usual format"),
    country: coveredCountry
      .optional()
      .describe(
        "Read a national number (089 1234567) in this country only; default: in every covered country, matching devices of that service country",
      ),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

const searchHit = z
  .object({
    accountId: z.string(),
    deviceId: z.string(),
    label: z.string().nullable(),
    type: z.enum(DEVICE_TYPES),
    callbackNumber: z.string().describe("E.164"),
    callbackNational: z.string().describe("The number as its country writes it nationally"),
    serviceCountry: z.string(),
    status: z.enum(DEVICE_STATUSES),
    e911Status: z.enum(E911_STATUSES),
    displayLine: z.string().nullable(),
    match: z.enum(MATCH_KINDS).describe("How it was found: callbackNumberEnd = the number ends with the digits typed"),
    exact: z.boolean(),
  })
  .meta({ id: "SearchHit" });

/** `GET /v1/search`: the console's search box. */
export function searchRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/search",
      operationId: "searchDevices",
      scope: "none",
      tag: "Console",
      summary: "Find devices by account id, device id or callback number",
      description:
        "Ids match by prefix, case-insensitively. Numbers may be typed internationally (`+49 89 1234567`, `0049 89 …`) or nationally (`089 1234567`): " +
        "a national number matches devices whose service country writes it that way. Incomplete numbers match by prefix, four or more digits also match the end of numbers. " +
        "Customer keys find their own account's devices only. Exact matches come first.",
      roles: "any",
      query: searchQuery,
      responses: {
        200: {
          description: "Matching devices, best first",
          schema: z.object({ query: z.string(), items: z.array(searchHit) }),
        },
      },
    },
    async ({ query, principal, res }) => {
      const items = await searchDevices(api.ctx, principal, query.q, { limit: query.limit, country: query.country });
      res.json({ query: query.q, items });
    },
  );
}
