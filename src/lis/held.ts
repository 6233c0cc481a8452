import { randomBytes } from "node:crypto";
import type { DeviceRecord } from "../devices/device.js";
import { dispatchableLocationOf } from "../devices/dispatchable.js";
import { lastKnownDevice } from "../devices/last-known.js";
import { pidfLo } from "../locations/pidf.js";
import type { Context } from "../platform/context.js";
import type { EmergencyPath } from "../platform/emergency-path.js";
import { HELD_NS, HeldError, type HeldRequest } from "./held-request.js";
import { identityKeyOf, resolveDeviceIdentity, type DeviceIdentity } from "./identity.js";
import { lisKeys } from "./store.js";

/** How long a location URI can be dereferenced (RFC 5985 §5.3: the LIS sets `expires`). */
export const LOCATION_URI_TTL_MS = 30 * 60 * 1000;

const escapeXml = (value: string) =>
  value.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** A HELD `error` document (RFC 5985 §6.3), with an English message. */
export function heldErrorDocument(error: HeldError): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<error xmlns="${HELD_NS}" code="${error.code}">` +
    `<message xml:lang="en">${escapeXml(error.message)}</message></error>\n`
  );
}

/** The PIDF-LO of a device's dispatchable location (method and timestamp from the resolution). */
export function devicePidf(device: DeviceRecord, entity: string): string | null {
  const dispatchable = dispatchableLocationOf(device);
  if (!dispatchable) return null;
  const timestamp =
    dispatchable.source === "network-map" && dispatchable.observedAt
      ? dispatchable.observedAt
      : dispatchable.location.updatedAt;
  return pidfLo({
    entity,
    address: dispatchable.location.address,
    timestamp,
    method: dispatchable.method,
    deviceId: device.deviceId,
  });
}

/**
 * PIDF-LO documents already built, by device version and entity, with the whole by-value answer
 * as bytes: building a document costs ~0.4 ms (xmlbuilder2) and encoding the answer shows in the
 * profile too, the rest of a HELD answer a tenth of that. A device's version moves with every
 * change of its record, its observation and resolution included, so a cached document is never stale.
 */
const PIDF_CACHE_SIZE = 10_000;
interface BuiltPidf {
  /** The `<presence>` element on one line. */
  pidf: string;
  /** `locationResponse` carrying only `pidf`, UTF-8. */
  answer: Buffer;
}
const pidfCache = new Map<string, BuiltPidf | null>();

const locationResponse = (content: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><locationResponse xmlns="${HELD_NS}">${content}</locationResponse>\n`;

function cachedDevicePidf(device: DeviceRecord, version: number, entity: string): BuiltPidf | null {
  const key = `${device.accountId} ${device.deviceId} ${version} ${entity}`;
  const hit = pidfCache.get(key);
  if (hit !== undefined) return hit;
  // One line: element-only content, so dropping the indentation changes nothing for XML readers,
  // and line-oriented tools (a proxy's regular expressions) can lift the <presence> out whole.
  const pidf =
    devicePidf(device, entity)
      ?.replace(/^<\?xml[^>]*\?>\s*/, "")
      .replace(/>\s*\n\s*</g, "><")
      .trim() ?? null;
  const built = pidf === null ? null : { pidf, answer: Buffer.from(locationResponse(pidf), "utf8") };
  if (pidfCache.size >= PIDF_CACHE_SIZE) {
    const oldest = pidfCache.keys().next().value;
    if (oldest !== undefined) pidfCache.delete(oldest);
  }
  pidfCache.set(key, built);
  return built;
}

/** The identities of a request this LIS can look up: `uri` and `ip` (RFC 6155 §3.2). */
function usableIdentities(request: HeldRequest): DeviceIdentity[] {
  const usable: DeviceIdentity[] = [];
  for (const identity of request.identities) {
    if (identity.type === "uri" || identity.type === "ip") {
      if (!identityKeyOf({ kind: identity.type, value: identity.value }))
        throw new HeldError("badIdentifier", `The ${identity.type} identity is not one this LIS can hold.`);
      usable.push({ kind: identity.type, value: identity.value });
    }
  }
  return usable;
}

