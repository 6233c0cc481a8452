import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * Normalises a callback number to E.164, reading national formats in the device's service
 * country. Uses the full ("max") metadata so that numbers of impossible ranges are refused: an
 * answering point must be able to call this number back.
 * @returns the E.164 form, or null when it is not a valid phone number.
 */
export function normalizeCallbackNumber(input: string, serviceCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), serviceCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** The national format of an E.164 number (`+498912345678` → `089 12345678`), for people. */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}
