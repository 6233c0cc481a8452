import type { AccountRecord } from "../accounts/service.js";
import type { DeviceRecord } from "../devices/device.js";
import { dispatchableLocationOf, mobilityOf } from "../devices/dispatchable.js";
import { updateDevice } from "../devices/service.js";
import { announceDeviceWritten } from "../devices/write-listeners.js";
import { customerAddressLine } from "../notifications/address-line.js";
import { dispatch, planNotifications } from "../notifications/outbox.js";
import { formatDateTime } from "../notifications/render.js";
import type { NotificationRecord } from "../notifications/types.js";
import type { Context } from "../platform/context.js";
import { NotFoundError, ValidationError } from "../platform/errors.js";
import { actorOf, type Principal } from "../platform/principal.js";
import type { SideEffect, Versioned } from "../platform/versioned-store.js";
import { networkIndexOf } from "./map-index-cache.js";
import { normaliseObservation } from "./network-index.js";
import { noticeKey, resolveObservation, type LocationLike, type Resolution } from "./resolution.js";
import type { ObservationInput } from "./schemas.js";
import { asLocation, type EmergencyLocationRecord } from "./service.js";
import { lisKeys } from "./store.js";

type NetworkState = NonNullable<DeviceRecord["network"]>;

/** What `POST …/observations` answers. */
export interface ObservationResult {
  status: Resolution["status"];
  source: Resolution["source"];
  emergencyLocationId: string | null;
  location: LocationLike | null;
  method: Resolution["method"];
  confirmed: boolean;
}

/** One change of a device's dispatchable location (kept newest first, never rewritten). */
export interface DispatchableHistoryEntry {
  at: string;
  by: string;
  status: string;
  source: string;
  method: string;
  emergencyLocationId: string | null;
  locationVersion: number | null;
  displayLine: string | null;
}

/** How many network notices a device remembers (oldest forgotten first). */
const NOTICED_LIMIT = 50;

function resultOf(device: DeviceRecord): ObservationResult {
  const network = device.network;
  const dispatchable = dispatchableLocationOf(device);
  return {
    status: network?.status ?? "matched",
    source: dispatchable?.source ?? "registered",
    emergencyLocationId: dispatchable?.emergencyLocationId ?? null,
    location: dispatchable?.location ?? null,
    method: dispatchable?.method ?? "Manual",
    confirmed: dispatchable?.confirmed ?? false,
  };
}

/**
 * Records what the platform observed of a device (its IP, access point, switch and port) and
 * resolves its dispatchable location against the account's network map (`resolution.ts`). The
 * new state, the history entry of a changed dispatchable location and the notices it calls for
 * are one atomic write of the device; a notice is planned at most once per device and network
 * (remembered on the device, so a retried or concurrent observation cannot send it twice).
 * An observation older than the one stored changes nothing.
 */
