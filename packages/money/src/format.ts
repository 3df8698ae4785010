import { CURRENCIES, type CurrencyCode } from './currencies';

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units for people, in the currency's own locale unless told otherwise. */
export function formatMoney(amount: number, currency: CurrencyCode, locale?: string): string {
  const { exponent, locale: home } = CURRENCIES[currency];
  const key = `${locale ?? home}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale ?? home, {
      style: 'currency',
      currency,
      currencyDisplay: 'symbol',
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(amount / 10 ** exponent);
}
