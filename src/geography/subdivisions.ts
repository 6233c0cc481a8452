/**
 * ISO 3166-2 subdivisions accepted as an address's `region` (RFC 5139 `A1`), per covered country.
 *
 * Base data: the `iso-3166-2` package. Its tables predate several ISO 3166-2 changes, so a country
 * whose list changed is given here explicitly (`table`), and smaller fixes are patched (`drop`,
 * `add`, `rename`). Every correction was cross-checked against Debian `iso-codes` 4.15
 * (`iso_3166-2.json`, which follows the ISO Online Browsing Platform) and names the change it
 * follows. Names are the English exonym where one is established (Bavaria, Munster, Crete);
 * otherwise the ISO 3166-2 name, which is the local form.
 *
 * Only subdivisions whose addresses are posted in the country itself are accepted: France's
 * overseas collectivities (PF, NC, WF, PM, BL, MF, TF, CP), the Netherlands' Caribbean parts
 * (AW, CW, SX, BQ1–3) and US-UM have ISO 3166-1 codes of their own and zones that
 * `time-zones.ts` does not carry, so accepting them would give a wrong local time.
 */
import { createRequire } from "node:module";

/** One ISO 3166-2 subdivision: its full code (`DE-BY`) and an English or ISO name. */
export interface Subdivision {
  code: string;
  name: string;
}

/** What the `region` of an address in a country may be, with an example for error messages. */
export interface SubdivisionLevel {
  level: string;
  example: string;
}

/**
 * Which ISO 3166-2 level(s) `region` accepts per country. A country with two tiers accepts the
 * tier its addresses or emergency services use: Belgium's 112 centres are provincial, Spanish
 * and Italian addresses carry the province, French ones the département.
 */
export const SUBDIVISION_LEVEL: Readonly<Record<string, SubdivisionLevel>> = {
  AT: { level: "the 9 Länder", example: "AT-9" },
  AU: { level: "the 6 states and 2 mainland territories", example: "AU-NSW" },
  BE: { level: "the 3 regions or the 10 provinces", example: "BE-VAN" },
  BG: { level: "the 28 oblasts", example: "BG-22" },
  BR: { level: "the 26 states and the Federal District (BR-DF)", example: "BR-SP" },
  CA: { level: "the 10 provinces and 3 territories", example: "CA-ON" },
  CY: { level: "the 6 districts", example: "CY-01" },
  CZ: { level: "the 13 regions and the capital (CZ-10)", example: "CZ-10" },
  DE: { level: "the 16 Länder", example: "DE-BY" },
  DK: { level: "the 5 regions", example: "DK-84" },
  EE: { level: "the 15 counties", example: "EE-37" },
  ES: { level: "the 17 autonomous communities, Ceuta and Melilla, or the 50 provinces", example: "ES-MD" },
  FI: { level: "the 19 regions", example: "FI-18" },
  FR: {
    level:
      "the 13 metropolitan regions, the 96 metropolitan départements, or an overseas département/region (FR-971…FR-976, FR-GP…FR-YT)",
    example: "FR-IDF",
  },
  GB: { level: "the four nations: GB-ENG, GB-NIR, GB-SCT, GB-WLS (council areas go in `county`)", example: "GB-ENG" },
  GR: { level: "the 13 administrative regions and Mount Athos (GR-69)", example: "GR-I" },
  HR: { level: "the 20 counties and the City of Zagreb (HR-21)", example: "HR-21" },
  HU: { level: "the 19 counties, Budapest and the 23 cities with county rights", example: "HU-BU" },
  IE: { level: "the 26 counties (the unit Irish addresses carry; provinces are not accepted)", example: "IE-D" },
  IT: { level: "the 20 regions or the provinces and metropolitan cities", example: "IT-RM" },
  LT: { level: "the 10 counties", example: "LT-VL" },
  LU: { level: "the 12 cantons", example: "LU-LU" },
  LV: { level: "the state cities and municipalities as ISO 3166-2 lists them", example: "LV-RIX" },
  MT: { level: "the 68 local councils", example: "MT-60" },
  NL: { level: "the 12 provinces", example: "NL-NH" },
  PL: { level: "the 16 voivodeships", example: "PL-14" },
  PT: {
    level: "the 18 districts and the autonomous regions of the Azores (PT-20) and Madeira (PT-30)",
    example: "PT-11",
  },
  RO: { level: "the 41 counties and Bucharest (RO-B)", example: "RO-B" },
  SE: { level: "the 21 counties", example: "SE-AB" },
  SI: { level: "the 212 municipalities", example: "SI-061" },
  SK: { level: "the 8 regions", example: "SK-BL" },
  US: { level: "the 50 states, DC, and the inhabited territories (AS, GU, MP, PR, VI)", example: "US-CA" },
};

