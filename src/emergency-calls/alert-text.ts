import type { AccountRecord } from "../accounts/service.js";
import { customerAddressLine } from "../notifications/address-line.js";
import type { Rendered } from "../notifications/render.js";
import type { NotificationType } from "../notifications/types.js";
import type { CivicAddress } from "../addresses/civic-fields.js";
import { filledText as fill } from "../platform/i18n.js";
import type { Locale } from "../platform/locales.js";
import type { EmergencyCallRecord } from "./evidence.js";

export type AlertNotificationType = Extract<NotificationType, `emergency.${string}`>;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const formats = new Map<string, Intl.DateTimeFormat>();
/** Date and time to the second, with the zone: built once per language and zone (costly to make). */
function dateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "long", timeZone });
    formats.set(key, format);
  }
  return format;
}

/** One text of `locales/<lng>/notifications.json`, filled in. */
const filledText = (locale: Locale, key: string, vars: Record<string, string>) =>
  fill(locale, "notifications", key, vars);

/** The link to the call's view in the staff console. */
export function callLink(publicUrl: string, record: Pick<EmergencyCallRecord, "accountId" | "id">): string {
  return `${publicUrl}/console/#/emergency-calls/${record.accountId ?? "~"}/${record.id}`;
}

/**
 * The variables of an on-site alert in the account's language: what 47 CFR 9.16(b)(2) requires
 * (that a 911 call was made, a valid callback number, the location sent to the answering point)
 * plus the device and a link to the call in the console.
 */
export function alertVariables(
  account: AccountRecord,
  record: EmergencyCallRecord,
  link: string,
): Record<string, string> {
  const locale = account.locale;
  const translate = (key: string) => filledText(locale, key, {});
  const address = record.location?.address as CivicAddress | undefined;
  return {
    deviceName: record.deviceLabel ?? record.deviceId ?? record.identity ?? translate("emergency.unknownDevice"),
    dialed: record.dialed,
    callbackNumber: record.callbackNumber ?? translate("emergency.unknownCallback"),
    location: address ? customerAddressLine(address, locale) : translate("emergency.noLocation"),
    placedAt: dateTimeFormat(locale, account.timeZone).format(new Date(record.startedAt)),
    callLink: link,
  };
}

/**
 * Renders an on-site alert: no greeting — the first line a security desk reads is the alert itself.
 * Variables are inserted unescaped into the text and escaped into the HTML.
 */
export function renderAlert(type: AlertNotificationType, locale: Locale, vars: Record<string, string>): Rendered {
  const subject = filledText(locale, `${type}.subject`, vars);
  const paragraphs = filledText(locale, `${type}.body`, vars).split(/\n{2,}/);
  const footer = filledText(locale, "common.footer", {});
  const text = `${paragraphs.join("\n\n")}\n\n-- \n${footer}\n`;
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
    paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("") +
    `<hr><p><small>${escapeHtml(footer)}</small></p></body></html>`;
  return { subject, text, html };
}
