import { DateTime, IANAZone } from "luxon";
import { civilOf, formatCivilDate, MS_PER_DAY } from "./civil-date.js";

/**
 * Local dates and end-of-day instants in an IANA zone, via Luxon, memoised.
 *
 * A Luxon conversion costs around ten microseconds; a deadline computation has a budget of two.
 * So Luxon is asked once per (zone, UTC day) for that day's UTC offset — and, on the rare day with
 * a DST change, for the minute it changes — and once per (zone, local day) for the end of that
 * day. Everything after that is arithmetic on cached numbers.
 */

interface OffsetSpan {
  /** Offset in minutes before `changesAt`. */
  before: number;
  /** First UTC millisecond of the new offset; Infinity when the offset is constant that day. */
  changesAt: number;
  after: number;
}

const CACHE_LIMIT = 20_000;
const offsetSpans = new Map<string, Map<number, OffsetSpan>>();
const endsOfDay = new Map<string, Map<number, string>>();
const zoneValidity = new Map<string, boolean>();

/** True when `zone` is an IANA zone name Luxon (and so this runtime's ICU) knows. */
export function isKnownTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < CACHE_LIMIT) zoneValidity.set(zone, valid);
  }
  return valid;
}

function luxonOffset(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

const MS_PER_MINUTE = 60_000;
const LAST_MINUTE_OF_DAY = 1439;

function spanOf(zone: string, utcDay: number): OffsetSpan {
  const start = utcDay * MS_PER_DAY;
  const before = luxonOffset(zone, start);
  const after = luxonOffset(zone, start + LAST_MINUTE_OF_DAY * MS_PER_MINUTE);
  if (before === after) return { before, changesAt: Infinity, after };
  // Offsets change on a whole minute, at most once a day in every zone in use: bisect the
  // minutes of the day, keeping `low` on the old offset and `high` on the new one.
  let low = 0;
  let high = LAST_MINUTE_OF_DAY;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (luxonOffset(zone, start + middle * MS_PER_MINUTE) === before) low = middle;
    else high = middle;
  }
  return { before, changesAt: start + high * MS_PER_MINUTE, after };
}

/** UTC offset of `zone` at instant `ms`, in minutes. */
export function offsetMinutesAt(zone: string, ms: number): number {
  let spans = offsetSpans.get(zone);
  if (!spans) {
    spans = new Map();
    offsetSpans.set(zone, spans);
  }
  const utcDay = Math.floor(ms / MS_PER_DAY);
  let span = spans.get(utcDay);
  if (!span) {
    span = spanOf(zone, utcDay);
    if (spans.size >= CACHE_LIMIT) spans.clear();
    spans.set(utcDay, span);
  }
  return ms < span.changesAt ? span.before : span.after;
}

/** Day number (`civil-date.ts`) of the local calendar date in `zone` at instant `ms`. */
export function localDayNumberAt(zone: string, ms: number): number {
  return Math.floor((ms + offsetMinutesAt(zone, ms) * MS_PER_MINUTE) / MS_PER_DAY);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  const hours = Math.floor(absolute / 60);
  const rest = absolute % 60;
  return `${sign}${hours < 10 ? "0" : ""}${hours}:${rest < 10 ? "0" : ""}${rest}`;
}

/**
 * The last millisecond of local day `dayNumber` in `zone`, as ISO 8601 with that moment's offset:
 * `2026-12-28T23:59:59.999+01:00`. The offset is the one in force at 23:59:59.999 local time, so
 * a day on which DST starts or ends carries its evening offset.
 */
export function endOfLocalDay(zone: string, dayNumber: number): string {
  let days = endsOfDay.get(zone);
  if (!days) {
    days = new Map();
    endsOfDay.set(zone, days);
  }
  let text = days.get(dayNumber);
  if (text === undefined) {
    const { year, month, day } = civilOf(dayNumber);
    const end = DateTime.fromObject({ year, month, day }, { zone }).endOf("day");
    text = `${formatCivilDate(dayNumber)}T23:59:59.999${formatOffset(end.offset)}`;
    if (days.size >= CACHE_LIMIT) days.clear();
    days.set(dayNumber, text);
  }
  return text;
}
