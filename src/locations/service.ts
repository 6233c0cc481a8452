import { actorOf, type Principal } from "../platform/principal.js";
import type { DeviceRecord, LocationHistoryEntry, LocationRecord } from "../devices/device.js";
import { getDevice, updateDevice, updateKnownDevice } from "../devices/service.js";
import { lastKnownDevice } from "../devices/last-known.js";
import type { Context } from "../platform/context.js";
import { InvalidAddressError, NotFoundError } from "../platform/errors.js";
import { jobIds } from "../platform/queues.js";
import type { SideEffect } from "../platform/versioned-store.js";
import type { AccountRecord } from "../accounts/service.js";
import type { Versioned } from "../platform/versioned-store.js";
import { dispatch, planNotifications } from "../notifications/outbox.js";
import { staffActionTime } from "../calendar/zoned-time.js";
import type { NotificationRecord } from "../notifications/types.js";
import type { CivicAddress } from "../addresses/civic-fields.js";
import { displayLine, locationTimeZone, parseCivicAddress } from "../addresses/civic-address.js";
import { customerAddressLine } from "../notifications/address-line.js";

export interface LocationInput {
  address: unknown;
  reason?: string | undefined;
}

/** One location-database update of an active device: the terms let the provider charge for these. */
export interface LocationUpdateEvent {
  accountId: string;
  deviceId: string;
  locationVersion: number;
  at: string;
  by: string;
}

function sameAddress(a: CivicAddress, b: CivicAddress): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CivicAddress>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * Registers or changes a device's physical location. The address is checked against its
 * country's rules and must lie in the device's service country (emergency numbers work only
 * from within the country of the Service Location — 004). The location version, the history
 * entry and, for an active device, the billable update event are written in one atomic step.
 * Repeating the same address is a no-op, so a retried PUT does not add history.
 */
