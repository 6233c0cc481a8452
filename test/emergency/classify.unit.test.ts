import { describe, expect, it } from "vitest";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import {
  classify,
  classifyWithPrefixes,
  countryOutsideLinePrefixes,
  emergencyCountries,
  emergencyNumbersFor,
  networkAliasesFor,
  normaliseDialed,
} from "../../src/emergency/classify.js";

describe("normaliseDialed", () => {
  it.each([
    ["911", "911"],
    ["9 1 1", "911"],
    ["9-1-1", "911"],
    ["1.1.2", "112"],
    ["(0) 112", "0112"],
    ["112#", "112"],
    ["112 #", "112"],
    [" 9\t1\u00a01 ", "911"],
    ["+49 (30) 1234-5678", "+493012345678"],
    ["*67 555 0100", "*675550100"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseDialed(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "#",
    "+",
    "*",
    "112##",
    "11#2",
    "1+12",
    "++112",
    "911a",
    "nine-one-one",
    "１１２",
    "112;",
    "112/",
    "\u0000112",
  ])("refuses %j", (input) => {
    expect(normaliseDialed(input)).toBeNull();
  });
});

describe("classify", () => {
  it("recognises the supplement's numbers in their countries", () => {
    expect(classify("US", "911")).toEqual({ emergency: true, number: "911" });
    expect(classify("GB", "999")).toEqual({ emergency: true, number: "999" });
    expect(classify("IE", "112")).toEqual({ emergency: true, number: "112" });
    expect(classify("DE", "110")).toEqual({ emergency: true, number: "110" });
    expect(classify("AU", "000")).toEqual({ emergency: true, number: "000" });
    for (const n of ["190", "192", "193", "197"]) expect(classify("BR", n)).toEqual({ emergency: true, number: n });
    expect(classify("FR", "112")).toEqual({ emergency: true, number: "112" });
  });

  it("normalises what handsets send", () => {
    for (const dialed of ["9 1 1", "9-1-1", "9.1.1", "(911)", "911#", " 911 "]) {
      expect(classify("US", dialed), dialed).toEqual({ emergency: true, number: "911" });
    }
    expect(classify("DE", "1 1 0 #")).toEqual({ emergency: true, number: "110" });
  });

  it("is exact: longer and shorter strings are not emergency numbers", () => {
    for (const dialed of ["9111", "91", "9911", "1911", "9", "11", "0911", "911911"]) {
      expect(classify("US", dialed), dialed).toEqual({ emergency: false, number: null });
    }
    for (const dialed of ["1120", "0112", "11", "1100", "11O"])
      expect(classify("DE", dialed).emergency, dialed).toBe(false);
    expect(classify("AU", "0000").emergency).toBe(false);
    expect(classify("AU", "00").emergency).toBe(false);
    expect(classify("GB", "9999").emergency).toBe(false);
  });

  it("does not carry one country's numbers into another", () => {
    expect(classify("GB", "911").emergency).toBe(false);
    expect(classify("US", "999").emergency).toBe(false);
    expect(classify("DE", "000").emergency).toBe(false);
    expect(classify("FR", "110").emergency).toBe(false);
  });

  it("connects what the networks connect, reporting the number it reaches", () => {
    expect(classify("US", "112")).toEqual({ emergency: true, number: "911" });
    expect(classify("CA", "1-1-2")).toEqual({ emergency: true, number: "911" });
    expect(classify("BR", "911")).toEqual({ emergency: true, number: "190" });
    expect(classify("NL", "911")).toEqual({ emergency: true, number: "112" });
    expect(networkAliasesFor("US").map((a) => a.dialed)).toEqual(["112"]);
    expect(networkAliasesFor("DE")).toEqual([]);
  });

  it("is fail-safe: every catalogue number and alias of every country is emergency, however written", () => {
    let checked = 0;
    for (const country of emergencyCountries()) {
      for (const { number } of emergencyNumbersFor(country)) {
        const spaced = number.split("").join(" ");
        for (const dialed of [number, spaced, `${number}#`, number.split("").join("-")]) {
          expect(classify(country, dialed), `${country} ${dialed}`).toEqual({ emergency: true, number });
          expect(classifyWithPrefixes(country, dialed, ["9"]), `${country} ${dialed}`).toEqual({
            emergency: true,
            number,
            prefix: null,
          });
        }
        checked++;
      }
      for (const alias of networkAliasesFor(country)) {
        expect(classify(country, alias.dialed)).toEqual({ emergency: true, number: alias.connectsAs });
      }
    }
    expect(checked).toBeGreaterThan(COVERED_COUNTRIES.length);
  });

  it("never calls international, feature-code or unreadable strings emergency", () => {
    for (const dialed of ["+911", "+1 911", "*911", "*67 911", "911*", "9#11", "911##", "9l1"]) {
      expect(classify("US", dialed), dialed).toEqual({ emergency: false, number: null });
    }
  });

  it("answers [] and not-emergency for a country it does not cover", () => {
    for (const country of ["XX", "", "USA", "CH", "NO", "MX"]) {
      expect(emergencyNumbersFor(country)).toEqual([]);
      expect(classify(country, "112")).toEqual({ emergency: false, number: null });
      expect(classifyWithPrefixes(country, "9112", ["9"])).toEqual({ emergency: false, number: null, prefix: null });
    }
  });

  it("accepts a lower-case country code", () => {
    expect(classify("us", "911")).toEqual({ emergency: true, number: "911" });
    expect(emergencyNumbersFor("de").map((n) => n.number)).toEqual(["110", "112"]);
  });

  it("never throws on garbage", () => {
    const samples: unknown[] = [
      null,
      undefined,
      42,
      {},
      [],
      "\uD800",
      "x".repeat(100_000),
      "9".repeat(100_000),
      "🚑",
      "٩١١",
      "\n",
      "#".repeat(10),
    ];
    let seed = 7;
    for (let i = 0; i < 2_000; i++) {
      let s = "";
      const length = i % 20;
      for (let k = 0; k < length; k++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        s += String.fromCharCode(seed % 0x2000);
      }
      samples.push(s);
    }
    for (const sample of samples) {
      const dialed = sample as string;
      expect(() => normaliseDialed(dialed)).not.toThrow();
      expect(() => classify("US", dialed)).not.toThrow();
      expect(() => classify(dialed, "911")).not.toThrow();
      expect(() => classifyWithPrefixes("US", dialed, [dialed, "9"])).not.toThrow();
      expect(() => classifyWithPrefixes("US", "9911", sample as readonly string[])).not.toThrow();
      expect(() => emergencyNumbersFor(dialed)).not.toThrow();
    }
    expect(classify(null as unknown as string, "911").emergency).toBe(false);
    expect(classify("US", undefined as unknown as string).emergency).toBe(false);
  });
});

describe("classifyWithPrefixes (Kari's Law: 911 with and without the outside-line prefix)", () => {
  it("connects 911 dialled with and without the prefix", () => {
    expect(classifyWithPrefixes("US", "911", ["9"])).toEqual({ emergency: true, number: "911", prefix: null });
    expect(classifyWithPrefixes("US", "9911", ["9"])).toEqual({ emergency: true, number: "911", prefix: "9" });
    expect(classifyWithPrefixes("US", "9-911", ["9"])).toEqual({ emergency: true, number: "911", prefix: "9" });
    expect(classifyWithPrefixes("CA", "9 911#", ["9"])).toEqual({ emergency: true, number: "911", prefix: "9" });
    expect(classifyWithPrefixes("US", "9112", ["9"])).toEqual({ emergency: true, number: "911", prefix: "9" });
  });

  it("works for European PBX prefixes and several prefixes", () => {
    expect(classifyWithPrefixes("DE", "0112", ["0"])).toEqual({ emergency: true, number: "112", prefix: "0" });
    expect(classifyWithPrefixes("DE", "0110", ["8", "0"])).toEqual({ emergency: true, number: "110", prefix: "0" });
    expect(classifyWithPrefixes("GB", "9999", ["9"])).toEqual({ emergency: true, number: "999", prefix: "9" });
    expect(classifyWithPrefixes("AU", "0000", ["0"])).toEqual({ emergency: true, number: "000", prefix: "0" });
    expect(classifyWithPrefixes("FR", "0015", ["00"])).toEqual({ emergency: true, number: "15", prefix: "00" });
  });

  it("strips one prefix only, and only a prefix that is configured", () => {
    expect(classifyWithPrefixes("US", "99911", ["9"]).emergency).toBe(false);
    expect(classifyWithPrefixes("US", "9911", []).emergency).toBe(false);
    expect(classifyWithPrefixes("US", "8911", ["9"]).emergency).toBe(false);
    expect(classifyWithPrefixes("US", "9", ["9"]).emergency).toBe(false);
    expect(classifyWithPrefixes("US", "99111", ["9"]).emergency).toBe(false);
    expect(classifyWithPrefixes("US", "9911", ["", "x", "+9"]).emergency).toBe(false);
  });

  it("has no country-wide default prefixes", () => {
    for (const country of emergencyCountries()) expect(countryOutsideLinePrefixes(country)).toEqual([]);
  });
});
