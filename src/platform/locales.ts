/**
 * The languages customers can choose: those of the source contracts (English, French, Dutch,
 * German) plus Brazilian Portuguese for the Brazilian market (supplement, Brazil terms).
 */
export const SUPPORTED_LOCALES = ["en", "de", "fr", "nl", "pt-BR"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export function isSupportedLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
