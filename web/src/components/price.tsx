import type { CurrencyCode } from '@linked-all/money';
import { type PageI18n, useI18n } from './i18n';

type PriceLike = { amount: number; currency: CurrencyCode };

/** One price, formatted for the page's language (XOF without decimals, KES with two). */
export function Price({ price, from }: { price: PriceLike; from?: PriceLike }) {
  const { t, money } = useI18n();
  const text = money(price.amount, price.currency);
  // A product whose SKUs differ in price shows its lowest price as "from …".
  if (from && from.amount > price.amount) return <>{t('shop.price.from', { price: text })}</>;
  return <>{text}</>;
}

/** A price band label: "Under ₦7,500", "₦7,500 – ₦30,000", "₦375,000 and up". */
export function bandLabel({ t, money }: PageI18n, currency: CurrencyCode, min: number, max: number | null): string {
  if (max === null) return t('shop.price.band_up', { min: money(min, currency) });
  if (min === 0) return t('shop.price.band_under', { max: money(max, currency) });
  return t('shop.price.band_range', { min: money(min, currency), max: money(max, currency) });
}
