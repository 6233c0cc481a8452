import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { COVERED_COUNTRIES, EU_MEMBER_STATES } from "../../src/geography/countries.js";
import {
  EMERGENCY_CATALOGUE,
  REGIONAL_SUPPLEMENT,
  type CountryEmergencyData,
  type CoveredCountry,
  type LibphonenumberDifference,
} from "../../src/emergency/catalogue.js";
import { classify, emergencyCountries } from "../../src/emergency/classify.js";

// google-libphonenumber is CommonJS without type declarations: load it through require and
// describe the two calls this test makes.
interface ShortNumberInfo {
  isEmergencyNumber(number: string, regionCode: string): boolean;
  getMetadataForRegion_?: (regionCode: string) => { getEmergency(): { possibleLengthArray(): number[] } } | null;
}
const libphonenumber = createRequire(import.meta.url)("google-libphonenumber") as {
  ShortNumberInfo: { getInstance(): ShortNumberInfo };
};
const shortNumbers = libphonenumber.ShortNumberInfo.getInstance();

const catalogue = EMERGENCY_CATALOGUE as Readonly<Record<string, CountryEmergencyData>>;
const countries = [...COVERED_COUNTRIES];

/** Every digit string of 1 to SCAN_MAX_LENGTH digits. */
const SCAN_MAX_LENGTH = 5;
const scan: string[] = [];
for (let length = 1; length <= SCAN_MAX_LENGTH; length++) {
  for (let i = 0; i < 10 ** length; i++) scan.push(String(i).padStart(length, "0"));
}

function ourEmergencyStrings(data: CountryEmergencyData): Set<string> {
  return new Set([
    ...data.numbers.map((n) => n.number),
    ...data.networkAliases.map((a) => a.dialed),
    ...data.retiredNumbers.map((r) => r.dialed),
  ]);
}

const byNumber = (a: { number: string }, b: { number: string }) => a.number.localeCompare(b.number);
const shape = (d: LibphonenumberDifference) => ({ number: d.number, ours: d.ours });

/** The supplement's table (004, "CALLS TO/FROM EMERGENCY SERVICES") and the 911 terms of 001/003. */
const SUPPLEMENT_TABLE: Record<string, string[]> = {
  ...Object.fromEntries(EU_MEMBER_STATES.map((c) => [c, ["112"]])),
  GB: ["999", "112"],
  IE: ["999", "112"],
  DE: ["110", "112"],
  AU: ["000"],
  BR: ["190", "192", "193", "197"],
  US: ["911"],
  CA: ["911"],
};