/**
 * Answers a HELD locationRequest: the identified device's dispatchable location as PIDF-LO by
 * value, and a `locationUriSet` when `locationURI` is asked for. Never a guess: an unknown or
 * ambiguous identity, or a device with no location, is `locationUnknown`. An emergency answer:
 * every store call has its deadline, and when the store cannot answer the device this process
 * last resolved is used (fail open, ADR "emergency answers fail open").
 */
export async function answerLocationRequest(
  ctx: Context,
  request: HeldRequest,
  options: { baseUrl: string; path?: EmergencyPath },
): Promise<Buffer> {
  if (!request.hasDevice || request.identities.length === 0)
    // RFC 5985 would locate the requester by its source address: that is the proxy, not a caller.
    throw new HeldError("locationUnknown", "Name the device (RFC 6155 device/uri or device/ip).");
  const identities = usableIdentities(request);
  if (identities.length === 0)
    throw new HeldError("badIdentifier", "This LIS identifies devices by uri (sip:, sips:, tel:) or ip only.");
  const types = new Set(request.locationTypes);
  const wantsValue = types.has("any") || types.has("civic") || types.has("geodetic");
  const wantsUri = types.has("locationURI");
  // Locations here are civic addresses: an exact request for geodetic only cannot be met.
  if (request.exact && types.has("geodetic") && !types.has("civic") && !types.has("any"))
    throw new HeldError("cannotProvideLiType", "This LIS has civic locations only.");

  let found: { accountId: string; device: DeviceRecord; version: number } | null = null;
  for (const identity of identities) {
    const outcome = await resolveDeviceIdentity(ctx, identity, options.path);
    if (!outcome.ok) {
      if (outcome.reason === "store-unavailable")
        throw new HeldError("generalLisError", "The location store cannot be reached; try again.");
      if (outcome.reason === "ambiguous")
        throw new HeldError("locationUnknown", "The identity names more than one device.");
      continue;
    }
    if (found && found.device.deviceId !== outcome.deviceId)
      throw new HeldError("locationUnknown", "The identities name different devices.");
    found = { accountId: outcome.accountId, device: outcome.device.doc, version: outcome.device.version };
  }
  if (!found) throw new HeldError("locationUnknown", "No device has this identity.");
  const first = identities[0]!;
  const entity = first.kind === "uri" ? identityKeyOf(first)! : `tel:${found.device.callbackNumber}`;
  const built = cachedDevicePidf(found.device, found.version, entity);
  if (!built) throw new HeldError("locationUnknown", "The device has no location.");

  if (!wantsUri) return built.answer;

  const token = randomBytes(24).toString("base64url");
  const expires = new Date(ctx.now().getTime() + LOCATION_URI_TTL_MS).toISOString();
  const store = () =>
    ctx.redis.set(
      lisKeys(ctx).locationUri(token),
      `${found.accountId} ${found.device.deviceId}`,
      "PX",
      LOCATION_URI_TTL_MS,
    );
  const stored = options.path ? await options.path.attempt(store) : await store().then(() => ({ ok: true }));
  if (!stored.ok && !wantsValue) throw new HeldError("generalLisError", "A location URI cannot be issued now.");
  const uriSet = stored.ok
    ? `<locationUriSet expires="${expires}"><locationURI>${escapeXml(`${options.baseUrl}/held/locations/${token}`)}</locationURI></locationUriSet>`
    : "";
  return Buffer.from(locationResponse(`${uriSet}${wantsValue || !uriSet ? built.pidf : ""}`), "utf8");
}

/** Dereferences a location URI (RFC 5985 §5.3 / RFC 6753): the device's location now, as PIDF-LO; null when unknown or expired. */
export async function dereferenceLocationUri(
  ctx: Context,
  token: string,
  path?: EmergencyPath,
): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const read = () => ctx.redis.get(lisKeys(ctx).locationUri(token));
  const target = path ? await path.attempt(read) : { ok: true as const, value: await read() };
  if (!target.ok || !target.value) return null;
  const [accountId, deviceId] = target.value.split(" ") as [string, string];
  const load = () => ctx.store.read<DeviceRecord>(ctx.keys.device(accountId, deviceId));
  const device = path ? await path.attempt(load) : { ok: true as const, value: await load() };
  const record = device.ok ? device.value?.doc : lastKnownDevice(ctx, accountId, deviceId)?.value;
  if (!record) return null;
  return devicePidf(record, `tel:${record.callbackNumber}`);
}
