import { parsePhoneNumberFromString, type CountryCode, type PhoneNumberType } from "libphonenumber-js/max";

/**
 * Number types an answering point cannot call back (the contract: "not toll-free, premium,
 * shared-cost or otherwise unreachable"): toll-free numbers often do not accept calls from
 * outside their area or from PSAP trunks, premium and shared-cost numbers charge or are barred,
 * UAN (universal access numbers) route by the caller's location, voicemail and pager numbers
 * reach no person. Types as libphonenumber classifies them with its full metadata.
 */
export const UNCALLABLE_TYPES: ReadonlySet<PhoneNumberType> = new Set([
  "TOLL_FREE",
  "PREMIUM_RATE",
  "SHARED_COST",
  "UAN",
  "VOICEMAIL",
  "PAGER",
]);

/**
 * Callback numbers accepted for a service country besides its own. The US and Canada share the
 * North American Numbering Plan: a PSAP on either side calls a +1 number of the other as an
 * ordinary 1+ call, and businesses near the border (or with one switchboard for both) often keep
 * one callback number. So a US device may have a Canadian callback number and vice versa. The
 * other NANP members (the Caribbean, the Pacific territories with their own ISO code) are
 * international calls with their own rates and are not accepted.
 */
const ALSO_ACCEPTED: Readonly<Record<string, readonly string[]>> = { US: ["CA"], CA: ["US"] };

export type CallbackCheck = { ok: true; e164: string } | { ok: false; message: string };

/**
 * Normalises a callback number to E.164, reading national formats in the device's service
 * country, and checks that an answering point can call it back: a valid number (full metadata,
 * so impossible ranges are refused) of the service country (NANP: US and CA both), of a type
 * that reaches a person.
 */
export function checkCallbackNumber(input: string, serviceCountry: string): CallbackCheck {
  const parsed = parsePhoneNumberFromString(input.trim(), serviceCountry as CountryCode);
  if (!parsed?.isValid()) return { ok: false, message: "is not a valid phone number" };
  const country = parsed.country;
  const accepted = [serviceCountry, ...(ALSO_ACCEPTED[serviceCountry] ?? [])];
  if (country === undefined || !accepted.includes(country)) {
    return {
      ok: false,
      message: `must be a number of the service country (${accepted.join(" or ")}), not of ${country ?? "another country"}: the answering point calls it back`,
    };
  }
  const type = parsed.getType();
  if (type !== undefined && UNCALLABLE_TYPES.has(type)) {
    return {
      ok: false,
      message: `is a ${type.toLowerCase().replace(/_/g, "-")} number, which an answering point cannot call back`,
    };
  }
  return { ok: true, e164: parsed.number };
}

/** The E.164 form of a callable callback number, or null (see `checkCallbackNumber`). */
export function normalizeCallbackNumber(input: string, serviceCountry: string): string | null {
  const check = checkCallbackNumber(input, serviceCountry);
  return check.ok ? check.e164 : null;
}

/** The national format of an E.164 number (`+498912345678` → `089 12345678`), for people. */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}
