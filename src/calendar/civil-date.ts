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
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
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

/**
 * Epoch milliseconds of an ISO 8601 instant with an explicit offset —
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)` — or `undefined` for anything else, including a
 * local time without offset (which would silently mean the server's zone) and impossible
 * fields. Hand-rolled for the same reason as `parseCivilDate`: `Date.parse` plus a RegExp cost
 * more than the rest of a deadline computation.
 */
export function parseInstant(text: string): number | undefined {
  const length = text.length;
  if (length < 17 || (text.charCodeAt(10) !== 84 /* T */ && text.charCodeAt(10) !== 116) /* t */) return undefined;
  const dayNumber = parseCivilDate(text.slice(0, 10));
  if (dayNumber === undefined || text.charCodeAt(13) !== 58) return undefined;
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  let position = 16;
  let second = 0;
  let millisecond = 0;
  if (text.charCodeAt(position) === 58) {
    second = digits(text, 17, 19);
    if (second < 0 || second > 59) return undefined;
    position = 19;
    if (text.charCodeAt(position) === 46 /* . */) {
      const fractionStart = position + 1;
      position = fractionStart;
      while (position < length && position - fractionStart < 9) {
        const code = text.charCodeAt(position) - 48;
        if (code < 0 || code > 9) break;
        if (position - fractionStart < 3) millisecond = millisecond * 10 + code;
        position++;
      }
      const fractionDigits = position - fractionStart;
      if (fractionDigits === 0) return undefined;
      for (let i = fractionDigits; i < 3; i++) millisecond *= 10;
    }
  }
  let offsetMinutes: number;
  const designator = text.charCodeAt(position);
  if ((designator === 90 /* Z */ || designator === 122) /* z */ && position + 1 === length) {
    offsetMinutes = 0;
  } else if (
    (designator === 43 /* + */ || designator === 45) /* - */ &&
    position + 6 === length &&
    text.charCodeAt(position + 3) === 58
  ) {
    const offsetHours = digits(text, position + 1, position + 3);
    const offsetRest = digits(text, position + 4, position + 6);
    if (offsetHours < 0 || offsetHours > 23 || offsetRest < 0 || offsetRest > 59) return undefined;
    offsetMinutes = (designator === 45 ? -1 : 1) * (offsetHours * 60 + offsetRest);
  } else {
    return undefined;
  }
  return dayNumber * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
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
