import { getAccount } from "../accounts/service.js";
import { formatNational } from "../devices/callback-number.js";
import type { DeviceRecord } from "../devices/device.js";
import { updateDevice } from "../devices/service.js";
import { dispatch, planNotifications } from "../notifications/outbox.js";
import type { DeliveryHooksByType } from "../notifications/deliver.js";
import type { NotificationRecord } from "../notifications/types.js";
import type { Context } from "../platform/context.js";
import type { E911ActivationJob } from "../platform/queues.js";
import type { SideEffect } from "../platform/versioned-store.js";
import { routingAdapterOf } from "./routing.js";
import { customerAddressLine } from "../notifications/address-line.js";

/** What the emergency-routing side holds for a device: the location it was registered with. */
export interface EmergencyRegistration {
  adapter: string;
  reference: string;
  locationVersion: number;
  registeredAt: string;
  activationVersion: number;
}

export type ActivationOutcome = "notice-queued" | "already-queued" | "stale";

const AWAITING_NOTICE = "awaiting delivery of the activation e-mail";

function isPendingActivation(
  device: DeviceRecord | undefined,
): device is DeviceRecord & { location: NonNullable<DeviceRecord["location"]> } {
  return !!device && device.status === "active" && !!device.location && device.e911.status === "pending";
}

/**
 * The e911 activation flow after `activate`: registers the device's current location for
 * emergency routing and writes the `e911.activated` notice to the outbox, in one atomic step, then
 * queues its delivery. e911 is enabled only when that e-mail is delivered
 * (`completeE911Activation`), because the North-American terms (001/003) forbid enabling automatic
 * location transmission before the customer has been notified.
 *
 * Idempotent: a retried job finds the notice already planned and only re-queues it; a job for a
 * device that was since deactivated does nothing.
 */
export async function startE911Activation(ctx: Context, job: E911ActivationJob): Promise<ActivationOutcome> {
  const { record: account } = await getAccount(ctx, job.accountId);
  const current = await ctx.store.read<DeviceRecord>(ctx.keys.device(job.accountId, job.deviceId));
  const pending = current?.doc;
  if (!isPendingActivation(pending)) return "stale";
  // Registering with the routing side first: if it fails, the job retries and nothing is sent.
  const routed = pending.e911.pendingNotificationId
    ? null
    : await routingAdapterOf(ctx).register({
        accountId: job.accountId,
        deviceId: job.deviceId,
        callbackNumber: pending.callbackNumber,
        location: pending.location,
      });
  let planned: NotificationRecord[] = [];
  let outcome: ActivationOutcome = "stale";
  await updateDevice(ctx, job.accountId, job.deviceId, undefined, (found) => {
    planned = [];
    const device = found?.doc;
    if (!isPendingActivation(device)) {
      outcome = "stale";
      return null;
    }
    if (device.e911.pendingNotificationId || !routed) {
      outcome = "already-queued";
      return null;
    }
    // Registered with another location than the one now current: register again (job retry).
    if (device.location.version !== pending.location.version) throw new Error("the location changed during activation");
    outcome = "notice-queued";
    const notice = planNotifications(
      ctx,
      account,
      "e911.activated",
      {
        deviceName: device.label ?? device.deviceId,
        displayLine: customerAddressLine(device.location.address, account.locale),
        callbackNumber: device.callbackNumber,
        callbackNational: formatNational(device.callbackNumber),
      },
      { deviceId: device.deviceId },
      { data: { callbackNumber: device.callbackNumber, locationVersion: device.location.version } },
    );
    planned = notice.records;
    const registration: EmergencyRegistration = {
      adapter: routingAdapterOf(ctx).name,
      reference: routed.reference,
      locationVersion: device.location.version,
      registeredAt: ctx.now().toISOString(),
      activationVersion: job.activationVersion,
    };
    const effects: SideEffect[] = [
      ...notice.effects,
      {
        command: "SET",
        key: ctx.keys.emergencyRegistration(job.accountId, job.deviceId),
        args: [JSON.stringify(registration)],
      },
    ];
    const emailId = notice.records.find((r) => r.channel === "email")!.id;
    return {
      record: {
        ...device,
        e911: {
          status: "pending",
          enabledAt: null,
          notificationId: null,
          detail: AWAITING_NOTICE,
          pendingNotificationId: emailId,
        },
      },
      effects,
    };
  });
  // (The closure above sets these; TypeScript cannot see that.)
  const result = outcome as ActivationOutcome;
  if (result === "notice-queued") await dispatch(ctx, planned);
  if (result === "already-queued") {
    // A previous attempt wrote the notice but may have died before queueing it.
    const waiting = await ctx.redis.zrange(ctx.keys.outbox(job.accountId), "0", "-1");
    await dispatch(
      ctx,
      waiting.map((id) => ({ id, accountId: job.accountId })),
    );
  }
  return result;
}

