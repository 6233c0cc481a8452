import { describe, expect, it } from "vitest";
import { emergencyCountries } from "../../src/emergency/classify.js";
import { TEST_CALL_NUMBERS, testCallNumber } from "../../src/emergency-calls/test-numbers.js";
import { callEvidence } from "../../src/emergency-calls/evidence.js";

describe("test call numbers", () => {
  it("reads 933 as the US test number, with or without the PBX's outside-line prefix", () => {
    expect(testCallNumber("US", "933", [])).toBe("933");
    expect(testCallNumber("US", "9933", ["9"])).toBe("933");
    expect(testCallNumber("US", "9-933#", ["9"])).toBe("933");
    expect(testCallNumber("US", "9933", [])).toBeNull();
    expect(testCallNumber("US", "9330", [])).toBeNull();
    expect(testCallNumber("US", "911", [])).toBeNull();
    expect(testCallNumber("DE", "933", [])).toBeNull();
  });

  it("lists only covered countries, each entry with a source", () => {
    for (const entry of TEST_CALL_NUMBERS) {
      expect(emergencyCountries()).toContain(entry.country);
      expect(entry.sources.length).toBeGreaterThan(0);
    }
  });
});

describe("call evidence", () => {
  const account = {
    accountId: "a",
    country: "US",
    dialing: { outsideLinePrefixes: ["9"] },
    contacts: { emails: ["office@a.example"], webhookUrl: null, onSite: null },
  };
  const device = {
    deviceId: "d",
    callbackNumber: "+14155552671",
    serviceCountry: "US",
    label: "Lobby",
    location: { version: 3, displayLine: "100 Market St" },
  };
  const base = { id: "ecall_x", fingerprint: "f", receivedAt: new Date("2026-12-01T03:00:00Z"), reportedBy: "k" };

  it("records a 933 call as a test that alerts without escalation", () => {
    const { record, alertType } = callEvidence({ ...base, account, device, report: { callId: "c", dialed: "9933" } });
    expect(record).toMatchObject({
      test: true,
      number: "933",
      escalation: null,
      location: { version: 3, source: "registered" },
    });
    expect(alertType).toBe("emergency.test_call");
  });

  it("records a number that is neither emergency nor test with number null and no alert", () => {
    const { record, alertType, recipients } = callEvidence({
      ...base,
      account,
      device,
      report: { callId: "c", dialed: "411" },
    });
    expect(record.number).toBeNull();
    expect(record.warnings).toContain("not-an-emergency-number");
    expect(alertType).toBeNull();
    expect(recipients).toBeNull();
  });

  it("alerts the account's contacts when no on-site contact is set, and says so", () => {
    const { record, recipients } = callEvidence({ ...base, account, device, report: { callId: "c", dialed: "911" } });
    expect(recipients).toEqual({ emails: ["office@a.example"], webhookUrl: null, kind: "account" });
    expect(record.warnings).toContain("no-on-site-contacts");
  });
});
