/**
 * Checking a civic address against its country's rules, and the two things derived from it:
 * the one-line form an answering point shows, and the local time zone.
 */
import { COVERED_COUNTRIES, isCoveredCountry } from "../geography/countries.js";
import { isSubdivisionOf, SUBDIVISION_LEVEL } from "../geography/subdivisions.js";
import { timeZoneFor } from "../geography/time-zones.js";
import { addressRulesFor, houseNumberFirst, normalisePostalCode, type AddressRules } from "./address-rules.js";
import { CIVIC_FIELDS, type CivicAddress, type CivicFieldName } from "./civic-fields.js";
import { checkPostalRegion, regionsForPostalCode } from "./postal-regions.js";

/** One bad field; `path` is relative to the address (`"postalCode"`), `""` for the address itself. */
export interface AddressFieldError {
  path: string;
  message: string;
}

type ParseResult = { ok: true; address: CivicAddress } | { ok: false; errors: AddressFieldError[] };

const FIELDS: ReadonlyMap<string, (typeof CIVIC_FIELDS)[number]> = new Map(
  CIVIC_FIELDS.map((field) => [field.name, field]),
);

/** Past this a value is refused unread: no field allows a tenth of it, and normalising costs. */
const RAW_LENGTH_LIMIT = 10_000;
/** Unknown keys reported one by one up to this; a body of thousands of junk keys gets a summary. */
const MAX_UNKNOWN_KEY_ERRORS = 20;
const MAX_PATH_LENGTH = 64;

/**
 * Control characters, unpaired surrogates (not encodable as UTF-8, so not storable or sendable to
 * a PSAP), line/paragraph separators, bidi overrides/isolates (they make a displayed address read
 * differently from what is stored) and the BOM.
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** Field names are case-sensitive; "PostalCode" is pointed at "postalCode" rather than refused bare. */
const FIELDS_BY_LOWER_CASE: ReadonlyMap<string, CivicFieldName> = new Map(
  CIVIC_FIELDS.map((field) => [field.name.toLowerCase(), field.name]),
);

/** Keys people commonly send instead of the contract's names, to point them at the right one. */
const LIKELY_MEANT: Readonly<Record<string, CivicFieldName>> = {
  zip: "postalCode",
  zipcode: "postalCode",
  postcode: "postalCode",
  postal_code: "postalCode",
  eircode: "postalCode",
  state: "region",
  province: "region",
  subdivision: "region",
  town: "city",
  locality: "city",
  countrycode: "country",
  country_code: "country",
  streetname: "street",
  street_name: "street",
  number: "houseNumber",
  housenumber: "houseNumber",
  house_number: "houseNumber",
  apartment: "unit",
  apt: "unit",
  suite: "unit",
};

/**
 * Validates and normalises a civic address from an untrusted request body: values are trimmed,
 * NFC-normalised and their inner spaces collapsed (copy-pasted addresses carry NBSPs and double
 * spaces that would otherwise make equal addresses compare unequal); an empty value is absent;
 * `country` and `region` are upper-cased (a bare region code such as `"BY"` is completed to
 * `"DE-BY"`), the postal code brought to its national form. Every bad field is reported, once.
 * Never throws, whatever the input.
 */
export function parseCivicAddress(input: unknown): ParseResult {
  try {
    return parse(input);
  } catch {
    // A Proxy or getter can throw while being read; that is a bad address, not a server error.
    return { ok: false, errors: [{ path: "", message: "must be a JSON object of civic-address fields" }] };
  }
}

function parse(input: unknown): ParseResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: "", message: "must be an object of civic-address fields" }] };
  }
  const errors: AddressFieldError[] = [];
  const failed = new Set<string>();
  const fail = (path: string, message: string): void => {
    failed.add(path);
    errors.push({ path, message });
  };
  const values = new Map<CivicFieldName, string>();

  let unknown = 0;
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = FIELDS.get(key);
    if (!field) {
      unknown += 1;
      if (unknown <= MAX_UNKNOWN_KEY_ERRORS) fail(pathFor(key), unknownKeyMessage(key));
      continue;
    }
    const value = cleanValue(record[key], field.maxLength);
    if (typeof value === "object") fail(field.name, value.error);
    else if (value !== undefined) values.set(field.name, value);
  }
  if (unknown > MAX_UNKNOWN_KEY_ERRORS) fail("", `has ${unknown - MAX_UNKNOWN_KEY_ERRORS} more unknown fields`);

  const rules = checkCountry(values, fail);
  if (rules) {
    checkRegion(rules.country, values, failed, fail);
    checkPostalCode(rules, values, failed, fail);
    checkRegionAgainstPostalCode(rules.country, values, failed, fail);
  }
  checkRequired(rules, values, failed, fail);
  if (rules) checkDispatchable(rules, values, failed, fail);

  if (errors.length > 0) return { ok: false, errors };
  const address: Record<string, string> = {};
  for (const { name } of CIVIC_FIELDS) {
    const value = values.get(name);
    if (value !== undefined) address[name] = value;
  }
  return { ok: true, address: address as CivicAddress };
}