/**
 * Called when the activation e-mail has been delivered: enables e911 on the device (with the
 * notice's id and time) and stores the delivered notice, atomically. Returns false when the
 * device no longer waits for this notice (deactivated, or activated again since), in which case
 * the caller only records the delivery. An e-mail left in the development outbox (no SMTP) counts
 * as delivered only outside production.
 */
export async function completeE911Activation(ctx: Context, sent: NotificationRecord): Promise<boolean> {
  if (sent.channel !== "email" || !sent.ref.deviceId) return false;
  const deviceId = sent.ref.deviceId;
  const counts = sent.delivered === "smtp" || (sent.delivered === "outbox" && ctx.config.NODE_ENV !== "production");
  // An object, not a `let`: the compiler cannot see the closure below assign it.
  const outcome = { applied: false };
  await updateDevice(ctx, sent.accountId, deviceId, undefined, (found) => {
    outcome.applied = false;
    const device = found?.doc;
    if (!isPendingActivation(device) || device.e911.pendingNotificationId !== sent.id) return null;
    outcome.applied = true;
    const e911 = counts
      ? {
          status: "enabled" as const,
          enabledAt: sent.sentAt,
          notificationId: sent.id,
          detail: null,
          pendingNotificationId: null,
        }
      : { ...device.e911, detail: "the activation e-mail could not be sent: SMTP is not configured" };
    return {
      record: { ...device, e911 },
      effects: [
        { command: "SET", key: ctx.keys.notification(sent.accountId, sent.id), args: [JSON.stringify(sent)] },
        { command: "ZREM", key: ctx.keys.outbox(sent.accountId), args: [sent.id] },
      ],
    };
  }).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  });
  if (outcome.applied && counts) await ctx.redis.srem(ctx.keys.e911Pending(), `${sent.accountId}/${deviceId}`);
  return outcome.applied;
}

/**
 * Shows on the device why e911 is still pending: the activation e-mail's last delivery error
 * (and, once attempts are exhausted, that it failed for good).
 */
export async function noteActivationDeliveryProblem(ctx: Context, notice: NotificationRecord): Promise<void> {
  if (notice.channel !== "email") return;
  const deviceId = notice.ref.deviceId;
  if (!deviceId) return;
  const detail =
    notice.status === "failed"
      ? `the activation e-mail could not be delivered: ${notice.lastError}`
      : `activation e-mail not delivered yet (attempt ${notice.attempts}): ${notice.lastError}`;
  await updateDevice(ctx, notice.accountId, deviceId, undefined, (found) => {
    const device = found?.doc;
    if (
      !isPendingActivation(device) ||
      device.e911.pendingNotificationId !== notice.id ||
      device.e911.detail === detail
    )
      return null;
    return { record: { ...device, e911: { ...device.e911, detail } } };
  }).catch(() => undefined);
}

/**
 * Keeps the emergency-routing registration of an active device in step with its location: after a
 * move, the new location is registered (the answering point must get the new address). Idempotent:
 * nothing happens when the registration already names the current location version.
 */
export async function syncEmergencyRegistration(
  ctx: Context,
  job: E911ActivationJob,
): Promise<"registered" | "current" | "stale"> {
  const [found, raw] = await Promise.all([
    ctx.store.read<DeviceRecord>(ctx.keys.device(job.accountId, job.deviceId)),
    ctx.redis.get(ctx.keys.emergencyRegistration(job.accountId, job.deviceId)),
  ]);
  const device = found?.doc;
  if (!device || device.status !== "active" || !device.location) return "stale";
  const existing = raw ? (JSON.parse(raw) as EmergencyRegistration) : null;
  if (!existing) return "stale"; // the activation flow registers it
  if (existing.locationVersion >= device.location.version) return "current";
  const routed = await routingAdapterOf(ctx).register({
    accountId: job.accountId,
    deviceId: job.deviceId,
    callbackNumber: device.callbackNumber,
    location: device.location,
  });
  const registration: EmergencyRegistration = {
    ...existing,
    adapter: routingAdapterOf(ctx).name,
    reference: routed.reference,
    locationVersion: device.location.version,
    registeredAt: ctx.now().toISOString(),
  };
  await ctx.redis.set(ctx.keys.emergencyRegistration(job.accountId, job.deviceId), JSON.stringify(registration));
  return "registered";
}

/** What the notification worker does for the activation e-mail (see `DeliveryHooks`). */
export const activationDeliveryHooks: DeliveryHooksByType = {
  "e911.activated": { recordDelivery: completeE911Activation, attemptFailed: noteActivationDeliveryProblem },
};
