import type { DeviceRecord } from "../devices/device.js";
import type { Context } from "../platform/context.js";
import type { E911ActivationJob } from "../platform/queues.js";

/** What the emergency-routing side holds for a device: the location it was registered with. */
export interface EmergencyRegistration {
  locationVersion: number;
  registeredAt: string;
  activationVersion: number;
}

export type ActivationOutcome = "registered" | "stale";

/**
 * Step one of the e911 activation flow: registers the device's current location for emergency
 * routing. The job carries ids only; the device is re-read so that a job for a device that was
 * since deactivated (or re-activated: a newer job exists) does nothing. Idempotent: running it
 * twice writes the same registration.
 *
 * Enabling e911 (`e911.status: enabled`) happens only after the customer has been e-mailed that
 * automatic location transmission is active (001/003) — the notification step that follows this.
 */
export async function registerForEmergencyRouting(ctx: Context, job: E911ActivationJob): Promise<ActivationOutcome> {
  const found = await ctx.store.read<DeviceRecord>(ctx.keys.device(job.accountId, job.deviceId));
  if (!found || found.doc.status !== "active" || !found.doc.location || found.doc.e911.status !== "pending") return "stale";
  const registration: EmergencyRegistration = {
    locationVersion: found.doc.location.version,
    registeredAt: ctx.now().toISOString(),
    activationVersion: job.activationVersion,
  };
  await ctx.redis.set(ctx.keys.emergencyRegistration(job.accountId, job.deviceId), JSON.stringify(registration));
  return "registered";
}
