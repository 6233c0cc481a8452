import { z } from "zod";
import { accountInput } from "../accounts/schemas.js";
import { putAccount } from "../accounts/service.js";
import type { Principal } from "../platform/principal.js";
import { deviceInput } from "../devices/schemas.js";
import { deactivateDevice, putDevice } from "../devices/service.js";
import type { Context } from "../platform/context.js";
import { NotFoundError } from "../platform/errors.js";
import { resourceId } from "../platform/ids.js";
import { emergencyCallReport } from "../emergency-calls/schemas.js";
import { reportEmergencyCall, UnknownCallerError } from "../emergency-calls/service.js";

/** The events the VoIP platform's provisioning system sends; `data` is the matching PUT body plus its ids. */
export const provisioningEvent = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("account.upserted"), data: accountInput.extend({ accountId: resourceId }) }).strict(),
    z
      .object({
        type: z.literal("device.upserted"),
        data: deviceInput.extend({ accountId: resourceId, deviceId: resourceId }),
      })
      .strict(),
    z
      .object({
        type: z.literal("device.deleted"),
        data: z.object({ accountId: resourceId, deviceId: resourceId }).strict(),
      })
      .strict(),
    /** Kari's Law: the same report as `POST /v1/emergency-calls`. */
    z.object({ type: z.literal("emergency.call"), data: emergencyCallReport }).strict(),
  ])
  .meta({ id: "ProvisioningEvent" });
export type ProvisioningEvent = z.infer<typeof provisioningEvent>;

/** What a hook delivery is answered with: the event applied, to what, and the resulting version. */
export const provisioningOutcome = z
  .object({
    type: z.string().describe("The event's type"),
    accountId: z.string(),
    deviceId: z.string().optional(),
    version: z.number().int().optional().describe("The resource's version after the event"),
    status: z
      .string()
      .optional()
      .describe(
        "The device's status after the event (`absent` for a device that did not exist); for `emergency.call`, the call's status",
      ),
    emergencyCallId: z.string().optional().describe("`emergency.call`: the recorded call's id"),
  })
  .meta({ id: "ProvisioningOutcome" });

/** Hooks act as the provisioning role; histories record them under this id. */
export const PROVISIONING_HOOK: Principal = {
  keyId: "provisioning-hook",
  role: "provisioning",
  accountId: null,
  label: null,
};

/**
 * Applies one provisioning event through the same use cases as the REST API. A deletion of a
 * device that does not exist is already done, so it succeeds (the platform retries).
 */
export async function applyProvisioningEvent(
  ctx: Context,
  event: ProvisioningEvent,
): Promise<{ status: number; body: unknown }> {
  switch (event.type) {
    case "account.upserted": {
      const { accountId, ...input } = event.data;
      const { view, created } = await putAccount(ctx, PROVISIONING_HOOK, accountId, input);
      return { status: created ? 201 : 200, body: { type: event.type, accountId, version: view.version } };
    }
    case "device.upserted": {
      const { accountId, deviceId, ...input } = event.data;
      const { device, created } = await putDevice(ctx, PROVISIONING_HOOK, accountId, deviceId, input);
      return {
        status: created ? 201 : 200,
        body: { type: event.type, accountId, deviceId, version: device.version, status: device.status },
      };
    }
    case "emergency.call": {
      const answer = await reportEmergencyCall(ctx, PROVISIONING_HOOK, event.data);
      if (answer.status !== 202 && !answer.call.resolved) throw new UnknownCallerError(answer.call.id);
      const { accountId, deviceId, id, status } = answer.call;
      return {
        status: answer.status,
        body: {
          type: event.type,
          accountId: accountId ?? "",
          ...(deviceId ? { deviceId } : {}),
          status,
          emergencyCallId: id,
        },
      };
    }
    case "device.deleted": {
      const { accountId, deviceId } = event.data;
      try {
        const device = await deactivateDevice(ctx, PROVISIONING_HOOK, accountId, deviceId);
        return {
          status: 200,
          body: { type: event.type, accountId, deviceId, version: device.version, status: device.status },
        };
      } catch (error) {
        if (error instanceof NotFoundError)
          return { status: 200, body: { type: event.type, accountId, deviceId, status: "absent" } };
        throw error;
      }
    }
  }
}
