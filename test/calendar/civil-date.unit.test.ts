import { describe, expect, it } from "vitest";
import {
  civilOf,
  dayNumberOf,
  formatCivilDate,
  isWeekend,
  parseCivilDate,
  parseInstant,
  weekdayOf,
} from "../../src/calendar/civil-date.js";

describe("civil dates as day numbers", () => {
  it("agrees with Date for every day from 1900 to 2100", () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const date = new Date(ms);
      const iso = date.toISOString().slice(0, 10);
      const day = dayNumberOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
      const civil = civilOf(day);
      if (
        day !== ms / 86_400_000 ||
        civil.year !== date.getUTCFullYear() ||
        civil.month !== date.getUTCMonth() + 1 ||
        civil.day !== date.getUTCDate() ||
        formatCivilDate(day) !== iso ||
        parseCivilDate(iso) !== day ||
        weekdayOf(day) !== date.getUTCDay()
      ) {
        mismatches.push(iso);
      }
    }
    expect(mismatches).toEqual([]);
  });
  it("parses only real YYYY-MM-DD dates", () => {
    expect(parseCivilDate("2026-12-24")).toBe(Date.UTC(2026, 11, 24) / 86_400_000);
    expect(parseCivilDate("2028-02-29")).toBeDefined();
    for (const bad of [
      "2026-02-29",
      "2026-02-30",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-1-01",
      "20261224",
      "2026/12/24",
      "２０２６-12-24",
      "",
    ]) {
      expect(parseCivilDate(bad), bad).toBeUndefined();
    }
  });
  it("knows weekends", () => {
    expect(isWeekend(parseCivilDate("2026-12-26")!)).toBe(true);
    expect(isWeekend(parseCivilDate("2026-12-27")!)).toBe(true);
    expect(isWeekend(parseCivilDate("2026-12-28")!)).toBe(false);
  });
});

describe("parseInstant", () => {
  it("agrees with Date.parse on instants with an offset", () => {
    const samples = [
      "2026-12-24T23:30:00Z",
      "2026-12-24T23:30:00z",
      "2026-12-24T23:30Z",
      "2026-12-24T23:30:00.5+01:00",
      "2026-12-24T23:30:00.123-03:30",
      "2026-06-02T23:30:00-04:00",
      "2026-01-01T00:00:00+14:00",
      "2026-03-29T01:59:59.999+00:00",
      "2026-12-24T10:00:00.123456789+05:45",
    ];
    for (const text of samples) expect(parseInstant(text), text).toBe(Date.parse(text.replace(/\.(\d{3})\d+/, ".$1")));
  });
  it("rejects local times, impossible fields and other shapes", () => {
    for (const bad of [
      "2026-12-24T10:00:00",
      "2026-12-24",
      "2026-12-24 10:00:00Z",
      "2026-12-24T24:00:00Z",
      "2026-12-24T10:60:00Z",
      "2026-12-24T10:00:61Z",
      "2026-02-30T10:00:00Z",
      "2026-12-24T10:00:00.Z",
      "2026-12-24T10:00:00+0100",
      "2026-12-24T10:00:00+01:00 ",
      "yesterday",
      "",
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });
});
