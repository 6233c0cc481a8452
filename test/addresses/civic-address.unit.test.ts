import { describe, it, expect } from "vitest";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import { isSubdivisionOf, subdivisionsOf, SUBDIVISION_LEVEL } from "../../src/geography/subdivisions.js";
import { ADDRESS_RULES, addressRulesFor, normalisePostalCode } from "../../src/addresses/address-rules.js";
import {
  displayLine,
  locationTimeZone,
  parseCivicAddress,
  type AddressFieldError,
} from "../../src/addresses/civic-address.js";
import { CIVIC_FIELDS, type CivicAddress } from "../../src/addresses/civic-fields.js";
import { BAD_ADDRESSES, GOOD_ADDRESSES } from "../support/addresses.js";

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

const GOOD = GOOD_ADDRESSES;
const BAD = BAD_ADDRESSES;

describe("parseCivicAddress: every covered country", () => {
  it("has a good and a bad example for each covered country", () => {
    const countries = (list: readonly { input: Record<string, string> }[]) =>
      list.map((c) => c.input.country?.toUpperCase()).sort();
    expect(countries(GOOD)).toEqual([...COVERED_COUNTRIES]);
    expect(countries(BAD)).toEqual([...COVERED_COUNTRIES]);
  });

  it.each(GOOD.map((c) => [c.expected.country, c] as const))(
    "accepts and normalises a %s address",
    (_, { input, expected }) => {
      expect(accepted(input)).toEqual(expected);
    },
  );

  it.each(BAD.map((c) => [c.input.country, c] as const))(
    "names the bad field of a %s address",
    (_, { input, paths }) => {
      expect(rejected(input).map((e) => e.path)).toEqual(paths);
    },
  );
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
    const input = JSON.parse(
      '{"country":"DE","city":"Berlin","street":"Unter den Linden","houseNumber":"77","postalCode":"10117","__proto__":{"x":1}}',
    );
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
    expect(rejected({ ...DE, unit: "u".repeat(21) })).toEqual([
      { path: "unit", message: "must be at most 20 characters" },
    ]);
  });

  it("NFC-normalises, trims, collapses inner spaces and treats blank values as absent", () => {
    const address = accepted({
      ...DE,
      city: "  Mu\u0308nchen\u00a0 ",
      street: "Leopold\u00a0\u00a0straße",
      district: "   ",
      postalCode: "80802",
    });
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
    expect(errors).toEqual([
      { path: "region", message: expect.stringContaining("must be an ISO 3166-2 code of DE such as DE-BY") },
    ]);
    expect(rejected({ ...DE, region: "CA" }).map((e) => e.path)).toEqual(["region"]);
  });

  it("accepts current 2016 French regions and refuses the abolished ones", () => {
    expect(accepted({ ...DE, country: "FR", region: "FR-ARA", city: "Lyon", postalCode: "69001" }).region).toBe(
      "FR-ARA",
    );
    expect(accepted({ ...DE, country: "FR", region: "FR-69", city: "Lyon", postalCode: "69001" }).region).toBe("FR-69");
    expect(
      rejected({ ...DE, country: "FR", region: "FR-V", city: "Lyon", postalCode: "69001" }).map((e) => e.path),
    ).toEqual(["region"]);
  });

  it("reports every bad field at once, each once", () => {
    const errors = rejected({ country: "US", region: "DE-BY", city: "", postalCode: "ABC", floor: 3, extra: "x" });
    expect(errors.map((e) => e.path).sort()).toEqual([
      "city",
      "extra",
      "floor",
      "houseNumber",
      "postalCode",
      "region",
      "street",
    ]);
  });

  it("returns the fields in CIVIC_FIELDS order", () => {
    const address = accepted({
      postalCode: "10117",
      unit: "4",
      houseNumber: "77",
      street: "Unter den Linden",
      city: "Berlin",
      region: "DE-BE",
      country: "DE",
    });
    const order = CIVIC_FIELDS.map((f) => f.name as string);
    const keys = Object.keys(address);
    expect(keys).toEqual([...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(keys[0]).toBe("country");
  });

  it("never throws, whatever it is given", () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i += 1) cursor = cursor.street = {};
    const hostile = [
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error("ownKeys");
          },
        },
      ),
      Object.defineProperty({ country: "DE" }, "city", {
        enumerable: true,
        get: () => {
          throw new Error("getter");
        },
      }),
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
  const US: CivicAddress = {
    country: "US",
    region: "US-CA",
    city: "San Francisco",
    street: "Market",
    streetSuffix: "Street",
    houseNumber: "100",
    postalCode: "94105",
  };

  it("shows a short address whole, number before street in the US", () => {
    expect(displayLine({ ...US, floor: "5" })).toBe("100 Market Street, Floor 5, San Francisco");
  });

  it("puts the number after the street where the country does", () => {
    expect(
      displayLine({ country: "DE", city: "Berlin", street: "Unter den Linden", houseNumber: "77", unit: "12A" }),
    ).toBe("Unter den Linden 77, Unit 12A, Berlin");
  });

  it("does not label values that name themselves", () => {
    expect(displayLine({ ...US, unit: "Suite 300", floor: "3rd" })).toBe(
      "100 Market Street, 3rd Floor, Suite 300, San Francisco",
    );
  });

  it("abbreviates the ALI way when the line is too long", () => {
    const line = displayLine({
      ...US,
      preDirectional: "North",
      street: "Martin Luther King Junior",
      streetSuffix: "Boulevard",
      postDirectional: "Southwest",
      building: "Building 7",
      floor: "12",
      unit: "Suite 1200",
      room: "1234",
      city: "Los Angeles",
    });
    // The city and then the street name give way; the directionals, floor, unit and room stay.
    expect(line).toBe("100 N MARTIN LUTH… BLVD SW, BLDG 7, FL 12, STE 1200, RM 1234");
    expect(line.length).toBeLessThanOrEqual(60);
  });

  it("abbreviates floor, room and building labels", () => {
    const line = displayLine({
      ...US,
      street: "Pennsylvania",
      streetSuffix: "Avenue",
      building: "B",
      floor: "2",
      room: "101",
      city: "Washington",
    });
    expect(line).toBe("100 PENNSYLVANIA AVE, BLDG B, FL 2, RM 101, WASHINGTON");
  });

  it("abbreviates a trailing street type written into the street itself", () => {
    const line = displayLine({
      ...US,
      street: "Avenue of the Americas Boulevard",
      streetSuffix: undefined,
      unit: "Penthouse",
      floor: "44",
      city: "New York City",
    });
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

  it("shortens the street and building before the floor, unit and room, and never cuts the house number", () => {
    const line = displayLine({
      ...US,
      street: "Martin Luther King Junior Memorial Parkway",
      streetSuffix: undefined,
      building: "Northwest Research Laboratory",
      floor: "12",
      unit: "Suite 1200",
      room: "Conference Room Twelve",
    });
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line).toBe("100 MART…, NORTHWEST…, FL 12, STE 1200, CONFERENCE RM TWELVE");
  });

  it("keeps the floor, unit and room of every country's maximal address at 60 characters", () => {
    const maxed = Object.fromEntries(CIVIC_FIELDS.map((f) => [f.name, "W".repeat(f.maxLength)])) as CivicAddress;
    for (const country of COVERED_COUNTRIES) {
      const line = displayLine({
        ...maxed,
        country,
        houseNumber: "1234567890123456",
        building: `B${"W".repeat(59)}`,
        floor: `F${"1".repeat(15)}`,
        unit: `U${"2".repeat(19)}`,
        room: `R${"3".repeat(19)}`,
      });
      expect(line.length, country).toBeLessThanOrEqual(60);
      expect(line, country).toContain("1234567890123456");
      // Each keeps its label and the start of its value.
      for (const kept of ["FL F", "UNIT U", "RM R"]) expect(line, country).toContain(kept);
    }
  });

  it("shows the premises name where it stands in for the house number", () => {
    expect(
      displayLine({ country: "GB", city: "London", street: "Church Lane", landmark: "Rose Cottage", unit: "2" }),
    ).toBe("Church Lane, Rose Cottage, Unit 2, London");
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
    expect(displayLine({ country: "IE", city: "Ballymore", landmark: "Rose Cottage", postalCode: "N37 A6X2" })).toBe(
      "Rose Cottage, N37 A6X2, Ballymore",
    );
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

  it.each([...COVERED_COUNTRIES])(
    "%s: the layout shows every field once and the example postal code is canonical",
    (country) => {
      const rules = ADDRESS_RULES[country];
      expect(rules).toBeDefined();
      if (!rules) return;
      expect(rules.layout.flat().sort()).toEqual(CIVIC_FIELDS.map((f) => f.name).sort());
      expect(normalisePostalCode(rules, rules.postalCode.example)).toBe(rules.postalCode.example);
      expect(rules.required).toEqual(expect.arrayContaining(["country", "city"]));
    },
  );

  it("requires a region exactly in the US, Canada, Australia and Brazil, and a postal code everywhere but Ireland", () => {
    const requiring = (field: "region" | "postalCode") =>
      Object.values(ADDRESS_RULES)
        .filter((r) => r.required.includes(field))
        .map((r) => r.country)
        .sort();
    expect(requiring("region")).toEqual(["AU", "BR", "CA", "US"]);
    expect(requiring("postalCode")).toEqual(COVERED_COUNTRIES.filter((c) => c !== "IE"));
  });

  it("corrects the stale package data", () => {
    expect(subdivisionsOf("GB").map((s) => s.code)).toEqual(["GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS"]);
    for (const code of [
      "FR-ARA",
      "FR-BFC",
      "FR-BRE",
      "FR-CVL",
      "FR-20R",
      "FR-GES",
      "FR-HDF",
      "FR-IDF",
      "FR-NOR",
      "FR-NAQ",
      "FR-OCC",
      "FR-PDL",
      "FR-PAC",
      "FR-971",
      "FR-GP",
    ]) {
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
