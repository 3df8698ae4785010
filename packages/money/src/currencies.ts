import { z } from 'zod';

/**
 * ISO 4217 currencies we trade in, with their minor-unit exponent and the
 * locale prices are shown in. XOF, UGX and RWF have no minor unit: 1500 XOF
 * is stored as 1500, not 150000.
 */
export const CURRENCIES = {
  NGN: { exponent: 2, locale: 'en-NG', country: 'NG' },
  KES: { exponent: 2, locale: 'en-KE', country: 'KE' },
  GHS: { exponent: 2, locale: 'en-GH', country: 'GH' },
  XOF: { exponent: 0, locale: 'fr-CI', country: 'CI' },
  ZAR: { exponent: 2, locale: 'en-ZA', country: 'ZA' },
  EGP: { exponent: 2, locale: 'en-EG', country: 'EG' },
  UGX: { exponent: 0, locale: 'en-UG', country: 'UG' },
  RWF: { exponent: 0, locale: 'en-RW', country: 'RW' },
  TZS: { exponent: 2, locale: 'en-TZ', country: 'TZ' },
  USD: { exponent: 2, locale: 'en-US', country: 'US' },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CurrencyCode = z.enum(Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]]);

/** A price: integer minor units plus its currency, never a float. */
export const Money = z.object({
  amount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Minor units per major unit (100 for KES, 1 for XOF). */
export function minorPerMajor(currency: CurrencyCode): number {
  return 10 ** CURRENCIES[currency].exponent;
}

/** Converts a whole number of major units to minor units (5000 KES → 500000). */
export function fromMajor(major: number, currency: CurrencyCode): number {
  return Math.round(major * minorPerMajor(currency));
}
