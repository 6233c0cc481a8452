import { describe, expect, it } from "vitest";
import { isBusinessDay, nonBusinessReason } from "../../src/calendar/business-days.js";
import { isWeekend, parseCivilDate } from "../../src/calendar/civil-date.js";
import { holidayStateFor } from "../../src/calendar/holiday-regions.js";
import { publicHolidayOn, publicHolidays, wholeDaysOf } from "../../src/calendar/holidays.js";
import { HOLIDAY_OVERRIDES } from "../../src/calendar/overrides.js";
import { COVERED_COUNTRIES } from "../../src/geography/countries.js";
import { OFFICIAL_CALENDARS } from "./official-calendars.js";

function weekday(date: string): boolean {
  return !isWeekend(parseCivilDate(date)!);
}

describe("public holidays against the official calendars (2026, 2027)", () => {
  for (const official of OFFICIAL_CALENDARS) {
    const place = official.region ?? official.country;
    it(`${place} ${official.year} matches ${official.source}`, () => {
      const ours = publicHolidays(official.country, official.region, official.year);
      // The days that decide business days: official holidays on Monday–Friday.
      const officialWeekdays = official.holidays
        .map(([date]) => date)
        .filter(weekday)
        .sort();
      const ourWeekdays = ours.holidays.map((holiday) => holiday.date).filter(weekday);
      expect(ourWeekdays).toEqual(officialWeekdays);
      // And every officially listed date, weekend or not, is not a business day.
      for (const [date] of official.holidays)
        expect(isBusinessDay(date, official.country, official.region), date).toBe(false);
    });
  }
});

describe("the holiday types that count", () => {
  it("counts only public holidays: Irish Good Friday (bank) is a business day", () => {
    expect(isBusinessDay("2026-04-03", "IE")).toBe(true);
    expect(isBusinessDay("2026-12-28", "IE")).toBe(true); // St Stephen's "substitute": banks only
  });
  it("does not count school or optional days: Buß- und Bettag outside Saxony, Easter Monday in Quebec", () => {
    expect(isBusinessDay("2026-11-18", "DE", "DE-BY")).toBe(true);
    expect(nonBusinessReason("2026-11-18", "DE", "DE-SN")).toBe("Day of Prayer and Repentance");
    expect(isBusinessDay("2026-04-06", "CA", "CA-QC")).toBe(true);
  });
  it("does not count the NSW bank-only holiday", () => {
    expect(isBusinessDay("2026-08-03", "AU", "AU-NSW")).toBe(true);
  });
});

describe("part-day holidays (the evening rule)", () => {
  it("an evening holiday does not take the day", () => {
    // Queensland: Christmas Eve 6pm–midnight (Holidays Act 1983 (Qld) s 2).
    expect(isBusinessDay("2026-12-24", "AU", "AU-QLD")).toBe(true);
    // South Australia, Northern Territory: Christmas Eve and New Year's Eve from 7pm.
    expect(isBusinessDay("2026-12-24", "AU", "AU-SA")).toBe(true);
    expect(isBusinessDay("2026-12-31", "AU", "AU-SA")).toBe(true);
    expect(isBusinessDay("2026-12-31", "AU", "AU-NT")).toBe(true);
    // Germany: Christmas Eve from 14:00.
    expect(isBusinessDay("2026-12-24", "DE", "DE-BY")).toBe(true);
  });
  it("a morning-only day does not take the day either (Ash Wednesday until 14:00 in Brazil)", () => {
    expect(isBusinessDay("2026-02-18", "BR", "BR-SP")).toBe(true);
  });
  it("takes whole days only, allowing for 23- and 25-hour DST days", () => {
    const at = (date: string, hours: number) => ({ date, start: new Date(0), end: new Date(hours * 3_600_000) });
    expect(wholeDaysOf(at("2026-12-24 18:00:00", 6))).toEqual([]);
    expect(wholeDaysOf(at("2026-12-24 14:00:00", 10))).toEqual([]);
    expect(wholeDaysOf(at("2026-02-18 00:00:00", 14))).toEqual([]);
    expect(wholeDaysOf(at("2026-12-25 00:00:00", 24))).toEqual(["2026-12-25"]);
    expect(wholeDaysOf(at("2026-03-29 00:00:00", 23))).toEqual(["2026-03-29"]);
    expect(wholeDaysOf(at("2026-04-05 00:00:00", 25))).toEqual(["2026-04-05"]);
    expect(wholeDaysOf(at("2026-02-14 00:00:00", 48))).toEqual(["2026-02-14", "2026-02-15"]);
    expect(wholeDaysOf(at("2026-12-31 12:00:00", 36))).toEqual(["2027-01-01"]);
  });
});

