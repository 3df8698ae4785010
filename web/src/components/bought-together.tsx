import type { ProductSummary } from '../types';
import { useI18n } from './i18n';
import { ProductCard } from './product-card';

/** "Often bought together" (or best sellers of the category while orders are few): a small strip. */
export function BoughtTogether({ products, saveData }: { products: ProductSummary[]; saveData: boolean }) {
  const { t } = useI18n();
  if (products.length === 0) return null;
  return (
    <section aria-labelledby="together">
      <h2 id="together">{t('shop.product.bought_together')}</h2>
      <ul class="grid">
        {products.map((product) => (
          <ProductCard product={product} eager={false} saveData={saveData} />
        ))}
      </ul>
    </section>
  );
}
