import { EU_MEMBER_STATES, SEED_COUNTRIES } from "../geography/countries.js";

/**
 * What an end user is owed when a port is late, per country, as data.
 *
 * Directive (EU) 2018/1972 (EECC) Art. 106(7)–(8): member states lay down rules on compensating
 * end users for delays and abuse of porting, and end users are told of them. The amounts are
 * national. A scheme is entered here only where its statute or regulator decision could be read
 * and its amount, basis and payer verified; everywhere else `scheme` is `null` and `note` says
 * what is known and why nothing is computed. Never a guess: an unverified amount is left out.
 *
 * The delay is counted from the porting deadline (`deadline.ts`: one business day after the later
 * of the agreed date and the last requirement): each day after the deadline day up to the day the
 * numbers are active (or today, while the request is still open) is a delayed day. `day` says
 * which days count (business days of the numbers' own calendar, or every calendar day), `fromDay`
 * from which counted day the amount is owed, `fullDaysOnly` whether the day of activation itself
 * counts (a scheme paying per *full* day of delay does not count a day the port finished in).
 *
 * Chosen by the ported numbers' country (the request's `country`), never the account's: a German
 * customer porting Australian numbers is under Australian rules.
 */

export interface CompensationScheme {
  /** Per ported number, or once per request. */
  per: "number" | "request";
  /** Which days after the deadline count. */
  day: "working" | "calendar";
  /** The first counted delayed day that is paid (1 = the first day after the deadline). */
  fromDay: number;
  /** Only days that ended before activation count. */
  fullDaysOnly: boolean;
  /** Amount per counted day (and per number when `per` is `number`), in `currency`. */
  amountPerDay: number;
  /** ISO 4217. */
  currency: string;
  /** Most that is owed for one request, or null where the rule sets no cap. */
  cap: number | null;
}

export interface CompensationRule {
  country: string;
  /** The verified scheme, or null where none could be verified (see `note`). */
  scheme: CompensationScheme | null;
  /** Statute or regulator decision, with its clause. */
  source: string;
  /** Short name of the rule as the customer notice cites it. */
  citation: string;
  /** Who pays, what is not modelled, or why there is no scheme. */
  note: string;
}

const EECC_106 =
  "Directive (EU) 2018/1972 (EECC) Art. 106(7)-(8): member states set compensation for porting delays and abuse";

