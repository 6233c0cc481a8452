/**
 * Calendar dates (`YYYY-MM-DD`) as whole day numbers counted from 1970-01-01.
 *
 * Business-day arithmetic runs on these integers so the hot path of a deadline computation never
 * builds a `Date` or a Luxon object: adding a day is `+ 1`, the weekday is a modulo. The
 * conversions are the proleptic-Gregorian "days from civil" formulas (public-domain algorithm
 * described by Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 */

export const MS_PER_DAY = 86_400_000;

/** Day number of a proleptic-Gregorian year/month/day (month 1–12). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Year, month and day of a day number. */
export function civilOf(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The calendar year a day number falls in. */
export function yearOf(dayNumber: number): number {
  return civilOf(dayNumber).year;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day number of a `YYYY-MM-DD` string, or `undefined` when it is not one or names a day that
 * does not exist (`2026-02-30`). Reads character codes rather than using a RegExp: this runs on
 * every deadline computation.
 */
export function parseCivilDate(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberOf(year, month, day);
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

const isoCache = new Map<number, string>();
const ISO_CACHE_LIMIT = 100_000;

/** `YYYY-MM-DD` of a day number (memoised: the same few hundred days recur constantly). */
export function formatCivilDate(dayNumber: number): string {
  const cached = isoCache.get(dayNumber);
  if (cached !== undefined) return cached;
  const { year, month, day } = civilOf(dayNumber);
  const text = `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
  if (isoCache.size >= ISO_CACHE_LIMIT) isoCache.clear();
  isoCache.set(dayNumber, text);
  return text;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}
