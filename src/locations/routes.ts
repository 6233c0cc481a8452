import { z } from "zod";
import { accountParams, deviceParams } from "../platform/ids.js";
import { ifMatchVersion, sendVersioned } from "../platform/http/conditional.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { location, locationHistory, locationInput, locationInputDoc, locationUpdatesQuery } from "./schemas.js";
import { PIDF_CONTENT_TYPE, pidfLo } from "./pidf.js";
import { getLocation, getLocationHistory, listLocationUpdates, putLocation } from "./service.js";

/** A device's physical location, its history, and the billable update events. */
export function locationRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/location",
      operationId: "putLocation",
      scope: "account",
      notFoundAs: "device",
      tag: "Locations",
      summary: "Register or change a device's physical location",
      description:
        "Validated per country (400 `invalid-address`, one error per bad field). The address must be in the device's service country. " +
        "Versioned: `If-Match` with the location's version, else 412. Every change is kept in the history; a device in `pending_location` becomes `ready`.",
      roles: ["admin", "fulfillment", "customer"],
      params: deviceParams,
      body: locationInput,
      bodyDoc: locationInputDoc,
      responses: {
        200: { description: "The location", schema: location },
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, body, principal, req, res }) => {
      const saved = await putLocation(api.ctx, principal, params.accountId, params.deviceId, body, ifMatchVersion(req));
      sendVersioned(res, 200, saved, saved.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/location",
      operationId: "getLocation",
      scope: "account",
      notFoundAs: "device",
      tag: "Locations",
      summary: "Read a device's location",
      description:
        "With `Accept: application/pidf+xml`: the location as a PIDF-LO document (RFC 4119, RFC 5139 civic address, RFC 5491 profile), as emergency networks receive it.",
      roles: "any",
      params: deviceParams,
      responses: { 200: { description: "The location (JSON) or its PIDF-LO document", schema: location } },
    },
    async ({ params, req, res }) => {
      const { location: current, device } = await getLocation(api.ctx, params.accountId, params.deviceId);
      // Two representations of one version: caches must key on Accept, and each has its own ETag
      // (RFC 9110 §8.8.3: an entity tag is per representation). If-Match takes the JSON one.
      res.setHeader("Vary", "Accept");
      if (req.accepts(["application/json", PIDF_CONTENT_TYPE]) === PIDF_CONTENT_TYPE) {
        const xml = pidfLo({
          entity: `tel:${device.callbackNumber}`,
          address: current.address,
          timestamp: current.updatedAt,
          deviceId: device.deviceId,
        });
        res.status(200).set("ETag", `"${current.version}-pidf"`).type(PIDF_CONTENT_TYPE).send(xml);
        return;
      }
      sendVersioned(res, 200, current, current.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/location/history",
      operationId: "getLocationHistory",
      scope: "account",
      notFoundAs: "device",
      tag: "Locations",
      summary: "Every version of a device's location, newest first",
      roles: "any",
      params: deviceParams,
      responses: { 200: { description: "The history (append-only)", schema: locationHistory } },
    },
    async ({ params, res }) => {
      res.json({ items: await getLocationHistory(api.ctx, params.accountId, params.deviceId) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/location-updates",
      operationId: "listLocationUpdates",
      scope: "account",
      tag: "Locations",
      summary: "Billable location-database updates of active devices in one month",
      roles: ["admin", "fulfillment", "customer"],
      params: accountParams,
      query: locationUpdatesQuery,
      responses: {
        200: {
          description: "Update events, oldest first",
          schema: z.object({
            month: z.string(),
            items: z.array(
              z.object({
                accountId: z.string(),
                deviceId: z.string(),
                locationVersion: z.number(),
                at: z.string(),
                by: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async ({ params, query, res }) => {
      res.json({ month: query.month, items: await listLocationUpdates(api.ctx, params.accountId, query.month) });
    },
  );
}
