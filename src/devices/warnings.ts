import { parseCivicAddress } from "../addresses/civic-address.js";
import { checkCallbackNumber } from "./callback-number.js";
import type { DeviceRecord } from "./device.js";

/**
 * What is wrong with a stored device under today's rules, shown on the device instead of
 * rewriting what was stored (a record stays what the customer registered, with its history):
 * - `invalid-callback-number`: an answering point could not call its callback number back;
 * - `location-not-dispatchable`: its registered location would be refused now (no house number,
 *   region and postal code disagree, …); register a corrected one;
 * - `acknowledgement-outdated`: active, but the account's acknowledgement for its service
 *   country is of an older text that no longer counts;
 * - `acknowledgement-required`: active, but the account has no acknowledgement for its service
 *   country (it was activated when acknowledgements were per policy, not per country).
 */
export const DEVICE_WARNINGS = [
  "invalid-callback-number",
  "location-not-dispatchable",
  "acknowledgement-outdated",
  "acknowledgement-required",
] as const;
export type DeviceWarning = (typeof DEVICE_WARNINGS)[number];

/** The warnings that follow from the record alone (no acknowledgement state). */
export function recordWarnings(device: DeviceRecord): DeviceWarning[] {
  const warnings: DeviceWarning[] = [];
  if (!checkCallbackNumber(device.callbackNumber, device.serviceCountry).ok) warnings.push("invalid-callback-number");
  if (device.location && !parseCivicAddress(device.location.address).ok) warnings.push("location-not-dispatchable");
  return warnings;
}