type Fail = (path: string, message: string) => void;

/** A field's value cleaned, `undefined` when absent, or why it is unusable. */
function cleanValue(raw: unknown, maxLength: number): string | undefined | { error: string } {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string")
    return { error: `must be a string, not ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw}` };
  const tooLong = { error: `must be at most ${maxLength} characters` };
  if (raw.length > RAW_LENGTH_LIMIT) return tooLong;
  const trimmed = raw.normalize("NFC").trim();
  if (FORBIDDEN_CHARACTERS.test(trimmed))
    return { error: "must not contain control characters, line breaks or invalid characters" };
  const value = trimmed.replace(/\p{Zs}+/gu, " ");
  if (value === "") return undefined;
  // UTF-16 length, the same measure as the published schema's maxLength.
  return value.length > maxLength ? tooLong : value;
}

function checkCountry(values: Map<CivicFieldName, string>, fail: Fail): AddressRules | undefined {
  const raw = values.get("country");
  if (raw === undefined) return undefined;
  const country = raw.toUpperCase();
  const rules = isCoveredCountry(country) ? addressRulesFor(country) : undefined;
  if (!rules) {
    values.delete("country");
    fail("country", `must be an ISO 3166-1 alpha-2 code of a covered country: ${COVERED_COUNTRIES.join(", ")}`);
    return undefined;
  }
  values.set("country", country);
  return rules;
}

function checkRegion(country: string, values: Map<CivicFieldName, string>, failed: Set<string>, fail: Fail): void {
  const raw = values.get("region");
  if (raw === undefined || failed.has("region")) return;
  const upper = raw.toUpperCase();
  const region = upper.includes("-") ? upper : `${country}-${upper}`;
  if (isSubdivisionOf(country, region)) {
    values.set("region", region);
    return;
  }
  const level = SUBDIVISION_LEVEL[country];
  const example = level ? ` such as ${level.example} (${level.level})` : "";
  fail("region", `must be an ISO 3166-2 code of ${country}${example}`);
}

function checkPostalCode(
  rules: AddressRules,
  values: Map<CivicFieldName, string>,
  failed: Set<string>,
  fail: Fail,
): void {
  const raw = values.get("postalCode");
  if (raw === undefined || failed.has("postalCode")) return;
  const code = normalisePostalCode(rules, raw);
  if (code === undefined)
    fail("postalCode", `must be a postal code of ${rules.country} such as ${rules.postalCode.example}`);
  else values.set("postalCode", code);
}

function checkRequired(
  rules: AddressRules | undefined,
  values: Map<CivicFieldName, string>,
  failed: Set<string>,
  fail: Fail,
): void {
  const missing = (field: CivicFieldName): boolean => !values.has(field) && !failed.has(field);
  const where = rules ? ` for addresses in ${rules.country}` : "";
  // country and city are required whatever the country, even when the country itself is bad.
  const required: readonly CivicFieldName[] = rules?.required ?? ["country", "city"];
  for (const field of required) if (missing(field)) fail(field, `is required${where}`);
  for (const group of rules?.requiredOneOf ?? []) {
    const [first, ...others] = group;
    if (first !== undefined && group.every(missing))
      fail(first, `is required${where} unless ${others.join(" or ")} is given`);
  }
}

/**
 * Region and postal code must agree where the country's postal codes are tied to its
 * subdivisions (`postal-regions.ts`). A disagreement names both fields: either may be the wrong one.
 */
