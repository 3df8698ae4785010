/** The languages every user-facing word exists in. English is the reference catalogue. */
export const LOCALES = ['en', 'fr', 'sw', 'ar', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Arabic is written right to left; pages set `dir` from this. */
export function direction(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** The language a country's shoppers most often read, used when the user has not said. */
const COUNTRY_LOCALE: Record<string, Locale> = {
  NG: 'en',
  GH: 'en',
  ZA: 'en',
  KE: 'sw',
  TZ: 'sw',
  UG: 'en',
  RW: 'en',
  CI: 'fr',
  SN: 'fr',
  CM: 'fr',
  EG: 'ar',
  MA: 'ar',
  MZ: 'pt',
  AO: 'pt',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function countryLocale(country: string | undefined): Locale | undefined {
  return country ? COUNTRY_LOCALE[country.toUpperCase()] : undefined;
}

/** BCP 47 tag for Intl: the language with the shopper's country where we know it (fr-CI, sw-KE). */
export function intlTag(locale: Locale, country?: string): string {
  return country && /^[A-Za-z]{2}$/.test(country) ? `${locale}-${country.toUpperCase()}` : locale;
}