/** How a country's list is assembled: package types, an explicit table, or both, then patches. */
interface CountrySource {
  /** Subdivision `type`s to take from the `iso-3166-2` package (its own spelling). */
  packageTypes?: readonly string[];
  table?: readonly Subdivision[];
  drop?: readonly string[];
  add?: readonly Subdivision[];
  rename?: Readonly<Record<string, string>>;
}

/** Builds `{code, name}` entries from `"CODE=Name"` pairs: keeps the tables below readable. */
function entries(country: string, pairs: string): Subdivision[] {
  return pairs.split(";").map((pair) => {
    const [code = "", name = ""] = pair.split("=");
    return { code: `${country}-${code.trim()}`, name: name.trim() };
  });
}

const SOURCES: Readonly<Record<string, CountrySource>> = {
  AT: {
    packageTypes: ["Federal länder"],
    rename: {
      "AT-2": "Carinthia",
      "AT-3": "Lower Austria",
      "AT-4": "Upper Austria",
      "AT-6": "Styria",
      "AT-7": "Tyrol",
      "AT-9": "Vienna",
    },
  },
  AU: { packageTypes: ["State", "Territory"] },
  BE: {
    packageTypes: ["Region", "Province"],
    rename: {
      "BE-BRU": "Brussels-Capital Region",
      "BE-VLG": "Flemish Region",
      "BE-WAL": "Walloon Region",
      "BE-VAN": "Antwerp",
      "BE-VBR": "Flemish Brabant",
      "BE-VOV": "East Flanders",
      "BE-VWV": "West Flanders",
      "BE-WBR": "Walloon Brabant",
    },
  },
  // BG-22 is the capital city oblast, BG-23 the surrounding Sofia oblast; the package names both "Sofia".
  BG: { packageTypes: ["Region"], rename: { "BG-22": "Sofia City", "BG-23": "Sofia Province" } },
  BR: { packageTypes: ["State", "Federal district"] },
  CA: { packageTypes: ["Province", "Territory"] },
  CY: {
    packageTypes: ["District"],
    rename: {
      "CY-01": "Nicosia",
      "CY-02": "Limassol",
      "CY-03": "Larnaca",
      "CY-04": "Famagusta",
      "CY-05": "Paphos",
      "CY-06": "Kyrenia",
    },
  },
  // ISO 3166-2 replaced the lettered region codes (CZ-PR, CZ-ST, …) with the numeric NUTS-based
  // ones in 2011; the package still has the letters.
  CZ: {
    table: entries(
      "CZ",
      "10=Prague;20=Central Bohemian Region;31=South Bohemian Region;32=Plzeň Region;41=Karlovy Vary Region;" +
        "42=Ústí nad Labem Region;51=Liberec Region;52=Hradec Králové Region;53=Pardubice Region;63=Vysočina Region;" +
        "64=South Moravian Region;71=Olomouc Region;72=Zlín Region;80=Moravian-Silesian Region",
    ),
  },
  DE: {
    packageTypes: ["Länder"],
    rename: {
      "DE-BY": "Bavaria",
      "DE-HE": "Hesse",
      "DE-MV": "Mecklenburg-Western Pomerania",
      "DE-NI": "Lower Saxony",
      "DE-NW": "North Rhine-Westphalia",
      "DE-RP": "Rhineland-Palatinate",
      "DE-SN": "Saxony",
      "DE-ST": "Saxony-Anhalt",
      "DE-TH": "Thuringia",
    },
  },
  DK: {
    packageTypes: ["Region"],
    rename: {
      "DK-81": "North Denmark Region",
      "DK-82": "Central Denmark Region",
      "DK-83": "Region of Southern Denmark",
      "DK-84": "Capital Region of Denmark",
      "DK-85": "Region Zealand",
    },
  },
  // Estonia's county codes were realigned with the national EHAK codes after the 2017
  // administrative reform (ISO 3166-2 OBP change for EE); the package has the old numbers.
  EE: {
    table: entries(
      "EE",
      "37=Harju County;39=Hiiu County;45=Ida-Viru County;50=Jõgeva County;52=Järva County;56=Lääne County;" +
        "60=Lääne-Viru County;64=Põlva County;68=Pärnu County;71=Rapla County;74=Saare County;79=Tartu County;" +
        "81=Valga County;84=Viljandi County;87=Võru County",
    ),
  },
  ES: {
    packageTypes: ["Autonomous community", "Autonomous city in north africa", "Province"],
    rename: {
      "ES-AN": "Andalusia",
      "ES-AR": "Aragon",
      "ES-AS": "Asturias",
      "ES-CL": "Castile and León",
      "ES-CM": "Castilla–La Mancha",
      "ES-CN": "Canary Islands",
      "ES-CT": "Catalonia",
      "ES-IB": "Balearic Islands",
      "ES-MC": "Region of Murcia",
      "ES-MD": "Community of Madrid",
      "ES-NC": "Navarre",
      "ES-PV": "Basque Country",
      "ES-VC": "Valencian Community",
      "ES-A": "Alicante",
      "ES-CS": "Castellón",
      "ES-NA": "Navarre",
      "ES-PM": "Balearic Islands",
      "ES-VI": "Álava",
    },
  },
  FI: {
    packageTypes: ["Region"],
    rename: {
      "FI-01": "Åland",
      "FI-02": "South Karelia",
      "FI-03": "South Ostrobothnia",
      "FI-04": "South Savo",
      "FI-06": "Tavastia Proper",
      "FI-07": "Central Ostrobothnia",
      "FI-08": "Central Finland",
      "FI-10": "Lapland",
      "FI-11": "Pirkanmaa",
      "FI-12": "Ostrobothnia",
      "FI-13": "North Karelia",
      "FI-14": "North Ostrobothnia",
      "FI-15": "North Savo",
      "FI-16": "Päijät-Häme",
      "FI-17": "Satakunta",
      "FI-18": "Uusimaa",
      "FI-19": "Southwest Finland",
    },
  },
  // The 2016 regional reform (reflected in ISO 3166-2 in 2016) replaced the 22 lettered regions
  // (FR-A…FR-V) with 13; Corsica is the collectivity FR-20R. The overseas départements gained
  // numeric codes (FR-971…) beside their region codes. The package has the pre-2016 regions.
  FR: {
    packageTypes: ["Metropolitan department"],
    table: [
      ...entries(
        "FR",
        "ARA=Auvergne-Rhône-Alpes;BFC=Bourgogne-Franche-Comté;BRE=Brittany;CVL=Centre-Val de Loire;" +
          "20R=Corsica;GES=Grand Est;HDF=Hauts-de-France;IDF=Île-de-France;NOR=Normandy;NAQ=Nouvelle-Aquitaine;" +
          "OCC=Occitania;PDL=Pays de la Loire;PAC=Provence-Alpes-Côte d'Azur",
      ),
      ...entries("FR", "GP=Guadeloupe;MQ=Martinique;GF=French Guiana;RE=Réunion;YT=Mayotte"),
      ...entries("FR", "971=Guadeloupe;972=Martinique;973=French Guiana;974=Réunion;976=Mayotte"),
    ],
  },
  // The four nations only: they are stable, whereas the council tier has changed repeatedly
  // (Northern Ireland 2015, BCP 2019, the 2023 English unitaries) and the package lags it.
  GB: { table: entries("GB", "ENG=England;NIR=Northern Ireland;SCT=Scotland;WLS=Wales") },
  // The 2011 Kallikratis reform abolished the prefectures; ISO 3166-2 deleted the numeric
  // department codes, leaving the 13 regions and Mount Athos. The package still has them.
  GR: {
    table: entries(
      "GR",
      "A=Eastern Macedonia and Thrace;B=Central Macedonia;C=Western Macedonia;D=Epirus;E=Thessaly;" +
        "F=Ionian Islands;G=Western Greece;H=Central Greece;I=Attica;J=Peloponnese;K=North Aegean;L=South Aegean;" +
        "M=Crete;69=Mount Athos",
    ),
  },
  HR: { packageTypes: ["County", "City"], rename: { "HR-21": "City of Zagreb" } },
  // Csongrád county was renamed Csongrád-Csanád by Act of Parliament in 2020.
  HU: { packageTypes: ["County", "Capital city", "City of county right"], rename: { "HU-CS": "Csongrád-Csanád" } },
  // Counties, in English (the package has the Irish names). Addresses say "Co. Kerry", not the province.
  IE: {
    table: entries(
      "IE",
      "CW=Carlow;CN=Cavan;CE=Clare;CO=Cork;DL=Donegal;D=Dublin;G=Galway;KY=Kerry;KE=Kildare;" +
        "KK=Kilkenny;LS=Laois;LM=Leitrim;LK=Limerick;LD=Longford;LH=Louth;MO=Mayo;MH=Meath;MN=Monaghan;OY=Offaly;" +
        "RN=Roscommon;SO=Sligo;TA=Tipperary;WD=Waterford;WH=Westmeath;WW=Wicklow;WX=Wexford",
    ),
  },
  // After Sardinia's 2016 reorganisation ISO 3166-2 (OBP change for IT) deleted Carbonia-Iglesias,
  // Medio Campidano, Ogliastra and Olbia-Tempio and added Sud Sardegna; Aosta has no province.
  // Sardinia's later provinces are not in ISO's list yet; revisit when ISO publishes them.
  IT: {
    packageTypes: ["Region", "Province"],
    drop: ["IT-AO", "IT-CI", "IT-VS", "IT-OG", "IT-OT"],
    add: entries("IT", "SU=Sud Sardegna"),
    rename: {
      "IT-21": "Piedmont",
      "IT-23": "Aosta Valley",
      "IT-25": "Lombardy",
      "IT-32": "Trentino-South Tyrol",
      "IT-36": "Friuli-Venezia Giulia",
      "IT-52": "Tuscany",
      "IT-75": "Apulia",
      "IT-82": "Sicily",
      "IT-88": "Sardinia",
    },
  },
  LT: { packageTypes: ["County"] },
  // Luxembourg abolished its three districts in 2015; ISO 3166-2 (2015)
  // replaced them with the 12 cantons. The package has the districts.
  LU: {
    table: entries(
      "LU",
      "CA=Capellen;CL=Clervaux;DI=Diekirch;EC=Echternach;ES=Esch-sur-Alzette;GR=Grevenmacher;" +
        "LU=Luxembourg;ME=Mersch;RD=Redange;RM=Remich;VD=Vianden;WI=Wiltz",
    ),
  },
  // Latvia's 2021 reform merged the municipalities; ISO's list in our sources (package and
  // iso-codes 4.15 agree) predates it, so the pre-2021 codes are what can be validated today.
  LV: { packageTypes: ["Republican city", "Municipality"] },
  MT: { packageTypes: ["Local council"] },
  NL: { packageTypes: ["Province"] },
  // ISO 3166-2 (OBP change of 2018) replaced the lettered voivodeship codes (PL-MZ, …) with the
  // TERYT numbers (PL-14, …); the package still has the letters.
  PL: {
    table: entries(
      "PL",
      "02=Lower Silesian;04=Kuyavian-Pomeranian;06=Lublin;08=Lubusz;10=Łódź;12=Lesser Poland;" +
        "14=Masovian;16=Opole;18=Subcarpathian;20=Podlaskie;22=Pomeranian;24=Silesian;26=Holy Cross;" +
        "28=Warmian-Masurian;30=Greater Poland;32=West Pomeranian",
    ),
  },
  PT: {
    packageTypes: ["District", "Autonomous region"],
    rename: { "PT-11": "Lisbon", "PT-20": "Azores", "PT-30": "Madeira" },
  },
  RO: { packageTypes: ["Department", "Municipality"], rename: { "RO-B": "Bucharest" } },
  SE: { packageTypes: ["County"] },
  // Ankaran became Slovenia's 212th municipality in 2011; ISO 3166-2 added it as SI-213.
  SI: { packageTypes: ["Commune"], add: entries("SI", "213=Ankaran") },
  SK: { packageTypes: ["Region"] },
  US: { packageTypes: ["State", "District", "Outlying area"], drop: ["US-UM"] },
};

