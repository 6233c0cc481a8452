/**
 * Numbers that a covered country once used as emergency numbers and has retired. A caller in
 * panic dials the number they learned: fail-safe, such a call is treated as an emergency call and
 * reported as the number that replaced it (`connectsAs`), like the catalogue's network aliases.
 * Numbers that have since become something else are not listed here (Denmark's 114 is the
 * police's non-emergency line; the Czech 15x numbers the plan does not assign stay unassigned):
 * those are recorded as differences from libphonenumber in the catalogue instead.
 *
 * `retiredOn` is the first day the country's networks no longer connected the number to the
 * emergency service (a recorded message pointing to the new number counts as no longer
 * connecting). Where no source for the date was found, it is null and the note says so.
 */
export interface RetiredNumber {
  readonly dialed: string;
  readonly connectsAs: string;
  /** `YYYY-MM-DD`, or null where the date could not be verified (see `note`). */
  readonly retiredOn: string | null;
  readonly sources: readonly string[];
  readonly note: string;
}

const EE =
  "EE: Häirekeskus / Politsei- ja Piirivalveamet announcement: the police short number 110 closed on 1 March 2020, callers hear a message to dial 112 (reported e.g. by Viimsi Teataja, https://viimsiteataja.ee/huvitavat/1-martsist-saab-politseid-kutsuda-vaid-numbrilt-112/)";
const LT =
  "LT: Government resolution of 17 November 2004 on the use of the emergency services' short numbers during the change to 112, as amended; Bendrasis pagalbos centras: the old numbers 01, 101, 011, 02, 102, 022, 03, 103 and 033 no longer used in public networks from 1 October 2021, a recorded message until 31 March 2022, switched off on 1 April 2022";
const LV =
  "LV: the USSR-era service numbers (01 fire, 02 police, 03 ambulance), replaced in the national numbering plan by 112 (fire and rescue, and the single number), 110 (State Police) and 113 (emergency medical service); Google libphonenumber's short-number metadata still lists 01-03 as emergency numbers";
const HR =
  "HR: HAKOM, Plan numeriranja of 9 December 2009 (short codes 192, 193, 194, 195 and 1987 for the emergency services), and HAKOM's page on emergency services (https://www.hakom.hr/hr/hitne-sluzbe/184)";
const HR_94 =
  "HR: Zavod za hitnu medicinu: 94 no longer used for the emergency medical service from 27 January 2014, only 194 (https://zhm-mz.hr/194-novi-broj-hitne-medicinske-sluzbe-2/; net.hr, 27 January 2014)";
const SE =
  "SE: SOS Alarm history: 90 000 was the national emergency number from 1956 until 112 replaced it on 1 July 1996 (http://hjalpportalen.nu/112/english/historik112.htm)";

const DATE_UNVERIFIED = "The date it stopped connecting is not verified: no source giving it was found.";

/** Retired emergency numbers by country (countries without any are absent). */
export const RETIRED_NUMBERS = {
  EE: [
    {
      dialed: "110",
      connectsAs: "112",
      retiredOn: "2020-03-01",
      sources: [EE],
      note: "The old police number; 112 has answered for the police since 2015.",
    },
  ],
  LV: [
    { dialed: "01", connectsAs: "112", retiredOn: null, sources: [LV], note: `Fire. ${DATE_UNVERIFIED}` },
    { dialed: "02", connectsAs: "110", retiredOn: null, sources: [LV], note: `Police. ${DATE_UNVERIFIED}` },
    { dialed: "03", connectsAs: "113", retiredOn: null, sources: [LV], note: `Ambulance. ${DATE_UNVERIFIED}` },
  ],
  LT: (
    [
      ["01", "Fire"],
      ["011", "Fire (mobile)"],
      ["101", "Fire"],
      ["02", "Police"],
      ["022", "Police (mobile)"],
      ["102", "Police"],
      ["03", "Ambulance"],
      ["033", "Ambulance (mobile)"],
      ["103", "Ambulance"],
    ] as const
  ).map(([dialed, what]) => ({
    dialed,
    connectsAs: "112",
    retiredOn: "2021-10-01",
    sources: [LT],
    note: dialed.startsWith("0")
      ? `${what}. Matched as the exact string only: it is too short to be 0 (the national prefix since 2024) and a national number.`
      : `${what}.`,
  })),
  HR: [
    {
      dialed: "93",
      connectsAs: "193",
      retiredOn: null,
      sources: [HR],
      note: `Fire brigade, replaced by 193. ${DATE_UNVERIFIED}`,
    },
    {
      dialed: "94",
      connectsAs: "194",
      retiredOn: "2014-01-27",
      sources: [HR, HR_94],
      note: "Emergency medical service, replaced by 194 (in use since 16 January 2012).",
    },
  ],
  SE: [
    {
      dialed: "90000",
      connectsAs: "112",
      retiredOn: "1996-07-01",
      sources: [SE],
      note: "Written 90 000; the national emergency number for forty years.",
    },
  ],
} satisfies Readonly<Record<string, readonly RetiredNumber[]>>;
