import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import {
  DIALLING_PLANS,
  diallingPlanFor,
  readDialled,
  readRange,
  type DiallingPlan,
} from "../../src/emergency/dialling-plan.js";
import { blockingRange, emergencyNumbersCoveredBy } from "../../src/emergency/blocking-rules.js";

// google-libphonenumber is CommonJS without type declarations: the three metadata calls used here.
interface RegionMetadata {
  getCountryCode(): number;
  getInternationalPrefix(): string;
  getNationalPrefix(): string | null | undefined;
}
const libphonenumber = createRequire(import.meta.url)("google-libphonenumber") as {
  PhoneNumberUtil: { getInstance(): { getMetadataForRegion(region: string): RegionMetadata } };
};
const metadata = libphonenumber.PhoneNumberUtil.getInstance();
const plans = DIALLING_PLANS as Readonly<Record<string, DiallingPlan>>;
const DE = diallingPlanFor("DE")!;
const US = diallingPlanFor("US")!;

describe("dialling plans", () => {
  it("cover exactly the covered countries, each with sources", () => {
    expect(Object.keys(plans).sort()).toEqual([...COVERED_COUNTRIES].sort());
    for (const plan of Object.values(plans)) expect(plan.sources.length).toBeGreaterThan(0);
  });

  it.each([...COVERED_COUNTRIES])("%s agrees with libphonenumber's metadata", (country) => {
    const plan = plans[country]!;
    const theirs = metadata.getMetadataForRegion(country);
    expect(plan.countryCode).toBe(String(theirs.getCountryCode()));
    expect(plan.nationalPrefix ?? "").toBe(theirs.getNationalPrefix() ?? "");
    // libphonenumber's international prefix is a pattern (carriers' alternatives included): each
    // of ours, with a carrier code where the plan has one, must be one of the strings it matches.
    const pattern = new RegExp(`^(?:${theirs.getInternationalPrefix()})$`);
    const carrier = plan.carrierCodeDigits === 2 ? "15" : "";
    for (const prefix of plan.internationalPrefixes) expect(`${prefix}${carrier}`).toMatch(pattern);
  });
});

describe("reading a dialled number", () => {
  it.each([
    ["DE", "0900123456", "+49900123456"],
    ["DE", "+49900123456", "+49900123456"],
    ["DE", "0049900123456", "+49900123456"],
    ["DE", "0044207946000", "+44207946000"],
    ["US", "14155550100", "+14155550100"],
    ["US", "4155550100", "+14155550100"],
    ["US", "011442079460000", "+442079460000"],
    ["AU", "0011442079460000", "+442079460000"],
    ["AU", "0299999999", "+61299999999"],
    ["IT", "0612345678", "+390612345678"],
    ["IT", "118", "+39118"],
    ["HU", "0612345678", "+3612345678"],
    ["BR", "0015442079460000", "+442079460000"],
  ])("%s %s → %s", (country, dialed, e164) => {
    expect(readDialled(diallingPlanFor(country)!, dialed)).toEqual({ kind: "e164", digits: e164 });
  });

  it.each([
    ["DE", "11833"],
    ["DE", "2345678"],
    ["US", "5550100"],
    ["US", "911"],
    ["GB", "999"],
    ["BR", "02112345678"],
    ["DE", "*31#"],
  ])("%s %s stays as dialled (a local number or short code)", (country, dialed) => {
    expect(readDialled(diallingPlanFor(country)!, dialed)).toEqual({ kind: "local", digits: dialed });
  });

  it("reads a range with the international prefix alone as every call abroad", () => {
    expect(readRange(DE, "00")).toEqual({ kind: "international" });
    expect(readRange(US, "011")).toEqual({ kind: "international" });
    expect(readRange(DE, "0044")).toEqual({ kind: "e164", prefix: "+44" });
    expect(readRange(DE, "0900")).toEqual({ kind: "e164", prefix: "+49900" });
    expect(readRange(DE, "118")).toEqual({ kind: "local", prefix: "118" });
    expect(readRange(diallingPlanFor("BR")!, "0015")).toEqual({ kind: "international" });
  });
});