describe("substitute days", () => {
  it.each([
    ["GB", "GB-ENG", "2026-12-28", "Boxing Day (substitute day)"], // gov.uk
    ["GB", "GB-ENG", "2027-12-27", "Christmas Day (substitute day)"], // gov.uk
    ["GB", "GB-SCT", "2027-01-04", "January 2nd (substitute day)"], // gov.uk
    ["GB", "GB-NIR", "2026-07-13", "Battle of the Boyne (Orangemen’s Day) (substitute day)"], // gov.uk
    ["US", null, "2026-07-03", "Independence Day (substitute day)"], // OPM
    ["US", null, "2027-12-31", "New Year's Day (substitute day)"], // OPM: 1 Jan 2028 is a Saturday
    ["AU", "AU-NSW", "2026-04-27", "Anzac Day (substitute day)"], // nsw.gov.au
    ["AU", "AU-WA", "2026-04-27", "Anzac Day (substitute day)"], // commerce.wa.gov.au
  ])("%s %s %s is %s", (country, region, date, name) => {
    const holiday = publicHolidayOn(date, country, region);
    expect(holiday?.name).toBe(name);
    expect(holiday?.substitute).toBe(true);
  });
  it("Queensland moves a Sunday Anzac Day to the Monday but not a Saturday one", () => {
    expect(nonBusinessReason("2027-04-26", "AU", "AU-QLD")).toBe("Anzac Day");
    expect(isBusinessDay("2026-04-27", "AU", "AU-QLD")).toBe(true);
  });
  it("Victoria has no Anzac Day substitute", () => {
    expect(isBusinessDay("2026-04-27", "AU", "AU-VIC")).toBe(true);
    expect(isBusinessDay("2027-04-26", "AU", "AU-VIC")).toBe(true);
  });
});

describe("the override table", () => {
  it("every entry is sourced, dated correctly, for a covered country, and in effect", () => {
    for (const entry of HOLIDAY_OVERRIDES) {
      expect(COVERED_COUNTRIES).toContain(entry.country);
      expect(parseCivilDate(entry.date), entry.date).toBeDefined();
      expect(entry.source.length).toBeGreaterThan(20);
      const holiday = publicHolidayOn(entry.date, entry.country, entry.region);
      if (entry.action === "add") expect(holiday?.origin, `${entry.country} ${entry.date}`).toBe("override");
      else expect(holiday, `${entry.country} ${entry.date}`).toBeUndefined();
    }
  });
  it("Brazil: Consciência Negra is national in every state (Lei 14.759/2023), including SP, RJ, AM, MT", () => {
    for (const region of ["BR-SP", "BR-RJ", "BR-AM", "BR-MT", "BR-BA", null]) {
      expect(nonBusinessReason("2026-11-20", "BR", region)).toBe("Black Awareness Day");
    }
  });
  it("Ontario: Easter Monday is a business day (ESA 2000)", () => {
    expect(isBusinessDay("2026-04-06", "CA", "CA-ON")).toBe(true);
    expect(isBusinessDay("2027-03-29", "CA", "CA-ON")).toBe(true);
  });
  it("Cyprus: Green Monday is 48 days before Orthodox Easter; Kataklysmos Monday is a holiday", () => {
    expect(nonBusinessReason("2026-02-23", "CY")).toBe("Green Monday");
    expect(isBusinessDay("2026-02-24", "CY")).toBe(true);
    expect(nonBusinessReason("2027-03-15", "CY")).toBe("Green Monday");
    expect(isBusinessDay("2027-03-16", "CY")).toBe(true);
    expect(isBusinessDay("2026-06-01", "CY")).toBe(false);
  });
  it("Bulgaria: 26 December and the Labour Code's moved days (art. 154)", () => {
    for (const date of [
      "2026-01-02",
      "2026-05-25",
      "2026-09-07",
      "2026-12-28",
      "2027-05-04",
      "2027-12-27",
      "2027-12-28",
    ]) {
      expect(isBusinessDay(date, "BG"), date).toBe(false);
    }
    expect(nonBusinessReason("2026-12-26", "BG")).toBe("Christmas (second day)");
  });
});

