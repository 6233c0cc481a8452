import type { DeviceRecord } from "../devices/device.js";
import { lastKnownDevice, rememberDevice } from "../devices/last-known.js";
import { normaliseSipUri } from "../devices/service.js";
import type { Context } from "../platform/context.js";
import type { EmergencyPath } from "../platform/emergency-path.js";
import type { Versioned } from "../platform/versioned-store.js";
import { parseIp } from "./network-index.js";
import { lisKeys } from "./store.js";

/**
 * Which device an emergency-routing element means: by one of its SIP URIs, by `tel:` + its
 * callback number (only when exactly one device holds that number), or by the IP address of its
 * latest observation (only when exactly one device was last seen there: behind a NAT many are,
 * and a guess is worse than no answer). RFC 6155 device identities; RFC 5985 §6.3 (a LIS
 * answers only for a Device it can identify).
 */
export type DeviceIdentity = { kind: "uri"; value: string } | { kind: "ip"; value: string };

export type IdentityOutcome =
  | { ok: true; accountId: string; deviceId: string; device: Versioned<DeviceRecord>; fromCache: boolean }
  | { ok: false; reason: "unknown" | "ambiguous" | "bad-identity" | "store-unavailable" };

/** The index key of an identity, or null when it is not one we could hold. */
export function identityKeyOf(identity: DeviceIdentity): string | null {
  if (identity.kind === "ip") {
    const ip = parseIp(identity.value);
    return ip.ok ? `ip:${ip.value.text}` : null;
  }
  const uri = identity.value.trim();
  if (/^tel:/i.test(uri)) {
    const tel = normaliseSipUri(uri);
    return /^tel:\+\d{6,15}$/.test(tel) ? tel : null;
  }
  if (/^sips?:[^@\s]+@[^@\s]+$/i.test(uri)) return normaliseSipUri(uri);
  return null;
}

/** The identities a device can be asked about now (none once deactivated). */
export function identitiesOf(device: DeviceRecord): string[] {
  if (device.status === "deactivated") return [];
  const ids = new Set<string>((device.sipUris ?? []).map(normaliseSipUri));
  ids.add(`tel:${device.callbackNumber}`);
  const ip = device.network?.observation.ip;
  if (ip) ids.add(`ip:${ip}`);
  return [...ids];
}

const member = (device: Pick<DeviceRecord, "accountId" | "deviceId">): string =>
  `${device.accountId} ${device.deviceId}`;

/**
 * Keeps the identity index in step with a device write (a device-write listener, wired in the
 * composition root). Derived data: written after the device, so a crash may leave it stale — the
 * next write repairs it (what was indexed is compared with what the device holds now, not with
 * the previous record), and every lookup checks the device still holds the identity.
 */
export async function indexDeviceIdentities(ctx: Context, device: DeviceRecord): Promise<void> {
  const k = lisKeys(ctx);
  const hash = k.deviceIdentities(device.accountId);
  const legacy = k.legacyDeviceIdentities(device.accountId, device.deviceId);
  // Both reads leave in one socket write (ADR 0027). The set is there for a device indexed before
  // ADR 0030, or written meanwhile by a process of the release before (a rolling upgrade): what
  // either says was indexed is taken out if the device no longer holds it.
  const [field, legacyMembers] = await Promise.all([ctx.redis.hget(hash, device.deviceId), ctx.redis.smembers(legacy)]);
  const before = new Set([...(field === null ? [] : (JSON.parse(field) as string[])), ...legacyMembers]);
  const now = identitiesOf(device);
  const removed = [...before].filter((id) => !now.includes(id));
  const added = now.filter((id) => !before.has(id));
  if (removed.length === 0 && added.length === 0 && legacyMembers.length === 0) return;
  for (const id of removed) await ctx.redis.srem(k.identity(id), member(device));
  for (const id of added) await ctx.redis.sadd(k.identity(id), member(device));
  const tx = ctx.redis.multi().del(legacy);
  if (now.length > 0) tx.hset(hash, device.deviceId, JSON.stringify(now));
  else tx.hdel(hash, device.deviceId);
  await tx.exec();
}

/** Last resolutions of this process, for answers while Redis cannot be asked (fail open). */
const recent = new WeakMap<Context, Map<string, string>>();
const RECENT_LIMIT = 50_000;

function remember(ctx: Context, key: string, value: string): void {
  let map = recent.get(ctx);
  if (!map) recent.set(ctx, (map = new Map<string, string>()));
  if (map.get(key) === value) return;
  if (map.size >= RECENT_LIMIT) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

/**
 * The one device an identity names. On the emergency path every store call has its deadline;
 * when Redis cannot answer in time, the device this process last resolved the identity to is
 * answered from its last-known copy (`fromCache`), else `store-unavailable`.
 */
export async function resolveDeviceIdentity(
  ctx: Context,
  identity: DeviceIdentity,
  path?: EmergencyPath,
): Promise<IdentityOutcome> {
  const key = identityKeyOf(identity);
  if (!key) return { ok: false, reason: "bad-identity" };
  const attempt = <T>(call: () => Promise<T>) =>
    path ? path.attempt(call) : call().then((value) => ({ ok: true as const, value }));
  const members = await attempt(() => ctx.redis.smembers(lisKeys(ctx).identity(key)));
  if (!members.ok) return fromCache(ctx, key);
  if (members.value.length === 0) return { ok: false, reason: "unknown" };
  if (members.value.length > 8) return { ok: false, reason: "ambiguous" };
  const pairs = members.value.map((m) => m.split(" ") as [string, string]);
  const docs = await attempt(() =>
    ctx.store.readMany<DeviceRecord>(pairs.map(([accountId, deviceId]) => ctx.keys.device(accountId, deviceId))),
  );
  if (!docs.ok) return fromCache(ctx, key);
  // The index is derived: only devices that still hold the identity count.
  const holders = docs.value.flatMap((doc) => (doc && identitiesOf(doc.doc).includes(key) ? [doc] : []));
  if (holders.length === 0) return { ok: false, reason: "unknown" };
  if (holders.length > 1) return { ok: false, reason: "ambiguous" };
  const device = holders[0]!;
  rememberDevice(ctx, device.doc, device.version);
  remember(ctx, key, member(device.doc));
  return { ok: true, accountId: device.doc.accountId, deviceId: device.doc.deviceId, device, fromCache: false };
}

function fromCache(ctx: Context, key: string): IdentityOutcome {
  const known = recent.get(ctx)?.get(key);
  if (!known) return { ok: false, reason: "store-unavailable" };
  const [accountId, deviceId] = known.split(" ") as [string, string];
  const device = lastKnownDevice(ctx, accountId, deviceId);
  if (!device) return { ok: false, reason: "store-unavailable" };
  return { ok: true, accountId, deviceId, device: { version: device.version, doc: device.value }, fromCache: true };
}
