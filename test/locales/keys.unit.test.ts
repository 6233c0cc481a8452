import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { t, translator } from "../../src/platform/i18n.js";
import { SUPPORTED_LOCALES, type Locale } from "../../src/platform/locales.js";
import { projectRoot } from "../../src/platform/paths.js";

/**
 * Every `locales/<lng>/<namespace>.json` must carry exactly the keys of English, with the same
 * interpolation variables, no empty strings and no untranslated (English) text. Keys are
 * flattened as `<namespace>:<dotted.path>`, the way i18next addresses them (`.` nests, `:` picks
 * the namespace).
 */

const BASE: Locale = "en";
const LOCALES_DIR = join(projectRoot(), "locales");

/**
 * `<locale>:<namespace>:<key>` entries allowed to read exactly as in English (proper nouns,
 * product names). Keep it empty unless a word really is the same in that language.
 */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>([]);

/**
 * The keys and variables the code relies on (CONTRACT.md "Notifications", "Number porting" and the
 * disclosures endpoint). English must match this exactly; the other locales must match English.
 */
const NOTIFICATION_TYPE_VARIABLES: Record<string, string[]> = {
  "e911.activated": ["deviceName", "displayLine", "callbackNumber", "callbackNational"],
  "location.changed": ["deviceName", "displayLine", "previousDisplayLine", "changedBy", "changedAt"],
  "port.transfer_scheduled": ["numbers", "transferNote", "deadlineDate", "reference"],
  "port.date_changed": ["numbers", "oldDate", "newDate", "reason"],
  "port.delayed": ["numbers", "requirement", "oldDate"],
  "port.overdue": ["numbers", "deadlineDate"],
  "port.completed": ["numbers", "completedDate"],
  "disclosure.reminder": ["policyTitle", "disclosureText", "year"],
  "emergency.call_placed": ["deviceName", "dialed", "callbackNumber", "location", "placedAt", "callLink"],
  "emergency.test_call": ["deviceName", "dialed", "callbackNumber", "location", "placedAt", "callLink"],
  "emergency.call_escalated": ["deviceName", "dialed", "callbackNumber", "location", "placedAt", "callLink", "waited"],
};
const REQUIREMENTS = [
  "validations_completed",
  "network_ready",
  "donor_activation_requested",
  "underlying_carrier_ported",
  "stfc_carrier_confirmed",
  "agreed_date",
];
/** Each policy text's key (the texts of POLICY_TEXTS). */
const DISCLOSURE_TEXTS = ["911-service-availability.US", "911-service-availability.CA", "emergency-limitations"];

/** Per key, the variables it may use; for notification types, the union over subject and body must be all of them. */
const EXPECTED_KEYS: Record<string, string[]> = {
  ...Object.fromEntries(
    DISCLOSURE_TEXTS.flatMap((p) => [
      [`disclosures:${p}.title`, []],
      [
        `disclosures:${p}.text`,
        p === "emergency-limitations" ? ["countryName", "numbers", "relay"] : ["countryName", "numbers"],
      ],
    ]),
  ),
  "disclosures:emergency-limitations.relay": ["relayNumber", "relayService"],
  "disclosures:emergency-limitations.noRelay": [],
  "notifications:common.greeting": ["accountName"],
  "notifications:common.signoff": [],
  "notifications:common.footer": [],
  ...Object.fromEntries(
    Object.entries(NOTIFICATION_TYPE_VARIABLES).flatMap(([type, vars]) => [
      [`notifications:${type}.subject`, vars],
      [`notifications:${type}.body`, vars],
    ]),
  ),
  "notifications:port.overdue.euCompensation": [],
  "notifications:port.transfer_scheduled.onDate": ["transferDate"],
  "notifications:port.transfer_scheduled.datePassed": ["transferDate"],
  "notifications:compensation.overdue": ["citation", "rate", "asOf", "amount", "days"],
  "notifications:compensation.completed": ["citation", "rate", "amount", "days"],
  ...Object.fromEntries(
    ["number", "request"].flatMap((per) =>
      ["working", "calendar", "calendarFull"].map((day) => [
        `notifications:compensation.rate.${per}.${day}`,
        ["amount"],
      ]),
    ),
  ),
  "notifications:skipped.intro": ["days"],
  ...Object.fromEntries(["building", "floor", "unit", "room"].map((f) => [`notifications:civic.${f}`, ["value"]])),
  ...Object.fromEntries(REQUIREMENTS.map((r) => [`notifications:requirements.${r}`, []])),
  "notifications:skipped.weekend": [],
  "notifications:emergency.noLocation": [],
  "notifications:emergency.unknownDevice": [],
  "notifications:emergency.unknownCallback": [],
};

