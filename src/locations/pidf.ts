import { createHash } from "node:crypto";
import { create } from "xmlbuilder2";
import { CIVIC_FIELDS, type CivicAddress } from "../addresses/civic-fields.js";

/**
 * A device's registered location as emergency networks receive it: a PIDF-LO document.
 *
 * - RFC 3863 `presence` whose `entity` identifies the caller (the device's callback number as a
 *   tel URI, or a pres:/sip: URI).
 * - RFC 5491 §3.2: a device's location goes in a `dm:device` (RFC 4479) holding exactly one
 *   `gp:geopriv`, then the mandatory `dm:deviceID` and the `dm:timestamp` of the location.
 * - RFC 4119 `gp:geopriv` sequence: `location-info`, `usage-rules` (children in the basicPolicy
 *   namespace, where the schema defines them), `method`.
 * - RFC 5139 `ca:civicAddress`, every field in the schema's sequence order (CIVIC_FIELDS holds
 *   that order), with `xml:lang` (§3.5) so the answering point knows how to read the text.
 *
 * Built with xmlbuilder2, which escapes text and attributes; characters XML cannot carry at all
 * are dropped rather than producing a document an answering point would reject.
 */

export const PIDF_CONTENT_TYPE = "application/pidf+xml";

const NS = {
  pidf: "urn:ietf:params:xml:ns:pidf",
  dm: "urn:ietf:params:xml:ns:pidf:data-model",
  gp: "urn:ietf:params:xml:ns:pidf:geopriv10",
  gbp: "urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy",
  ca: "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr",
} as const;

/** The IANA location-method tokens (RFC 4119 §2.2.3 registry, as extended). */
export const LOCATION_METHODS = [
  "GPS",
  "A-GPS",
  "Manual",
  "DHCP",
  "Triangulation",
  "Cell",
  "802.11",
  "Wiremap",
] as const;

/**
 * The language the address text is assumed to be written in when the caller does not say: the
 * country's main official language. Bilingual countries (BE, CA, FI, LU, MT, IE) get the language
 * most addresses are written in; pass `language` when the address is known to be in another.
 */
const ADDRESS_LANGUAGE: Readonly<Record<string, string>> = {
  US: "en-US",
  CA: "en-CA",
  GB: "en-GB",
  IE: "en-IE",
  AU: "en-AU",
  MT: "en-MT",
  DE: "de-DE",
  AT: "de-AT",
  LU: "fr-LU",
  FR: "fr-FR",
  BE: "nl-BE",
  NL: "nl-NL",
  BR: "pt-BR",
  PT: "pt-PT",
  ES: "es-ES",
  IT: "it-IT",
  GR: "el-GR",
  CY: "el-CY",
  PL: "pl-PL",
  CZ: "cs-CZ",
  SK: "sk-SK",
  SI: "sl-SI",
  HR: "hr-HR",
  HU: "hu-HU",
  RO: "ro-RO",
  BG: "bg-BG",
  DK: "da-DK",
  SE: "sv-SE",
  FI: "fi-FI",
  EE: "et-EE",
  LV: "lv-LV",
  LT: "lt-LT",
};

