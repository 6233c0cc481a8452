import { lastKnownDialing, rememberDialing } from "../accounts/last-known.js";
import type { AccountRecord } from "../accounts/service.js";
import type { DeviceRecord, LocationRecord } from "../devices/device.js";
import { lastKnownDevice, rememberDevice } from "../devices/last-known.js";
import type { Context } from "../platform/context.js";
import { EmergencyPath } from "../platform/emergency-path.js";
import { NotFoundError, StoreUnavailableError } from "../platform/errors.js";
import { blockingRange } from "./blocking-rules.js";
import type { BlockedRange, CallBlocking } from "./call-blocking.js";
import { classifyWithPrefixes, type PrefixedEmergencyClassification } from "./classify.js";

export const DIAL_WARNINGS = [
  "outside-service-location",
  "location-not-registered",
  "e911-not-enabled",
  "device-not-active",
  "store-unavailable",
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

interface DialInput {
  dialed: string;
  currentCountry?: string | undefined;
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
 *
 * On the emergency path (`path`): when Redis does not answer within the path's deadline, an
 * emergency number is still answered — from the catalogue, with the device, callback number and
 * location as this process last served or wrote them, and the warning `store-unavailable`. What
 * cannot be answered without the store is 503 `store-unavailable`: a number that is not an
 * emergency number (its blocks cannot be read) and a device this process does not know (it cannot
 * tell whether the device exists, or where it is; a location is never guessed).
 */
export async function dialCheck(
  ctx: Context,
  accountId: string,
  deviceId: string,
  input: DialInput,
  path: EmergencyPath = new EmergencyPath(),
): Promise<DialCheck> {
  // On the call path: device, account and blocked ranges share the account's slot — one round trip.
  const read = await path.attempt(() =>
    ctx.store.readMany<unknown>([
      ctx.keys.device(accountId, deviceId),
      ctx.keys.account(accountId),
      ctx.keys.blockedRanges(accountId),
    ]),
  );
  if (read.ok) {
    const [deviceDoc, accountDoc, blockingDoc] = read.value;
    if (!deviceDoc || !accountDoc) throw new NotFoundError("device");
    const device = deviceDoc.doc as DeviceRecord;
    const account = accountDoc.doc as AccountRecord;
    rememberDevice(ctx, device, deviceDoc.version);
    rememberDialing(ctx, accountId, account.dialing, accountDoc.version);
    const ranges = (blockingDoc?.doc as CallBlocking | undefined)?.ranges ?? [];
    return answer(device, account.dialing.outsideLinePrefixes, ranges, input);
  }

  const known = lastKnownDevice(ctx, accountId, deviceId);
  if (!known) throw new StoreUnavailableError();
  const prefixes = lastKnownDialing(ctx, accountId)?.value.outsideLinePrefixes ?? [];
  const { verdict } = classifyHere(known.value, prefixes, input);
  if (!verdict.emergency) throw new StoreUnavailableError();
  const answered = answer(known.value, prefixes, [], input);
  answered.warnings.push("store-unavailable");
  return answered;
}

function classifyHere(
  device: DeviceRecord,
  prefixes: readonly string[],
  input: DialInput,
): { verdict: PrefixedEmergencyClassification; country: string | null } {
  const here = input.currentCountry ?? device.serviceCountry;
  let verdict = classifyWithPrefixes(here, input.dialed, prefixes);
  if (verdict.emergency) return { verdict, country: here };
  if (here !== device.serviceCountry) {
    verdict = classifyWithPrefixes(device.serviceCountry, input.dialed, prefixes);
    if (verdict.emergency) return { verdict, country: device.serviceCountry };
  }
  return { verdict, country: null };
}

function answer(device: DeviceRecord, prefixes: readonly string[], ranges: readonly BlockedRange[], input: DialInput) {
  const { verdict, country } = classifyHere(device, prefixes, input);
  // An emergency number is never blocked: blocks are only looked at for other numbers.
  const blockedBy: BlockedRange | null =
    !verdict.emergency && ranges.length > 0
      ? blockingRange(ranges, device.serviceCountry, input.dialed, prefixes)
      : null;

  const warnings: DialWarning[] = [];
  if (input.currentCountry && input.currentCountry !== device.serviceCountry) warnings.push("outside-service-location");
  if (!device.location) warnings.push("location-not-registered");
  if (device.e911.status !== "enabled") warnings.push("e911-not-enabled");
  if (device.status !== "active") warnings.push("device-not-active");

  const check: DialCheck = {
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
  return check;
}
