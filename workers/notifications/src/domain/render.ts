import { intlTag, type Locale, type MessageKey, type MessageParams, translator } from '@linked-all/i18n';
import { CurrencyCode, formatMoney } from '@linked-all/money';
import { countryOfPhone } from './locale';

export type Money = { amount: number; currency: string };
/** Template values: text and numbers as they are, money formatted per the reader's locale and country. */
export type TemplateParams = Readonly<Record<string, string | number | Money>>;

/** The text of a template in one language, with money formatted for the reader (fr-CI, sw-KE). */
export function render(key: MessageKey, params: TemplateParams, locale: Locale, phone: string | null): string {
  const tag = intlTag(locale, phone ? countryOfPhone(phone) : undefined);
  const filled: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    filled[name] = typeof value === 'object' ? money(value, tag) : value;
  }
  return translator(locale)(key, filled satisfies MessageParams);
}

function money(value: Money, tag: string): string {
  const currency = CurrencyCode.safeParse(value.currency);
  const text = currency.success ? formatMoney(value.amount, currency.data, tag) : `${value.amount} ${value.currency}`;
  // Intl separates groups and symbols with (narrow) no-break spaces, which are not GSM-7: one
  // of them turns an SMS into UCS-2 and doubles its segments. A plain space reads the same.
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** The short reference people read and type: the last 8 characters of an order id, upper-case. */
export function orderRef(id: string): string {
  return id.slice(-8).toUpperCase();
}