function checkRegionAgainstPostalCode(
  country: string,
  values: Map<CivicFieldName, string>,
  failed: Set<string>,
  fail: Fail,
): void {
  const postalCode = values.get("postalCode");
  if (postalCode === undefined || failed.has("postalCode") || failed.has("region")) return;
  const region = values.get("region");
  const check = checkPostalRegion(country, region, postalCode);
  if (check.result === "unassigned") {
    fail("postalCode", `${postalCode} is not an assigned postal code of ${country} (no premises can have it)`);
  } else if (check.result === "mismatch" && region !== undefined) {
    const where =
      check.expected.length === 0
        ? "is not in any subdivision of the country (a military or freely associated state code)"
        : check.expected.length <= 4
          ? `is in ${check.expected.join(" or ")}`
          : `is not in ${region}`;
    fail("region", `does not match postalCode ${postalCode}, which ${where}`);
    fail("postalCode", `does not match region ${region}: ${postalCode} ${where}`);
  }
}

/** RFC 4776 § 3.4: HNO is the numeric part of the house number (suffixes go to HNS). */
const HAS_DIGIT = /\p{Nd}/u;

/**
 * A dispatchable address names its premises: a house number, or the country's accepted form for a
 * premises without one (`AddressRules.dispatch`). Reported on the field to add.
 */
function checkDispatchable(
  rules: AddressRules,
  values: Map<CivicFieldName, string>,
  failed: Set<string>,
  fail: Fail,
): void {
  if (failed.has("houseNumber")) return;
  const alternative = rules.dispatch.withoutNumber;
  const where = ` for addresses in ${rules.country}`;
  const houseNumber = values.get("houseNumber");
  const marker = alternative?.marker;
  if (houseNumber !== undefined && marker?.pattern.test(houseNumber)) {
    values.set("houseNumber", marker.canonical);
  } else if (houseNumber !== undefined) {
    if (!HAS_DIGIT.test(houseNumber)) {
      const otherwise = alternative ? `; a premises without a number needs ${alternative.description}` : "";
      fail("houseNumber", `must contain the house number's digits (RFC 4776 HNO)${otherwise}`);
    }
    return;
  }
  if (!alternative) {
    fail("houseNumber", `is required${where}: a responder must be able to find the door`);
    return;
  }
  if (houseNumber === undefined && marker) {
    fail("houseNumber", `is required${where}; a premises without a number is written as ${alternative.description}`);
    return;
  }
  const identified = alternative.identifiedBy.some((field) => {
    const value = values.get(field);
    return value !== undefined && !failed.has(field) && (alternative.pattern?.test(value) ?? true);
  });
  if (identified) return;
  const [first] = alternative.identifiedBy;
  if (first === undefined || failed.has(first)) return;
  if (marker) fail(first, `is required${where} with houseNumber "${marker.canonical}": ${alternative.description}`);
  else
    fail(
      "houseNumber",
      `is required${where} unless ${alternative.identifiedBy.join(" or ")} gives ${alternative.description}`,
    );
}

function pathFor(key: string): string {
  return key.length > MAX_PATH_LENGTH ? `${key.slice(0, MAX_PATH_LENGTH)}…` : key;
}

function unknownKeyMessage(key: string): string {
  const lower = key.toLowerCase();
  const meant =
    FIELDS_BY_LOWER_CASE.get(lower) ?? (Object.hasOwn(LIKELY_MEANT, lower) ? LIKELY_MEANT[lower] : undefined);
  return meant ? `is not a civic-address field (did you mean ${meant}?)` : "is not a civic-address field";
}

// ---------------------------------------------------------------------------------------------
// Display line

/** The contract's cap on `displayLine`: what an answering point's location display holds. */
const DISPLAY_LIMIT = 60;

type SubAddressField = "building" | "floor" | "unit" | "room";
type PartKey = SubAddressField | "place" | "landmark" | "postalCode" | "city";
interface Part {
  key: PartKey;
  text: string;
}
/** The house number and street, kept apart so the street can be cut without the number. */
interface Place {
  number: string;
  suffix: string;
  /** The street name itself, the part that is cut; the directionals and street type stay whole. */
  name: string;
  before: string;
  after: string;
  numberFirst: boolean;
}

const LABELS: Readonly<Record<SubAddressField, { full: string; short: string }>> = {
  building: { full: "Building", short: "BLDG" },
  floor: { full: "Floor", short: "FL" },
  unit: { full: "Unit", short: "UNIT" },
  room: { full: "Room", short: "RM" },
};

/** USPS Publication 28, Appendix C2: secondary unit designators, as written inside values. */
const DESIGNATORS: Readonly<Record<string, string>> = {
  APARTMENT: "APT",
  BASEMENT: "BSMT",
  BUILDING: "BLDG",
  DEPARTMENT: "DEPT",
  FLOOR: "FL",
  FRONT: "FRNT",
  HANGAR: "HNGR",
  LOBBY: "LBBY",
  LOWER: "LOWR",
  OFFICE: "OFC",
  PENTHOUSE: "PH",
  ROOM: "RM",
  SPACE: "SPC",
  SUITE: "STE",
  TRAILER: "TRLR",
  UPPER: "UPPR",
};