export async function observeDevice(
  ctx: Context,
  by: Principal,
  accountId: string,
  deviceId: string,
  input: ObservationInput,
): Promise<ObservationResult> {
  const normalised = normaliseObservation(input);
  if (!normalised.ok) throw new ValidationError([{ path: normalised.path, message: normalised.message }]);
  const observation = normalised.value;
  if (Object.keys(observation).length === 0)
    throw new ValidationError([{ path: "ip", message: "give at least one of ip, bssid or chassisId" }]);
  const observedAt = input.observedAt ? new Date(input.observedAt).toISOString() : ctx.now().toISOString();
  const k = lisKeys(ctx);
  const [accountDoc, deviceDoc] = await ctx.store.readMany<AccountRecord | DeviceRecord>([
    ctx.keys.account(accountId),
    ctx.keys.device(accountId, deviceId),
  ]);
  if (!accountDoc || !deviceDoc || (deviceDoc.doc as DeviceRecord).status === "deactivated")
    throw new NotFoundError("device");
  const account = accountDoc.doc as AccountRecord;
  const index = await networkIndexOf(ctx, accountId);
  const hit = index.lookup(observation);
  const locations = new Map<string, LocationLike>();
  if (hit) {
    const found = await ctx.store.read<EmergencyLocationRecord>(k.location(accountId, hit.entry.locationId));
    if (found) locations.set(hit.entry.locationId, asLocation({ ...found.doc, version: found.version }));
  }
  const now = ctx.now().toISOString();
  const actor = actorOf(by);
  let notices: NotificationRecord[] = [];

  const { after } = await updateDevice(
    ctx,
    accountId,
    deviceId,
    undefined,
    (current) => {
      if (!current || current.doc.status === "deactivated") throw new NotFoundError("device");
      const device = current.doc;
      const previous = device.network;
      if (previous && previous.observation.observedAt > observedAt) return null;
      const resolution = resolveObservation(
        observation,
        { index, locations },
        {
          mobility: mobilityOf(device),
          registered: device.location,
          noticedNetworks: previous?.noticedNetworks ?? [],
        },
      );
      const noticed = [...(previous?.noticedNetworks ?? [])];
      notices = [];
      const effects: SideEffect[] = [];
      if (resolution.notice && resolution.network) {
        noticed.push(noticeKey(resolution.notice, resolution.network));
        const planned = planNotice(ctx, account, device, resolution, observedAt);
        notices = planned.records;
        effects.push(...planned.effects);
      }
      const network: NetworkState = {
        observation: { ...observation, observedAt },
        status: resolution.status,
        source: resolution.source,
        method: resolution.method,
        confirmed: resolution.confirmed,
        emergencyLocationId: resolution.emergencyLocationId,
        entryId: resolution.entryId,
        location: resolution.source === "network-map" ? resolution.location : null,
        noticedNetworks: noticed.slice(-NOTICED_LIMIT),
        changedAt: previous && sameResolution(previous, resolution) ? previous.changedAt : now,
      };
      const record: DeviceRecord = { ...device, network };
      const before = dispatchableLocationOf(device);
      const afterwards = dispatchableLocationOf(record);
      if (changed(before, afterwards) || previous?.status !== network.status) {
        const entry: DispatchableHistoryEntry = {
          at: now,
          by: actor,
          status: network.status,
          source: afterwards?.source ?? "registered",
          method: afterwards?.method ?? "Manual",
          emergencyLocationId: afterwards?.emergencyLocationId ?? null,
          locationVersion: afterwards?.location.version ?? null,
          displayLine: afterwards?.location.displayLine ?? null,
        };
        effects.push({
          command: "LPUSH",
          key: k.dispatchableHistory(accountId, deviceId),
          args: [JSON.stringify(entry)],
        });
      }
      // Which devices sit at which emergency location: an address change reaches them at once (relocate.ts).
      if (previous?.emergencyLocationId && previous.emergencyLocationId !== network.emergencyLocationId)
        effects.push({ command: "SREM", key: k.devicesAt(accountId, previous.emergencyLocationId), args: [deviceId] });
      if (network.emergencyLocationId)
        effects.push({ command: "SADD", key: k.devicesAt(accountId, network.emergencyLocationId), args: [deviceId] });
      const attention = network.status === "suspected-move" || !afterwards?.confirmed;
      effects.push(
        attention
          ? { command: "ZADD", key: k.attention(accountId), args: [Date.parse(now), deviceId] }
          : { command: "ZREM", key: k.attention(accountId), args: [deviceId] },
      );
      return { record, effects };
    },
    (found) => found?.version ?? 0,
    deviceDoc as Versioned<DeviceRecord>,
  );
  await dispatch(ctx, notices);
  // The identity index (ip:) and the search index follow the write, as after any device write.
  await announceDeviceWritten(ctx, after.doc, after.version);
  await syncAttention(ctx, after.doc);
  return resultOf(after.doc);
}

function sameResolution(previous: NetworkState, next: Resolution): boolean {
  return (
    previous.status === next.status &&
    previous.source === next.source &&
    previous.emergencyLocationId === next.emergencyLocationId &&
    previous.confirmed === next.confirmed
  );
}

function changed(a: ReturnType<typeof dispatchableLocationOf>, b: ReturnType<typeof dispatchableLocationOf>): boolean {
  if (!a || !b) return a !== b;
  return (
    a.source !== b.source ||
    a.emergencyLocationId !== b.emergencyLocationId ||
    a.location.version !== b.location.version ||
    a.confirmed !== b.confirmed
  );
}

function planNotice(
  ctx: Context,
  account: AccountRecord,
  device: DeviceRecord,
  resolution: Resolution,
  observedAt: string,
): { records: NotificationRecord[]; effects: SideEffect[] } {
  const deviceName = device.label ?? device.deviceId;
  const displayLine = device.location ? customerAddressLine(device.location.address, account.locale) : "—";
  const when = formatDateTime(account.locale, observedAt, account.timeZone);
  if (resolution.notice === "device.suspected_move") {
    const mapped = resolution.mapped;
    return planNotifications(
      ctx,
      account,
      "device.suspected_move",
      {
        deviceName,
        displayLine,
        mappedDisplayLine: mapped ? customerAddressLine(mapped.address, account.locale) : "—",
        observedAt: when,
      },
      { deviceId: device.deviceId },
    );
  }
  return planNotifications(
    ctx,
    account,
    "location.confirmation_required",
    { deviceName, displayLine, observedAt: when },
    { deviceId: device.deviceId },
  );
}

/** The cross-account staff list follows each device's attention state (derived, written after). */
async function syncAttention(ctx: Context, device: DeviceRecord): Promise<void> {
  const k = lisKeys(ctx);
  const dispatchable = dispatchableLocationOf(device);
  const attention = device.network?.status === "suspected-move" || (dispatchable !== null && !dispatchable.confirmed);
  const member = `${device.accountId} ${device.deviceId}`;
  if (attention) await ctx.redis.zadd(k.attentionAll(), Date.now(), member);
  else await ctx.redis.zrem(k.attentionAll(), member);
}

/** A device's dispatchable-location changes, newest first. */
export async function getDispatchableHistory(
  ctx: Context,
  accountId: string,
  deviceId: string,
): Promise<DispatchableHistoryEntry[]> {
  const device = await ctx.store.read(ctx.keys.device(accountId, deviceId));
  if (!device) throw new NotFoundError("device");
  const entries = await ctx.redis.lrange(lisKeys(ctx).dispatchableHistory(accountId, deviceId), 0, 999);
  return entries.map((e) => JSON.parse(e) as DispatchableHistoryEntry);
}
