import {
  direction,
  formatDate,
  formatNumber,
  intlTag,
  type Locale,
  type LocaleHints,
  type MessageKey,
  type MessageParams,
  negotiateLocale,
  plural,
  type Translate,
  translator,
} from '@linked-all/i18n';
import { CURRENCIES, type CurrencyCode, formatMoney } from '@linked-all/money';
import { createContext, useContext } from 'hono/jsx';

/** The language and country a page is rendered for, with the formatters that follow from them. */
export type PageI18n = {
  locale: Locale;
  /** The shopper's country (cookie, else Cloudflare's), when known. */
  country?: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** `plural('common.items', 3)`: the form the language's plural rules choose. */
  plural: (base: string, count: number, params?: MessageParams) => string;
  money: (amount: number, currency: string) => string;
  date: (value: string | Date) => string;
  number: (value: number) => string;
  /** "KES and NGN", "KES et NGN": a list joined as the language joins one. */
  list: (items: string[]) => string;
};

const isCurrency = (code: string): code is CurrencyCode => code in CURRENCIES;

/** The words and formatters for one language (and the shopper's country, for dates and numbers). */
export function pageI18n(locale: Locale, country?: string): PageI18n {
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    country,
    dir: direction(locale),
    t: translator(locale),
    plural: (base, count, params) => plural(locale, base, count, { count: formatNumber(count, locale, country), ...params }),
    money: (amount, currency) => {
      if (!isCurrency(currency)) return `${amount} ${currency}`;
      // English pages keep each currency's home conventions (Ksh 1,500.00, 7 500 F CFA); other
      // languages write it their own way in the currency's country (fr-CI, sw-KE, ar-EG).
      const home = CURRENCIES[currency];
      return formatMoney(amount, currency, locale === 'en' ? home.locale : intlTag(locale, home.country));
    },
    date: (value) => formatDate(value, locale, { country }),
    number: (value) => formatNumber(value, locale, country),
    list: (items) => lists.format(items),
  };
}

/** The page's language from what the request says (choice, Accept-Language, country); `country` is the shop country. */
export function negotiatePageI18n(hints: LocaleHints, country?: string): PageI18n {
  return pageI18n(negotiateLocale(hints), country);
}

export const ENGLISH = pageI18n('en');

/** The page's language, set once per render by the gateway (English when nothing provides it). */
export const I18nContext = createContext<PageI18n>(ENGLISH);

/** The current page's language and formatters. */
export const useI18n = (): PageI18n => useContext(I18nContext);

export type { MessageKey };
