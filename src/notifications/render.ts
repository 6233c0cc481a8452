import { t } from "../platform/i18n.js";
import { zonedDateTime } from "../calendar/zoned-time.js";
import type { Locale } from "../platform/locales.js";
import type { NotificationType } from "./types.js";

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Renders one notification in `locale`: subject, a plain-text part and an HTML part built from the
 * same paragraphs. Variables are inserted unescaped into the text and escaped into the HTML.
 */
export function renderNotification(
  type: NotificationType,
  locale: Locale,
  vars: Record<string, string>,
  extraParagraphs: string[] = [],
): Rendered {
  const translate = t(locale, "notifications");
  const subject = translate(`${type}.subject`, vars);
  const paragraphs = [
    translate("common.greeting", vars),
    ...translate(`${type}.body`, vars).split(/\n{2,}/),
    ...extraParagraphs,
    translate("common.signoff"),
  ];
  const footer = translate("common.footer");
  const text = `${paragraphs.join("\n\n")}\n\n-- \n${footer}\n`;
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
    paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("") +
    `<hr><p><small>${escapeHtml(footer)}</small></p></body></html>`;
  return { subject, text, html };
}

/** A calendar date (`YYYY-MM-DD`) written as the contract says: `dateStyle: "long"` in the zone. */
export function formatDate(locale: Locale, date: string, timeZone: string): string {
  // Noon UTC keeps the calendar day in every zone from UTC-11 to UTC+12.
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(new Date(`${date}T12:00:00Z`));
}

/** An instant written as date and time in `timeZone`, with the zone's name (the one clock rule). */
export function formatDateTime(locale: Locale, instant: string, timeZone: string): string {
  return zonedDateTime(locale, instant, timeZone);
}