export async function putLocation(
  ctx: Context,
  by: Principal,
  accountId: string,
  deviceId: string,
  input: LocationInput,
  ifMatch?: number | "*",
): Promise<LocationRecord> {
  const parsed = parseCivicAddress(input.address);
  if (!parsed.ok)
    throw new InvalidAddressError(parsed.errors.map((e) => ({ path: `address.${e.path}`, message: e.message })));
  const address = parsed.address;
  const reason = input.reason?.trim() || null;
  const now = ctx.now().toISOString();
  const actor = actorOf(by);
  let notices: NotificationRecord[] = [];
  /** The change, decided on the device as found; `account` is needed only for an active device's notice. */
  const change =
    (account: AccountRecord | null) =>
    (current: Versioned<DeviceRecord> | null): { record: DeviceRecord; effects: SideEffect[] } | null => {
      if (!current || current.doc.status === "deactivated") throw new NotFoundError("device");
      const device = current.doc;
      if (address.country !== device.serviceCountry) {
        throw new InvalidAddressError([
          { path: "address.country", message: `must be the device's service country (${device.serviceCountry})` },
        ]);
      }
      if (device.location && sameAddress(device.location.address, address)) return null;
      const version = (device.location?.version ?? 0) + 1;
      const location: LocationRecord = {
        address,
        displayLine: displayLine(address),
        timeZone: locationTimeZone(address),
        version,
        updatedAt: now,
        updatedBy: actor,
      };
      const entry: LocationHistoryEntry = { version, address, changedAt: now, changedBy: actor, reason };
      const effects: SideEffect[] = [
        { command: "LPUSH", key: ctx.keys.locationHistory(accountId, deviceId), args: [JSON.stringify(entry)] },
      ];
      notices = [];
      if (device.status === "active") {
        if (!account) throw new Error("an active device's location change needs its account");
        const event: LocationUpdateEvent = { accountId, deviceId, locationVersion: version, at: now, by: actor };
        effects.push({
          command: "RPUSH",
          key: ctx.keys.locationUpdates(accountId, now.slice(0, 7)),
          args: [JSON.stringify(event)],
        });
        // The contacts are told of every change to an active device's emergency location.
        const notice = planNotifications(
          ctx,
          account,
          "location.changed",
          {
            deviceName: device.label ?? device.deviceId,
            displayLine: customerAddressLine(address, account.locale),
            previousDisplayLine: device.location ? customerAddressLine(device.location.address, account.locale) : "—",
            changedBy: actor,
            // The one clock rule: the location's zone, and the account's own when it differs.
            changedAt: staffActionTime(account.locale, now, locationTimeZone(address), account.timeZone),
          },
          { deviceId },
          { data: { locationVersion: version } },
        );
        notices = notice.records;
        effects.push(...notice.effects);
      }
      const record: DeviceRecord = {
        ...device,
        location,
        status: device.status === "pending_location" ? "ready" : device.status,
        updatedAt: now,
        updatedBy: actor,
      };
      return { record, effects };
    };
  const versionOf = (found: Versioned<DeviceRecord> | null) => found?.doc.location?.version ?? 0;

  // A device this process knows and that is not active (no notice, so no account needed): one
  // compare-and-set against the known copy, no read first (ADR 0025). An active device, an unknown
  // one, or a copy the store no longer holds takes the read below.
  const known = lastKnownDevice(ctx, accountId, deviceId);
  let written: { after: Versioned<DeviceRecord> } | null =
    known && known.value.status !== "active"
      ? await updateKnownDevice(ctx, { version: known.version, doc: known.value }, ifMatch, change(null), versionOf)
      : null;
  if (!written) {
    // Account and device in one round trip (same hash slot); the account is needed for the notice
    // to an active device's contacts, read up front because the change below cannot wait.
    const [accountDoc, deviceDoc] = await ctx.store.readMany<AccountRecord | DeviceRecord>([
      ctx.keys.account(accountId),
      ctx.keys.device(accountId, deviceId),
    ]);
    if (!accountDoc) throw new NotFoundError("device");
    written = await updateDevice(
      ctx,
      accountId,
      deviceId,
      ifMatch,
      change(accountDoc.doc as AccountRecord),
      versionOf,
      (deviceDoc ?? null) as Versioned<DeviceRecord> | null,
    );
  }
  const { after } = written;
  await dispatch(ctx, notices);
  if (after.doc.status === "active" && notices.length > 0) {
    // The routing side must learn the new address too (job id per location version: once).
    const job = { accountId, deviceId, activationVersion: after.doc.location!.version };
    await ctx.queues.e911Activation.add("sync-location", job, { jobId: jobIds.e911Sync(job) });
  }
  return after.doc.location!;
}

/** The device's current location, or 404 when none is registered. */
export async function getLocation(
  ctx: Context,
  accountId: string,
  deviceId: string,
): Promise<{ location: LocationRecord; device: DeviceRecord }> {
  const device = await getDevice(ctx, accountId, deviceId);
  if (!device.doc.location) throw new NotFoundError("location");
  return { location: device.doc.location, device: device.doc };
}

/** Every version of the device's location, newest first. */
export async function getLocationHistory(
  ctx: Context,
  accountId: string,
  deviceId: string,
  limit = 1000,
): Promise<LocationHistoryEntry[]> {
  const [device, entries] = await Promise.all([
    ctx.store.read<DeviceRecord>(ctx.keys.device(accountId, deviceId)),
    ctx.redis.lrange(ctx.keys.locationHistory(accountId, deviceId), 0, limit - 1),
  ]);
  if (!device) throw new NotFoundError("device");
  return entries.map((e) => JSON.parse(e) as LocationHistoryEntry);
}

/** The billable location-database updates of an account in one month (`YYYY-MM`). */
export async function listLocationUpdates(
  ctx: Context,
  accountId: string,
  month: string,
): Promise<LocationUpdateEvent[]> {
  const entries = await ctx.redis.lrange(ctx.keys.locationUpdates(accountId, month), 0, -1);
  return entries.map((e) => JSON.parse(e) as LocationUpdateEvent);
}