export interface PidfLoInput {
  /** Who is at this location: e.g. "tel:+12125550100" or "sip:deviceId@accountId.invalid". */
  entity: string;
  address: CivicAddress;
  /** When the location was registered or last confirmed (any ISO 8601 date-time). */
  timestamp: string;
  /** How the location was determined; "Manual" (registered by the customer) by default. */
  method?: string;
  deviceId: string;
  /** BCP 47 tag of the address text; defaults to the country's main language. */
  language?: string;
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
// A fixed namespace for name-based (version 5) device UUIDs: the same device id always yields
// the same dm:deviceID. Generated once for this service.
const DEVICE_UUID_NAMESPACE = "4f1c3c2e-5b8a-4d39-9c1e-7a0d2b6e8f31";

/**
 * RFC 4479 §3.4.3 wants the device ID as a URN. Our device ids are account-scoped names, so they
 * become a name-based UUID URN (RFC 9562 §5.5); an id that is already a UUID is used as such.
 */
export function deviceUrn(deviceId: string): string {
  if (UUID.test(deviceId)) return `urn:uuid:${deviceId.toLowerCase()}`;
  const namespace = Buffer.from(DEVICE_UUID_NAMESPACE.replaceAll("-", ""), "hex");
  const hash = createHash("sha1").update(namespace).update(deviceId, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = hash.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `dm:device/@id` is an xs:ID: an NCName, so it starts with a letter and keeps only safe characters. */
function deviceElementId(deviceId: string): string {
  return `device-${deviceId.replace(/[^A-Za-z0-9._-]/g, "_")}`;
}

/**
 * `region` holds a full ISO 3166-2 code ("US-NY"); A1 carries the subdivision part only ("NY"),
 * the way North-American 911 location data writes a state; the country is already in its own
 * element, and repeating it would read as a different subdivision.
 */
function subdivision(region: string | undefined, country: string): string | undefined {
  if (typeof region !== "string") return undefined;
  const trimmed = region.trim();
  return trimmed.toUpperCase().startsWith(`${country}-`) ? trimmed.slice(country.length + 1) : trimmed;
}

/** Builds the PIDF-LO document. Throws on input no valid document can be made from. */
export function pidfLo(input: PidfLoInput): string {
  const { entity, address, deviceId } = input;
  if (typeof entity !== "string" || !URI.test(entity))
    throw new TypeError("pidfLo: entity must be an absolute URI (tel:, pres: or sip:)");
  if (typeof deviceId !== "string" || deviceId.length === 0) throw new TypeError("pidfLo: deviceId is required");
  // Callers outside TypeScript may pass anything: check before trusting the declared type.
  const given: unknown = (address as { country?: unknown } | undefined)?.country;
  const country = typeof given === "string" ? given.toUpperCase() : "";
  if (!/^[A-Z]{2}$/.test(country)) throw new TypeError("pidfLo: address.country must be an ISO 3166-1 alpha-2 code");
  const time = new Date(input.timestamp);
  if (typeof input.timestamp !== "string" || Number.isNaN(time.getTime()))
    throw new TypeError("pidfLo: timestamp must be an ISO 8601 date-time");
  const language = input.language ?? ADDRESS_LANGUAGE[country] ?? "und";
  if (!LANGUAGE_TAG.test(language)) throw new TypeError("pidfLo: language must be a BCP 47 tag");
  const method = (input.method ?? "Manual").trim() || "Manual";

  const doc = create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "" });
  const presence = doc
    .ele(NS.pidf, "presence")
    .att("http://www.w3.org/2000/xmlns/", "xmlns:dm", NS.dm)
    .att("http://www.w3.org/2000/xmlns/", "xmlns:gp", NS.gp)
    .att("http://www.w3.org/2000/xmlns/", "xmlns:gbp", NS.gbp)
    .att("http://www.w3.org/2000/xmlns/", "xmlns:ca", NS.ca)
    .att("entity", entity);

  const device = presence.ele(NS.dm, "dm:device").att("id", deviceElementId(deviceId));
  const geopriv = device.ele(NS.gp, "gp:geopriv");
  const civic = geopriv
    .ele(NS.gp, "gp:location-info")
    .ele(NS.ca, "ca:civicAddress")
    .att("http://www.w3.org/XML/1998/namespace", "xml:lang", language);
  for (const field of CIVIC_FIELDS) {
    const value =
      field.name === "country"
        ? country
        : field.name === "region"
          ? subdivision(address.region, country)
          : address[field.name];
    if (typeof value === "string" && value.trim() !== "") civic.ele(NS.ca, `ca:${field.element}`).txt(value.trim());
  }
  // The location is made for answering points, which must be free to pass it on to the
  // responders they dispatch (supplement: location and callback data go to the answering point).
  geopriv.ele(NS.gp, "gp:usage-rules").ele(NS.gbp, "gbp:retransmission-allowed").txt("true");
  geopriv.ele(NS.gp, "gp:method").txt(method);
  device.ele(NS.dm, "dm:deviceID").txt(deviceUrn(deviceId));
  device.ele(NS.dm, "dm:timestamp").txt(time.toISOString());

  return doc.end({ prettyPrint: true });
}
