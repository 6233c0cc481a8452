import { getAccount } from "../accounts/service.js";
import { actorOf, type Principal } from "../platform/principal.js";
import type { Context } from "../platform/context.js";
import { ConflictError, NotFoundError, ValidationError } from "../platform/errors.js";
import { assertIfMatch } from "../platform/http/conditional.js";
import { VersionConflictError, type SideEffect, type Versioned } from "../platform/versioned-store.js";
import { normalizeCallbackNumber } from "./callback-number.js";
import { E911_NOT_ENABLED, type DeviceRecord, type DeviceView, type LocationHistoryEntry } from "./device.js";
import type { DeviceInput } from "./schemas.js";
import { deviceIdPages } from "./id-pages.js";
import { deviceWritten } from "./last-known.js";
import { announceDeviceWritten } from "./write-listeners.js";

export function deviceView(found: Versioned<DeviceRecord>): DeviceView {
  return { ...found.doc, version: found.version };
}

/** Reads a device or throws 404. */
export async function getDevice(ctx: Context, accountId: string, deviceId: string): Promise<Versioned<DeviceRecord>> {
  const found = await ctx.store.read<DeviceRecord>(ctx.keys.device(accountId, deviceId));
  if (!found) throw new NotFoundError("device");
  return found;
}

/**
 * Applies `change` to a device with compare-and-set, retrying a few times when another writer
 * got in between (only when the client did not pin a version with If-Match).
 * `change` returns the new record and the side effects to apply with it, or null for "no change".
 */
export async function updateDevice(
  ctx: Context,
  accountId: string,
  deviceId: string,
  ifMatch: number | "*" | undefined,
  change: (current: Versioned<DeviceRecord> | null) => { record: DeviceRecord; effects?: SideEffect[] } | null,
  versionOf: (found: Versioned<DeviceRecord> | null) => number = (found) => found?.version ?? 0,
  /** The device as the caller already read it (saves the first read); re-read on a retry. */
  prefetched?: Versioned<DeviceRecord> | null,
): Promise<{ before: Versioned<DeviceRecord> | null; after: Versioned<DeviceRecord> }> {
  for (let attempt = 0; ; attempt++) {
    const before =
      attempt === 0 && prefetched !== undefined
        ? prefetched
        : await ctx.store.read<DeviceRecord>(ctx.keys.device(accountId, deviceId));
    assertIfMatch(ifMatch, versionOf(before));
    const next = change(before);
    if (!next) {
      if (!before) throw new NotFoundError("device");
      return { before, after: before };
    }
    try {
      const version = await ctx.store.write(
        ctx.keys.device(accountId, deviceId),
        before?.version ?? 0,
        next.record,
        next.effects,
      );
      // Every device write passes here: the last-known copy for emergency answers follows it.
      deviceWritten(ctx, next.record, version);
      return { before, after: { version, doc: next.record } };
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5 && (ifMatch === undefined || ifMatch === "*")) continue;
      throw error;
    }
  }
}

/**
 * Creates or updates a device (PUT). A new device starts in `pending_location`: it cannot be
 * activated until its physical location is registered (001/003, North-American 911 terms).
 * Re-provisioning a deactivated device starts it over without a location, since it may now be
 * anywhere; its history stays.
 */
export async function putDevice(
  ctx: Context,
  by: Principal,
  accountId: string,
  deviceId: string,
  input: DeviceInput,
  ifMatch?: number | "*",
): Promise<{ device: DeviceView; created: boolean }> {
  await getAccount(ctx, accountId);
  const callbackNumber = normalizeCallbackNumber(input.callbackNumber, input.serviceCountry);
  if (!callbackNumber) throw new ValidationError([{ path: "callbackNumber", message: "is not a valid phone number" }]);
  const now = ctx.now().toISOString();
  const actor = actorOf(by);
  const { before, after } = await updateDevice(ctx, accountId, deviceId, ifMatch, (current) => {
    const old = current?.doc;
    if (old && old.status !== "deactivated") {
      if (old.location && old.location.address.country !== input.serviceCountry) {
        throw new ConflictError(
          "service-country-mismatch",
          "Service country mismatch",
          `The device's registered location is in ${old.location.address.country}; register a location in ${input.serviceCountry} first or deactivate the device.`,
        );
      }
      const same =
        old.type === input.type &&
        old.callbackNumber === callbackNumber &&
        old.serviceCountry === input.serviceCountry &&
        old.label === (input.label ?? null);
      if (same) return null;
      return {
        record: {
          ...old,
          type: input.type,
          callbackNumber,
          serviceCountry: input.serviceCountry,
          label: input.label ?? null,
          updatedAt: now,
          updatedBy: actor,
        },
      };
    }
    const record: DeviceRecord = {
      accountId,
      deviceId,
      type: input.type,
      callbackNumber,
      serviceCountry: input.serviceCountry,
      label: input.label ?? null,
      status: "pending_location",
      location: null,
      e911: E911_NOT_ENABLED,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
      updatedBy: actor,
    };
    return { record, effects: [{ command: "ZADD", key: ctx.keys.deviceIndex(accountId), args: [0, deviceId] }] };
  });
  // After the write, also when nothing changed: a retried PUT repairs an index update that failed.
  await announceDeviceWritten(ctx, after.doc, after.version);
  return { device: deviceView(after), created: before === null };
}