interface LocaleData {
  /** flat key → string value */
  strings: Map<string, string>;
  /** keys whose value is not a string or a nested object (arrays, numbers, null, booleans) */
  invalid: string[];
}

function flatten(value: unknown, prefix: string, into: LocaleData): void {
  if (typeof value === "string") {
    into.strings.set(prefix, value);
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) into.invalid.push(`${prefix} (empty object)`);
    for (const [k, v] of entries) flatten(v, prefix.endsWith(":") ? `${prefix}${k}` : `${prefix}.${k}`, into);
  } else {
    into.invalid.push(`${prefix} (${Array.isArray(value) ? "array" : value === null ? "null" : typeof value})`);
  }
}

function loadLocale(locale: string): LocaleData {
  const data: LocaleData = { strings: new Map(), invalid: [] };
  for (const file of readdirSync(join(LOCALES_DIR, locale))
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const namespace = file.replace(/\.json$/, "");
    const raw = readFileSync(join(LOCALES_DIR, locale, file), "utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new Error(`locales/${locale}/${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    flatten(parsed, `${namespace}:`, data);
  }
  return data;
}

const PLACEHOLDER = /\{\{\s*-?\s*([A-Za-z_$][\w$.]*)\s*(?:,[^}]*)?\}\}/g;

/** The interpolation variables used in a string, sorted and unique. */
function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

const localeDirs = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const data = new Map(localeDirs.map((lng) => [lng, loadLocale(lng)] as const));
const base = data.get(BASE)!;
const others = SUPPORTED_LOCALES.filter((l) => l !== BASE);

