/**
 * The page's texts: `locales/<lng>/console.json` served by the service (the same locale tree as
 * the service's e-mails), looked up with i18next's key and `{{variable}}` conventions. A tiny
 * lookup instead of shipping i18next itself: the page needs nesting and interpolation only.
 */

export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "de", name: "Deutsch" },
  { code: "fr", name: "Français" },
  { code: "nl", name: "Nederlands" },
  { code: "pt-BR", name: "Português (Brasil)" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "vc-console-language";
let language: Language = "en";
let texts: Record<string, unknown> = {};
let english: Record<string, unknown> = {};

function isLanguage(value: string | null): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

async function fetchTexts(lng: Language): Promise<Record<string, unknown>> {
  const reply = await fetch(`/console/locales/${lng}/console.json`, { headers: { accept: "application/json" } });
  if (!reply.ok) throw new Error(`texts for ${lng}: ${reply.status}`);
  return (await reply.json()) as Record<string, unknown>;
}

/**
 * Loads the chosen language (remembered in this browser; English until someone picks another,
 * so the page reads the same for everyone who has not chosen).
 */
export async function loadLanguage(wanted?: Language): Promise<void> {
  const stored = localStorage.getItem(STORAGE_KEY);
  const lng: Language = wanted ?? (isLanguage(stored) ? stored : "en");
  if (Object.keys(english).length === 0) english = await fetchTexts("en");
  texts = lng === "en" ? english : await fetchTexts(lng);
  language = lng;
  if (wanted) localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
}

export function currentLanguage(): Language {
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

/** Dates and times as people of this language write them. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
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
