import { z } from "zod";
import { device } from "../devices/schemas.js";
import { ifMatchVersion, sendVersioned } from "../platform/http/conditional.js";
import { defineRoute, type Api } from "../platform/http/route.js";
import { deviceParams } from "../platform/ids.js";
import { activateDevice } from "./activate-device.js";

/** Activation: the gate in front of e911 (location and acknowledgement first). */
export function e911Routes(api: Api): void {
  defineRoute(
    api,
    {
      method: "post",
      path: "/v1/accounts/{accountId}/devices/{deviceId}/activate",
      operationId: "activateDevice",
      scope: "account",
      notFoundAs: "device",
      tag: "Devices",
      summary: "Activate a device",
      description:
        "409 `location-required` without a registered location; 409 `acknowledgement-required` until the account accepted the emergency-service policy of the device's service country. " +
        "Sets `e911.status: pending`; workers enable it only after the customer has been e-mailed that automatic location transmission is active. Repeating it is harmless.",
      roles: "any",
      params: deviceParams,
      body: z.object({}).strict().optional(),
      responses: {
        200: { description: "The active device", schema: device },
        409: { description: "Problem (location-required, acknowledgement-required)" },
        412: { description: "If-Match does not match" },
      },
    },
    async ({ params, principal, req, res }) => {
      const view = await activateDevice(api.ctx, principal, params.accountId, params.deviceId, ifMatchVersion(req));
      sendVersioned(res, 200, view, view.version);
    },
  );
}
