import { useI18n } from './i18n';

const LOW_STOCK = 5;

/** In stock, only a few left, or out of stock, in words and colour. */
export function StockState({ available }: { available: number }) {
  const { t, number } = useI18n();
  if (available <= 0) return <span class="out">{t('shop.stock.out')}</span>;
  if (available <= LOW_STOCK) return <span class="low">{t('shop.stock.low', { count: number(available) })}</span>;
  return <span class="ok">{t('shop.stock.in')}</span>;
}
