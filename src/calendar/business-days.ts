import { formatCivilDate, isWeekend, parseCivilDate, yearOf } from "./civil-date.js";
import { localisedHolidayName, publicHolidays } from "./holidays.js";

/**
 * Business days: every day but Saturdays, Sundays and the public holidays of the country and
 * region (`holidays.ts`), plus the weekend days a government declared working days
 * (`overrides.ts`, action `working`). When a holiday falls on a weekend its name is given as the reason,
 * not "weekend": "26 December: Boxing Day" explains a skipped Saturday better than "weekend".
 */

export const WEEKEND = "weekend";

/** Why a day is not a business day: `"weekend"` or the holiday's name. */
export type NonBusinessReason = string;

const MEMO_LIMIT = 50_000;

/**
 * One place's calendar, answering per day number (`civil-date.ts`). Each answer is memoised, so
 * after the first look at a day a deadline computation costs one Map lookup per day it passes.
 */
export class BusinessCalendar {
  private readonly reasons = new Map<number, NonBusinessReason | null>();

  constructor(
    readonly country: string,
    readonly region: string | null,
  ) {}

  /** Null for a business day, else the reason it is not one. */
  reasonOn(dayNumber: number): NonBusinessReason | null {
    const memo = this.reasons.get(dayNumber);
    if (memo !== undefined) return memo;
    const set = publicHolidays(this.country, this.region, yearOf(dayNumber));
    const date = formatCivilDate(dayNumber);
    const holiday = set.byDate.get(date);
    // A weekend day the government made a working day (e.g. Hungary's swapped Saturdays) counts.
    const reason = holiday ? holiday.name : isWeekend(dayNumber) && !set.workingDays.has(date) ? WEEKEND : null;
    if (this.reasons.size >= MEMO_LIMIT) this.reasons.clear();
    this.reasons.set(dayNumber, reason);
    return reason;
  }
}

const calendars = new Map<string, BusinessCalendar>();

/** The (cached) business calendar of a country and optional ISO 3166-2 region. */
export function businessCalendar(country: string, region?: string | null): BusinessCalendar {
  const key = region ? `${country}|${region}` : country;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new BusinessCalendar(country, region ?? null);
    calendars.set(key, calendar);
  }
  return calendar;
}

function dayNumberOrThrow(date: string): number {
  const day = parseCivilDate(date);
  if (day === undefined) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  return day;
}

/** True when `date` (`YYYY-MM-DD`) is a business day in `country` / `region`. */
export function isBusinessDay(date: string, country: string, region?: string | null): boolean {
  return businessCalendar(country, region).reasonOn(dayNumberOrThrow(date)) === null;
}

/**
 * Null when `date` is a business day; else `"weekend"` or the holiday's name (in `locale`'s
 * language where the holiday library has one, English otherwise).
 */
export function nonBusinessReason(
  date: string,
  country: string,
  region?: string | null,
  locale?: string,
): NonBusinessReason | null {
  const reason = businessCalendar(country, region).reasonOn(dayNumberOrThrow(date));
  if (reason === null || reason === WEEKEND || !locale) return reason;
  return localisedHolidayName(date, country, region, locale) ?? reason;
}

export interface SkippedDay {
  dayNumber: number;
  reason: NonBusinessReason;
}

export interface BusinessDayCount {
  /** Day number of the n-th business day. */
  dayNumber: number;
  /** Every day passed over on the way, in order. */
  skipped: SkippedDay[];
}

/** The `n`-th business day strictly after day number `start` (n ≥ 1). */
export function nthBusinessDayAfter(calendar: BusinessCalendar, start: number, n: number): BusinessDayCount {
  const skipped: SkippedDay[] = [];
  let counted = 0;
  let day = start;
  while (counted < n) {
    day += 1;
    const reason = calendar.reasonOn(day);
    if (reason === null) counted += 1;
    else skipped.push({ dayNumber: day, reason });
  }
  return { dayNumber: day, skipped };
}