describe("regions", () => {
  it.each([
    ["DE", "DE-BY", "BY"],
    ["GB", "GB-SCT", "SCT"],
    ["GB", "GB-ENG", "ENG"],
    ["GB", "GB-WLS", "WLS"],
    ["GB", "GB-NIR", "NIR"],
    ["AU", "AU-VIC", "VIC"],
    ["BR", "BR-SP", "SP"],
    ["CA", "CA-QC", "QC"],
    ["US", "US-CA", "CA"],
    ["GB", "GB-EDH", "SCT"],
    ["GB", "GB-BFS", "NIR"],
    ["GB", "GB-LND", "ENG"],
    ["GB", "GB-CRF", "ENG"],
    ["GB", "GB-UKM", null],
    ["FR", "FR-974", "RE"],
    ["ES", "ES-TF", "CN"],
    ["AT", "AT-9", "9"],
    ["DE", "DE-XX", null],
    ["DE", "FR-BY", null],
    ["DE", null, null],
    ["IE", "IE-D", null],
  ])("%s %s → %s", (country, region, state) => {
    expect(holidayStateFor(country, region)).toBe(state);
  });
  it("a council area gets its nation's bank holidays", () => {
    expect(nonBusinessReason("2026-11-30", "GB", "GB-GLG")).toBe("St Andrew’s Day");
    expect(isBusinessDay("2026-11-30", "GB", "GB-LND")).toBe(true);
  });
  it("regional days stay regional", () => {
    expect(isBusinessDay("2026-01-06", "DE", "DE-BY")).toBe(false);
    expect(isBusinessDay("2026-01-06", "DE", "DE-BE")).toBe(true);
    expect(isBusinessDay("2026-01-06", "DE")).toBe(true);
    expect(isBusinessDay("2026-11-03", "AU", "AU-VIC")).toBe(false);
    expect(isBusinessDay("2026-11-03", "AU", "AU-NSW")).toBe(true);
  });
});

describe("reasons", () => {
  it("names a holiday even on a weekend, else says weekend, else null", () => {
    expect(nonBusinessReason("2026-12-26", "DE", "DE-BY")).toBe("Boxing Day");
    expect(nonBusinessReason("2026-12-27", "DE", "DE-BY")).toBe("weekend");
    expect(nonBusinessReason("2026-12-28", "DE", "DE-BY")).toBeNull();
  });
  it("gives the holiday's name in the locale's language where the library has one", () => {
    expect(nonBusinessReason("2026-12-25", "DE", "DE-BY", "de")).toBe("1. Weihnachtstag");
    expect(nonBusinessReason("2026-04-21", "BR", "BR-SP", "pt-BR")).toBe("Dia de Tiradentes");
    expect(nonBusinessReason("2026-12-25", "DE", "DE-BY", "en")).toBe("Christmas Day");
    expect(nonBusinessReason("2026-12-27", "DE", "DE-BY", "de")).toBe("weekend");
  });
  it("rejects a day that does not exist", () => {
    expect(() => isBusinessDay("2026-02-30", "DE")).toThrow(RangeError);
    expect(() => nonBusinessReason("26-12-2026", "DE")).toThrow(RangeError);
  });
});

describe("cache", () => {
  it("returns the same holiday set for the same (country, region, year)", () => {
    const first = publicHolidays("DE", "DE-BY", 2026);
    expect(publicHolidays("DE", "DE-BY", 2026)).toBe(first);
    expect(publicHolidays("DE", "DE-BE", 2026)).not.toBe(first);
    expect(publicHolidays("DE", "DE-BY", 2027)).not.toBe(first);
    // Two codes for one calendar share it.
    expect(publicHolidays("GB", "GB-EDH", 2026)).toBe(publicHolidays("GB", "GB-SCT", 2026));
  });
  it("serves a cached set fast", () => {
    publicHolidays("AU", "AU-VIC", 2026);
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) publicHolidays("AU", "AU-VIC", 2026);
    expect(performance.now() - started).toBeLessThan(50);
  });
  it("holiday sets are frozen", () => {
    const set = publicHolidays("GB", "GB-ENG", 2026);
    expect(Object.isFrozen(set.holidays)).toBe(true);
    expect(Object.isFrozen(set.holidays[0])).toBe(true);
  });
});

