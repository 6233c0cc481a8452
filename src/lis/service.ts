import { displayLine, locationTimeZone, parseCivicAddress } from "../addresses/civic-address.js";
import type { CivicAddress } from "../addresses/civic-fields.js";
import { getAccount } from "../accounts/service.js";
import { assertIfMatch } from "../platform/http/conditional.js";
import type { Context } from "../platform/context.js";
import {
  ConflictError,
  InvalidAddressError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "../platform/errors.js";
import { actorOf, type Principal } from "../platform/principal.js";
import { VersionConflictError } from "../platform/versioned-store.js";
import { matchKey, normaliseBssid, normaliseLldpId, normaliseSubnet, type MapMatch } from "./network-index.js";
import { samePlace, type LocationLike } from "./resolution.js";
import { refreshDevicesAt } from "./relocate.js";
import type { MapEntryInput } from "./schemas.js";
import { deleteMapEntry, lisKeys, readMapEntry, readWholeMap, writeMapEntry, type StoredMapEntry } from "./store.js";

/** A named place of an account (a site, floor or room) that map entries point at. */
export interface EmergencyLocationRecord {
  accountId: string;
  locationId: string;
  name: string;
  address: CivicAddress;
  displayLine: string;
  timeZone: string;
  updatedAt: string;
  updatedBy: string;
}
export type EmergencyLocationView = EmergencyLocationRecord & { version: number };

interface EmergencyLocationHistoryEntry {
  version: number;
  name: string;
  address: CivicAddress;
  changedAt: string;
  changedBy: string;
}

/**
 * Creates or changes an emergency location. The address passes the same dispatchable-address
 * rules as a device's location (house number or named premises, region ↔ postal code…), each bad
 * field named. Versioned with history; repeating the same body changes nothing.
 */
export async function putEmergencyLocation(
  ctx: Context,
  by: Principal,
  accountId: string,
  locationId: string,
  input: { name: string; address: unknown },
  ifMatch?: number | "*",
): Promise<{ view: EmergencyLocationView; created: boolean }> {
  await getAccount(ctx, accountId);
  const parsed = parseCivicAddress(input.address);
  if (!parsed.ok)
    throw new InvalidAddressError(parsed.errors.map((e) => ({ path: `address.${e.path}`, message: e.message })));
  const address = parsed.address;
  const k = lisKeys(ctx);
  const key = k.location(accountId, locationId);
  const now = ctx.now().toISOString();
  const actor = actorOf(by);
  for (let attempt = 0; ; attempt++) {
    const current = await ctx.store.read<EmergencyLocationRecord>(key);
    assertIfMatch(ifMatch, current?.version ?? 0);
    if (current && current.doc.name === input.name && samePlace(current.doc.address, address)) {
      const view = { ...current.doc, version: current.version };
      // A retried PUT also finishes what a crash after the write may have left undone.
      await refreshDevicesAt(ctx, actor, accountId, locationId, asLocation(view));
      return { view, created: false };
    }
    const record: EmergencyLocationRecord = {
      accountId,
      locationId,
      name: input.name,
      address,
      displayLine: displayLine(address),
      timeZone: locationTimeZone(address),
      updatedAt: now,
      updatedBy: actor,
    };
    const entry: EmergencyLocationHistoryEntry = {
      version: (current?.version ?? 0) + 1,
      name: input.name,
      address,
      changedAt: now,
      changedBy: actor,
    };
    try {
      const version = await ctx.store.write(key, current?.version ?? 0, record, [
        { command: "LPUSH", key: k.locationHistory(accountId, locationId), args: [JSON.stringify(entry)] },
        { command: "ZADD", key: k.locationIndex(accountId), args: [0, locationId] },
      ]);
      const view = { ...record, version };
      if (current && !samePlace(current.doc.address, address))
        await refreshDevicesAt(ctx, actor, accountId, locationId, asLocation(view));
      return { view, created: current === null };
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5 && (ifMatch === undefined || ifMatch === "*")) continue;
      if (error instanceof VersionConflictError) throw new PreconditionFailedError(error.currentVersion);
      throw error;
    }
  }
}

export async function getEmergencyLocation(
  ctx: Context,
  accountId: string,
  locationId: string,
): Promise<EmergencyLocationView> {
  const found = await ctx.store.read<EmergencyLocationRecord>(lisKeys(ctx).location(accountId, locationId));
  if (!found) throw new NotFoundError("emergency location");
  return { ...found.doc, version: found.version };
}

/** An emergency location as a device's `Location` (the emergency location's version and author). */
export function asLocation(view: EmergencyLocationView): LocationLike {
  return {
    address: view.address,
    displayLine: view.displayLine,
    timeZone: view.timeZone,
    version: view.version,
    updatedAt: view.updatedAt,
    updatedBy: view.updatedBy,
  };
}

/** The account's emergency locations in id order, paged. */
export async function listEmergencyLocations(
  ctx: Context,
  accountId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: EmergencyLocationView[]; nextCursor: string | null }> {
  await getAccount(ctx, accountId);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const ids = await ctx.redis.zrangebylex(
    lisKeys(ctx).locationIndex(accountId),
    after === null ? "-" : `(${after}`,
    "+",
    "LIMIT",
    0,
    query.limit,
  );
  const docs = await ctx.store.readMany<EmergencyLocationRecord>(ids.map((id) => lisKeys(ctx).location(accountId, id)));
  const items = docs.flatMap((d) => (d ? [{ ...d.doc, version: d.version }] : []));
  const last = ids.at(-1);
  return {
    items,
    nextCursor: ids.length === query.limit && last ? Buffer.from(last).toString("base64url") : null,
  };
}

