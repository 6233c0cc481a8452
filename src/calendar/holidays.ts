import Holidays from "date-holidays";
import type { HolidaysTypes } from "date-holidays";
import { formatCivilDate, parseCivilDate } from "./civil-date.js";
import { holidayStateFor } from "./holiday-regions.js";
import { overridesFor } from "./overrides.js";

/**
 * The public holidays of a country (and optionally an ISO 3166-2 region) in one year: the days a
 * porting deadline does not count.
 *
 * Source: `date-holidays`, corrected by the override table (`overrides.ts`). Which of the
 * library's holiday types count:
 *
 * - Only `public`. `bank` (banks closed, e.g. Good Friday in Ireland, the NSW Bank Holiday, the
 *   Irish "substitute" St Stephen's Day that Irish law does not grant), `optional` (employer's
 *   choice, e.g. Easter Monday in Quebec, Brazil's Carnival "pontos facultativos"), `school` (e.g.
 *   Buß- und Bettag outside Saxony) and `observance` (Mother's Day) leave the day a business day.
 * - United Kingdom: the library types the bank holidays of the Banking and Financial Dealings
 *   Act 1971 (per nation, with substitute days) as `public`; they are the UK's public holidays.
 * - Substitute days (e.g. Boxing Day moved to Monday 28 December 2026) are `public` entries of
 *   their own and count like any other.
 *
 * Part-day holidays. The library gives a start time: Christmas Eve from 18:00 in Queensland,
 * from 19:00 in South Australia and the Northern Territory, from 14:00 in Germany; Ash Wednesday
 * until 14:00 in Brazil. The rule here: a holiday takes a calendar day only when it is in force
 * for that whole local day, 00:00 to 24:00. An evening or a morning holiday leaves the day a
 * business day (the working day is mostly worked). Durations are measured in elapsed time, so a
 * midnight-to-midnight holiday on a 23-hour DST day still counts: one hour of slack is allowed.
 *
 * Results are cached per (country, region, year) for the life of the process; holidays of a
 * past or planned year do not change while it runs.
 */

export interface PublicHoliday {
  /** `YYYY-MM-DD`, local calendar date. */
  date: string;
  /** English name (the library's local-language name where it has no English one). */
  name: string;
  /** `override` when the day comes from the override table. */
  origin: "date-holidays" | "override";
  /** A day off that stands in for a holiday falling on a weekend. */
  substitute: boolean;
}

export interface HolidaySet {
  country: string;
  /** ISO 3166-2 code of the calendar used (`GB-SCT` for a Scottish council area), or null = national. */
  region: string | null;
  year: number;
  /** Sorted by date; one entry per date (names of coinciding holidays joined with " / "). */
  holidays: readonly PublicHoliday[];
  byDate: ReadonlyMap<string, PublicHoliday>;
  /** Saturdays and Sundays that are working days (swapped for a bridge day), by date → name. */
  workingDays: ReadonlyMap<string, string>;
}

const MINUTES_PER_DAY = 1440;
/** Slack for DST: a local day lasts 23 to 25 hours. */
const DST_SLACK_MINUTES = 60;

const libraries = new Map<string, Holidays>();
const holidaySets = new Map<string, HolidaySet>();
const localisedNames = new Map<string, ReadonlyMap<string, string>>();

function libraryFor(country: string, state: string | null): Holidays {
  const key = `${country}|${state ?? ""}`;
  let library = libraries.get(key);
  if (!library) {
    library = state ? new Holidays(country, state) : new Holidays(country);
    libraries.set(key, library);
  }
  return library;
}

/**
 * The local calendar dates a library holiday takes whole. Its `date` is the local start
 * ("YYYY-MM-DD hh:mm:ss", optionally followed by an offset); `end - start` is its length.
 */
export function wholeDaysOf(holiday: Pick<HolidaysTypes.Holiday, "date" | "start" | "end">): string[] {
  const startDay = parseCivilDate(holiday.date.slice(0, 10));
  if (startDay === undefined) return [];
  const hours = Number(holiday.date.slice(11, 13)) || 0;
  const minutes = Number(holiday.date.slice(14, 16)) || 0;
  const seconds = Number(holiday.date.slice(17, 19)) || 0;
  const startMinute = hours * 60 + minutes + seconds / 60;
  const endMinute = startMinute + (holiday.end.getTime() - holiday.start.getTime()) / 60_000;
  const days: string[] = [];
  for (
    let k = Math.ceil(startMinute / MINUTES_PER_DAY);
    (k + 1) * MINUTES_PER_DAY - DST_SLACK_MINUTES <= endMinute;
    k++
  ) {
    days.push(formatCivilDate(startDay + k));
  }
  return days;
}

