import { describe, expect, it } from "vitest";
import { checkCallbackNumber } from "../../src/devices/callback-number.js";

/** Per country: a callable number, and numbers an answering point cannot call back, with their type. */
const CASES: Record<string, { callable: string[]; refused: [number: string, why: RegExp][] }> = {
  US: {
    callable: ["+1 415 555 0100", "(212) 555-0123", "+1 416 555 0100" /* Canada: one NANP */],
    refused: [
      ["+1 800 555 0100", /toll-free/],
      ["+1 900 555 0100", /premium-rate/],
      ["+44 20 7946 0958", /service country.*not of GB/],
      ["+1 876 555 0100", /not of JM/],
    ],
  },
  CA: {
    callable: ["+1 416 555 0100", "+1 415 555 0100"],
    refused: [
      ["+1 888 555 0100", /toll-free/],
      ["+1 900 555 0100", /premium-rate/],
    ],
  },
  DE: {
    callable: ["089 1234567", "+49 30 1234567"],
    refused: [
      ["0900 1234567", /premium-rate/],
      ["0800 1234567", /toll-free/],
      ["0180 5 123456", /shared-cost/],
      ["+43 1 588 0", /not of AT/],
    ],
  },
  GB: {
    callable: ["020 7946 0958", "+44 161 496 0000"],
    refused: [
      ["0800 123 4567", /toll-free/],
      ["0870 123 4567", /premium-rate/],
    ],
  },
  AU: {
    callable: ["02 9374 4000"],
    refused: [
      ["1800 123 456", /toll-free/],
      ["1300 123 456", /shared-cost/],
      ["1900 123 456", /premium-rate/],
    ],
  },
  BR: {
    callable: ["(11) 3003-3030"],
    refused: [
      ["0800 123 4567", /toll-free/],
      ["4004-0001", /shared-cost/],
    ],
  },
  IE: {
    callable: ["01 234 5678"],
    refused: [
      ["1800 123 456", /toll-free/],
      ["1890 123 456", /shared-cost/],
    ],
  },
  NL: { callable: ["020 123 4567"], refused: [["0900 1234567", /premium-rate/]] },
};

describe("callback numbers an answering point can call back", () => {
  describe.each(Object.keys(CASES))("%s", (country) => {
    const { callable, refused } = CASES[country]!;
    it.each(callable)("accepts %s", (number) => {
      expect(checkCallbackNumber(number, country)).toMatchObject({ ok: true, e164: expect.stringMatching(/^\+\d+$/) });
    });
    it.each(refused)("refuses %s", (number, why) => {
      const check = checkCallbackNumber(number, country);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.message).toMatch(why);
    });
  });

  it("refuses what is not a phone number", () => {
    expect(checkCallbackNumber("12", "DE")).toEqual({ ok: false, message: "is not a valid phone number" });
  });
});