const RULES: readonly CompensationRule[] = [
  {
    country: "DE",
    scheme: {
      per: "request",
      day: "working",
      fromDay: 1,
      fullDaysOnly: false,
      amountPerDay: 10,
      currency: "EUR",
      cap: null,
    },
    source:
      "§ 59 Abs. 4 Telekommunikationsgesetz (TKG 2021, in force 1 December 2021): where the service is interrupted for longer than one working day, the end user may claim EUR 10 for each further working day, unless the end user is responsible for the delay; summarised by the Bundesnetzagentur's consumer guidance on Anbieterwechsel",
    citation: "§ 59 TKG",
    note: "Owed per end user (the claim is the end user's), not per number: the statute names no per-number amount. The deadline here already allows the one working day, so every working day after the deadline day is a further working day. The statute's text was checked through the regulator's and consumer bodies' summaries; re-read § 59 TKG when it is amended.",
  },
  {
    country: "PT",
    scheme: {
      per: "number",
      day: "calendar",
      fromDay: 1,
      fullDaysOnly: true,
      amountPerDay: 2.5,
      currency: "EUR",
      cap: null,
    },
    source:
      "ANACOM, Regulamento da Portabilidade (Regulamento n.º 58/2005, as amended): when the porting deadline is not met the new (receiving) provider pays EUR 2.50 per number and per full day of delay, without prior request, credited on the next bill or paid within 30 days (ANACOM, 'Operator Portability' FAQ 6)",
    citation: "Regulamento da Portabilidade (ANACOM)",
    note: "Paid by the receiving provider, automatically. Non-consumer subscribers whose contracts set other compensation levels are bound by those contracts instead; the statutory figure is shown. ANACOM states no cap for delays (its EUR 5,000 cap applies to numbers ported without consent).",
  },
  {
    country: "IT",
    scheme: {
      per: "request",
      day: "calendar",
      fromDay: 1,
      fullDaysOnly: false,
      amountPerDay: 5,
      currency: "EUR",
      cap: null,
    },
    source:
      "AGCOM Delibera n. 347/18/CONS, Allegato A (Regolamento indennizzi), art. 7(2): where the delay concerns only number portability, the operator responsible pays the user EUR 5 for each day of delay",
    citation: "Delibera AGCOM 347/18/CONS, Allegato A, art. 7",
    note: "Owed by the operator responsible for the delay. Adjustments the regulation makes elsewhere (e.g. for business lines) were not verified and are not applied: the base amount is shown.",
  },
  {
    country: "BE",
    scheme: null,
    source:
      "Koninklijk besluit / Arrêté royal of 2 July 2013 on number portability, art. 13 (compensation mechanisms); BIPT consumer guidance 'There was a delay in porting your number'",
    citation: "KB/AR 2 juli/juillet 2013, art. 13",
    note: "BIPT states EUR 3 or EUR 5 per day of delay and per ported number, from more than one working day after the date set, depending on the connection type and on whether the subscriber is a natural or legal person. Which amount applies to which case could not be verified, so nothing is computed; claims go to the new operator within six months.",
  },
  {
    country: "IE",
    scheme: null,
    source: `${EECC_106}, transposed by the European Union (Electronic Communications Code) Regulations 2022 (S.I. No. 444 of 2022); ComReg's compensation scheme of 2024`,
    citation: "S.I. No. 444 of 2022",
    note: "ComReg adopted a compensation scheme for switching and porting delays in 2024; its amounts and basis could not be read from the decision itself here, so nothing is computed. Enter them once verified against the ComReg decision.",
  },
];

const NO_SCHEME_EU =
  "No national amount verified: the EECC obliges the member state to set compensation, but its amount, basis and payer were not verified from the national statute or regulator decision, so nothing is computed.";
const NO_SCHEME_OTHER: Readonly<Record<string, string>> = {
  GB: "No statutory per-day amount for porting delays verified (Ofcom's automatic compensation scheme covers repairs, missed appointments and new-line delays, not ports).",
  US: "No federal per-day compensation for porting delays (47 CFR § 52.35 sets the interval, not compensation).",
  CA: "No CRTC per-day compensation for porting delays verified.",
  AU: "No per-day compensation for porting delays verified (the Customer Service Guarantee Standard covers connections and repairs, not ports).",
  BR: "No per-day compensation for porting delays verified in Anatel Resolução nº 460/2007.",
};

const byCountry = new Map<string, CompensationRule>();
for (const rule of RULES) byCountry.set(rule.country, rule);
for (const country of EU_MEMBER_STATES) {
  if (!byCountry.has(country))
    byCountry.set(country, { country, scheme: null, source: EECC_106, citation: "EECC Art. 106", note: NO_SCHEME_EU });
}
for (const country of SEED_COUNTRIES) {
  if (!byCountry.has(country))
    byCountry.set(country, {
      country,
      scheme: null,
      source: "—",
      citation: "—",
      note: NO_SCHEME_OTHER[country] ?? "No compensation rule verified.",
    });
}
for (const rule of byCountry.values()) {
  if (rule.scheme) Object.freeze(rule.scheme);
  Object.freeze(rule);
}

/** The compensation rule of the ported numbers' country (ISO 3166-1 alpha-2), if covered. */
export function compensationRuleFor(country: string): CompensationRule | undefined {
  return byCountry.get(country);
}

/** Every covered country's rule, for documentation and tests. */
export function compensationRules(): readonly CompensationRule[] {
  return [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country));
}
