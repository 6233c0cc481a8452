import type { AccountRecord } from "../accounts/service.js";
import type { DeviceRecord, LocationRecord } from "../devices/device.js";
import { NotFoundError } from "../platform/errors.js";
import type { Context } from "../platform/context.js";
import { blockingRange, type BlockedRange, type CallBlocking } from "./call-blocking.js";
import { classifyWithPrefixes, normaliseDialed } from "./classify.js";

export const DIAL_WARNINGS = [
  "outside-service-location",
  "location-not-registered",
  "e911-not-enabled",
  "device-not-active",
] as const;
export type DialWarning = (typeof DIAL_WARNINGS)[number];

export interface DialCheck {
  emergency: boolean;
  number: string | null;
  /** The country whose emergency number it is. */
  country: string | null;
  /** The outside-line prefix dialled before it, if any (Kari's Law: works with and without). */
  prefix: string | null;
  blocked: boolean;
  blockedBy: string | null;
  callbackNumber: string;
  location: LocationRecord | null;
  warnings: DialWarning[];
}

/**
 * The per-call question of the platform: is this an emergency number where the device is, and
 * which callback number and location go with it. Never refuses an emergency call: an emergency
 * number is never `blocked`, whatever the device's state, and a device without a location still
 * gets `emergency: true` (the platform then routes to the national emergency call relay).
 *
 * The number is classified in the country the device is in now (`currentCountry`) and, failing
 * that, in its service country: a traveller dialling their home emergency number must not be
 * told "not an emergency" (the wrong "no" is the costly error).
 */
export async function dialCheck(
  ctx: Context,
  accountId: string,
  deviceId: string,
  input: { dialed: string; currentCountry?: string | undefined },
): Promise<DialCheck> {
  // On the call path: device, account and blocked ranges share the account's slot — one round trip.
  const [deviceDoc, accountDoc, blockingDoc] = await ctx.store.readMany<unknown>([
    ctx.keys.device(accountId, deviceId),
    ctx.keys.account(accountId),
    ctx.keys.blockedRanges(accountId),
  ]);
  if (!deviceDoc || !accountDoc) throw new NotFoundError("device");
  const device = deviceDoc.doc as DeviceRecord;
  const account = accountDoc.doc as AccountRecord;
  const ranges = (blockingDoc?.doc as CallBlocking | undefined)?.ranges ?? [];
  const prefixes = account.dialing.outsideLinePrefixes;
  const here = input.currentCountry ?? device.serviceCountry;
  let country: string | null = here;
  let verdict = classifyWithPrefixes(here, input.dialed, prefixes);
  if (!verdict.emergency && here !== device.serviceCountry) {
    verdict = classifyWithPrefixes(device.serviceCountry, input.dialed, prefixes);
    country = device.serviceCountry;
  }
  if (!verdict.emergency) country = null;

  let blockedBy: BlockedRange | null = null;
  if (!verdict.emergency && ranges.length > 0) {
    const normalised = normaliseDialed(input.dialed);
    if (normalised !== null) {
      const candidates = [
        normalised,
        ...prefixes
          .filter((p) => normalised.startsWith(p) && normalised.length > p.length)
          .map((p) => normalised.slice(p.length)),
      ];
      blockedBy = blockingRange(ranges, candidates);
    }
  }

  const warnings: DialWarning[] = [];
  if (input.currentCountry && input.currentCountry !== device.serviceCountry) warnings.push("outside-service-location");
  if (!device.location) warnings.push("location-not-registered");
  if (device.e911.status !== "enabled") warnings.push("e911-not-enabled");
  if (device.status !== "active") warnings.push("device-not-active");

  return {
    emergency: verdict.emergency,
    number: verdict.number,
    country,
    prefix: verdict.prefix,
    blocked: blockedBy !== null,
    blockedBy: blockedBy?.id ?? null,
    callbackNumber: device.callbackNumber,
    location: device.location,
    warnings,
  };
}
