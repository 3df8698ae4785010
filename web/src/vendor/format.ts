import { formatDate, type Locale } from '@linked-all/i18n';
import { CURRENCIES, CurrencyCode, formatMoney } from '@linked-all/money';

/** An amount in minor units, in the vendor's language; an unknown currency still shows its number. */
export function money(locale: Locale, amount: number, currency: string): string {
  const code = CurrencyCode.safeParse(currency);
  return code.success ? formatMoney(amount, code.data, locale) : `${amount} ${currency}`;
}

export const day = (locale: Locale, iso: string) => formatDate(iso, locale);
export const when = (locale: Locale, iso: string) => formatDate(iso, locale, { time: true });

/** "colour: black, size: M". */
export const optionText = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');

const exponentOf = (currency: string) => {
  const code = CurrencyCode.safeParse(currency);
  return code.success ? CURRENCIES[code.data].exponent : 2;
};

/** "1500.50" typed by the vendor → minor units (150050), or null when it is not an amount. */
export function toMinor(text: string, currency: string): number | null {
  const clean = text.trim().replace(/[\s,]/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(clean)) return null;
  const exponent = exponentOf(currency);
  const [whole, fraction = ''] = clean.split('.');
  if (fraction.length > exponent) return null;
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
}

/** Minor units → the plain number a price field shows ("1500.50"). */
export function fromMinor(amount: number, currency: string): string {
  const exponent = exponentOf(currency);
  return exponent ? (amount / 10 ** exponent).toFixed(exponent) : String(amount);
}
