import { describe, expect, it } from "vitest";
import { businessCalendar, nthBusinessDayAfter } from "../../src/calendar/business-days.js";
import { formatCivilDate, parseCivilDate } from "../../src/calendar/civil-date.js";
import { endOfLocalDay, localDayNumberAt } from "../../src/calendar/zone-clock.js";
import { ValidationError } from "../../src/platform/errors.js";
import { computeDeadline, type DeadlineInput } from "../../src/porting/deadline.js";

/**
 * Table-driven deadline cases. Each row: where, agreed date, expected deadline date, the offset of
 * `deadline.at`, the skipped days, and where the holiday comes from. Sources (also in
 * test/calendar/official-calendars.ts):
 *   GOV.UK  https://www.gov.uk/bank-holidays
 *   CI      https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/
 *   BMI     https://www.bmi.bund.de/DE/themen/verfassung/staatliche-symbole/nationale-feiertage/nationale-feiertage-node.html (+ Länder statutes)
 *   VIC     https://business.vic.gov.au/business-information/public-holidays
 *   NSW     https://www.nsw.gov.au/about-nsw/public-holidays
 *   QLD     https://www.qld.gov.au/recreation/travel/holidays/public
 *   WA      https://www.commerce.wa.gov.au/labour-relations/public-holidays-western-australia
 *   SA      https://www.safework.sa.gov.au/resources/public-holidays (Christmas Eve from 7pm)
 *   BR      Lei 662/1949, Lei 6.802/1980, Lei 14.759/2023, Lei 9.093/1995; SP Lei 9.497/1997; RJ Leis 5.243/2008, 5.198/2008; Lei 4.737/1965 art. 380 (election day)
 *   ON      https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays
 *   QC      https://www.cnesst.gouv.qc.ca/en/working-conditions/leave/statutory-holidays
 *   OPM     https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/
 */

const W = "weekend";
type Row = [
  place: string,
  agreed: string,
  deadline: string,
  offset: string,
  skipped: [string, string][],
  source: string,
];

