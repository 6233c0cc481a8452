/**
 * The contract's friendly civic-address field names and the RFC 5139 element each maps to,
 * in the order RFC 5139 §4 (the `civicAddress` xs:sequence) requires them in a PIDF-LO.
 *
 * This table is the one place that mapping lives: validation, the OpenAPI schema and the
 * PIDF-LO builder all read it.
 */
export const CIVIC_FIELDS = [
  { name: "country", element: "country", maxLength: 2 },
  { name: "region", element: "A1", maxLength: 6 },
  { name: "county", element: "A2", maxLength: 80 },
  { name: "city", element: "A3", maxLength: 80 },
  { name: "district", element: "A4", maxLength: 80 },
  { name: "preDirectional", element: "PRD", maxLength: 10 },
  { name: "street", element: "RD", maxLength: 100 },
  { name: "streetSuffix", element: "STS", maxLength: 20 },
  { name: "postDirectional", element: "POD", maxLength: 10 },
  { name: "houseNumber", element: "HNO", maxLength: 16 },
  { name: "houseNumberSuffix", element: "HNS", maxLength: 16 },
  { name: "landmark", element: "LMK", maxLength: 100 },
  { name: "additionalInfo", element: "LOC", maxLength: 200 },
  { name: "floor", element: "FLR", maxLength: 16 },
  { name: "name", element: "NAM", maxLength: 100 },
  { name: "postalCode", element: "PC", maxLength: 12 },
  { name: "building", element: "BLD", maxLength: 60 },
  { name: "unit", element: "UNIT", maxLength: 20 },
  { name: "room", element: "ROOM", maxLength: 20 },
  { name: "seat", element: "SEAT", maxLength: 20 },
  { name: "placeType", element: "PLC", maxLength: 40 },
] as const;

/** A friendly civic-address field name (`postalCode`, `houseNumber`, …). */
export type CivicFieldName = (typeof CIVIC_FIELDS)[number]["name"];

/**
 * A civic address as the contract names it. `country` is ISO 3166-1 alpha-2, `region` an
 * ISO 3166-2 code; every other field is free text, already trimmed and NFC-normalised.
 */
export type CivicAddress = { country: string } & Partial<Record<Exclude<CivicFieldName, "country">, string>>;
