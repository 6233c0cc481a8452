/**
 * ISO 3166-2 subdivision names in the reader's language (issue 20: "Bavaria" in the German
 * console). English keeps the curated names of subdivisions.ts. Other languages take, in order:
 * 1. Unicode CLDR's translated subdivision names (`cldr-subdivisions-full`, the maintained
 *    source; for de, fr, nl and pt it carries only the United Kingdom's nations so far);
 * 2. the ISO 3166-2 name (the `iso-3166-2` package), which is the country's own form — "Bayern",
 *    "Noord-Holland", "São Paulo" — never an English exonym;
 * 3. the English name, for the few codes neither has.
 */
import { createRequire } from "node:module";
import { subdivisionsOf, type Subdivision } from "./subdivisions.js";

const require = createRequire(import.meta.url);
const cldrNames = new Map<string, Readonly<Record<string, string>>>();

/** CLDR's names for a language (`pt-BR` reads `pt`): keys like `gbsct` (code, lower case, no dash). */
function cldr(lng: string): Readonly<Record<string, string>> {
  const file = lng === "pt-BR" ? "pt" : lng;
  let names = cldrNames.get(file);
  if (!names) {
    try {
      // Loaded as a module (like the iso-3166-2 package's data): no file I/O in a rule module.
      const json = require(`cldr-subdivisions-full/subdivisions/${file}/${file}.json`) as {
        subdivisions?: { localeDisplayNames?: { subdivisions?: Record<string, string> } };
      };
      names = json.subdivisions?.localeDisplayNames?.subdivisions ?? {};
    } catch {
      names = {};
    }
    cldrNames.set(file, names);
  }
  return names;
}

function isoName(country: string, code: string): string | undefined {
  const pkg = require("iso-3166-2") as { data?: Record<string, { sub?: Record<string, { name?: string }> }> };
  const name = pkg.data?.[country]?.sub?.[code]?.name;
  return name?.replace(/\*$/, "").trim() || undefined;
}

const cache = new Map<string, readonly Subdivision[]>();

/** A country's accepted subdivisions (as `subdivisionsOf`) named in `lng`. */
export function localizedSubdivisions(country: string, lng: string): readonly Subdivision[] {
  const list = subdivisionsOf(country);
  if (lng === "en") return list;
  const key = `${country}:${lng}`;
  let found = cache.get(key);
  if (!found) {
    const names = cldr(lng);
    found = Object.freeze(
      list.map((s) => ({
        code: s.code,
        name: names[s.code.toLowerCase().replace("-", "")] ?? isoName(country, s.code) ?? s.name,
      })),
    );
    cache.set(key, found);
  }
  return found;
}
