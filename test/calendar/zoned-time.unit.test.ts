import { describe, expect, it } from "vitest";
import { staffActionTime, zonedDateTime } from "../../src/calendar/zoned-time.js";

describe("the one clock rule", () => {
  const at = "2026-12-01T13:05:00Z";
  it("writes every time with its zone's name, in the reader's language", () => {
    expect(zonedDateTime("de", at, "Europe/Berlin")).toBe("1. Dezember 2026 um 14:05 MEZ");
    expect(zonedDateTime("en-GB", at, "Europe/London")).toBe("1 December 2026 at 13:05 GMT");
  });
  it("a staff action at a place: the place's time, and the reader's when it differs", () => {
    expect(staffActionTime("de", at, "Europe/Berlin", "Europe/Berlin")).toBe("1. Dezember 2026 um 14:05 MEZ");
    const both = staffActionTime("en", at, "Europe/Berlin", "America/New_York");
    expect(both).toMatch(/^December 1, 2026 at 02:05 PM GMT\+1 \(December 1, 2026 at 08:05 AM EST\)$/);
  });
});