describe("blocked ranges", () => {
  const range = (prefix: string) => ({ prefix });

  it("catch a German 0900 range dialled nationally, with +49 and with 0049", () => {
    for (const dialed of ["0900 123456", "+49 900 123456", "0049 900 123456", "0049900123456"]) {
      expect(blockingRange([range("0900")], "DE", dialed, []), dialed).toEqual(range("0900"));
    }
    for (const dialed of ["089 1234567", "+49 89 1234567", "0044 900 123456", "9001234"]) {
      expect(blockingRange([range("0900")], "DE", dialed, []), dialed).toBeNull();
    }
  });

  it("block every call abroad with 00 in Germany, and nothing at home", () => {
    for (const dialed of ["0044 20 7946 0000", "+44 20 7946 0000", "001 415 555 0100"]) {
      expect(blockingRange([range("00")], "DE", dialed, []), dialed).not.toBeNull();
    }
    for (const dialed of ["089 1234567", "+49 89 1234567", "0049 89 1234567", "11833", "110"]) {
      expect(blockingRange([range("00")], "DE", dialed, []), dialed).toBeNull();
    }
  });

  it("read the same range in each device's own dialling plan", () => {
    // On a US device, 0900 is no US number, and 00 is not the international prefix.
    expect(blockingRange([range("0900")], "US", "011 49 900 123456", [])).toBeNull();
    expect(blockingRange([range("0900")], "US", "1 900 555 0100", [])).toBeNull();
    expect(blockingRange([range("00")], "US", "011 44 20 7946 0000", [])).toBeNull();
    // On a GB device, 00 is the international prefix too, and 0900 reads as a GB number.
    expect(blockingRange([range("00")], "GB", "0049 89 1234567", [])).not.toBeNull();
    expect(blockingRange([range("00")], "GB", "020 7946 0000", [])).toBeNull();
    expect(blockingRange([range("0900")], "GB", "+49 900 123456", [])).toBeNull();
    // The US's own forms: 1900 catches 1-900, +1 900, 011 1 900 and ten-digit 900.
    for (const dialed of ["1 900 555 0100", "+1 900 555 0100", "011 1 900 555 0100", "900 555 0100"]) {
      expect(blockingRange([range("1900")], "US", dialed, []), dialed).not.toBeNull();
    }
    expect(blockingRange([range("1900")], "US", "900 5550", []), "seven-digit local").toBeNull();
  });

  it("take a PBX's outside-line prefix off first", () => {
    // A German PBX dials 0 for an outside line: 0 + 089… is a national call, not international.
    expect(blockingRange([range("00")], "DE", "0 089 1234567", ["0"])).toBeNull();
    expect(blockingRange([range("00")], "DE", "0 0044 20 7946 0000", ["0"])).not.toBeNull();
    expect(blockingRange([range("0900")], "DE", "0 0900 123456", ["0"])).not.toBeNull();
    expect(blockingRange([range("1900")], "US", "9 1 900 555 0100", ["9"])).not.toBeNull();
  });

  it("let a German-only account block 00, 118, 115, 116 and 19, but never 110 or 112", () => {
    for (const prefix of ["00", "118", "115", "116", "19", "0900", "0", "0110", "0112"]) {
      expect(emergencyNumbersCoveredBy(prefix, ["DE"]), prefix).toEqual([]);
    }
    for (const prefix of ["1", "11", "110", "112"]) {
      expect(emergencyNumbersCoveredBy(prefix, ["DE"]).length, prefix).toBeGreaterThan(0);
    }
  });

  it("refuse a range that covers an emergency number of any service country, read in that country's plan", () => {
    expect(emergencyNumbersCoveredBy("00", ["DE", "AU"])).toEqual([{ number: "000", country: "AU" }]);
    expect(emergencyNumbersCoveredBy("118", ["DE", "IT"])).toEqual([{ number: "118", country: "IT" }]);
    expect(emergencyNumbersCoveredBy("9", ["DE", "US"])).toEqual([{ number: "911", country: "US" }]);
    // Aliases and retired numbers count too: 112 on a US network, Lithuania's old 01.
    expect(emergencyNumbersCoveredBy("11", ["US"])).toEqual([{ number: "112", country: "US" }]);
    expect(emergencyNumbersCoveredBy("0", ["LT"]).map((hit) => hit.number)).toEqual(
      expect.arrayContaining(["01", "02", "03", "011"]),
    );
    // A plan without a national prefix: every number is dialled in full, so 0039 covers 112 there.
    expect(emergencyNumbersCoveredBy("0039", ["IT"]).map((hit) => hit.number)).toContain("112");
  });
});
