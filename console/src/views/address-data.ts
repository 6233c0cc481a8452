import { api } from "../api.js";
import { currentLanguage, t } from "../i18n.js";
import type { Address, AddressFormat } from "../types.js";

/** Address formats and region lists change with deployments only: fetched once per page load. */
const formats = new Map<string, Promise<AddressFormat>>();
let countries: Promise<string[]> | null = null;

export function coveredCountries(): Promise<string[]> {
  countries ??= api<{ countries: string[] }>("GET", "/v1/address-formats").then((r) => r.body.countries);
  countries.catch(() => (countries = null));
  return countries;
}

/** A country's format with its region names in the page's language (kept per language). */
export function addressFormat(country: string): Promise<AddressFormat> {
  const key = `${currentLanguage()}:${country}`;
  let found = formats.get(key);
  if (!found) {
    found = api<AddressFormat>("GET", `/v1/address-formats/${encodeURIComponent(country)}`).then((r) => r.body);
    found.catch(() => formats.delete(key));
    formats.set(key, found);
  }
  return found;
}

/** Sub-address parts read as "Floor 4", not a bare "4". */
const LABELLED = new Set(["building", "floor", "unit", "room", "seat"]);

/**
 * The address as its country writes it, line by line: sub-address parts with their names, the
 * region by its ISO 3166-2 name (code in brackets), the country left to the caller.
 */
export function addressLines(address: Address, format: AddressFormat | null): string[] {
  const order = format?.layout ?? [Object.keys(address)];
  const lines: string[] = [];
  for (const line of order) {
    const parts: string[] = [];
    for (const field of line) {
      const value = (address as Record<string, string | undefined>)[field];
      if (!value || field === "country") continue;
      if (LABELLED.has(field)) parts.push(`${t(`fields.${field}`)} ${value}`);
      else if (field === "region") {
        const name = format?.regions.find((r) => r.code === value)?.name;
        parts.push(name ? `${name} (${value})` : value);
      } else parts.push(value);
    }
    if (parts.length) lines.push(parts.join(line.some((f) => LABELLED.has(f)) ? ", " : " "));
  }
  return lines;
}
