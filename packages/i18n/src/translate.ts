import { CATALOGUES, type MessageKey } from './catalogue';
import type { Locale } from './locales';

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * A translator for one language. `{name}` placeholders are filled from params; a placeholder
 * without a value stays visible (a wrong word on a page is better than a failed page).
 */
export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params) => fill(catalogue[key], params);
}

/**
 * Plural forms live under `<key>.<rule>` (`cart.items.one`, `cart.items.other`, Arabic also
 * `zero|two|few|many`), chosen by Intl.PluralRules; a missing form falls back to `.other`.
 */
export function plural(locale: Locale, base: string, count: number, params?: MessageParams): string {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[locale];
  const rule = pluralRules(locale).select(count);
  const text = catalogue[`${base}.${rule}`] ?? catalogue[`${base}.other`] ?? base;
  return fill(text, { count, ...params });
}

const rulesCache = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  return rules;
}

function fill(text: string, params: MessageParams | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
