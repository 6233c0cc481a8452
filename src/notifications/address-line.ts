import { addressRulesFor, houseNumberFirst } from "../addresses/address-rules.js";
import type { CivicAddress } from "../addresses/civic-fields.js";
import { filledText } from "../platform/i18n.js";
import type { Locale } from "../platform/locales.js";

const SUB_ADDRESS = ["building", "floor", "unit", "room"] as const;

/**
 * A civic address as a customer reads it in an e-mail, in the account's language: house number and
 * street in the country's order, then building, floor, unit and room with their labels translated
 * (`notifications:civic.*` — "3. Etage", not "Floor 3"), then city and postal code
 * (postal code first where the house number follows the street, as in continental Europe).
 *
 * Not the `displayLine` an answering point shows (that one is capped at 60 characters and keeps
 * the ALI conventions); this one is for people and is never shortened.
 */
export function customerAddressLine(address: CivicAddress, locale: Locale): string {
  const rules = addressRulesFor(address.country);
  const number = [address.houseNumber, address.houseNumberSuffix].filter(Boolean).join(" ");
  const street = [address.preDirectional, address.street ?? address.landmark ?? address.name, address.streetSuffix]
    .concat(address.postDirectional)
    .filter(Boolean)
    .join(" ");
  const numberFirst = rules ? houseNumberFirst(rules) : true;
  const parts = [(numberFirst ? [number, street] : [street, number]).filter(Boolean).join(" ")];
  for (const field of SUB_ADDRESS) {
    const value = address[field];
    if (!value) continue;
    // A value that names itself ("Suite 300", "Tower B", "3rd") is kept as given.
    parts.push(
      /\p{L}{3,}/u.test(value) || /^\d+(?:st|nd|rd|th)$/i.test(value)
        ? value
        : filledText(locale, "notifications", `civic.${field}`, { value }),
    );
  }
  const place = (numberFirst ? [address.city, address.postalCode] : [address.postalCode, address.city])
    .filter(Boolean)
    .join(" ");
  if (place) parts.push(place);
  return parts.filter((part) => part !== "").join(", ");
}