interface PackageSubdivision {
  type: string;
  name: string;
}

/** The `iso-3166-2` package ships no types; only `data[country].sub` is read, defensively. */
function packageSubdivisions(country: string): Readonly<Record<string, PackageSubdivision>> {
  const require = createRequire(import.meta.url);
  const pkg = require("iso-3166-2") as { data?: Record<string, { sub?: Record<string, PackageSubdivision> }> };
  return pkg.data?.[country]?.sub ?? {};
}

/**
 * The package writes Romanian with cedillas (ş, ţ) where Romanian uses commas below (ș, ț), and
 * marks some Spanish names with a trailing "*" (its note on the co-official language).
 */
function cleanName(name: string): string {
  return name.replace(/ş/g, "ș").replace(/ţ/g, "ț").replace(/Ş/g, "Ș").replace(/Ţ/g, "Ț").replace(/\*$/, "").trim();
}

function build(country: string, source: CountrySource): Subdivision[] {
  const byCode = new Map<string, string>();
  for (const entry of source.table ?? []) byCode.set(entry.code, entry.name);
  if (source.packageTypes) {
    const types = new Set(source.packageTypes);
    for (const [code, sub] of Object.entries(packageSubdivisions(country))) {
      if (types.has(sub.type) && !byCode.has(code)) byCode.set(code, cleanName(sub.name));
    }
  }
  for (const code of source.drop ?? []) byCode.delete(code);
  for (const entry of source.add ?? []) byCode.set(entry.code, entry.name);
  for (const [code, name] of Object.entries(source.rename ?? {})) if (byCode.has(code)) byCode.set(code, name);
  return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code, "en"));
}

const SUBDIVISIONS: ReadonlyMap<string, readonly Subdivision[]> = new Map(
  Object.entries(SOURCES).map(([country, source]) => [country, Object.freeze(build(country, source))]),
);
const CODES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [...SUBDIVISIONS].map(([country, list]) => [country, new Set(list.map((s) => s.code))]),
);

/**
 * The subdivisions accepted as `region` for a country (ISO 3166-1 alpha-2, upper case), sorted by
 * code. Empty for a country the service does not cover.
 */
export function subdivisionsOf(country: string): readonly Subdivision[] {
  return SUBDIVISIONS.get(country) ?? [];
}

/** True when `code` (full ISO 3166-2 form, upper case, e.g. `"DE-BY"`) is accepted for `country`. */
export function isSubdivisionOf(country: string, code: string): boolean {
  return CODES.get(country)?.has(code) ?? false;
}

/** The English (or ISO) name of an accepted subdivision, for display; `undefined` if unknown. */
export function subdivisionName(country: string, code: string): string | undefined {
  return SUBDIVISIONS.get(country)?.find((s) => s.code === code)?.name;
}