const CASES: Row[] = [
  // United Kingdom — England, Wales, Scotland, Northern Ireland
  [
    "GB-ENG",
    "2026-12-24",
    "2026-12-29",
    "+00:00",
    [
      ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"],
      ["2026-12-27", W],
      ["2026-12-28", "Boxing Day (substitute day)"],
    ],
    "GOV.UK",
  ],
  ["GB-ENG", "2027-12-23", "2027-12-24", "+00:00", [], "GOV.UK"],
  [
    "GB-ENG",
    "2027-12-24",
    "2027-12-29",
    "+00:00",
    [
      ["2027-12-25", "Christmas Day"],
      ["2027-12-26", "Boxing Day"],
      ["2027-12-27", "Christmas Day (substitute day)"],
      ["2027-12-28", "Boxing Day (substitute day)"],
    ],
    "GOV.UK",
  ],
  [
    "GB-ENG",
    "2026-04-02",
    "2026-04-07",
    "+01:00",
    [
      ["2026-04-03", "Good Friday"],
      ["2026-04-04", W],
      ["2026-04-05", W],
      ["2026-04-06", "Easter Monday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-ENG",
    "2027-03-25",
    "2027-03-30",
    "+01:00",
    [
      ["2027-03-26", "Good Friday"],
      ["2027-03-27", W],
      ["2027-03-28", W],
      ["2027-03-29", "Easter Monday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-ENG",
    "2026-08-28",
    "2026-09-01",
    "+01:00",
    [
      ["2026-08-29", W],
      ["2026-08-30", W],
      ["2026-08-31", "Summer bank holiday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-ENG",
    "2026-05-22",
    "2026-05-26",
    "+01:00",
    [
      ["2026-05-23", W],
      ["2026-05-24", W],
      ["2026-05-25", "Spring bank holiday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-ENG",
    "2027-04-30",
    "2027-05-04",
    "+01:00",
    [
      ["2027-05-01", W],
      ["2027-05-02", W],
      ["2027-05-03", "Early May bank holiday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-WLS",
    "2027-08-27",
    "2027-08-31",
    "+01:00",
    [
      ["2027-08-28", W],
      ["2027-08-29", W],
      ["2027-08-30", "Summer bank holiday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-SCT",
    "2026-12-31",
    "2027-01-05",
    "+00:00",
    [
      ["2027-01-01", "New Year's Day"],
      ["2027-01-02", "January 2nd"],
      ["2027-01-03", W],
      ["2027-01-04", "January 2nd (substitute day)"],
    ],
    "GOV.UK",
  ],
  [
    "GB-SCT",
    "2026-07-31",
    "2026-08-04",
    "+01:00",
    [
      ["2026-08-01", W],
      ["2026-08-02", W],
      ["2026-08-03", "Summer bank holiday"],
    ],
    "GOV.UK",
  ],
  [
    "GB-SCT",
    "2026-11-27",
    "2026-12-01",
    "+00:00",
    [
      ["2026-11-28", W],
      ["2026-11-29", W],
      ["2026-11-30", "St Andrew’s Day"],
    ],
    "GOV.UK",
  ],
  [
    "GB-SCT",
    "2026-08-28",
    "2026-08-31",
    "+01:00",
    [
      ["2026-08-29", W],
      ["2026-08-30", W],
    ],
    "GOV.UK: no late-August bank holiday in Scotland",
  ],
  [
    "GB-SCT",
    "2026-04-02",
    "2026-04-06",
    "+01:00",
    [
      ["2026-04-03", "Good Friday"],
      ["2026-04-04", W],
      ["2026-04-05", W],
    ],
    "GOV.UK: Easter Monday is not a Scottish bank holiday",
  ],
  ["GB-NIR", "2026-03-16", "2026-03-18", "+00:00", [["2026-03-17", "St Patrick’s Day"]], "GOV.UK"],
  [
    "GB-NIR",
    "2026-07-10",
    "2026-07-14",
    "+01:00",
    [
      ["2026-07-11", W],
      ["2026-07-12", "Battle of the Boyne (Orangemen’s Day)"],
      ["2026-07-13", "Battle of the Boyne (Orangemen’s Day) (substitute day)"],
    ],
    "GOV.UK",
  ],
  [
    "GB-NIR",
    "2027-07-09",
    "2027-07-13",
    "+01:00",
    [
      ["2027-07-10", W],
      ["2027-07-11", W],
      ["2027-07-12", "Battle of the Boyne (Orangemen’s Day)"],
    ],
    "GOV.UK",
  ],
  ["GB-NIR", "2027-03-16", "2027-03-18", "+00:00", [["2027-03-17", "St Patrick’s Day"]], "GOV.UK"],
  // Ireland
  [
    "IE",
    "2026-01-30",
    "2026-02-03",
    "+00:00",
    [
      ["2026-01-31", W],
      ["2026-02-01", W],
      ["2026-02-02", "St. Brigid’s Day"],
    ],
    "CI: first Monday in February",
  ],
  [
    "IE",
    "2027-01-29",
    "2027-02-02",
    "+00:00",
    [
      ["2027-01-30", W],
      ["2027-01-31", W],
      ["2027-02-01", "St. Brigid’s Day"],
    ],
    "CI",
  ],
  ["IE", "2026-04-02", "2026-04-03", "+01:00", [], "CI: Good Friday is not a public holiday"],
  [
    "IE",
    "2026-10-23",
    "2026-10-27",
    "+00:00",
    [
      ["2026-10-24", W],
      ["2026-10-25", W],
      ["2026-10-26", "Last Monday in October"],
    ],
    "CI",
  ],
  [
    "IE",
    "2026-12-24",
    "2026-12-28",
    "+00:00",
    [
      ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "St. Stephen’s Day"],
      ["2026-12-27", W],
    ],
    "CI: no substitute day",
  ],
  [
    "IE",
    "2027-06-04",
    "2027-06-08",
    "+01:00",
    [
      ["2027-06-05", W],
      ["2027-06-06", W],
      ["2027-06-07", "First Monday in June"],
    ],
    "CI",
  ],
  ["IE", "2026-03-16", "2026-03-18", "+00:00", [["2026-03-17", "St. Patrick’s Day"]], "CI"],
  // Germany — several Länder
  [
    "DE-BY",
    "2026-12-24",
    "2026-12-28",
    "+01:00",
    [
      ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"],
      ["2026-12-27", W],
    ],
    "BMI",
  ],
  ["DE-BY", "2026-01-05", "2026-01-07", "+01:00", [["2026-01-06", "Epiphany"]], "BMI; BayFTG Art. 1"],
  ["DE-BE", "2026-01-05", "2026-01-06", "+01:00", [], "BMI: Epiphany is not a Berlin holiday"],
  ["DE-BY", "2026-06-03", "2026-06-05", "+02:00", [["2026-06-04", "Corpus Christi"]], "BMI; BayFTG Art. 1"],
  ["DE-BE", "2026-06-03", "2026-06-04", "+02:00", [], "BMI"],
  [
    "DE-BE",
    "2027-03-05",
    "2027-03-09",
    "+01:00",
    [
      ["2027-03-06", W],
      ["2027-03-07", W],
      ["2027-03-08", "International Women's Day"],
    ],
    "BMI; Berlin FeiertagsG § 1",
  ],
  [
    "DE-SN",
    "2026-11-17",
    "2026-11-19",
    "+01:00",
    [["2026-11-18", "Day of Prayer and Repentance"]],
    "BMI; SächsSFG § 1",
  ],
  ["DE-BY", "2026-11-17", "2026-11-18", "+01:00", [], "BMI: Buß- und Bettag only in Saxony"],
  [
    "DE-SN",
    "2027-11-16",
    "2027-11-18",
    "+01:00",
    [["2027-11-17", "Day of Prayer and Repentance"]],
    "BMI; SächsSFG § 1",
  ],
  ["DE-BY", "2026-05-13", "2026-05-15", "+02:00", [["2026-05-14", "Ascension Day"]], "BMI"],
  [
    "DE-NW",
    "2027-10-29",
    "2027-11-02",
    "+01:00",
    [
      ["2027-10-30", W],
      ["2027-10-31", W],
      ["2027-11-01", "All Saints' Day"],
    ],
    "BMI; FTG NW § 2",
  ],
  [
    "DE-TH",
    "2027-09-17",
    "2027-09-21",
    "+02:00",
    [
      ["2027-09-18", W],
      ["2027-09-19", W],
      ["2027-09-20", "International Children's Day"],
    ],
    "BMI; ThürFtG § 2",
  ],
  [
    "DE",
    "2026-12-31",
    "2027-01-04",
    "+01:00",
    [
      ["2027-01-01", "New Year's Day"],
      ["2027-01-02", W],
      ["2027-01-03", W],
    ],
    "BMI",
  ],
  [
    "DE-BY",
    "2027-05-14",
    "2027-05-18",
    "+02:00",
    [
      ["2027-05-15", W],
      ["2027-05-16", W],
      ["2027-05-17", "Whit Monday"],
    ],
    "BMI",
  ],
  // Australia — several states
  [
    "AU-VIC",
    "2026-04-02",
    "2026-04-07",
    "+10:00",
    [
      ["2026-04-03", "Good Friday"],
      ["2026-04-04", "Easter Saturday"],
      ["2026-04-05", "Easter Sunday"],
      ["2026-04-06", "Easter Monday"],
    ],
    "VIC",
  ],
  ["AU-VIC", "2026-11-02", "2026-11-04", "+11:00", [["2026-11-03", "Melbourne Cup"]], "VIC"],
  ["AU-NSW", "2026-11-02", "2026-11-03", "+11:00", [], "NSW: Melbourne Cup is Victorian"],
  [
    "AU-VIC",
    "2026-09-24",
    "2026-09-28",
    "+10:00",
    [
      ["2026-09-25", "AFL Grand Final Friday"],
      ["2026-09-26", W],
      ["2026-09-27", W],
    ],
    "VIC",
  ],
  [
    "AU-NSW",
    "2026-04-24",
    "2026-04-28",
    "+10:00",
    [
      ["2026-04-25", "Anzac Day"],
      ["2026-04-26", W],
      ["2026-04-27", "Anzac Day (substitute day)"],
    ],
    "NSW (additional day, Feb 2026)",
  ],
  [
    "AU-VIC",
    "2026-04-24",
    "2026-04-27",
    "+10:00",
    [
      ["2026-04-25", "Anzac Day"],
      ["2026-04-26", W],
    ],
    "VIC: no Anzac substitute",
  ],
  [
    "AU-QLD",
    "2026-04-24",
    "2026-04-27",
    "+10:00",
    [
      ["2026-04-25", "Anzac Day"],
      ["2026-04-26", W],
    ],
    "QLD: Saturday Anzac Day not moved",
  ],
  [
    "AU-QLD",
    "2027-04-23",
    "2027-04-27",
    "+10:00",
    [
      ["2027-04-24", W],
      ["2027-04-25", W],
      ["2027-04-26", "Anzac Day"],
    ],
    "QLD: Sunday Anzac Day moves to Monday",
  ],
  [
    "AU-QLD",
    "2026-10-02",
    "2026-10-06",
    "+10:00",
    [
      ["2026-10-03", W],
      ["2026-10-04", W],
      ["2026-10-05", "King's Birthday"],
    ],
    "QLD",
  ],
  [
    "AU-NSW",
    "2026-10-02",
    "2026-10-06",
    "+11:00",
    [
      ["2026-10-03", W],
      ["2026-10-04", W],
      ["2026-10-05", "Labour Day"],
    ],
    "NSW",
  ],
  [
    "AU-VIC",
    "2026-06-05",
    "2026-06-09",
    "+10:00",
    [
      ["2026-06-06", W],
      ["2026-06-07", W],
      ["2026-06-08", "King's Birthday"],
    ],
    "VIC",
  ],
  [
    "AU-WA",
    "2026-09-25",
    "2026-09-29",
    "+08:00",
    [
      ["2026-09-26", W],
      ["2026-09-27", W],
      ["2026-09-28", "King's Birthday"],
    ],
    "WA",
  ],
  [
    "AU-WA",
    "2026-05-29",
    "2026-06-02",
    "+08:00",
    [
      ["2026-05-30", W],
      ["2026-05-31", W],
      ["2026-06-01", "Western Australia Day"],
    ],
    "WA",
  ],
  ["AU-QLD", "2026-12-23", "2026-12-24", "+10:00", [], "QLD: Christmas Eve holiday starts at 6pm"],
  [
    "AU-VIC",
    "2027-12-24",
    "2027-12-29",
    "+11:00",
    [
      ["2027-12-25", "Christmas Day"],
      ["2027-12-26", "Boxing Day"],
      ["2027-12-27", "Christmas Day (substitute day)"],
      ["2027-12-28", "Boxing Day (substitute day)"],
    ],
    "VIC",
  ],
  [
    "AU-NSW",
    "2027-03-25",
    "2027-03-30",
    "+11:00",
    [
      ["2027-03-26", "Good Friday"],
      ["2027-03-27", "Easter Saturday"],
      ["2027-03-28", "Easter Sunday"],
      ["2027-03-29", "Easter Monday"],
    ],
    "NSW",
  ],
  [
    "AU-VIC",
    "2026-03-06",
    "2026-03-10",
    "+11:00",
    [
      ["2026-03-07", W],
      ["2026-03-08", W],
      ["2026-03-09", "Labour Day"],
    ],
    "VIC",
  ],
  ["AU-SA", "2026-12-23", "2026-12-24", "+10:30", [], "SA: Christmas Eve holiday starts at 7pm"],
  // Brazil
  [
    "BR-SP",
    "2026-11-19",
    "2026-11-23",
    "-03:00",
    [
      ["2026-11-20", "Black Awareness Day"],
      ["2026-11-21", W],
      ["2026-11-22", W],
    ],
    "BR: Lei 14.759/2023 (override)",
  ],
  ["BR-RJ", "2026-02-16", "2026-02-18", "-03:00", [["2026-02-17", "Carnaval"]], "BR: RJ Lei 5.243/2008"],
  ["BR-SP", "2026-02-16", "2026-02-17", "-03:00", [], "BR: Carnival is optional in São Paulo state"],
  [
    "BR-SP",
    "2026-07-08",
    "2026-07-10",
    "-03:00",
    [["2026-07-09", "Revolução Constitucionalista"]],
    "BR: SP Lei 9.497/1997",
  ],
  ["BR-RJ", "2026-04-20", "2026-04-22", "-03:00", [["2026-04-21", "Tiradentes' Day"]], "BR: Lei 662/1949"],
  ["BR-RJ", "2026-04-22", "2026-04-24", "-03:00", [["2026-04-23", "Dia de São Jorge"]], "BR: RJ Lei 5.198/2008"],
  [
    "BR",
    "2026-04-02",
    "2026-04-06",
    "-03:00",
    [
      ["2026-04-03", "Good Friday"],
      ["2026-04-04", W],
      ["2026-04-05", W],
    ],
    "BR: Lei 9.093/1995",
  ],
  [
    "BR-SP",
    "2026-10-30",
    "2026-11-03",
    "-03:00",
    [
      ["2026-10-31", W],
      ["2026-11-01", W],
      ["2026-11-02", "All Souls' Day"],
    ],
    "BR: Lei 662/1949",
  ],
  [
    "BR-SP",
    "2027-11-12",
    "2027-11-16",
    "-03:00",
    [
      ["2027-11-13", W],
      ["2027-11-14", W],
      ["2027-11-15", "Republic Day"],
    ],
    "BR: Lei 662/1949",
  ],
  [
    "BR",
    "2026-09-04",
    "2026-09-08",
    "-03:00",
    [
      ["2026-09-05", W],
      ["2026-09-06", W],
      ["2026-09-07", "Independence Day"],
    ],
    "BR: Lei 662/1949",
  ],
  [
    "BR-SP",
    "2026-10-02",
    "2026-10-05",
    "-03:00",
    [
      ["2026-10-03", W],
      ["2026-10-04", "Election Day"],
    ],
    "BR: Lei 4.737/1965 art. 380",
  ],
  // Canada
  [
    "CA-ON",
    "2026-04-02",
    "2026-04-06",
    "-04:00",
    [
      ["2026-04-03", "Good Friday"],
      ["2026-04-04", W],
      ["2026-04-05", W],
    ],
    "ON: Easter Monday is not a public holiday (override)",
  ],
  ["CA-QC", "2026-06-23", "2026-06-25", "-04:00", [["2026-06-24", "National Holiday"]], "QC: Fête nationale"],
  ["CA-ON", "2026-06-23", "2026-06-24", "-04:00", [], "ON"],
  [
    "CA-ON",
    "2026-02-13",
    "2026-02-17",
    "-05:00",
    [
      ["2026-02-14", W],
      ["2026-02-15", W],
      ["2026-02-16", "Family Day"],
    ],
    "ON",
  ],
  [
    "CA-QC",
    "2026-02-13",
    "2026-02-16",
    "-05:00",
    [
      ["2026-02-14", W],
      ["2026-02-15", W],
    ],
    "QC: no Family Day",
  ],
  [
    "CA-QC",
    "2026-05-15",
    "2026-05-19",
    "-04:00",
    [
      ["2026-05-16", W],
      ["2026-05-17", W],
      ["2026-05-18", "National Patriots' Day"],
    ],
    "QC",
  ],
  [
    "CA-ON",
    "2026-12-24",
    "2026-12-28",
    "-05:00",
    [
      ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"],
      ["2026-12-27", W],
    ],
    "ON",
  ],
  [
    "CA-ON",
    "2027-10-08",
    "2027-10-12",
    "-04:00",
    [
      ["2027-10-09", W],
      ["2027-10-10", W],
      ["2027-10-11", "Thanksgiving"],
    ],
    "ON",
  ],
  // United States (federal)
  [
    "US",
    "2026-07-02",
    "2026-07-06",
    "-04:00",
    [
      ["2026-07-03", "Independence Day (substitute day)"],
      ["2026-07-04", "Independence Day"],
      ["2026-07-05", W],
    ],
    "OPM",
  ],
  [
    "US",
    "2027-12-23",
    "2027-12-27",
    "-05:00",
    [
      ["2027-12-24", "Christmas Day (substitute day)"],
      ["2027-12-25", "Christmas Day"],
      ["2027-12-26", W],
    ],
    "OPM",
  ],
  [
    "US",
    "2027-12-30",
    "2028-01-03",
    "-05:00",
    [
      ["2027-12-31", "New Year's Day (substitute day)"],
      ["2028-01-01", "New Year's Day"],
      ["2028-01-02", W],
    ],
    "OPM",
  ],
  ["US", "2026-11-25", "2026-11-27", "-05:00", [["2026-11-26", "Thanksgiving Day"]], "OPM"],
  [
    "US",
    "2026-01-16",
    "2026-01-20",
    "-05:00",
    [
      ["2026-01-17", W],
      ["2026-01-18", W],
      ["2026-01-19", "Martin Luther King Jr. Day"],
    ],
    "OPM",
  ],
  [
    "US",
    "2027-06-17",
    "2027-06-21",
    "-04:00",
    [
      ["2027-06-18", "Juneteenth (substitute day)"],
      ["2027-06-19", "Juneteenth"],
      ["2027-06-20", W],
    ],
    "OPM",
  ],
  // Plain weekends, no holiday
  [
    "DE-BY",
    "2026-09-11",
    "2026-09-14",
    "+02:00",
    [
      ["2026-09-12", W],
      ["2026-09-13", W],
    ],
    "Friday → Monday",
  ],
  [
    "US",
    "2026-09-18",
    "2026-09-21",
    "-04:00",
    [
      ["2026-09-19", W],
      ["2026-09-20", W],
    ],
    "Friday → Monday",
  ],
  ["AU-NSW", "2026-09-12", "2026-09-14", "+10:00", [["2026-09-13", W]], "Saturday → Monday"],
];

function placeOf(place: string): Pick<DeadlineInput, "country" | "region"> {
  return { country: place.slice(0, 2), region: place.length > 2 ? place : null };
}

describe("deadline: table of cases (2026, 2027)", () => {
  it("has at least 60 cases across the seven seed countries", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map(([place]) => place.slice(0, 2)))).toEqual(
      new Set(["GB", "IE", "DE", "AU", "BR", "CA", "US"]),
    );
  });
  it.each(CASES)("%s agreed %s → %s (%s)", (place, agreedDate, date, offset, skipped) => {
    const result = computeDeadline({ ...placeOf(place), agreedDate });
    expect(result.deadline).toEqual({ date, at: `${date}T23:59:59.999${offset}` });
    expect(result.skipped).toEqual(skipped.map(([day, reason]) => ({ date: day, reason })));
    expect(result.agreedDate).toBe(agreedDate);
  });
});

describe("deadline: the result", () => {
  it("echoes country, region and the zone used (the region's, else the country's)", () => {
    expect(computeDeadline({ country: "DE", region: "DE-BY", agreedDate: "2026-12-24" })).toMatchObject({
      country: "DE",
      region: "DE-BY",
      timeZone: "Europe/Berlin",
    });
    expect(computeDeadline({ country: "AU", region: "AU-QLD", agreedDate: "2026-12-24" }).timeZone).toBe(
      "Australia/Brisbane",
    );
    expect(computeDeadline({ country: "AU", region: "AU-WA", agreedDate: "2026-12-24" }).timeZone).toBe(
      "Australia/Perth",
    );
    expect(computeDeadline({ country: "US", agreedDate: "2026-12-24" })).toMatchObject({
      region: null,
      timeZone: "America/New_York",
    });
    expect(computeDeadline({ country: "US", region: "US-CA", agreedDate: "2026-12-24" }).timeZone).toBe(
      "America/Los_Angeles",
    );
  });
  it("uses a given time zone for `at`", () => {
    const result = computeDeadline({
      country: "DE",
      region: "DE-BY",
      timeZone: "Asia/Tokyo",
      agreedDate: "2026-12-24",
    });
    expect(result.timeZone).toBe("Asia/Tokyo");
    expect(result.deadline).toEqual({ date: "2026-12-28", at: "2026-12-28T23:59:59.999+09:00" });
  });
  it("returns fresh objects each call", () => {
    const first = computeDeadline({ country: "DE", region: "DE-BY", agreedDate: "2026-12-24" });
    first.skipped.pop();
    first.skipped[0]!.reason = "changed";
    const second = computeDeadline({ country: "DE", region: "DE-BY", agreedDate: "2026-12-24" });
    expect(second.skipped).toEqual([
      { date: "2026-12-25", reason: "Christmas Day" },
      { date: "2026-12-26", reason: "Boxing Day" },
      { date: "2026-12-27", reason: "weekend" },
    ]);
  });
});

describe("deadline: when the requirements were met", () => {
  it("counts from the requirements' local date when it is later than the agreed date", () => {
    const result = computeDeadline({
      country: "DE",
      region: "DE-BY",
      agreedDate: "2026-12-21",
      requirementsMetAt: "2026-12-23T10:00:00+01:00",
    });
    expect(result.deadline.date).toBe("2026-12-24"); // Christmas Eve from 14:00 does not take the day
    expect(result.skipped).toEqual([]);
  });
  it("counts from the agreed date when the requirements were met earlier", () => {
    const result = computeDeadline({
      country: "DE",
      region: "DE-BY",
      agreedDate: "2026-12-24",
      requirementsMetAt: "2026-12-01T10:00:00Z",
    });
    expect(result.deadline.date).toBe("2026-12-28");
  });
  it("lists only the days skipped after the later start", () => {
    const result = computeDeadline({
      country: "GB",
      region: "GB-ENG",
      agreedDate: "2026-12-18",
      requirementsMetAt: "2026-12-24T16:00:00Z",
    });
    expect(result.deadline.date).toBe("2026-12-29");
    expect(result.skipped.map((day) => day.date)).toEqual(["2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28"]);
  });
  it("takes the local date: 23:30 in New York is already the next day in UTC", () => {
    // Tuesday 2 June 2026, 23:30 EDT = Wednesday 03:30 UTC. The local day is Tuesday → Wednesday.
    const base = { country: "US", agreedDate: "2026-06-01" } as const;
    expect(computeDeadline({ ...base, requirementsMetAt: "2026-06-03T03:30:00Z" }).deadline.date).toBe("2026-06-03");
    expect(computeDeadline({ ...base, requirementsMetAt: "2026-06-02T23:30:00-04:00" }).deadline.date).toBe(
      "2026-06-03",
    );
    // Reading the UTC date instead would have given Thursday.
    expect(computeDeadline({ ...base, requirementsMetAt: "2026-06-03T04:30:00Z" }).deadline.date).toBe("2026-06-04");
  });
  it("takes the local date: 00:30 in Melbourne is still the previous day in UTC", () => {
    // Tuesday 2 June 2026, 00:30 AEST = Monday 14:30 UTC.
    const result = computeDeadline({
      country: "AU",
      region: "AU-VIC",
      agreedDate: "2026-06-01",
      requirementsMetAt: "2026-06-01T14:30:00Z",
    });
    expect(result.deadline.date).toBe("2026-06-03");
  });
  it("takes the local date in the zone given, not the region's", () => {
    // 23:30 in Berlin on Friday is 07:30 Saturday in Tokyo.
    const input = {
      country: "DE",
      region: "DE-BY",
      agreedDate: "2026-09-07",
      requirementsMetAt: "2026-09-11T23:30:00+02:00",
    };
    expect(computeDeadline(input).deadline.date).toBe("2026-09-14");
    expect(computeDeadline({ ...input, timeZone: "Asia/Tokyo" }).deadline.date).toBe("2026-09-14");
    expect(computeDeadline({ ...input, timeZone: "Asia/Tokyo" }).skipped).toEqual([
      { date: "2026-09-13", reason: "weekend" },
    ]);
  });
});

describe("deadline: daylight saving time", () => {
  it.each([
    ["DE", "DE-BY", "2026-03-27", "2026-03-30T23:59:59.999+02:00"], // CEST from 29 March
    ["DE", "DE-BY", "2026-10-23", "2026-10-26T23:59:59.999+01:00"], // CET from 25 October
    ["GB", "GB-ENG", "2026-03-27", "2026-03-30T23:59:59.999+01:00"], // BST from 29 March
    ["AU", "AU-VIC", "2026-10-02", "2026-10-05T23:59:59.999+11:00"], // AEDT from 4 October
    ["AU", "AU-VIC", "2027-04-02", "2027-04-05T23:59:59.999+10:00"], // AEST from 4 April 2027
    ["AU", "AU-QLD", "2026-10-02", "2026-10-06T23:59:59.999+10:00"], // Queensland has no DST
    ["US", null, "2026-03-06", "2026-03-09T23:59:59.999-04:00"], // EDT from 8 March
    ["US", null, "2026-10-30", "2026-11-02T23:59:59.999-05:00"], // EST from 1 November
    ["CA", "CA-ON", "2027-03-12", "2027-03-15T23:59:59.999-04:00"], // EDT from 14 March 2027
  ])("%s %s agreed %s → %s", (country, region, agreedDate, at) => {
    expect(computeDeadline({ country, region, agreedDate }).deadline.at).toBe(at);
  });
  it("ends a DST-change day with the evening's offset", () => {
    const day = (date: string) => parseCivilDate(date)!;
    expect(endOfLocalDay("Europe/Berlin", day("2026-03-29"))).toBe("2026-03-29T23:59:59.999+02:00");
    expect(endOfLocalDay("Europe/Berlin", day("2026-10-25"))).toBe("2026-10-25T23:59:59.999+01:00");
    expect(endOfLocalDay("America/New_York", day("2026-03-08"))).toBe("2026-03-08T23:59:59.999-04:00");
    expect(endOfLocalDay("Australia/Melbourne", day("2026-04-05"))).toBe("2026-04-05T23:59:59.999+10:00");
    expect(endOfLocalDay("Australia/Adelaide", day("2026-12-24"))).toBe("2026-12-24T23:59:59.999+10:30");
    expect(endOfLocalDay("America/St_Johns", day("2026-12-24"))).toBe("2026-12-24T23:59:59.999-03:30");
  });
  it("reads local dates right around a DST change", () => {
    const local = (zone: string, instant: string) => formatCivilDate(localDayNumberAt(zone, Date.parse(instant)));
    // New York falls back at 06:00 UTC on 1 November 2026.
    expect(local("America/New_York", "2026-11-01T03:59:00Z")).toBe("2026-10-31"); // 23:59 EDT
    expect(local("America/New_York", "2026-11-01T04:00:00Z")).toBe("2026-11-01"); // 00:00 EDT
    expect(local("America/New_York", "2026-11-01T05:30:00Z")).toBe("2026-11-01"); // 01:30 EDT
    expect(local("America/New_York", "2026-11-01T06:30:00Z")).toBe("2026-11-01"); // 01:30 EST
    expect(local("America/New_York", "2026-11-02T04:59:00Z")).toBe("2026-11-01"); // 23:59 EST
    expect(local("America/New_York", "2026-11-02T05:00:00Z")).toBe("2026-11-02");
    // Adelaide (+10:30 → +09:30 on 5 April 2026 at 03:00 local daylight time, 16:30 UTC on the 4th).
    expect(local("Australia/Adelaide", "2026-04-04T13:29:00Z")).toBe("2026-04-04"); // 23:59 ACDT
    expect(local("Australia/Adelaide", "2026-04-04T13:30:00Z")).toBe("2026-04-05"); // 00:00 ACDT
    expect(local("Australia/Adelaide", "2026-04-05T14:29:00Z")).toBe("2026-04-05"); // 23:59 ACST
    expect(local("Australia/Adelaide", "2026-04-05T14:30:00Z")).toBe("2026-04-06");
  });
});

describe("deadline: more than one business day", () => {
  it("counts the n-th business day when a country's rule says so", () => {
    const calendar = businessCalendar("DE", "DE-BY");
    const counted = nthBusinessDayAfter(calendar, parseCivilDate("2026-12-23")!, 2);
    expect(formatCivilDate(counted.dayNumber)).toBe("2026-12-28");
    expect(counted.skipped.map((day) => [formatCivilDate(day.dayNumber), day.reason])).toEqual([
      ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"],
      ["2026-12-27", "weekend"],
    ]);
  });
});

describe("deadline: bad input names the field", () => {
  const fieldOf = (input: DeadlineInput): string | undefined => {
    try {
      computeDeadline(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).errors?.[0]?.path;
    }
    return undefined;
  };
  it.each([
    [{ country: "DE", agreedDate: "2026-02-30" }, "agreedDate"],
    [{ country: "DE", agreedDate: "2026-2-3" }, "agreedDate"],
    [{ country: "DE", agreedDate: "24.12.2026" }, "agreedDate"],
    [{ country: "JP", agreedDate: "2026-12-24" }, "country"],
    [{ country: "DE", region: "FR-75", agreedDate: "2026-12-24" }, "region"],
    [{ country: "DE", region: "Bavaria", agreedDate: "2026-12-24" }, "region"],
    [{ country: "DE", timeZone: "Mars/Olympus_Mons", agreedDate: "2026-12-24" }, "timeZone"],
    [{ country: "DE", agreedDate: "2026-12-24", requirementsMetAt: "2026-12-24T10:00:00" }, "requirementsMetAt"],
    [{ country: "DE", agreedDate: "2026-12-24", requirementsMetAt: "yesterday" }, "requirementsMetAt"],
    [{ country: "DE", agreedDate: "2026-12-24", requirementsMetAt: "2026-13-40T10:00:00Z" }, "requirementsMetAt"],
  ] as [DeadlineInput, string][])("%o → %s", (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });
  it("accepts an empty region or zone as absent", () => {
    expect(computeDeadline({ country: "DE", region: "", timeZone: "", agreedDate: "2026-12-24" })).toMatchObject({
      region: null,
      timeZone: "Europe/Berlin",
    });
  });
});

describe("deadline: speed", () => {
  it("computes tens of thousands of warm deadlines well within a second", () => {
    const inputs: DeadlineInput[] = CASES.map(([place, agreedDate]) => ({ ...placeOf(place), agreedDate }));
    for (const input of inputs) computeDeadline(input);
    const rounds = 50_000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) computeDeadline(inputs[i % inputs.length]!);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