describe("every covered country has a calendar", () => {
  it.each(COVERED_COUNTRIES.map((country) => [country]))(
    "%s has 2026 holidays including 25 December or 1 January",
    (country) => {
      const set = publicHolidays(country, null, 2026);
      expect(set.holidays.length).toBeGreaterThan(4);
      expect(set.holidays.some((holiday) => holiday.date === "2026-01-01" || holiday.date === "2026-12-25")).toBe(true);
    },
  );
});

describe("the override table's 2026 fixes", () => {
  it("Hungary: bridge days off and the Saturdays worked in exchange (10/2025. (IV. 30.) NGM rendelet)", () => {
    for (const date of ["2026-01-02", "2026-08-21", "2026-12-24"]) expect(isBusinessDay(date, "HU"), date).toBe(false);
    for (const date of ["2026-01-10", "2026-08-08", "2026-12-12"]) expect(isBusinessDay(date, "HU"), date).toBe(true);
    expect(isBusinessDay("2026-01-17", "HU")).toBe(false);
  });
  it("Latvia: 2 January and 22 June moved to Saturdays 17 January and 27 June", () => {
    expect(isBusinessDay("2026-01-02", "LV")).toBe(false);
    expect(isBusinessDay("2026-06-22", "LV")).toBe(false);
    expect(isBusinessDay("2026-01-17", "LV")).toBe(true);
    expect(isBusinessDay("2026-06-27", "LV")).toBe(true);
  });
  it("Canada: 30 September where statutory (BC, PE, NT, NU, YT), not in Ontario or Quebec; Nunavut Day", () => {
    for (const region of ["CA-BC", "CA-PE", "CA-NT", "CA-NU", "CA-YT"]) {
      expect(nonBusinessReason("2026-09-30", "CA", region)).toBe("National Day for Truth and Reconciliation");
      expect(isBusinessDay("2027-09-30", "CA", region), region).toBe(false);
    }
    expect(isBusinessDay("2026-09-30", "CA", "CA-ON")).toBe(true);
    expect(isBusinessDay("2026-09-30", "CA", "CA-QC")).toBe(true);
    expect(nonBusinessReason("2026-07-09", "CA", "CA-NU")).toBe("Nunavut Day");
    expect(isBusinessDay("2026-07-09", "CA", "CA-NT")).toBe(true);
    expect(isBusinessDay("2026-08-21", "CA", "CA-PE")).toBe(true); // Gold Cup Parade Day is no paid holiday
  });
  it("Cantabria: the Day of the Institutions is 28 July, not 28 June", () => {
    expect(isBusinessDay("2027-06-28", "ES", "ES-CB")).toBe(true);
    expect(isBusinessDay("2026-07-28", "ES", "ES-CB")).toBe(false);
    expect(isBusinessDay("2027-07-28", "ES", "ES-CB")).toBe(false);
    expect(isBusinessDay("2027-07-28", "ES", "ES-MD")).toBe(true);
  });
  it("names overridden days in the customer's language", () => {
    expect(nonBusinessReason("2026-09-30", "CA", "CA-BC", "fr")).toBe(
      "Journée nationale de la vérité et de la réconciliation",
    );
    expect(nonBusinessReason("2026-12-24", "HU", null, "nl")).toBe("Vrije brugdag");
    expect(nonBusinessReason("2026-07-28", "ES", "ES-CB", "de")).toBe("Tag der Institutionen Kantabriens");
    for (const entry of HOLIDAY_OVERRIDES)
      expect(Object.keys(entry.names).sort(), `${entry.country} ${entry.date}`).toEqual(["de", "en", "fr", "nl", "pt"]);
  });
});
