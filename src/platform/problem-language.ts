/**
 * Problem details in the request's language (issue 20): `Accept-Language` picks one of the
 * supported locales (English when none fits), and the problem's title, detail and field messages
 * are looked up in `locales/<lng>/problems.json`. The code keeps writing English; each text there
 * is an English template whose `{{placeholders}}` match any text, so a message found in English
 * is re-written in the other language with the same values. A message no template matches stays
 * English (and a test on the German console finds it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { SUPPORTED_LOCALES, type Locale } from "./locales.js";
import { projectRoot } from "./paths.js";

type Section = "titles" | "details" | "fields";
type ProblemTexts = Record<Section, Record<string, string>>;

interface Template {
  pattern: RegExp;
  names: string[];
}

let loaded: { texts: Map<Locale, ProblemTexts>; templates: Record<Section, Map<string, Template>> } | undefined;

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const texts = new Map<Locale, ProblemTexts>();
  for (const lng of SUPPORTED_LOCALES)
    texts.set(
      lng,
      JSON.parse(readFileSync(join(projectRoot(), "locales", lng, "problems.json"), "utf8")) as ProblemTexts,
    );
  const english = texts.get("en")!;
  const templates = { titles: new Map(), details: new Map(), fields: new Map() } as Record<
    Section,
    Map<string, Template>
  >;
  // The most specific template first (most literal text), so "is required for addresses in
  // {{country}}" does not swallow "… in {{country}}: a responder must be able to find the door".
  const literal = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, "").length;
  for (const section of ["titles", "details", "fields"] as const)
    for (const [id, text] of Object.entries(english[section]).sort(([, a], [, b]) => literal(b) - literal(a)))
      templates[section].set(id, compile(text));
  loaded = { texts, templates };
  return loaded;
}

/** `must be at most {{max}} characters` → /^must be at most (.+?) characters$/ with names [max]. */
function compile(text: string): Template {
  const names: string[] = [];
  const source = text
    .split(/(\{\{\s*\w+\s*\}\})/)
    .map((part) => {
      const name = /^\{\{\s*(\w+)\s*\}\}$/.exec(part)?.[1];
      if (name) {
        names.push(name);
        return "([\\s\\S]*?)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), names };
}

/**
 * The best supported locale for an `Accept-Language` header (RFC 9110 §12.5.4): by q-value, an
 * exact tag first, then its primary language (`de-AT` → `de`, `pt` or `pt-PT` → `pt-BR`).
 */
export function problemLanguage(header: string | undefined): Locale {
  if (!header) return "en";
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === "*") return "en";
    const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const primary = tag.split("-")[0];
    const byPrimary = SUPPORTED_LOCALES.find((l) => l.toLowerCase().split("-")[0] === primary);
    if (byPrimary) return byPrimary;
  }
  return "en";
}

/** `text` (English, as the code wrote it) in `lng`, when a template of `section` matches it. */
export function localizedText(section: Section, text: string, lng: Locale): string {
  if (lng === "en" || !text) return text;
  const { texts, templates } = load();
  const target = texts.get(lng)?.[section];
  if (!target) return text;
  for (const [id, template] of templates[section]) {
    const match = template.pattern.exec(text);
    if (!match) continue;
    const translated = target[id];
    if (!translated) return text;
    const values = new Map(template.names.map((name, i) => [name, match[i + 1] ?? ""]));
    return translated.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values.get(name) ?? "");
  }
  return text;
}

/** zod's own message for an issue in `lng` (zod ships de, fr, nl and pt), or null. */
function zodMessage(issue: z.core.$ZodIssue, lng: Locale): string | null {
  const locale = { en: z.locales.en, de: z.locales.de, fr: z.locales.fr, nl: z.locales.nl, "pt-BR": z.locales.pt }[lng];
  const made = locale().localeError(issue as never);
  const message = typeof made === "string" ? made : made?.message;
  return message ?? null;
}

/**
 * A field message in `lng`: zod's default messages through zod's locale for that issue, the
 * service's own messages through the `fields` templates.
 */
export function localizedFieldMessage(message: string, lng: Locale, issue?: z.core.$ZodIssue): string {
  if (lng === "en") return message;
  if (issue && zodMessage(issue, "en") === message) return zodMessage(issue, lng) ?? message;
  return localizedText("fields", message, lng);
}
