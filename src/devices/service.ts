import { getAccount } from "../accounts/service.js";
import { actorOf, type Principal } from "../platform/principal.js";
import type { Context } from "../platform/context.js";
import { ConflictError, NotFoundError, ValidationError } from "../platform/errors.js";
import { assertIfMatch } from "../platform/http/conditional.js";
import { VersionConflictError, type SideEffect, type Versioned } from "../platform/versioned-store.js";
import { updateVersioned } from "../platform/versioned-update.js";
import { checkCallbackNumber } from "./callback-number.js";
import {
  E911_NOT_ENABLED,
  type DeviceAnswer,
  type DeviceRecord,
  type DeviceView,
  type LocationHistoryEntry,
} from "./device.js";
import { recordWarnings, type DeviceWarning } from "./warnings.js";
import type { DeviceInput } from "./schemas.js";
import { deviceIdPages } from "./id-pages.js";
import { deviceWritten } from "./last-known.js";
import { acknowledgementStatesOf, announceDeviceWritten } from "./write-listeners.js";
import { dispatchableFields, mobilityOf } from "./dispatchable.js";

export function deviceView(found: Versioned<DeviceRecord>): DeviceView {
  return { ...found.doc, version: found.version };
}

/** Record warnings per device version (records are immutable per version); bounded, oldest evicted. */
const recordWarningCache = new Map<string, DeviceWarning[]>();
const RECORD_WARNING_CACHE_SIZE = 10_000;

function cachedRecordWarnings(view: DeviceView): DeviceWarning[] {
  const key = `${view.accountId}/${view.deviceId}@${view.version}`;
  let warnings = recordWarningCache.get(key);
  if (!warnings) {
    warnings = recordWarnings(view);
    if (recordWarningCache.size >= RECORD_WARNING_CACHE_SIZE) {
      const oldest = recordWarningCache.keys().next().value;
      if (oldest !== undefined) recordWarningCache.delete(oldest);
    }
    recordWarningCache.set(key, warnings);
  }
  return warnings;
}

/**
 * The devices as the API shows them, with their warnings: those of the record itself, and for
 * active devices whether the account's acknowledgement covers the current text of the device's
 * service country (one round trip for all of them).
 */
export async function withWarnings(
  ctx: Context,
  accountId: string,
  views: readonly DeviceView[],
): Promise<DeviceAnswer[]> {
  const activeCountries = [...new Set(views.filter((v) => v.status === "active").map((v) => v.serviceCountry))];
  const source = acknowledgementStatesOf(ctx);
  const states =
    source && activeCountries.length > 0
      ? await source(ctx, accountId, activeCountries)
      : new Map<string, "current" | "outdated" | "missing">();
  return views.map((view) => {
    const warnings = [...cachedRecordWarnings(view)];
    if (view.status === "active") {
      const state = states.get(view.serviceCountry);
      if (state === "outdated") warnings.push("acknowledgement-outdated");
      if (state === "missing") warnings.push("acknowledgement-required");
    }
    return { ...view, warnings, ...dispatchableFields(view) };
  });
}

/** One device with its warnings. */
export async function deviceAnswer(ctx: Context, view: DeviceView): Promise<DeviceAnswer> {
  const [answer] = await withWarnings(ctx, view.accountId, [view]);
  return answer!;
}

/**
 * A stored device's JSON body with `version` and `warnings` added, without re-serialising the
 * stored document (the GET hot path).
 */
export async function storedDeviceBody(ctx: Context, found: { version: number; json: string }): Promise<string> {
  const record = JSON.parse(found.json) as DeviceRecord;
  const { warnings } = await deviceAnswer(ctx, { ...record, version: found.version });
  // Appended like `version`; mobility and sipUris only where the stored record lacks them (older records).
  const { mobility, sipUris, dispatchableLocation } = dispatchableFields(record);
  const defaults = `${record.mobility === undefined ? `,"mobility":"${mobility}"` : ""}${record.sipUris === undefined ? `,"sipUris":${JSON.stringify(sipUris)}` : ""}`;
  return `${found.json.slice(0, -1)},"version":${found.version},"warnings":${JSON.stringify(warnings)}${defaults},"dispatchableLocation":${JSON.stringify(dispatchableLocation)}}`;
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
  return updateVersioned(ifMatch, async (attempt) => {
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
    const version = await ctx.store.write(
      ctx.keys.device(accountId, deviceId),
      before?.version ?? 0,
      next.record,
      next.effects,
    );
    // Every device write passes here: the last-known copy for emergency answers follows it.
    deviceWritten(ctx, next.record, version);
    return { before, after: { version, doc: next.record } };
  });
}

/**
 * One compare-and-set of a device against the copy this process last read or wrote (its
 * `lastKnownDevice`), without reading it first (ADR 0025). Only a write the store accepts is an
 * answer: the store took it at the remembered version, so that copy was the current document and
 * `change` decided on what a read would have returned. Anything else — another version stored, a
 * precondition, a 404 or a "no change" decided on the copy — resolves to null, and the caller does
 * the ordinary read-then-write (`updateDevice`), which decides from the store.
 */
