import { countryLocale, DEFAULT_LOCALE, isLocale, type Locale } from '@linked-all/i18n';

/** Calling codes of our markets → ISO country (the phone is the one thing every account has). */
const CALLING_CODES: [string, string][] = [
  ['+254', 'KE'],
  ['+255', 'TZ'],
  ['+256', 'UG'],
  ['+250', 'RW'],
  ['+234', 'NG'],
  ['+233', 'GH'],
  ['+27', 'ZA'],
  ['+225', 'CI'],
  ['+221', 'SN'],
  ['+237', 'CM'],
  ['+20', 'EG'],
  ['+212', 'MA'],
  ['+258', 'MZ'],
  ['+244', 'AO'],
];

/** The country of an E.164 number, when it is one of our markets. */
export function countryOfPhone(phone: string): string | undefined {
  return CALLING_CODES.find(([prefix]) => phone.startsWith(prefix))?.[1];
}

/** The user's language, else their country's, else English. */
export function messageLocale(language: string | null | undefined, phone: string | null): Locale {
  if (isLocale(language)) return language;
  return countryLocale(phone ? countryOfPhone(phone) : undefined) ?? DEFAULT_LOCALE;
}