function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0]?.toLowerCase() || "en";
}

/** date → names of the public holidays the library puts on that day, within `year`. */
function libraryDays(
  country: string,
  state: string | null,
  year: number,
  language: string,
): Map<string, PublicHoliday> {
  const library = libraryFor(country, state);
  const prefix = `${year}-`;
  const days = new Map<string, PublicHoliday>();
  // A holiday of one year's rules can land in the next or previous year (US: New Year's Day
  // 2028 is observed on Friday 31 December 2027), so the neighbours' lists are read too.
  for (const listYear of [year - 1, year, year + 1]) {
    for (const holiday of library.getHolidays(listYear, language)) {
      if (holiday.type !== "public") continue;
      for (const date of wholeDaysOf(holiday)) {
        if (!date.startsWith(prefix)) continue;
        const existing = days.get(date);
        if (!existing) {
          days.set(date, {
            date,
            name: holiday.name,
            origin: "date-holidays",
            substitute: holiday.substitute === true,
          });
        } else if (!existing.name.split(" / ").includes(holiday.name)) {
          existing.name = `${existing.name} / ${holiday.name}`;
          existing.substitute = existing.substitute && holiday.substitute === true;
        }
      }
    }
  }
  return days;
}

function applyOverrides(
  days: Map<string, PublicHoliday>,
  workingDays: Map<string, string>,
  country: string,
  region: string | null,
  year: number,
): void {
  for (const entry of overridesFor(country, region, year)) {
    if (entry.action === "remove") days.delete(entry.date);
    else if (entry.action === "working") workingDays.set(entry.date, entry.name);
    else days.set(entry.date, { date: entry.date, name: entry.name, origin: "override", substitute: false });
  }
}

/**
 * The public holidays that take a whole day in `country` (ISO 3166-1 alpha-2) and, optionally,
 * `region` (ISO 3166-2) during `year`. Cached per (country, region, year).
 */
export function publicHolidays(country: string, region: string | null | undefined, year: number): HolidaySet {
  const state = holidayStateFor(country, region);
  const key = `${country}|${state ?? ""}|${year}`;
  const cached = holidaySets.get(key);
  if (cached) return cached;
  const calendarRegion = state ? `${country}-${state}` : null;
  const days = libraryDays(country, state, year, "en");
  const workingDays = new Map<string, string>();
  applyOverrides(days, workingDays, country, calendarRegion, year);
  const holidays = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const holiday of holidays) Object.freeze(holiday);
  const set: HolidaySet = Object.freeze({
    country,
    region: calendarRegion,
    year,
    holidays: Object.freeze(holidays),
    byDate: new Map(holidays.map((holiday) => [holiday.date, holiday])),
    workingDays,
  });
  holidaySets.set(key, set);
  return set;
}

/** The public holiday on `date` (`YYYY-MM-DD`), or undefined. */
export function publicHolidayOn(date: string, country: string, region?: string | null): PublicHoliday | undefined {
  const year = Number(date.slice(0, 4));
  return publicHolidays(country, region, year).byDate.get(date);
}

/**
 * The name of the holiday on `date` in `locale`'s language: the override table's own names for
 * its days, the library's where it has that language, English otherwise.
 */
export function localisedHolidayName(
  date: string,
  country: string,
  region: string | null | undefined,
  locale: string,
): string | undefined {
  const holiday = publicHolidayOn(date, country, region);
  if (!holiday) return undefined;
  const language = languageOf(locale);
  if (language === "en") return holiday.name;
  if (holiday.origin === "override") {
    const state = holidayStateFor(country, region);
    const entry = overridesFor(country, state ? `${country}-${state}` : null, Number(date.slice(0, 4))).find(
      (item) => item.date === date && item.action === "add",
    );
    return entry?.names[language] ?? holiday.name;
  }
  const state = holidayStateFor(country, region);
  const year = Number(date.slice(0, 4));
  const key = `${country}|${state ?? ""}|${year}|${language}`;
  let names = localisedNames.get(key);
  if (!names) {
    names = new Map([...libraryDays(country, state, year, language)].map(([day, entry]) => [day, entry.name]));
    localisedNames.set(key, names);
  }
  return names.get(date) ?? holiday.name;
}
