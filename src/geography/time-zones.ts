/**
 * The IANA time zone of a place, from its country and (optionally) its ISO 3166-2 subdivision.
 *
 * One zone per country, overridden per subdivision where the country spans several zones. Where a
 * subdivision itself spans zones (e.g. US-TN, US-FL, BR-AM) the zone of the majority of its
 * population is used; a caller that knows better passes an explicit `timeZone`.
 * Source: the IANA tz database (zone1970.tab), 2025 release.
 */

const COUNTRY_ZONE: Readonly<Record<string, string>> = {
  AT: "Europe/Vienna",
  AU: "Australia/Sydney",
  BE: "Europe/Brussels",
  BG: "Europe/Sofia",
  BR: "America/Sao_Paulo",
  CA: "America/Toronto",
  CY: "Asia/Nicosia",
  CZ: "Europe/Prague",
  DE: "Europe/Berlin",
  DK: "Europe/Copenhagen",
  EE: "Europe/Tallinn",
  ES: "Europe/Madrid",
  FI: "Europe/Helsinki",
  FR: "Europe/Paris",
  GB: "Europe/London",
  GR: "Europe/Athens",
  HR: "Europe/Zagreb",
  HU: "Europe/Budapest",
  IE: "Europe/Dublin",
  IT: "Europe/Rome",
  LT: "Europe/Vilnius",
  LU: "Europe/Luxembourg",
  LV: "Europe/Riga",
  MT: "Europe/Malta",
  NL: "Europe/Amsterdam",
  PL: "Europe/Warsaw",
  PT: "Europe/Lisbon",
  RO: "Europe/Bucharest",
  SE: "Europe/Stockholm",
  SI: "Europe/Ljubljana",
  SK: "Europe/Bratislava",
  US: "America/New_York",
};

const EASTERN = "America/New_York";
const CENTRAL = "America/Chicago";
const MOUNTAIN = "America/Denver";
const PACIFIC = "America/Los_Angeles";

