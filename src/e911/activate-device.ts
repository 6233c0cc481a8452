import { requiredPolicy } from "../disclosures/service.js";
import { E911_NOT_ENABLED, type DeviceAnswer } from "../devices/device.js";
import { deviceAnswer, deviceView, getDevice, updateDevice } from "../devices/service.js";
import type { Context } from "../platform/context.js";
import {
  AcknowledgementRequiredError,
  LocationRequiredError,
  NotFoundError,
  type FieldError,
} from "../platform/errors.js";
import { actorOf, type Principal } from "../platform/principal.js";
import { jobIds } from "../platform/queues.js";

/**
 * Activates a device. Refused (409) without a registered location, and until the account has
 * acknowledged the emergency-service policy of the device's service country. Activation marks
 * e911 `pending` and enqueues the e911 activation job; a worker enables it only after the
 * customer has been e-mailed (001/003: transmission is not enabled before that notice).
 */
export async function activateDevice(
  ctx: Context,
  by: Principal,
  accountId: string,
  deviceId: string,
  ifMatch?: number | "*",
): Promise<DeviceAnswer> {
  const current = await getDevice(ctx, accountId, deviceId);
  const policy = await requiredPolicy(ctx, accountId, current.doc.serviceCountry);
  const now = ctx.now().toISOString();
  const actor = actorOf(by);
  const { before, after } = await updateDevice(ctx, accountId, deviceId, ifMatch, (found) => {
    if (!found) throw new NotFoundError("device");
    const device = found.doc;
    if (device.status === "deactivated") throw new NotFoundError("device");
    // Every unmet requirement in `errors`, so the console can show them all at once (the
    // problem's type stays the first one's, as the contract names it).
    const unmet: FieldError[] = [];
    if (!device.location)
      unmet.push({ path: "location", message: "No physical location is registered: register the device's location." });
    if (!policy.acknowledged)
      unmet.push({
        path: "acknowledgement",
        message: `The account has not acknowledged the ${policy.policy} policy, version ${policy.version}, for ${device.serviceCountry}.`,
      });
    if (!device.location) throw new LocationRequiredError(unmet);
    if (!policy.acknowledged) throw new AcknowledgementRequiredError(policy.policy, policy.version, unmet);
    if (device.status === "active") return null;
    return {
      record: {
        ...device,
        status: "active",
        e911: { ...E911_NOT_ENABLED, status: "pending" },
        updatedAt: now,
        updatedBy: actor,
      },
    };
  });
  if (before?.doc.status !== "active" || after.doc.e911.status === "pending") {
    // The job id is derived from the activation's version, so a retried request or a second
    // API process cannot enqueue the flow twice.
    const job = { accountId, deviceId, activationVersion: after.version };
    await ctx.queues.e911Activation.add("activate", job, { jobId: jobIds.e911Activation(job) });
    await ctx.redis.sadd(ctx.keys.e911Pending(), `${accountId}/${deviceId}`);
  }
  return deviceAnswer(ctx, deviceView(after));
}
