import { describe, expect, it } from "vitest";
import { COVERED_COUNTRIES, EU_MEMBER_STATES, SEED_COUNTRIES } from "../../src/geography/countries.js";
import {
  BASE_REQUIREMENTS,
  PORTING_COUNTRIES,
  isPortingAvailable,
  normaliseProviderName,
  portingRulesFor,
  requirementsFor,
} from "../../src/porting/country-rules.js";

describe("covered porting countries", () => {
  it("are the seed countries and the 27 EU member states (DE and IE are both)", () => {
    expect(PORTING_COUNTRIES).toHaveLength(32);
    for (const country of [...SEED_COUNTRIES, ...EU_MEMBER_STATES])
      expect(portingRulesFor(country)?.country).toBe(country);
    expect([...PORTING_COUNTRIES]).toEqual([...COVERED_COUNTRIES]);
  });
  it("has no rules elsewhere", () => {
    expect(portingRulesFor("JP")).toBeUndefined();
    expect(portingRulesFor("de")).toBeUndefined();
  });
});

describe("deadline length", () => {
  it("is one business day everywhere covered, each with its source", () => {
    for (const country of PORTING_COUNTRIES) {
      const rules = portingRulesFor(country)!;
      expect(rules.deadlineBusinessDays, country).toBe(1);
      expect(rules.deadlineSource.length, country).toBeGreaterThan(20);
    }
  });
  it("cites the EECC for EU member states and the FCC rule for the US", () => {
    for (const country of EU_MEMBER_STATES) expect(portingRulesFor(country)!.deadlineSource).toContain("2018/1972");
    expect(portingRulesFor("US")!.deadlineSource).toContain("52.35");
  });
  it("records where a regulator allows longer than the contract's day", () => {
    expect(portingRulesFor("CA")!.regulatoryNote).toContain("CRTC 2005-72");
    expect(portingRulesFor("BR")!.regulatoryNote).toContain("460/2007");
  });
});

describe("requirements", () => {
  it("has the three base requirements in order", () => {
    expect([...BASE_REQUIREMENTS]).toEqual(["validations_completed", "network_ready", "donor_activation_requested"]);
  });
  it("adds Telstra's porting in Australia and the STFC carrier's confirmation in Brazil", () => {
    expect(requirementsFor("AU")).toEqual([...BASE_REQUIREMENTS, "underlying_carrier_ported"]);
    expect(requirementsFor("BR")).toEqual([...BASE_REQUIREMENTS, "stfc_carrier_confirmed"]);
  });
  it("has only the base elsewhere", () => {
    for (const country of ["GB", "IE", "DE", "US", "CA", "FR"])
      expect(requirementsFor(country)).toEqual([...BASE_REQUIREMENTS]);
  });
  it("sources every extra requirement", () => {
    for (const country of PORTING_COUNTRIES) {
      for (const extra of portingRulesFor(country)!.extraRequirements)
        expect(extra.source).toContain("Regional Supplement");
    }
  });
  it("returns the same frozen list each time", () => {
    expect(requirementsFor("AU")).toBe(requirementsFor("AU"));
    expect(Object.isFrozen(requirementsFor("AU"))).toBe(true);
  });
});

describe("porting availability", () => {
  it("is unavailable outside the covered countries", () => {
    expect(isPortingAvailable("JP", "Any Carrier")).toBe(false);
  });
  it("is unavailable from a donor without a porting agreement, however the name is written", () => {
    const [listed] = portingRulesFor("AU")!.donorsWithoutAgreement;
    expect(listed).toBe("red gum communications");
    expect(isPortingAvailable("AU", "Red Gum Communications Pty Ltd")).toBe(false);
    expect(isPortingAvailable("AU", "  RED-GUM communications, PTY. LTD. ")).toBe(false);
    expect(isPortingAvailable("BR", "Telefonia Ipe LTDA")).toBe(false);
    expect(isPortingAvailable("CA", "Fleuve Telephonie Inc.")).toBe(false);
  });
  it("is available from other donors and in countries without a list", () => {
    expect(isPortingAvailable("AU", "Telstra")).toBe(true);
    expect(isPortingAvailable("DE", "Deutsche Telekom AG")).toBe(true);
    expect(isPortingAvailable("FR", "Orange")).toBe(true);
    // The list is per country: a donor listed for Australia is fine in Germany.
    expect(isPortingAvailable("DE", "Red Gum Communications Pty Ltd")).toBe(true);
  });
  it("stores the configured donor names normalised", () => {
    for (const country of PORTING_COUNTRIES) {
      for (const donor of portingRulesFor(country)!.donorsWithoutAgreement)
        expect(normaliseProviderName(donor)).toBe(donor);
    }
  });
});

describe("normaliseProviderName", () => {
  it.each([
    ["Deutsche Telekom AG", "deutsche telekom"],
    ["AT&T Inc.", "at and t"],
    ["Telefônica Brasil S.A.", "telefonica brasil"],
    ["Vodafone Ireland Limited", "vodafone ireland"],
    ["  BT   plc ", "bt"],
  ])("%s → %s", (name, normalised) => {
    expect(normaliseProviderName(name)).toBe(normalised);
  });
});
