/**
 * The page's texts: `locales/<lng>/console.json` served by the service (the same locale tree as
 * the service's e-mails), looked up with i18next's key and `{{variable}}` conventions. A tiny
 * lookup instead of shipping i18next itself: the page needs nesting and interpolation only.
 */

const STORAGE_KEY = "vc-console-language";
let language = "en";
/** The service's languages (its one list, `SUPPORTED_LOCALES`), fetched once. */
let languages: readonly string[] = [];
let texts: Record<string, unknown> = {};
let english: Record<string, unknown> = {};

function isLanguage(value: string | null): value is string {
  return value !== null && languages.includes(value);
}

async function fetchLanguages(): Promise<readonly string[]> {
  const reply = await fetch("/console/locales.json", { headers: { accept: "application/json" } });
  if (!reply.ok) throw new Error(`languages: ${reply.status}`);
  return ((await reply.json()) as { locales: string[] }).locales;
}

/**
 * The languages the page can be read in, each named in its own words ("Deutsch", "Français"),
 * the way the browser's CLDR data writes them, so adding a language to the service adds it here.
 */
export function languageChoices(): { code: string; name: string }[] {
  return languages.map((code) => ({ code, name: ownName(code) }));
}

function ownName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: "language", languageDisplay: "standard" }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}

async function fetchTexts(lng: string): Promise<Record<string, unknown>> {
  const reply = await fetch(`/console/locales/${lng}/console.json`, { headers: { accept: "application/json" } });
  if (!reply.ok) throw new Error(`texts for ${lng}: ${reply.status}`);
  return (await reply.json()) as Record<string, unknown>;
}

/**
 * Loads the chosen language (remembered in this browser; English until someone picks another,
 * so the page reads the same for everyone who has not chosen).
 */
export async function loadLanguage(wanted?: string): Promise<void> {
  if (languages.length === 0) [languages, english] = await Promise.all([fetchLanguages(), fetchTexts("en")]);
  const stored = localStorage.getItem(STORAGE_KEY);
  const lng = wanted !== undefined && isLanguage(wanted) ? wanted : isLanguage(stored) ? stored : "en";
  texts = lng === "en" ? english : await fetchTexts(lng);
  language = lng;
  if (wanted) localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
}

export function currentLanguage(): string {
  return language;
}

function lookup(tree: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The text for `key` in the current language (English if missing), with `{{vars}}` filled in. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const text = lookup(texts, key) ?? lookup(english, key) ?? key;
  return text.replace(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g, (_, name: string) =>
    name in vars ? String(vars[name]) : `{{${name}}}`,
  );
}

/** `t` for a key that may not exist (enum values from the API): the fallback instead of the key. */
export function tOr(key: string, fallback: string, vars: Record<string, string | number> = {}): string {
  return (lookup(texts, key) ?? lookup(english, key)) ? t(key, vars) : fallback;
}

/**
 * The one clock rule (issue 20): every time is shown with its zone ("1. Dez. 2026, 14:05 MEZ").
 * Without `timeZone` it is the viewer's own (the browser's) zone.
 */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle/timeStyle cannot be combined with timeZoneName: the parts are spelled out instead.
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** The viewer's zone (the browser's). */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A time at a place (a device's location, a port's country): in that place's zone, and — for
 * staff actions — the viewer's own time as the element's title (on hover) when it differs.
 */
export function placeTime(
  iso: string | null | undefined,
  placeZone: string | null | undefined,
): { text: string; title: string | null } {
  const text = formatDateTime(iso, placeZone ?? undefined);
  const mine = formatDateTime(iso);
  return { text, title: placeZone && mine !== text ? t("clock.yourTime", { time: mine }) : null };
}

/** A calendar date (YYYY-MM-DD) written out, weekday included. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return "—";
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
