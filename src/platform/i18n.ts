import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n, type TFunction } from "i18next";
import { SUPPORTED_LOCALES, type Locale } from "./locales.js";
import { projectRoot } from "./paths.js";

let instance: i18n | undefined;

/**
 * One i18next instance for the process, with every `locales/<lng>/<namespace>.json` loaded
 * synchronously at first use (the files are small and read once). Falls back to English only for
 * a locale no account may choose; the supported locales carry every key (a test checks).
 */
export function translator(): i18n {
  if (instance) return instance;
  const resources: Record<string, Record<string, unknown>> = {};
  const dir = join(projectRoot(), "locales");
  for (const lng of SUPPORTED_LOCALES) {
    resources[lng] = {};
    for (const file of readdirSync(join(dir, lng)).filter((f) => f.endsWith(".json"))) {
      resources[lng][file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, lng, file), "utf8"));
    }
  }
  const created = i18next.createInstance();
  void created.init({
    initAsync: false,
    resources: resources as never,
    supportedLngs: [...SUPPORTED_LOCALES],
    fallbackLng: "en",
    // Keys like "911-service-availability.text" use "." for nesting and ":" for namespaces.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

/** A translation function bound to one locale and namespace. */
export function t(locale: Locale, namespace: string): TFunction {
  return translator().getFixedT(locale, namespace);
}

const templates = new Map<string, string>();

/**
 * One text of `locales/<lng>/<namespace>.json` with its plain `{{name}}` placeholders filled in,
 * values inserted as they are. The raw text is read from i18next once per language and key and
 * kept (English where the language lacks it, the key where both do): an emergency call's alert and
 * its address line are built on the intake's path, where i18next's per-call `getFixedT` and
 * interpolation were 5 % of the API's CPU (ADR 0028). For texts with plain placeholders only —
 * no plurals, nesting or formatting; those go through {@link t}.
 */
export function filledText(locale: Locale, namespace: string, key: string, vars: Record<string, string>): string {
  const cacheKey = `${locale}\u0000${namespace}\u0000${key}`;
  let raw = templates.get(cacheKey);
  if (raw === undefined) {
    const found: unknown = translator().getResource(locale, namespace, key);
    const english: unknown = translator().getResource("en", namespace, key);
    raw = typeof found === "string" ? found : typeof english === "string" ? english : key;
    templates.set(cacheKey, raw);
  }
  return raw.replace(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g, (_, name: string) => vars[name] ?? "");
}