const SUBDIVISION_ZONE: Readonly<Record<string, string>> = {
  // United States: states, DC and the inhabited outlying areas.
  "US-AL": CENTRAL,
  "US-AK": "America/Anchorage",
  "US-AZ": "America/Phoenix",
  "US-AR": CENTRAL,
  "US-CA": PACIFIC,
  "US-CO": MOUNTAIN,
  "US-CT": EASTERN,
  "US-DE": EASTERN,
  "US-DC": EASTERN,
  "US-FL": EASTERN,
  "US-GA": EASTERN,
  "US-HI": "Pacific/Honolulu",
  "US-ID": "America/Boise",
  "US-IL": CENTRAL,
  "US-IN": "America/Indiana/Indianapolis",
  "US-IA": CENTRAL,
  "US-KS": CENTRAL,
  "US-KY": "America/Kentucky/Louisville",
  "US-LA": CENTRAL,
  "US-ME": EASTERN,
  "US-MD": EASTERN,
  "US-MA": EASTERN,
  "US-MI": "America/Detroit",
  "US-MN": CENTRAL,
  "US-MS": CENTRAL,
  "US-MO": CENTRAL,
  "US-MT": MOUNTAIN,
  "US-NE": CENTRAL,
  "US-NV": PACIFIC,
  "US-NH": EASTERN,
  "US-NJ": EASTERN,
  "US-NM": MOUNTAIN,
  "US-NY": EASTERN,
  "US-NC": EASTERN,
  "US-ND": CENTRAL,
  "US-OH": EASTERN,
  "US-OK": CENTRAL,
  "US-OR": PACIFIC,
  "US-PA": EASTERN,
  "US-RI": EASTERN,
  "US-SC": EASTERN,
  "US-SD": CENTRAL,
  "US-TN": CENTRAL,
  "US-TX": CENTRAL,
  "US-UT": MOUNTAIN,
  "US-VT": EASTERN,
  "US-VA": EASTERN,
  "US-WA": PACIFIC,
  "US-WV": EASTERN,
  "US-WI": CENTRAL,
  "US-WY": MOUNTAIN,
  "US-PR": "America/Puerto_Rico",
  "US-VI": "America/St_Thomas",
  "US-GU": "Pacific/Guam",
  "US-AS": "Pacific/Pago_Pago",
  "US-MP": "Pacific/Saipan",
  // Canada: provinces and territories.
  "CA-AB": "America/Edmonton",
  "CA-BC": "America/Vancouver",
  "CA-MB": "America/Winnipeg",
  "CA-NB": "America/Moncton",
  "CA-NL": "America/St_Johns",
  "CA-NS": "America/Halifax",
  "CA-NT": "America/Yellowknife",
  "CA-NU": "America/Iqaluit",
  "CA-ON": "America/Toronto",
  "CA-PE": "America/Halifax",
  "CA-QC": "America/Toronto",
  "CA-SK": "America/Regina",
  "CA-YT": "America/Whitehorse",
  // Australia: states and territories.
  "AU-ACT": "Australia/Sydney",
  "AU-NSW": "Australia/Sydney",
  "AU-NT": "Australia/Darwin",
  "AU-QLD": "Australia/Brisbane",
  "AU-SA": "Australia/Adelaide",
  "AU-TAS": "Australia/Hobart",
  "AU-VIC": "Australia/Melbourne",
  "AU-WA": "Australia/Perth",
  // Brazil: states and the Federal District.
  "BR-AC": "America/Rio_Branco",
  "BR-AL": "America/Maceio",
  "BR-AP": "America/Belem",
  "BR-AM": "America/Manaus",
  "BR-BA": "America/Bahia",
  "BR-CE": "America/Fortaleza",
  "BR-DF": "America/Sao_Paulo",
  "BR-ES": "America/Sao_Paulo",
  "BR-GO": "America/Sao_Paulo",
  "BR-MA": "America/Fortaleza",
  "BR-MT": "America/Cuiaba",
  "BR-MS": "America/Campo_Grande",
  "BR-MG": "America/Sao_Paulo",
  "BR-PA": "America/Belem",
  "BR-PB": "America/Fortaleza",
  "BR-PR": "America/Sao_Paulo",
  "BR-PE": "America/Recife",
  "BR-PI": "America/Fortaleza",
  "BR-RJ": "America/Sao_Paulo",
  "BR-RN": "America/Fortaleza",
  "BR-RS": "America/Sao_Paulo",
  "BR-RO": "America/Porto_Velho",
  "BR-RR": "America/Boa_Vista",
  "BR-SC": "America/Sao_Paulo",
  "BR-SP": "America/Sao_Paulo",
  "BR-SE": "America/Maceio",
  "BR-TO": "America/Araguaina",
  // EU members with territories in other zones.
  "ES-CN": "Atlantic/Canary",
  "ES-GC": "Atlantic/Canary",
  "ES-TF": "Atlantic/Canary",
  "PT-20": "Atlantic/Azores",
  "PT-30": "Atlantic/Madeira",
  "FR-971": "America/Guadeloupe",
  "FR-972": "America/Martinique",
  "FR-973": "America/Cayenne",
  "FR-974": "Indian/Reunion",
  "FR-976": "Indian/Mayotte",
  "FR-GP": "America/Guadeloupe",
  "FR-MQ": "America/Martinique",
  "FR-GF": "America/Cayenne",
  "FR-RE": "Indian/Reunion",
  "FR-YT": "Indian/Mayotte",
};

/**
 * The IANA zone for a country and optional ISO 3166-2 subdivision code (`"AU-VIC"`).
 * @returns `undefined` for a country the table does not know.
 */
export function timeZoneFor(country: string, region?: string | null): string | undefined {
  if (region) {
    const zone = SUBDIVISION_ZONE[region];
    if (zone) return zone;
  }
  return COUNTRY_ZONE[country];
}

/** True when `zone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
