import { describe, it, expect } from "vitest";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import { isSubdivisionOf, subdivisionsOf, SUBDIVISION_LEVEL } from "../../src/geography/subdivisions.js";
import { ADDRESS_RULES, addressRulesFor, normalisePostalCode } from "../../src/locations/address-rules.js";
import { displayLine, locationTimeZone, parseCivicAddress, type AddressFieldError } from "../../src/locations/civic-address.js";
import { CIVIC_FIELDS, type CivicAddress } from "../../src/locations/civic-fields.js";

function accepted(input: unknown): CivicAddress {
  const result = parseCivicAddress(input);
  if (!result.ok) throw new Error(`expected a valid address, got ${JSON.stringify(result.errors)}`);
  return result.address;
}

function rejected(input: unknown): AddressFieldError[] {
  const result = parseCivicAddress(input);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.address)}`);
  return result.errors;
}

/** One good address per covered country: what is sent, and what must come back. */
const GOOD: readonly { input: Record<string, string>; expected: CivicAddress }[] = [
  {
    input: { country: "at", city: "Wien", street: "Stephansplatz", houseNumber: "1", postalCode: "A-1010" },
    expected: { country: "AT", city: "Wien", street: "Stephansplatz", houseNumber: "1", postalCode: "1010" },
  },
  {
    input: { country: "AU", region: "nsw", city: "Sydney", street: "Macquarie Street", houseNumber: "1", postalCode: "2000" },
    expected: { country: "AU", region: "AU-NSW", city: "Sydney", street: "Macquarie Street", houseNumber: "1", postalCode: "2000" },
  },
  {
    input: { country: "BE", region: "BE-BRU", city: "Bruxelles", street: "Rue de la Loi", houseNumber: "16", postalCode: "1000" },
    expected: { country: "BE", region: "BE-BRU", city: "Bruxelles", street: "Rue de la Loi", houseNumber: "16", postalCode: "1000" },
  },
  {
    input: { country: "BG", city: "Sofia", street: "bul. Vitosha", houseNumber: "1", postalCode: "1000" },
    expected: { country: "BG", city: "Sofia", street: "bul. Vitosha", houseNumber: "1", postalCode: "1000" },
  },
  {
    input: { country: "BR", region: "br-sp", city: "São Paulo", district: "Bela Vista", street: "Avenida Paulista", houseNumber: "1578", postalCode: "01310100" },
    expected: { country: "BR", region: "BR-SP", city: "São Paulo", district: "Bela Vista", street: "Avenida Paulista", houseNumber: "1578", postalCode: "01310-100" },
  },
  {
    input: { country: "CA", region: "CA-ON", city: "Ottawa", street: "Wellington", streetSuffix: "Street", houseNumber: "111", postalCode: "k1a0a9" },
    expected: { country: "CA", region: "CA-ON", city: "Ottawa", street: "Wellington", streetSuffix: "Street", houseNumber: "111", postalCode: "K1A 0A9" },
  },
  {
    input: { country: "CY", city: "Nicosia", street: "Ledra Street", houseNumber: "10", postalCode: "1010" },
    expected: { country: "CY", city: "Nicosia", street: "Ledra Street", houseNumber: "10", postalCode: "1010" },
  },
  {
    input: { country: "CZ", region: "CZ-10", city: "Praha", street: "Václavské náměstí", houseNumber: "1", postalCode: "11000" },
    expected: { country: "CZ", region: "CZ-10", city: "Praha", street: "Václavské náměstí", houseNumber: "1", postalCode: "110 00" },
  },
  {
    input: { country: "DE", region: "by", city: "Mu\u0308nchen", street: "Leopoldstraße", houseNumber: "12", postalCode: "80802" },
    expected: { country: "DE", region: "DE-BY", city: "München", street: "Leopoldstraße", houseNumber: "12", postalCode: "80802" },
  },
  {
    input: { country: "DK", city: "København K", street: "Kongens Nytorv", houseNumber: "1", postalCode: "DK-1050" },
    expected: { country: "DK", city: "København K", street: "Kongens Nytorv", houseNumber: "1", postalCode: "1050" },
  },
  {
    input: { country: "EE", region: "EE-37", city: "Tallinn", street: "Vabaduse väljak", houseNumber: "7", postalCode: "10111" },
    expected: { country: "EE", region: "EE-37", city: "Tallinn", street: "Vabaduse väljak", houseNumber: "7", postalCode: "10111" },
  },
  {
    input: { country: "ES", region: "ES-MD", city: "Madrid", street: "Calle Mayor", houseNumber: "1", postalCode: "28013" },
    expected: { country: "ES", region: "ES-MD", city: "Madrid", street: "Calle Mayor", houseNumber: "1", postalCode: "28013" },
  },
  {
    input: { country: "FI", city: "Helsinki", street: "Mannerheimintie", houseNumber: "1", postalCode: "00100" },
    expected: { country: "FI", city: "Helsinki", street: "Mannerheimintie", houseNumber: "1", postalCode: "00100" },
  },
  {
    input: { country: "FR", region: "fr-idf", city: "Paris", street: "rue de Rivoli", houseNumber: "10", houseNumberSuffix: "bis", postalCode: "75 001" },
    expected: { country: "FR", region: "FR-IDF", city: "Paris", street: "rue de Rivoli", houseNumber: "10", houseNumberSuffix: "bis", postalCode: "75001" },
  },
  {
    input: { country: "GB", region: "GB-ENG", city: "London", street: "Downing Street", houseNumber: "10", postalCode: "sw1a2aa" },
    expected: { country: "GB", region: "GB-ENG", city: "London", street: "Downing Street", houseNumber: "10", postalCode: "SW1A 2AA" },
  },
  {
    input: { country: "GR", region: "GR-I", city: "Athina", street: "Ermou", houseNumber: "1", postalCode: "10557" },
    expected: { country: "GR", region: "GR-I", city: "Athina", street: "Ermou", houseNumber: "1", postalCode: "105 57" },
  },
  {
    input: { country: "HR", city: "Zagreb", street: "Ilica", houseNumber: "1", postalCode: "10000" },
    expected: { country: "HR", city: "Zagreb", street: "Ilica", houseNumber: "1", postalCode: "10000" },
  },
  {
    input: { country: "HU", region: "HU-BU", city: "Budapest", street: "Fő utca", houseNumber: "1", postalCode: "1011" },
    expected: { country: "HU", region: "HU-BU", city: "Budapest", street: "Fő utca", houseNumber: "1", postalCode: "1011" },
  },
  {
    // A rural address: no street, the Eircode identifies the building.
    input: { country: "IE", region: "ie-wh", city: "Ballymore", landmark: "Rose Cottage", postalCode: "n37a6x2" },
    expected: { country: "IE", region: "IE-WH", city: "Ballymore", landmark: "Rose Cottage", postalCode: "N37 A6X2" },
  },
  {
    input: { country: "IT", region: "IT-RM", city: "Roma", street: "Via Nazionale", houseNumber: "1", postalCode: "00184" },
    expected: { country: "IT", region: "IT-RM", city: "Roma", street: "Via Nazionale", houseNumber: "1", postalCode: "00184" },
  },
  {
    input: { country: "LT", city: "Vilnius", street: "Gedimino pr.", houseNumber: "1", postalCode: "lt-01100" },
    expected: { country: "LT", city: "Vilnius", street: "Gedimino pr.", houseNumber: "1", postalCode: "LT-01100" },
  },
  {
    input: { country: "LU", region: "LU-LU", city: "Luxembourg", street: "rue de la Gare", houseNumber: "12", postalCode: "L-1118" },
    expected: { country: "LU", region: "LU-LU", city: "Luxembourg", street: "rue de la Gare", houseNumber: "12", postalCode: "1118" },
  },
  {
    input: { country: "LV", city: "Rīga", street: "Brīvības iela", houseNumber: "1", postalCode: "1050" },
    expected: { country: "LV", city: "Rīga", street: "Brīvības iela", houseNumber: "1", postalCode: "LV-1050" },
  },
  {
    input: { country: "MT", city: "Valletta", street: "Triq ir-Repubblika", houseNumber: "12", postalCode: "vlt1117" },
    expected: { country: "MT", city: "Valletta", street: "Triq ir-Repubblika", houseNumber: "12", postalCode: "VLT 1117" },
  },
  {
    input: { country: "NL", region: "NL-NH", city: "Amsterdam", street: "Dam", houseNumber: "1", postalCode: "1012js" },
    expected: { country: "NL", region: "NL-NH", city: "Amsterdam", street: "Dam", houseNumber: "1", postalCode: "1012 JS" },
  },
  {
    input: { country: "PL", region: "PL-14", city: "Warszawa", street: "ul. Marszałkowska", houseNumber: "1", postalCode: "00950" },
    expected: { country: "PL", region: "PL-14", city: "Warszawa", street: "ul. Marszałkowska", houseNumber: "1", postalCode: "00-950" },
  },
  {
    input: { country: "PT", city: "Lisboa", street: "Rua Augusta", houseNumber: "100", postalCode: "1100148" },
    expected: { country: "PT", city: "Lisboa", street: "Rua Augusta", houseNumber: "100", postalCode: "1100-148" },
  },
  {
    input: { country: "RO", region: "RO-B", city: "București", street: "Calea Victoriei", houseNumber: "1", postalCode: "010011" },
    expected: { country: "RO", region: "RO-B", city: "București", street: "Calea Victoriei", houseNumber: "1", postalCode: "010011" },
  },
  {
    input: { country: "SE", city: "Stockholm", street: "Drottninggatan", houseNumber: "1", postalCode: "11122" },
    expected: { country: "SE", city: "Stockholm", street: "Drottninggatan", houseNumber: "1", postalCode: "111 22" },
  },
  {
    input: { country: "SI", city: "Ljubljana", street: "Prešernov trg", houseNumber: "1", postalCode: "SI-1000" },
    expected: { country: "SI", city: "Ljubljana", street: "Prešernov trg", houseNumber: "1", postalCode: "1000" },
  },
  {
    input: { country: "SK", region: "SK-BL", city: "Bratislava", street: "Hlavné námestie", houseNumber: "1", postalCode: "81101" },
    expected: { country: "SK", region: "SK-BL", city: "Bratislava", street: "Hlavné námestie", houseNumber: "1", postalCode: "811 01" },
  },
  {
    input: { country: "US", region: "ca", city: " San  Francisco ", street: "Market", streetSuffix: "St", houseNumber: "100", postalCode: "941051234", floor: "5" },
    expected: { country: "US", region: "US-CA", city: "San Francisco", street: "Market", streetSuffix: "St", houseNumber: "100", floor: "5", postalCode: "94105-1234" },
  },
];

/** One bad address per covered country, and the field(s) that must be named. */
const BAD: readonly { input: Record<string, string>; paths: string[] }[] = [
  { input: { country: "AT", city: "Wien", street: "Ring", postalCode: "0123" }, paths: ["postalCode"] },
  { input: { country: "AU", region: "AU-XX", city: "Perth", street: "Hay Street", postalCode: "6000" }, paths: ["region"] },
  { input: { country: "BE", city: "Bruxelles", street: "Rue Neuve", postalCode: "01000" }, paths: ["postalCode"] },
  { input: { country: "BG", city: "Sofia", street: "Vitosha", postalCode: "10000" }, paths: ["postalCode"] },
  { input: { country: "BR", city: "Brasília", street: "Eixo Monumental", postalCode: "70000-000" }, paths: ["region"] },
  { input: { country: "CA", region: "CA-ON", city: "Toronto", street: "Yonge", postalCode: "W1A 1A1" }, paths: ["postalCode"] },
  { input: { country: "CY", city: "Limassol", street: "Anexartisias", postalCode: "301" }, paths: ["postalCode"] },
  { input: { country: "CZ", city: "Brno", street: "Masarykova", postalCode: "811 01" }, paths: ["postalCode"] },
  { input: { country: "DE", city: "Berlin", street: "Unter den Linden", postalCode: "1011" }, paths: ["postalCode"] },
  { input: { country: "DK", city: "Aarhus", postalCode: "8000" }, paths: ["street"] },
  { input: { country: "EE", region: "EE-44", city: "Narva", street: "Puškini", postalCode: "20308" }, paths: ["region"] },
  { input: { country: "ES", city: "Madrid", street: "Gran Vía", postalCode: "53001" }, paths: ["postalCode"] },
  { input: { country: "FI", city: "Espoo", street: "Otakaari", postalCode: "0215" }, paths: ["postalCode"] },
  { input: { country: "FR", region: "FR-J", city: "Paris", street: "rue de Rivoli", postalCode: "75001" }, paths: ["region"] },
  { input: { country: "GB", city: "London", street: "Whitehall", postalCode: "SW1A 2A" }, paths: ["postalCode"] },
  { input: { country: "GR", city: "Athina", street: "Ermou", postalCode: "905 57" }, paths: ["postalCode"] },
  { input: { country: "HR", city: "Split", street: "Riva", postalCode: "60000" }, paths: ["postalCode"] },
  { input: { country: "HU", city: "Budapest", street: "Váci utca", postalCode: "0123" }, paths: ["postalCode"] },
  { input: { country: "IE", city: "Ballymore" }, paths: ["street"] },
  { input: { country: "IT", city: "Milano", street: "Via Torino", postalCode: "2012" }, paths: ["postalCode"] },
  { input: { country: "LT", city: "Kaunas", street: "Laisvės al.", postalCode: "LT-4403" }, paths: ["postalCode"] },
  { input: { country: "LU", city: "Luxembourg", postalCode: "1118" }, paths: ["street"] },
  { input: { country: "LV", city: "Rīga", street: "Elizabetes iela", postalCode: "LV-105" }, paths: ["postalCode"] },
  { input: { country: "MT", city: "Sliema", street: "Tower Road", postalCode: "SL 1234" }, paths: ["postalCode"] },
  { input: { country: "NL", city: "Amsterdam", street: "Dam", postalCode: "1012 SA" }, paths: ["postalCode"] },
  { input: { country: "PL", region: "PL-MZ", city: "Warszawa", street: "Nowy Świat", postalCode: "00-950" }, paths: ["region"] },
  { input: { country: "PT", city: "Porto", street: "Rua de Santa Catarina", postalCode: "4000" }, paths: ["postalCode"] },
  { input: { country: "RO", city: "Cluj-Napoca", street: "Strada Memorandumului", postalCode: "40011" }, paths: ["postalCode"] },
  { input: { country: "SE", street: "Kungsgatan", postalCode: "111 22" }, paths: ["city"] },
  { input: { country: "SI", city: "Maribor", street: "Glavni trg", postalCode: "0200" }, paths: ["postalCode"] },
  { input: { country: "SK", city: "Košice", street: "Hlavná", postalCode: "110 00" }, paths: ["postalCode"] },
  { input: { country: "US", city: "Springfield", street: "Main St", postalCode: "62701" }, paths: ["region"] },
];

describe("parseCivicAddress: every covered country", () => {
  it("has a good and a bad example for each covered country", () => {
    const countries = (list: readonly { input: Record<string, string> }[]) => list.map((c) => c.input.country?.toUpperCase()).sort();
    expect(countries(GOOD)).toEqual([...COVERED_COUNTRIES]);
    expect(countries(BAD)).toEqual([...COVERED_COUNTRIES]);
  });

  it.each(GOOD.map((c) => [c.expected.country, c] as const))("accepts and normalises a %s address", (_, { input, expected }) => {
    expect(accepted(input)).toEqual(expected);
  });

  it.each(BAD.map((c) => [c.input.country, c] as const))("names the bad field of a %s address", (_, { input, paths }) => {
    expect(rejected(input).map((e) => e.path)).toEqual(paths);
  });
});

describe("parseCivicAddress: shape and values", () => {
  const DE = { country: "DE", city: "Berlin", street: "Unter den Linden", houseNumber: "77", postalCode: "10117" };

  it.each([null, undefined, 42, "DE", true, [DE]])("refuses %j as a whole with one error at the root", (input) => {
    expect(rejected(input)).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("names an unknown field and suggests the contract's name", () => {
    const errors = rejected({ ...DE, zip: "10117", colour: "red" });
    expect(errors.map((e) => e.path)).toEqual(["zip", "colour"]);
    expect(errors[0]?.message).toContain("postalCode");
    expect(rejected({ ...DE, PostalCode: "10117" })[0]?.message).toContain("did you mean postalCode");
  });

  it("does not treat inherited names or __proto__ as fields", () => {
    const input = JSON.parse('{"country":"DE","city":"Berlin","street":"Unter den Linden","postalCode":"10117","__proto__":{"x":1}}');
    expect(rejected(input).map((e) => e.path)).toEqual(["__proto__"]);
    expect(accepted(Object.assign(Object.create({ inherited: "x" }), DE))).toEqual(DE);
  });

  it.each([
    ["number", 3],
    ["null", null],
    ["array", ["3"]],
    ["object", { level: 3 }],
    ["boolean", false],
  ])("refuses a %s where a string belongs, naming the field", (_, value) => {
    const errors = rejected({ ...DE, floor: value });
    expect(errors).toEqual([{ path: "floor", message: expect.stringContaining("must be a string") }]);
  });

  it("refuses a huge string without choking, naming the field", () => {
    const started = Date.now();
    const errors = rejected({ ...DE, street: "x".repeat(5_000_000) });
    expect(errors).toEqual([{ path: "street", message: "must be at most 100 characters" }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("enforces each field's maximum length from CIVIC_FIELDS", () => {
    expect(accepted({ ...DE, unit: "u".repeat(20) }).unit).toHaveLength(20);
    expect(rejected({ ...DE, unit: "u".repeat(21) })).toEqual([{ path: "unit", message: "must be at most 20 characters" }]);
  });

  it("NFC-normalises, trims, collapses inner spaces and treats blank values as absent", () => {
    const address = accepted({ ...DE, city: "  Mu\u0308nchen\u00a0 ", street: "Leopold\u00a0\u00a0straße", district: "   ", postalCode: "80802" });
    expect(address.city).toBe("München");
    expect(address.city).toBe("M\u00fcnchen");
    expect(address.street).toBe("Leopold straße");
    expect(address).not.toHaveProperty("district");
  });

  it.each([
    ["NUL", "Main\u0000St"],
    ["escape", "Main\u001b[31mSt"],
    ["line break", "Main\nSt"],
    ["tab", "Main\tSt"],
    ["DEL", "Main\u007fSt"],
    ["C1 control", "Main\u0085St"],
    ["bidi override", "Main\u202eSt"],
    ["unpaired surrogate", "Main\ud800St"],
  ])("refuses a %s inside a value", (_, street) => {
    expect(rejected({ ...DE, street })).toEqual([{ path: "street", message: expect.stringContaining("control") }]);
  });

  it("keeps emoji and non-Latin scripts", () => {
    const address = accepted({ ...DE, name: "Café 🍕 Ωμέγα 東京" });
    expect(address.name).toBe("Café 🍕 Ωμέγα 東京");
  });

  it("refuses a country it does not cover, and does not judge the region against it", () => {
    expect(rejected({ ...DE, country: "CH", region: "CH-ZH" }).map((e) => e.path)).toEqual(["country"]);
    expect(rejected({ ...DE, country: "DEU" }).map((e) => e.path)).toEqual(["country"]);
    expect(rejected({ city: "Berlin" })).toEqual([{ path: "country", message: "is required" }]);
  });

  it("refuses a region of another country, naming an example of the right one", () => {
    const errors = rejected({ ...DE, region: "US-CA" });
    expect(errors).toEqual([{ path: "region", message: expect.stringContaining("must be an ISO 3166-2 code of DE such as DE-BY") }]);
    expect(rejected({ ...DE, region: "CA" }).map((e) => e.path)).toEqual(["region"]);
  });

  it("accepts current 2016 French regions and refuses the abolished ones", () => {
    expect(accepted({ ...DE, country: "FR", region: "FR-ARA", city: "Lyon", postalCode: "69001" }).region).toBe("FR-ARA");
    expect(accepted({ ...DE, country: "FR", region: "FR-69", city: "Lyon", postalCode: "69001" }).region).toBe("FR-69");
    expect(rejected({ ...DE, country: "FR", region: "FR-V", city: "Lyon", postalCode: "69001" }).map((e) => e.path)).toEqual(["region"]);
  });

  it("reports every bad field at once, each once", () => {
    const errors = rejected({ country: "US", region: "DE-BY", city: "", postalCode: "ABC", floor: 3, extra: "x" });
    expect(errors.map((e) => e.path).sort()).toEqual(["city", "extra", "floor", "postalCode", "region", "street"]);
  });

  it("returns the fields in CIVIC_FIELDS order", () => {
    const address = accepted({ postalCode: "10117", unit: "4", houseNumber: "77", street: "Unter den Linden", city: "Berlin", region: "DE-BE", country: "DE" });
    const order = CIVIC_FIELDS.map((f) => f.name as string);
    const keys = Object.keys(address);
    expect(keys).toEqual([...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(keys[0]).toBe("country");
  });

  it("never throws, whatever it is given", () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i += 1) cursor = (cursor.street = {}) as Record<string, unknown>;
    const hostile = [
      new Proxy({}, { ownKeys: () => { throw new Error("ownKeys"); } }),
      Object.defineProperty({ country: "DE" }, "city", { enumerable: true, get: () => { throw new Error("getter"); } }),
      Object.create(null),
      { [Symbol("x")]: "y", country: "DE" },
      deep,
      Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
      { ["k".repeat(100_000)]: "v" },
      { country: "🇩🇪", city: "🏙️".repeat(100), street: "\u0301\u0301\u0301" },
      new Date(),
      new Map([["country", "DE"]]),
      () => undefined,
      Symbol("address"),
      123n,
    ];
    for (const input of hostile) {
      const result = parseCivicAddress(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeLessThanOrEqual(25);
    }
    const longKey = rejected({ ["k".repeat(100_000)]: "v" })[0];
    expect(longKey?.path.length).toBeLessThanOrEqual(65);
  });
});

describe("displayLine", () => {
  const US: CivicAddress = { country: "US", region: "US-CA", city: "San Francisco", street: "Market", streetSuffix: "Street", houseNumber: "100", postalCode: "94105" };

  it("shows a short address whole, number before street in the US", () => {
    expect(displayLine({ ...US, floor: "5" })).toBe("100 Market Street, Floor 5, San Francisco");
  });

  it("puts the number after the street where the country does", () => {
    expect(displayLine({ country: "DE", city: "Berlin", street: "Unter den Linden", houseNumber: "77", unit: "12A" })).toBe("Unter den Linden 77, Unit 12A, Berlin");
  });

  it("does not label values that name themselves", () => {
    expect(displayLine({ ...US, unit: "Suite 300", floor: "3rd" })).toBe("100 Market Street, 3rd Floor, Suite 300, San Francisco");
  });

  it("abbreviates the ALI way when the line is too long", () => {
    const line = displayLine({
      ...US, preDirectional: "North", street: "Martin Luther King Junior", streetSuffix: "Boulevard", postDirectional: "Southwest",
      building: "Building 7", floor: "12", unit: "Suite 1200", room: "1234", city: "Los Angeles",
    });
    // Room, unit and floor give way (finest first); the building and city stay.
    expect(line).toBe("100 N MARTIN LUTHER KING JUNIOR BLVD SW, BLDG 7, LOS ANGELES");
    expect(line.length).toBeLessThanOrEqual(60);
  });

  it("abbreviates floor, room and building labels", () => {
    const line = displayLine({ ...US, street: "Pennsylvania", streetSuffix: "Avenue", building: "B", floor: "2", room: "101", city: "Washington" });
    expect(line).toBe("100 PENNSYLVANIA AVE, BLDG B, FL 2, RM 101, WASHINGTON");
  });

  it("abbreviates a trailing street type written into the street itself", () => {
    const line = displayLine({ ...US, street: "Avenue of the Americas Boulevard", streetSuffix: undefined, unit: "Penthouse", floor: "44", city: "New York City" });
    expect(line).toContain("AVENUE OF THE AMERICAS BLVD");
    expect(line).toContain("PH");
    expect(line.length).toBeLessThanOrEqual(60);
  });

  it("stays within 60 characters for an address with every field at its maximum", () => {
    const maxed = Object.fromEntries(CIVIC_FIELDS.map((f) => [f.name, "W".repeat(f.maxLength)])) as CivicAddress;
    for (const country of COVERED_COUNTRIES) {
      const line = displayLine({ ...maxed, country, houseNumber: "1234567890123456" });
      expect(line.length).toBeLessThanOrEqual(60);
      expect(line).toContain("1234567890123456");
    }
  });

  it("drops the finest sub-address first and never cuts the house number", () => {
    const line = displayLine({ ...US, building: "Northwest Research Laboratory", floor: "12", unit: "Suite 1200", room: "Conference Room Twelve" });
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line.startsWith("100 MARKET ST")).toBe(true);
    expect(line).not.toContain("CONFERENCE");
  });

  it("cuts an over-long street only at its end, keeping the number even where it follows the street", () => {
    const line = displayLine({ country: "DE", city: "Berlin", street: "Sehr".repeat(25), houseNumber: "77b" });
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line.endsWith("… 77b")).toBe(true);
  });

  it("does not split an emoji or accented letter when cutting", () => {
    const line = displayLine({ country: "DE", city: "Berlin", street: "👩‍👩‍👧‍👦".repeat(40), houseNumber: "1" });
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line).toMatch(/^(👩‍👩‍👧‍👦)+… 1$/u);
  });

  it("locates a streetless rural address by its landmark and Eircode", () => {
    expect(displayLine({ country: "IE", city: "Ballymore", landmark: "Rose Cottage", postalCode: "N37 A6X2" })).toBe("Rose Cottage, N37 A6X2, Ballymore");
  });

  it("is pure: the same address always gives the same line", () => {
    const address = { ...US, unit: "Suite 1200", building: "Tower B" };
    expect(displayLine(address)).toBe(displayLine({ ...address }));
  });
});

describe("locationTimeZone", () => {
  it.each([
    [{ country: "US", region: "US-CA" }, "America/Los_Angeles"],
    [{ country: "AU", region: "AU-WA" }, "Australia/Perth"],
    [{ country: "DE", region: "DE-BY" }, "Europe/Berlin"],
    [{ country: "GB" }, "Europe/London"],
    [{ country: "ES", postalCode: "38001" }, "Atlantic/Canary"],
    [{ country: "PT", postalCode: "9500-150" }, "Atlantic/Azores"],
    [{ country: "FR", postalCode: "97400" }, "Indian/Reunion"],
    [{ country: "FR", region: "FR-IDF", postalCode: "75001" }, "Europe/Paris"],
  ] as const)("%j is in %s", (address, zone) => {
    expect(locationTimeZone(address)).toBe(zone);
  });
});

describe("the country data behind the rules", () => {
  it("has address rules and a documented region level for every covered country", () => {
    expect(Object.keys(ADDRESS_RULES).sort()).toEqual([...COVERED_COUNTRIES]);
    expect(Object.keys(SUBDIVISION_LEVEL).sort()).toEqual([...COVERED_COUNTRIES]);
    expect(addressRulesFor("CH")).toBeUndefined();
    expect(addressRulesFor("constructor")).toBeUndefined();
  });

  it.each([...COVERED_COUNTRIES])("%s: subdivisions fit the region field and the example is one of them", (country) => {
    const list = subdivisionsOf(country);
    expect(list.length).toBeGreaterThan(0);
    for (const { code, name } of list) {
      expect(code.startsWith(`${country}-`)).toBe(true);
      expect(code.length).toBeLessThanOrEqual(6);
      expect(name).not.toBe("");
    }
    expect(isSubdivisionOf(country, SUBDIVISION_LEVEL[country]?.example ?? "")).toBe(true);
  });

  it.each([...COVERED_COUNTRIES])("%s: the layout shows every field once and the example postal code is canonical", (country) => {
    const rules = ADDRESS_RULES[country];
    expect(rules).toBeDefined();
    if (!rules) return;
    expect(rules.layout.flat().sort()).toEqual(CIVIC_FIELDS.map((f) => f.name).sort());
    expect(normalisePostalCode(rules, rules.postalCode.example)).toBe(rules.postalCode.example);
    expect(rules.required).toEqual(expect.arrayContaining(["country", "city"]));
  });

  it("requires a region exactly in the US, Canada, Australia and Brazil, and a postal code everywhere but Ireland", () => {
    const requiring = (field: "region" | "postalCode") =>
      Object.values(ADDRESS_RULES).filter((r) => r.required.includes(field)).map((r) => r.country).sort();
    expect(requiring("region")).toEqual(["AU", "BR", "CA", "US"]);
    expect(requiring("postalCode")).toEqual(COVERED_COUNTRIES.filter((c) => c !== "IE"));
  });

  it("corrects the stale package data", () => {
    expect(subdivisionsOf("GB").map((s) => s.code)).toEqual(["GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS"]);
    for (const code of ["FR-ARA", "FR-BFC", "FR-BRE", "FR-CVL", "FR-20R", "FR-GES", "FR-HDF", "FR-IDF", "FR-NOR", "FR-NAQ", "FR-OCC", "FR-PDL", "FR-PAC", "FR-971", "FR-GP"]) {
      expect(isSubdivisionOf("FR", code)).toBe(true);
    }
    expect(isSubdivisionOf("FR", "FR-A")).toBe(false);
    expect(isSubdivisionOf("CZ", "CZ-PR")).toBe(false);
    expect(isSubdivisionOf("PL", "PL-MZ")).toBe(false);
    expect(isSubdivisionOf("LU", "LU-L")).toBe(false);
    expect(isSubdivisionOf("IT", "IT-SU")).toBe(true);
    expect(subdivisionsOf("DE").find((s) => s.code === "DE-BY")?.name).toBe("Bavaria");
    expect(subdivisionsOf("IE").find((s) => s.code === "IE-CO")?.name).toBe("Cork");
  });
});
