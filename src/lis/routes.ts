import { z } from "zod";
import { accountParams, deviceParams, resourceId } from "../platform/ids.js";
import { ifMatchVersion, sendVersioned } from "../platform/http/conditional.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { listAttention } from "./attention.js";
import { heldRoutes } from "./held-routes.js";
import { getDispatchableHistory, observeDevice } from "./observations.js";
import {
  dispatchableHistory,
  emergencyLocation,
  emergencyLocationHistory,
  emergencyLocationInput,
  emergencyLocationInputDoc,
  emergencyLocationList,
  emergencyLocationParams,
  listQuery,
  mapEntry,
  mapEntryInput,
  mapEntryList,
  mapEntryParams,
  observationInput,
  observationResult,
} from "./schemas.js";
import {
  getEmergencyLocation,
  getEmergencyLocationHistory,
  getMapEntry,
  listEmergencyLocations,
  listMapEntries,
  mapEntryView,
  putEmergencyLocation,
  putMapEntry,
  removeMapEntry,
} from "./service.js";

const STAFF = ["admin", "fulfillment", "provisioning", "customer"] as const;
const TAG = "Location Information Server";

/** Emergency locations, the network map, device observations and the staff attention list. */
export function lisRoutes(api: Api): void {
  heldRoutes(api);
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}/emergency-locations/{locationId}",
      operationId: "putEmergencyLocation",
      scope: "account",
      tag: TAG,
      summary: "Create or change an emergency location (a site, floor or room)",
      description:
        "The address must be dispatchable, checked like a device's location (400 `invalid-address`, one error per bad field). Versioned with history; `If-Match` else 412.",
      roles: STAFF,
      params: emergencyLocationParams,
      body: emergencyLocationInput,
      bodyDoc: emergencyLocationInputDoc,
      responses: {
        200: { description: "Updated", schema: emergencyLocation },
        201: { description: "Created", schema: emergencyLocation },
        400: { description: "Problem (invalid-address, validation-failed)" },
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, body, principal, req, res }) => {
      const { view, created } = await putEmergencyLocation(
        api.ctx,
        principal,
        params.accountId,
        params.locationId,
        body,
        ifMatchVersion(req),
      );
      sendVersioned(res, created ? 201 : 200, view, view.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/emergency-locations/{locationId}",
      operationId: "getEmergencyLocation",
      scope: "account",
      tag: TAG,
      summary: "Read an emergency location",
      roles: STAFF,
      params: emergencyLocationParams,
      responses: { 200: { description: "The emergency location", schema: emergencyLocation } },
    },
    async ({ params, res }) => {
      const view = await getEmergencyLocation(api.ctx, params.accountId, params.locationId);
      sendVersioned(res, 200, view, view.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/emergency-locations/{locationId}/history",
      operationId: "getEmergencyLocationHistory",
      scope: "account",
      tag: TAG,
      summary: "Every version of an emergency location, newest first",
      roles: STAFF,
      params: emergencyLocationParams,
      responses: { 200: { description: "The history", schema: emergencyLocationHistory } },
    },
    async ({ params, res }) => {
      res.json({ items: await getEmergencyLocationHistory(api.ctx, params.accountId, params.locationId) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/emergency-locations",
      operationId: "listEmergencyLocations",
      scope: "account",
      tag: TAG,
      summary: "The account's emergency locations, in id order",
      roles: STAFF,
      params: accountParams,
      query: listQuery,
      responses: { 200: { description: "A page of emergency locations", schema: emergencyLocationList } },
    },
    async ({ params, query, res }) => {
      res.json(await listEmergencyLocations(api.ctx, params.accountId, query));
    },
  );
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}/network-map/{entryId}",
      operationId: "putNetworkMapEntry",
      scope: "account",
      tag: TAG,
      summary: "Create or change a network-map entry",
      description:
        "Exactly one of `subnet` (IPv4/IPv6 CIDR; no host bits, no zone ID, not /0), `bssid` (any common MAC spelling, stored as `00:1a:2b:3c:4d:5e`) or `chassisId` (with optional `portId`). " +
        "Matching, most specific first: switch port, BSSID, switch, longest subnet — overlapping subnets are allowed and the longer prefix wins. " +
        "The same match as another entry is 409 `duplicate-map-entry`; a location of another account (or none) is 404.",
      roles: STAFF,
      params: mapEntryParams,
      body: mapEntryInput,
      responses: {
        200: { description: "Updated", schema: mapEntry },
        201: { description: "Created", schema: mapEntry },
        409: { description: "Problem (duplicate-map-entry)" },
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, body, principal, req, res }) => {
      const { entry, created } = await putMapEntry(
        api.ctx,
        principal,
        params.accountId,
        params.entryId,
        body,
        ifMatchVersion(req),
      );
      sendVersioned(res, created ? 201 : 200, mapEntryView(entry), entry.version);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/network-map/{entryId}",
      operationId: "getNetworkMapEntry",
      scope: "account",
      tag: TAG,
      summary: "Read a network-map entry",
      roles: STAFF,
      params: mapEntryParams,
      responses: { 200: { description: "The entry", schema: mapEntry } },
    },
    async ({ params, res }) => {
      const entry = await getMapEntry(api.ctx, params.accountId, params.entryId);
      sendVersioned(res, 200, mapEntryView(entry), entry.version);
    },
  );
  defineRoute(
    api,
    {
      method: "delete",
      path: "/v1/accounts/{accountId}/network-map/{entryId}",
      operationId: "deleteNetworkMapEntry",
      scope: "account",
      tag: TAG,
      summary: "Remove a network-map entry",
      roles: STAFF,
      params: mapEntryParams,
      responses: { 204: { description: "Removed" }, 412: { description: "If-Match does not match" } },
    },
    async ({ params, req, res }) => {
      await removeMapEntry(api.ctx, params.accountId, params.entryId, ifMatchVersion(req));
      res.status(204).end();
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/network-map",
      operationId: "listNetworkMap",
      scope: "account",
      tag: TAG,
      summary: "The account's network map, in entry-id order",
      roles: STAFF,
      params: accountParams,
      query: listQuery.extend({ locationId: resourceId.optional().describe("Only entries pointing at this location") }),
      responses: { 200: { description: "A page of map entries", schema: mapEntryList } },
    },
    async ({ params, query, res }) => {
      const page = await listMapEntries(api.ctx, params.accountId, query);
      res.json({ ...page, items: page.items.map(mapEntryView) });
    },
  );
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/observations",
      operationId: "observeDevice",
      scope: "account",
      notFoundAs: "device",
      tag: TAG,
      summary: "Report where the platform saw a device (IP, access point, switch port)",
      description:
        "Resolves the device's dispatchable location against the network map: a nomadic device on a mapped network takes its location; on an unmapped network it keeps its registered location, unconfirmed, and the contacts get `location.confirmation_required` (once per network); " +
        "a fixed device on a network mapped to another place is `suspected-move` (`device.suspected_move`, once per network). An observation older than the stored one changes nothing.",
      roles: ["admin", "provisioning", "routing"],
      emergency: false,
      params: deviceParams,
      body: observationInput,
      responses: { 200: { description: "The resolution", schema: observationResult } },
    },
    async ({ params, body, principal, res }) => {
      res.json(await observeDevice(api.ctx, principal, params.accountId, params.deviceId, body));
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/dispatchable-location/history",
      operationId: "getDispatchableLocationHistory",
      scope: "account",
      notFoundAs: "device",
      tag: TAG,
      summary: "Every change of a device's dispatchable location, newest first",
      roles: STAFF,
      params: deviceParams,
      responses: { 200: { description: "The history", schema: dispatchableHistory } },
    },
    async ({ params, res }) => {
      res.json({ items: await getDispatchableHistory(api.ctx, params.accountId, params.deviceId) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/location-attention",
      operationId: "listLocationAttention",
      scope: "none",
      tag: TAG,
      summary: "Devices whose location needs a person: suspected moves and unconfirmed locations",
      roles: ["admin", "fulfillment"],
      query: z
        .object({
          accountId: resourceId.optional().describe("Only this account's devices"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        })
        .strict(),
      responses: {
        200: {
          description: "Newest first",
          schema: z
            .object({
              items: z.array(
                z.object({
                  accountId: z.string(),
                  deviceId: z.string(),
                  label: z.string().nullable(),
                  reason: z.enum(["suspected-move", "unconfirmed"]),
                  mobility: z.enum(["fixed", "nomadic"]),
                  since: z.string(),
                  displayLine: z.string().nullable(),
                  observedAt: z.string().nullable(),
                }),
              ),
            })
            .meta({ id: "LocationAttention" }),
        },
      },
    },
    async ({ query, res }) => {
      res.json({ items: await listAttention(api.ctx, query) });
    },
  );
}
