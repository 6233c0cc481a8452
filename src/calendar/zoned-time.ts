/**
 * The one clock rule (issue 20), for what the service writes (e-mails): every time with its
 * zone's name ("1. Dezember 2026, 14:05 MEZ"); a time at a place (a device's location) in the
 * place's zone, and a staff action there also in the reader's zone when that differs. The
 * console follows the same rule (console/src/i18n.ts). Pure: no I/O.
 */

/** `instant` as a date and time in `timeZone`, with the zone's short name in `locale`. */
export function zonedDateTime(locale: string, instant: string | Date, timeZone: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: the parts are spelled out instead.
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(instant));
}

/**
 * A staff action at a place: in the place's zone, then — when the reader's zone shows another
 * time — the reader's, in brackets ("14:05 MEZ (08:05 EST)" on the same day, with dates otherwise).
 */
export function staffActionTime(locale: string, instant: string | Date, placeZone: string, readerZone: string): string {
  const atPlace = zonedDateTime(locale, instant, placeZone);
  const forReader = zonedDateTime(locale, instant, readerZone);
  return forReader === atPlace ? atPlace : `${atPlace} (${forReader})`;
}
