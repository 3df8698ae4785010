import type { Translate } from '@linked-all/i18n';

/** The countries we sell in, as their ISO codes (the catalog's vendor countries). */
export const SHOP_COUNTRIES = ['NG', 'KE', 'GH', 'CI', 'ZA', 'EG', 'UG', 'RW', 'TZ'] as const;
export type ShopCountry = (typeof SHOP_COUNTRIES)[number];

export function isShopCountry(value: unknown): value is ShopCountry {
  return typeof value === 'string' && (SHOP_COUNTRIES as readonly string[]).includes(value);
}

/** A country's name in the page's language; an unknown code is shown as it is. */
export function countryName(t: Translate, code: string): string {
  return isShopCountry(code) ? t(`shop.country.${code}`) : code;
}