describe("locale files", () => {
  it("has a directory for exactly the supported locales", () => {
    expect(localeDirs).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it("English defines exactly the keys and variables the code uses for disclosures and notifications", () => {
    const actual = Object.fromEntries(
      [...base.strings]
        .filter(([key]) => key.startsWith("disclosures:") || key.startsWith("notifications:"))
        .map(([key]) => [key, true]),
    );
    const missing = Object.keys(EXPECTED_KEYS)
      .filter((k) => !(k in actual))
      .sort();
    const extra = Object.keys(actual)
      .filter((k) => !(k in EXPECTED_KEYS))
      .sort();
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });

    for (const [key, allowed] of Object.entries(EXPECTED_KEYS)) {
      const used = variablesOf(base.strings.get(key)!);
      const unknown = used.filter((v) => !allowed.includes(v));
      expect(unknown, `${BASE} ${key} uses unknown variables`).toEqual([]);
    }
    // A notification type must use all its variables (across subject and body); a disclosure text all of its own.
    for (const [type, vars] of Object.entries(NOTIFICATION_TYPE_VARIABLES)) {
      const used = new Set([
        ...variablesOf(base.strings.get(`notifications:${type}.subject`)!),
        ...variablesOf(base.strings.get(`notifications:${type}.body`)!),
      ]);
      expect(
        vars.filter((v) => !used.has(v)),
        `${BASE} ${type} leaves variables unused`,
      ).toEqual([]);
    }
    for (const text of DISCLOSURE_TEXTS) {
      expect(variablesOf(base.strings.get(`disclosures:${text}.text`)!)).toEqual(
        text === "emergency-limitations" ? ["countryName", "numbers", "relay"] : ["countryName", "numbers"],
      );
    }
    expect(variablesOf(base.strings.get("notifications:common.greeting")!)).toEqual(["accountName"]);
  });

  describe.each(localeDirs)("%s", (locale) => {
    const own = data.get(locale)!;

    it("holds only strings (nested objects for '.' paths)", () => {
      expect(own.invalid).toEqual([]);
    });

    it("has no empty or badly formed values", () => {
      const problems: string[] = [];
      for (const [key, value] of own.strings) {
        if (value.trim() === "") problems.push(`${key}: empty`);
        else if (value !== value.trim()) problems.push(`${key}: leading or trailing whitespace`);
        if (/\r|\t/.test(value)) problems.push(`${key}: contains \\r or \\t`);
        if (/\n{3,}/.test(value)) problems.push(`${key}: more than one blank line between paragraphs`);
        if (/ \n|\n /.test(value)) problems.push(`${key}: space at a line edge`);
        if (/ {2,}/.test(value)) problems.push(`${key}: double space`);
        // After removing well-formed placeholders, no stray braces may remain.
        if (/\{\{|\}\}/.test(value.replace(PLACEHOLDER, ""))) problems.push(`${key}: malformed {{placeholder}}`);
        // i18next nesting syntax would be expanded at runtime; none of our texts should use it.
        if (value.includes("$t(")) problems.push(`${key}: contains $t( nesting`);
      }
      expect(problems).toEqual([]);
    });
  });

  describe.each(others)("%s against en", (locale) => {
    const own = data.get(locale) ?? { strings: new Map<string, string>(), invalid: [] };

    it("has exactly the keys of en", () => {
      const missing = [...base.strings.keys()].filter((k) => !own.strings.has(k)).sort();
      const extra = [...own.strings.keys()].filter((k) => !base.strings.has(k)).sort();
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    });

    it("uses the same interpolation variables as en in every string", () => {
      const mismatches: Record<string, { en: string[]; [locale: string]: string[] }> = {};
      for (const [key, enValue] of base.strings) {
        const value = own.strings.get(key);
        if (value === undefined) continue; // reported by the key-set test
        const expected = variablesOf(enValue);
        const actual = variablesOf(value);
        if (expected.join() !== actual.join()) mismatches[key] = { en: expected, [locale]: actual };
      }
      expect(mismatches).toEqual({});
    });

    it("is translated: no value is the English text", () => {
      const untranslated = [...base.strings]
        .filter(
          ([key, enValue]) => own.strings.get(key) === enValue && !SAME_AS_ENGLISH_ALLOWED.has(`${locale}:${key}`),
        )
        .map(([key]) => key)
        .sort();
      expect(untranslated).toEqual([]);
    });
  });
});

describe("i18next resolves every key in every supported locale", () => {
  const sample = (name: string): string => `«${name}»`;

  it.each(SUPPORTED_LOCALES)("%s", (locale) => {
    const unresolved: string[] = [];
    for (const [flatKey, enValue] of base.strings) {
      const [namespace, key] = [flatKey.slice(0, flatKey.indexOf(":")), flatKey.slice(flatKey.indexOf(":") + 1)];
      const vars = Object.fromEntries(variablesOf(enValue).map((v) => [v, sample(v)]));
      // Looked up without fallback: a key missing in this locale must not pass by coming out in English.
      const resource = translator().getResource(locale, namespace, key) as unknown;
      if (typeof resource !== "string" || resource !== data.get(locale)?.strings.get(flatKey)) {
        unresolved.push(`${flatKey}: not found as this locale's own string`);
        continue;
      }
      const text = t(locale, namespace)(key, vars) as unknown;
      if (typeof text !== "string") {
        unresolved.push(`${flatKey}: resolved to a ${typeof text}`);
        continue;
      }
      if (/\{\{|\}\}/.test(text)) unresolved.push(`${flatKey}: placeholder left after interpolation`);
      for (const v of Object.keys(vars))
        if (!text.includes(sample(v))) unresolved.push(`${flatKey}: {{${v}}} not substituted`);
    }
    expect(unresolved).toEqual([]);
  });

  it("keeps values unescaped (the caller escapes for HTML)", () => {
    const text = t("en", "notifications")("common.greeting", { accountName: "Smith & Sons <Ltd>" });
    expect(text).toContain("Smith & Sons <Ltd>");
  });
});