export async function getEmergencyLocationHistory(
  ctx: Context,
  accountId: string,
  locationId: string,
): Promise<EmergencyLocationHistoryEntry[]> {
  await getEmergencyLocation(ctx, accountId, locationId);
  const entries = await ctx.redis.lrange(lisKeys(ctx).locationHistory(accountId, locationId), 0, 999);
  return entries.map((e) => JSON.parse(e) as EmergencyLocationHistoryEntry);
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(decoded))
    throw new ValidationError([{ path: "cursor", message: "is not a cursor this service issued" }]);
  return decoded;
}

/** A map entry's body → what it matches, normalised; 400 naming the field otherwise. */
export function parseMapMatch(input: Omit<MapEntryInput, "locationId">): MapMatch {
  const given = (["subnet", "bssid", "chassisId"] as const).filter((f) => input[f] !== undefined);
  if (input.portId !== undefined && input.chassisId === undefined)
    throw new ValidationError([{ path: "portId", message: "needs chassisId: a port ID names a port of one switch" }]);
  if (given.length !== 1)
    throw new ValidationError(
      [
        {
          path: given[1] ?? "subnet",
          message: "give exactly one of subnet, bssid or chassisId (with optional portId)",
        },
      ],
      "A map entry matches on exactly one thing.",
    );
  if (input.portId !== undefined && input.chassisId === undefined)
    throw new ValidationError([{ path: "portId", message: "needs chassisId: a port ID names a port of one switch" }]);
  const bad = (path: string, message: string): never => {
    throw new ValidationError([{ path, message }]);
  };
  if (input.subnet !== undefined) {
    const subnet = normaliseSubnet(input.subnet);
    return subnet.ok ? { kind: "subnet", subnet: subnet.value } : bad("subnet", subnet.message);
  }
  if (input.bssid !== undefined) {
    const bssid = normaliseBssid(input.bssid);
    return bssid.ok ? { kind: "bssid", bssid: bssid.value } : bad("bssid", bssid.message);
  }
  const chassis = normaliseLldpId(input.chassisId!);
  if (!chassis.ok) return bad("chassisId", chassis.message);
  if (input.portId === undefined) return { kind: "chassis", chassisId: chassis.value };
  const port = normaliseLldpId(input.portId);
  if (!port.ok) return bad("portId", port.message);
  return { kind: "port", chassisId: chassis.value, portId: port.value };
}

/** A map entry as the API shows it: the match's fields flattened beside `kind`. */
export function mapEntryView(entry: StoredMapEntry): Record<string, unknown> {
  const { match, key: _key, ...rest } = entry;
  const { kind, ...fields } = match;
  return { ...rest, kind, ...fields };
}

/**
 * Creates or changes a network-map entry. The emergency location must be the account's own
 * (404 otherwise, as for any other account's resource); an entry matching exactly what another
 * entry of the account matches is 409 `duplicate-map-entry` (overlapping subnets are fine: the
 * most specific wins).
 */
export async function putMapEntry(
  ctx: Context,
  by: Principal,
  accountId: string,
  entryId: string,
  input: MapEntryInput,
  ifMatch?: number | "*",
): Promise<{ entry: StoredMapEntry; created: boolean }> {
  const match = parseMapMatch(input);
  await getAccount(ctx, accountId);
  const location = await ctx.store.read(lisKeys(ctx).location(accountId, input.locationId));
  if (!location) throw new NotFoundError("emergency location");
  const outcome = await writeMapEntry(
    ctx,
    {
      accountId,
      entryId,
      locationId: input.locationId,
      match,
      key: matchKey(match),
      updatedAt: ctx.now().toISOString(),
      updatedBy: actorOf(by),
    },
    ifMatch === "*" ? undefined : ifMatch,
  );
  if (outcome.kind === "version-mismatch") throw new PreconditionFailedError(outcome.current);
  if (outcome.kind === "duplicate")
    throw new ConflictError(
      "duplicate-map-entry",
      "Duplicate map entry",
      `Entry ${outcome.owner} already matches this; change or delete it instead.`,
      [
        {
          path: match.kind === "port" ? "portId" : match.kind === "chassis" ? "chassisId" : match.kind,
          message: "is already mapped",
        },
      ],
    );
  const entry = await readMapEntry(ctx, accountId, entryId);
  if (!entry) throw new NotFoundError("map entry");
  return { entry, created: outcome.kind === "written" && outcome.version === 1 };
}

export async function removeMapEntry(
  ctx: Context,
  accountId: string,
  entryId: string,
  ifMatch?: number | "*",
): Promise<void> {
  const outcome = await deleteMapEntry(ctx, accountId, entryId, ifMatch === "*" ? undefined : ifMatch);
  if (outcome.kind === "absent") throw new NotFoundError("map entry");
  if (outcome.kind === "version-mismatch") throw new PreconditionFailedError(outcome.current);
}

export async function getMapEntry(ctx: Context, accountId: string, entryId: string): Promise<StoredMapEntry> {
  const entry = await readMapEntry(ctx, accountId, entryId);
  if (!entry) throw new NotFoundError("map entry");
  return entry;
}

/** The account's network map in entry-id order, paged (`mapVersion`: the version it was read at). */
export async function listMapEntries(
  ctx: Context,
  accountId: string,
  query: { limit: number; cursor?: string | undefined; locationId?: string | undefined },
): Promise<{ items: StoredMapEntry[]; mapVersion: number; nextCursor: string | null }> {
  await getAccount(ctx, accountId);
  const { version, entries } = await readWholeMap(ctx, accountId);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const sorted = entries
    .filter((e) => (after === null || e.entryId > after) && (!query.locationId || e.locationId === query.locationId))
    .sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  const items = sorted.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    mapVersion: version,
    nextCursor: sorted.length > query.limit && last ? Buffer.from(last.entryId).toString("base64url") : null,
  };
}