describe("emergency catalogue", () => {
  it("covers exactly the covered countries", () => {
    expect(Object.keys(catalogue).sort()).toEqual([...COVERED_COUNTRIES].sort());
    expect(emergencyCountries()).toEqual([...COVERED_COUNTRIES].sort());
  });

  it.each(countries)("%s: marks exactly the supplement's numbers as regional-supplement", (country) => {
    const marked = catalogue[country]!.numbers.filter((n) => n.sources.includes(REGIONAL_SUPPLEMENT)).map(
      (n) => n.number,
    );
    expect(marked.sort()).toEqual([...SUPPLEMENT_TABLE[country]!].sort());
  });

  it.each(countries)("%s: every number and alias is a digit string with named sources", (country) => {
    const data = catalogue[country]!;
    expect(data.numbers.length).toBeGreaterThan(0);
    for (const entry of [...data.numbers, ...data.networkAliases]) {
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const source of entry.sources) expect(source.trim()).not.toBe("");
    }
    for (const n of data.numbers) expect(n.number).toMatch(/^[0-9]{2,6}$/);
    for (const a of [...data.networkAliases, ...data.retiredNumbers]) {
      expect(a.dialed).toMatch(/^[0-9]{2,6}$/);
      expect(data.numbers.map((n) => n.number)).toContain(a.connectsAs);
      expect(a.note.trim()).not.toBe("");
    }
    for (const r of data.retiredNumbers) {
      expect(r.sources.length).toBeGreaterThan(0);
      // A retirement date is a real calendar date, or null with the note saying it is not verified.
      if (r.retiredOn === null) expect(r.note).toMatch(/not verified/);
      else expect(new Date(`${r.retiredOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.retiredOn);
    }
    expect(data.outsideLinePrefixes).toEqual([]);
  });

  it("scans every length libphonenumber knows for covered countries' emergency numbers", () => {
    // The private metadata accessor is only used to prove the scan is long enough; if a future
    // release renames it, the declared-difference checks below still run.
    const metadataFor = shortNumbers.getMetadataForRegion_?.bind(shortNumbers);
    if (!metadataFor) return;
    for (const country of countries) {
      const lengths = metadataFor(country)?.getEmergency().possibleLengthArray() ?? [];
      for (const length of lengths) expect(length, country).toBeLessThanOrEqual(SCAN_MAX_LENGTH);
    }
  });

  describe("against libphonenumber's short-number metadata", () => {
    const cases = countries.map((country) => {
      const declared = catalogue[country]!.libphonenumberDifferences;
      const summary = declared.length === 0 ? "agrees" : declared.map((d) => `${d.number} ${d.ours}`).join(", ");
      return { country, summary };
    });

    it.each(cases)("$country: $summary", ({ country }) => {
      const data = catalogue[country]!;
      const ours = ourEmergencyStrings(data);
      const found: { number: string; ours: LibphonenumberDifference["ours"] }[] = [];
      for (const number of ours) {
        if (!shortNumbers.isEmergencyNumber(number, country)) found.push({ number, ours: "emergency" });
      }
      for (const candidate of scan) {
        const theirs = shortNumbers.isEmergencyNumber(candidate, country);
        if (theirs && !ours.has(candidate)) found.push({ number: candidate, ours: "not-emergency" });
        // The classifier must agree with the data on every scanned string (exactness).
        if (classify(country, candidate).emergency !== ours.has(candidate)) {
          throw new Error(`${country}: classify(${candidate}) disagrees with the catalogue`);
        }
      }
      expect(found.sort(byNumber)).toEqual(data.libphonenumberDifferences.map(shape).sort(byNumber));
      for (const d of data.libphonenumberDifferences)
        expect(d.reason.length, `${country} ${d.number}`).toBeGreaterThan(20);
    });
  });

  it("connects every retired number the issue names as the number that replaced it, agreeing with libphonenumber", () => {
    const retired: [string, string, string][] = [
      ["EE", "110", "112"],
      ["LV", "01", "112"],
      ["LV", "02", "110"],
      ["LV", "03", "113"],
      ...["01", "02", "03", "011", "022", "033", "101", "102", "103"].map((n): [string, string, string] => [
        "LT",
        n,
        "112",
      ]),
      ["HR", "93", "193"],
      ["HR", "94", "194"],
      ["SE", "90000", "112"],
    ];
    for (const [country, dialed, connectsAs] of retired) {
      expect(shortNumbers.isEmergencyNumber(dialed, country), `${country} ${dialed}`).toBe(true);
      expect(catalogue[country]!.retiredNumbers.find((r) => r.dialed === dialed)?.connectsAs).toBe(connectsAs);
      expect(classify(country, dialed), `${country} ${dialed}`).toEqual({ emergency: true, number: connectsAs });
    }
    const all = countries.flatMap((c) => catalogue[c]!.retiredNumbers.map((r) => `${c} ${r.dialed}`));
    expect(all.sort()).toEqual(retired.map(([c, d]) => `${c} ${d}`).sort());
  });

  it("keeps numbers that are now something else as they are: DK 114, CZ 15x", () => {
    expect(classify("DK", "114").emergency).toBe(false);
    for (const n of ["151", "152", "153", "154", "157", "159"]) expect(classify("CZ", n).emergency, n).toBe(false);
    expect(EMERGENCY_CATALOGUE.DK.libphonenumberDifferences.map((d) => d.number)).toEqual(["114"]);
  });

  it("declares BR 197 as emergency against libphonenumber, because the supplement says so", () => {
    const br = EMERGENCY_CATALOGUE.BR;
    expect(shortNumbers.isEmergencyNumber("197", "BR")).toBe(false);
    expect(br.libphonenumberDifferences.find((d) => d.number === "197")?.ours).toBe("emergency");
    expect(classify("BR" satisfies CoveredCountry, "197")).toEqual({ emergency: true, number: "197" });
  });
});
