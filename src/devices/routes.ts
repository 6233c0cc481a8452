import { accountParams, deviceParams } from "../platform/ids.js";
import { ifMatchVersion, sendVersioned } from "../platform/http/conditional.js";
import { sendJson } from "../platform/http/send-json.js";
import { NotFoundError } from "../platform/errors.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { device, deviceInput, deviceList, listDevicesQuery } from "./schemas.js";
import { deactivateDevice, listDevices, putDevice, storedDeviceBody } from "./service.js";

const conflict = { description: "Problem (service-country-mismatch)" };

/** Devices: provisioning and staff create them; anyone who may see the account reads them. */
export function deviceRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "put",
      path: "/v1/accounts/{accountId}/devices/{deviceId}",
      operationId: "putDevice",
      scope: "account",
      tag: "Devices",
      summary: "Create or update a device",
      description:
        "A new device starts in `pending_location`. The callback number is stored in E.164; it must be a number of the service country " +
        "(US and Canadian numbers are accepted for each other: one North American Numbering Plan) that an answering point can call back — " +
        "toll-free, premium-rate, shared-cost, UAN, voicemail and pager numbers are refused with 400 `invalid-callback-number`. Repeating the same body changes nothing.",
      roles: ["admin", "provisioning", "fulfillment"],
      params: deviceParams,
      body: deviceInput,
      responses: {
        200: { description: "Updated", schema: device },
        400: { description: "Problem (invalid-callback-number, validation-failed)" },
        201: { description: "Created", schema: device },
        409: conflict,
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, body, principal, req, res }) => {
      const { device: view, created } = await putDevice(
        api.ctx,
        principal,
        params.accountId,
        params.deviceId,
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
      path: "/v1/accounts/{accountId}/devices/{deviceId}",
      operationId: "getDevice",
      scope: "account",
      notFoundAs: "device",
      tag: "Devices",
      summary: "Read a device",
      roles: "any",
      params: deviceParams,
      responses: { 200: { description: "The device", schema: device } },
    },
    async ({ params, res }) => {
      const found = await api.ctx.store.readJson(api.ctx.keys.device(params.accountId, params.deviceId));
      if (!found) throw new NotFoundError("device");
      sendJson(res, 200, await storedDeviceBody(api.ctx, found), `"${found.version}"`);
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/accounts/{accountId}/devices",
      operationId: "listDevices",
      scope: "account",
      tag: "Devices",
      summary: "List an account's devices",
      roles: "any",
      params: accountParams,
      query: listDevicesQuery,
      responses: { 200: { description: "A page of devices in id order", schema: deviceList } },
    },
    async ({ params, query, res }) => {
      res.json(await listDevices(api.ctx, params.accountId, query));
    },
  );
  defineRoute(
    api,
    {
      method: "delete",
      path: "/v1/accounts/{accountId}/devices/{deviceId}",
      operationId: "deactivateDevice",
      scope: "account",
      tag: "Devices",
      summary: "Deactivate a device",
      description:
        "The device stops being active and loses its current location; the record and its location history are kept.",
      roles: ["admin", "provisioning", "fulfillment"],
      params: deviceParams,
      responses: {
        200: { description: "The deactivated device", schema: device },
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, principal, req, res }) => {
      const view = await deactivateDevice(api.ctx, principal, params.accountId, params.deviceId, ifMatchVersion(req));
      sendVersioned(res, 200, view, view.version);
    },
  );
}