const SUB_ADDRESS_ORDER: readonly SubAddressField[] = ["building", "floor", "unit", "room"];
/** The floor, unit and room: what finds the caller inside the building, never dropped (CONTRACT.md). */
const INSIDE: readonly PartKey[] = ["floor", "unit", "room"];
/** A street cut shorter than this many characters (plus "…") says nothing; it is kept at least this long. */
const MIN_STREET = 4;
/** A sub-address is kept at least as "UNIT 1…": its label and the first character of its value. */
const MIN_SUB_ADDRESS = 7;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The location line an answering point shows (at most 60 characters): house number and street
 * (in the country's own order: "10 Downing Street", "Hauptstraße 5"), the premises name where it
 * stands in for the number, then building, floor, unit and room, then the city. When that is too
 * long, designators and — for US and Canadian addresses, as ALI records do — street types and
 * directionals are abbreviated and the line upper-cased (Floor→FL, Room→RM, Building→BLDG,
 * Suite→STE, Street→ST, Boulevard→BLVD, North→N). If still too long, the parts that the full civic
 * address delivered with the call (PIDF-LO) carries anyway give way first: the postal code (when
 * there is a street), the city, then the street name is shortened, then the house-number suffix,
 * then the building; the floor, unit and room are shortened last and never dropped, and the house
 * number is never cut: they are what makes the location dispatchable.
 */
export function displayLine(address: CivicAddress): string {
  const rules = addressRulesFor(address.country);
  const plain = lineParts(address, rules, false);
  if (joined(plain.parts).length <= DISPLAY_LIMIT) return joined(plain.parts);
  const abbreviated = lineParts(address, rules, true);
  if (joined(abbreviated.parts).length <= DISPLAY_LIMIT) return joined(abbreviated.parts);
  return shrink(abbreviated.parts, abbreviated.place, address.street !== undefined);
}

function lineParts(
  address: CivicAddress,
  rules: AddressRules | undefined,
  abbreviate: boolean,
): { parts: Part[]; place: Place } {
  // ALI style (upper case, USPS / Canada Post abbreviations) only where the country has a table.
  const ali = abbreviate && rules !== undefined && Object.keys(rules.abbreviations).length > 0;
  const caseOf = (text: string): string => (ali ? text.toUpperCase() : text);
  const word = (text: string | undefined): string | undefined => (text && ali ? abbreviateWord(text, rules) : text);
  const street = address.street && ali ? abbreviateStreet(address.street, rules) : address.street;
  // Without a street (rural Irish addresses) the landmark or name is what locates the caller.
  const located = street ?? address.landmark ?? address.name;
  const place: Place = {
    number: caseOf(address.houseNumber ?? ""),
    suffix: caseOf(address.houseNumberSuffix ?? ""),
    name: caseOf(located ?? ""),
    before: caseOf(word(address.preDirectional) ?? ""),
    after: caseOf([word(address.streetSuffix), word(address.postDirectional)].filter(Boolean).join(" ")),
    numberFirst: rules ? houseNumberFirst(rules) : true,
  };
  const parts: Part[] = [{ key: "place", text: placeText(place) }];
  // A premises without a number ("s/n", a building name, a milepost) is found by its landmark.
  const numbered = address.houseNumber !== undefined && /\p{Nd}/u.test(address.houseNumber);
  if (address.street && address.landmark && !numbered) parts.push({ key: "landmark", text: caseOf(address.landmark) });
  for (const field of SUB_ADDRESS_ORDER) {
    const value = address[field];
    if (value) parts.push({ key: field, text: caseOf(subAddress(field, value, abbreviate)) });
  }
  if (!address.street && address.postalCode) parts.push({ key: "postalCode", text: address.postalCode });
  if (address.city) parts.push({ key: "city", text: caseOf(address.city) });
  return { parts: parts.filter((part) => part.text !== ""), place };
}

function placeText(place: Place): string {
  const number = [place.number, place.suffix].filter(Boolean).join(" ");
  const street = [place.before, place.name, place.after].filter(Boolean).join(" ");
  return (place.numberFirst ? [number, street] : [street, number]).filter(Boolean).join(" ");
}

/** "3" → "Floor 3", "3rd" → "3rd Floor", "Suite 300" stays (it names itself); short forms when abbreviating. */
function subAddress(field: SubAddressField, value: string, abbreviate: boolean): string {
  const label = abbreviate ? LABELS[field].short : LABELS[field].full;
  const text = abbreviate
    ? value
        .split(" ")
        .map((w) => DESIGNATORS[w.toUpperCase()] ?? w)
        .join(" ")
    : value;
  if (/^\d+(?:st|nd|rd|th)$/i.test(value)) return `${text} ${label}`;
  return /\p{L}{3,}/u.test(value) ? text : `${label} ${text}`;
}

function abbreviateWord(text: string, rules: AddressRules | undefined): string {
  return rules?.abbreviations[text.toUpperCase()] ?? text;
}

/** Only the trailing street type is abbreviated: "Avenue of the Americas" keeps its "Avenue". */
function abbreviateStreet(street: string, rules: AddressRules | undefined): string {
  const words = street.split(" ");
  const last = words.at(-1);
  if (words.length < 2 || last === undefined) return street;
  return [...words.slice(0, -1), abbreviateWord(last, rules)].join(" ");
}

function joined(parts: readonly Part[]): string {
  return parts.map((part) => part.text).join(", ");
}

/**
 * Makes the line fit, one step at a time, each only as far as needed: drop the postal code
 * (when a street carries the address) and the city; cut the street name, the house-number suffix,
 * the building and the premises name; finally cut the floor, unit and room evenly, longest first.
 */
function shrink(initial: readonly Part[], initialPlace: Place, hasStreet: boolean): string {
  let parts = [...initial];
  let place = { ...initialPlace };
  const over = (): number => joined(parts).length - DISPLAY_LIMIT;
  const setPlace = (next: Place): void => {
    place = next;
    parts = parts.map((p) => (p.key === "place" ? { key: "place", text: placeText(place) } : p));
  };
  const cutPart = (key: PartKey, min: number): void => {
    const part = parts.find((p) => p.key === key);
    if (!part || over() <= 0) return;
    const keep = Math.max(min, part.text.length - over());
    parts = parts.map((p) => (p === part ? { key, text: truncate(p.text, keep) } : p));
  };

  if (hasStreet) parts = parts.filter((p) => p.key !== "postalCode");
  if (over() > 0) parts = parts.filter((p) => p.key !== "city");
  if (over() > 0 && place.name.length > MIN_STREET + 1)
    setPlace({ ...place, name: truncate(place.name, Math.max(MIN_STREET + 1, place.name.length - over())) });
  for (const field of ["suffix", "after", "before"] as const) {
    const text = place[field];
    if (over() > 0 && text.length > 2)
      setPlace({ ...place, [field]: truncate(text, Math.max(2, text.length - over())) });
  }
  cutPart("building", MIN_SUB_ADDRESS);
  cutPart("landmark", MIN_SUB_ADDRESS);
  // The floor, unit and room share what is left: the longest gives one character at a time.
  while (over() > 0) {
    const longest = parts
      .filter((p) => INSIDE.includes(p.key) && p.text.length > MIN_SUB_ADDRESS)
      .sort((a, b) => b.text.length - a.text.length)[0];
    if (!longest) break;
    parts = parts.map((p) => (p === longest ? { key: p.key, text: truncate(p.text, p.text.length - 1) } : p));
  }
  // Still too long only for an address of maximal fields everywhere: the building goes before the
  // house number or the floor, unit and room would.
  if (over() > 0) parts = parts.filter((p) => p.key !== "building");
  // Only reachable with a house number and street longer than any real one: the end gives way.
  return truncate(joined(parts), DISPLAY_LIMIT);
}

/** Cuts at a grapheme boundary so no emoji or accented letter is split, and marks the cut with "…". */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Time zone

/**
 * The IANA zone of the address: `timeZoneFor(country, region)`. When `region` is absent, a postal
 * code that places the address in another zone (Canaries, Azores, Madeira, overseas France) stands
 * in for it. `UTC` only for a country the zone table does not know, which a parsed address never has.
 */
export function locationTimeZone(address: CivicAddress): string {
  if (address.region !== undefined || address.postalCode === undefined)
    return timeZoneFor(address.country, address.region) ?? "UTC";
  // The postal code's subdivisions stand in for the region when they all share one zone.
  const zones = new Set(
    regionsForPostalCode(address.country, address.postalCode).map((region) => timeZoneFor(address.country, region)),
  );
  const [zone] = zones;
  return (zones.size === 1 ? zone : undefined) ?? timeZoneFor(address.country) ?? "UTC";
}