/**
 * Deactivates a device ("delete"): it stops being active and loses its current location, but
 * the record and its location history stay for the audit trail.
 */
export async function deactivateDevice(
  ctx: Context,
  by: Principal,
  accountId: string,
  deviceId: string,
  ifMatch?: number | "*",
): Promise<DeviceView> {
  const now = ctx.now().toISOString();
  const actor = actorOf(by);
  const { after } = await updateDevice(ctx, accountId, deviceId, ifMatch, (current) => {
    if (!current) throw new NotFoundError("device");
    if (current.doc.status === "deactivated") return null;
    const entry: LocationHistoryEntry = {
      version: (current.doc.location?.version ?? 0) + 1,
      address: null,
      changedAt: now,
      changedBy: actor,
      reason: "device deactivated",
    };
    return {
      record: {
        ...current.doc,
        status: "deactivated",
        location: null,
        e911: E911_NOT_ENABLED,
        updatedAt: now,
        updatedBy: actor,
      },
      effects: current.doc.location
        ? [{ command: "LPUSH", key: ctx.keys.locationHistory(accountId, deviceId), args: [JSON.stringify(entry)] }]
        : [],
    };
  });
  await announceDeviceWritten(ctx, after.doc, after.version);
  await ctx.redis.srem(ctx.keys.e911Pending(), `${accountId}/${deviceId}`);
  return deviceView(after);
}

/**
 * The countries the account's devices are served in (every device, whatever its state: a
 * deactivated one may be provisioned again). Reads every device of the account in pages, so it
 * is for rare operations such as adding a blocked range, not for the call path.
 */
export async function serviceCountries(ctx: Context, accountId: string): Promise<Set<string>> {
  const countries = new Set<string>();
  for await (const ids of deviceIdPages(ctx, accountId)) {
    const docs = await ctx.store.readMany<DeviceRecord>(ids.map((id) => ctx.keys.device(accountId, id)));
    for (const doc of docs) if (doc) countries.add(doc.doc.serviceCountry);
  }
  return countries;
}

/** Lists an account's devices in id order, optionally by status, with an opaque cursor. */
export async function listDevices(
  ctx: Context,
  accountId: string,
  query: { status?: DeviceRecord["status"] | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: DeviceView[]; nextCursor: string | null }> {
  const items: DeviceView[] = [];
  let after = query.cursor ? decodeCursor(query.cursor) : null;
  // Filtering by status may skip devices; read in pages until the page is full or ids run out.
  for (let round = 0; round < 50 && items.length < query.limit; round++) {
    const ids = await ctx.redis.zrangebylex(
      ctx.keys.deviceIndex(accountId),
      after === null ? "-" : `(${after}`,
      "+",
      "LIMIT",
      0,
      query.limit,
    );
    if (ids.length === 0) return { items, nextCursor: null };
    const docs = await ctx.store.readMany<DeviceRecord>(ids.map((id) => ctx.keys.device(accountId, id)));
    for (let i = 0; i < ids.length; i++) {
      after = ids[i]!;
      const doc = docs[i];
      if (doc && (!query.status || doc.doc.status === query.status)) items.push(deviceView(doc));
      if (items.length === query.limit) break;
    }
    if (ids.length < query.limit && items.length < query.limit) return { items, nextCursor: null };
  }
  return { items, nextCursor: after === null ? null : Buffer.from(after).toString("base64url") };
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(decoded))
    throw new ValidationError([{ path: "cursor", message: "is not a cursor this service issued" }]);
  return decoded;
}