export async function updateKnownDevice(
  ctx: Context,
  known: Versioned<DeviceRecord>,
  ifMatch: number | "*" | undefined,
  change: (current: Versioned<DeviceRecord>) => { record: DeviceRecord; effects?: SideEffect[] } | null,
  versionOf: (found: Versioned<DeviceRecord>) => number = (found) => found.version,
): Promise<{ before: Versioned<DeviceRecord>; after: Versioned<DeviceRecord> } | null> {
  let next: ReturnType<typeof change>;
  try {
    assertIfMatch(ifMatch, versionOf(known));
    next = change(known);
  } catch {
    return null;
  }
  if (!next) return null;
  const { accountId, deviceId } = known.doc;
  let version: number;
  try {
    version = await ctx.store.write(ctx.keys.device(accountId, deviceId), known.version, next.record, next.effects);
  } catch (error) {
    if (error instanceof VersionConflictError) return null;
    throw error;
  }
  deviceWritten(ctx, next.record, version);
  return { before: known, after: { version, doc: next.record } };
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
): Promise<{ device: DeviceAnswer; created: boolean }> {
  await getAccount(ctx, accountId);
  const checked = checkCallbackNumber(input.callbackNumber, input.serviceCountry);
  if (!checked.ok)
    throw new ValidationError(
      [{ path: "callbackNumber", message: checked.message }],
      "The callback number cannot be called back by an answering point.",
      "invalid-callback-number",
    );
  const callbackNumber = checked.e164;
  const sipUris = input.sipUris ? [...new Set(input.sipUris.map(normaliseSipUri))] : undefined;
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
      const mobility = input.mobility ?? mobilityOf({ type: input.type, mobility: old.mobility });
      const uris = sipUris ?? old.sipUris ?? [];
      const same =
        old.type === input.type &&
        old.callbackNumber === callbackNumber &&
        old.serviceCountry === input.serviceCountry &&
        old.label === (input.label ?? null) &&
        old.mobility === mobility &&
        JSON.stringify(old.sipUris) === JSON.stringify(uris);
      if (same) return null;
      return {
        record: {
          ...old,
          type: input.type,
          callbackNumber,
          serviceCountry: input.serviceCountry,
          label: input.label ?? null,
          mobility,
          sipUris: uris,
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
      mobility: input.mobility ?? mobilityOf({ type: input.type, mobility: old?.mobility }),
      sipUris: sipUris ?? old?.sipUris ?? [],
    };
    return { record, effects: [{ command: "ZADD", key: ctx.keys.deviceIndex(accountId), args: [0, deviceId] }] };
  });
  // After the write, also when nothing changed: a retried PUT repairs an index update that failed.
  await announceDeviceWritten(ctx, after.doc, after.version);
  return { device: await deviceAnswer(ctx, deviceView(after)), created: before === null };
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
): Promise<DeviceAnswer> {
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
  return deviceAnswer(ctx, deviceView(after));
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

/**
 * Lists an account's devices in id order, optionally by status or by warning (staff listing the
 * locations to correct: `warning=location-not-dispatchable`), with an opaque cursor.
 */
export async function listDevices(
  ctx: Context,
  accountId: string,
  query: {
    status?: DeviceRecord["status"] | undefined;
    warning?: DeviceWarning | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ items: DeviceAnswer[]; nextCursor: string | null }> {
  const items: DeviceAnswer[] = [];
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
    const views = docs.flatMap((doc) =>
      doc && (!query.status || doc.doc.status === query.status) ? [deviceView(doc)] : [],
    );
    const answers = new Map((await withWarnings(ctx, accountId, views)).map((a) => [a.deviceId, a]));
    for (let i = 0; i < ids.length; i++) {
      after = ids[i]!;
      const answer = answers.get(ids[i]!);
      if (answer && (!query.warning || answer.warnings.includes(query.warning))) items.push(answer);
      if (items.length === query.limit) break;
    }
    if (ids.length < query.limit && items.length < query.limit) return { items, nextCursor: null };
  }
  return { items, nextCursor: after === null ? null : Buffer.from(after).toString("base64url") };
}

/**
 * A SIP URI as identities are compared (RFC 3261 §19.1.4): scheme and host case-insensitive, the
 * user part as given; URI parameters and headers dropped. tel: URIs keep only `+` and digits.
 */
export function normaliseSipUri(uri: string): string {
  const trimmed = uri.trim();
  const colon = trimmed.indexOf(":");
  const scheme = trimmed.slice(0, colon).toLowerCase();
  const rest = trimmed.slice(colon + 1);
  if (scheme === "tel") return `tel:${rest.split(";")[0]!.replace(/[^+0-9]/g, "")}`;
  const bare = rest.split(/[;?]/)[0]!;
  const at = bare.lastIndexOf("@");
  return `${scheme}:${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}`;
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(decoded))
    throw new ValidationError([{ path: "cursor", message: "is not a cursor this service issued" }]);
  return decoded;
}
