import { api } from "../api.js";
import type { Address, AddressFormat } from "../types.js";

/** Address formats and region lists change with deployments only: fetched once per page load. */
const formats = new Map<string, Promise<AddressFormat>>();
let countries: Promise<string[]> | null = null;

export function coveredCountries(): Promise<string[]> {
  countries ??= api<{ countries: string[] }>("GET", "/v1/address-formats").then((r) => r.body.countries);
  countries.catch(() => (countries = null));
  return countries;
}

export function addressFormat(country: string): Promise<AddressFormat> {
  let found = formats.get(country);
  if (!found) {
    found = api<AddressFormat>("GET", `/v1/address-formats/${encodeURIComponent(country)}`).then((r) => r.body);
    found.catch(() => formats.delete(country));
    formats.set(country, found);
  }
  return found;
}

/** The address as its country writes it, line by line (region shown by its ISO 3166-2 code). */
export function addressLines(address: Address, format: AddressFormat | null): string[] {
  const order = format?.layout ?? [Object.keys(address)];
  const lines: string[] = [];
  for (const line of order) {
    const parts = line.filter((field) => field !== "country").map((field) => address[field]).filter((v): v is string => Boolean(v));
    if (parts.length) lines.push(parts.join(" "));
  }
  return lines;
}
