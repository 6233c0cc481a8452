import { z } from "zod";
import { coveredCountry } from "../accounts/schemas.js";
import { COVERED_COUNTRIES } from "../geography/countries.js";
import { localizedSubdivisions } from "../geography/subdivision-names.js";
import { SUBDIVISION_LEVEL } from "../geography/subdivisions.js";
import { problemLanguage } from "../platform/problem-language.js";
import type { Locale } from "../platform/locales.js";
import { ADDRESS_RULES, addressRulesFor } from "../addresses/address-rules.js";
import { NotFoundError } from "../platform/errors.js";
import { defineRoute, type Api } from "../platform/http/route.js";

const addressFormat = z
  .object({
    country: z.string(),
    source: z.string().describe("The addressing standard the rules follow"),
    layout: z.array(z.array(z.string())).describe("Form lines, top to bottom, as civic-address field names"),
    required: z.array(z.string()),
    requiredOneOf: z.array(z.array(z.string())),
    postalCodeExample: z.string(),
    regionLevel: z.string().nullable().describe("Which ISO 3166-2 level `region` takes"),
    regions: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .describe(
        "ISO 3166-2 subdivisions accepted as `region`, named in the request's language (Accept-Language): CLDR's name, else the ISO 3166-2 (local) name; English names in English",
      ),
  })
  .meta({ id: "AddressFormat" });

/** One covered country's address form: what the console's location editor is built from. */
export function addressFormatOf(country: string, lng: Locale = "en"): z.infer<typeof addressFormat> {
  const rules = addressRulesFor(country);
  if (!rules) throw new NotFoundError("address format");
  return {
    country,
    source: rules.source,
    layout: rules.layout.map((line) => [...line]),
    required: [...rules.required],
    requiredOneOf: rules.requiredOneOf.map((group) => [...group]),
    postalCodeExample: rules.postalCode.example,
    regionLevel: SUBDIVISION_LEVEL[country]?.level ?? null,
    regions: localizedSubdivisions(country, lng).map((s) => ({ code: s.code, name: s.name })),
  };
}

/** The per-country address rules and ISO 3166-2 lists, published for forms (the console's among them). */
export function addressFormatRoutes(api: Api): void {
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/address-formats",
      operationId: "listAddressFormats",
      scope: "none",
      tag: "Console",
      summary: "The covered countries whose address formats can be read",
      roles: "any",
      responses: { 200: { description: "Country codes", schema: z.object({ countries: z.array(z.string()) }) } },
    },
    ({ res }) => {
      res
        .set("Cache-Control", "private, max-age=3600")
        .json({ countries: COVERED_COUNTRIES.filter((c) => Object.hasOwn(ADDRESS_RULES, c)) });
    },
  );
  defineRoute(
    api,
    {
      method: "get",
      path: "/v1/address-formats/{country}",
      operationId: "getAddressFormat",
      scope: "none",
      tag: "Console",
      summary: "A country's address form: field order, required fields, postal-code example, regions",
      roles: "any",
      params: z.object({ country: coveredCountry }),
      responses: { 200: { description: "The address format", schema: addressFormat } },
    },
    ({ params, req, res }) => {
      const lng = problemLanguage(req.headers["accept-language"]);
      res
        .set({ "Cache-Control": "private, max-age=3600", "Content-Language": lng, Vary: "Accept-Language" })
        .json(addressFormatOf(params.country, lng));
    },
  );
}
