import type { ProductSummary } from '../types';
import { useI18n } from './i18n';
import { ProductCard } from './product-card';

/** "Shoppers who viewed this also viewed" (co-views per session): the same small strip as bought-together. */
export function AlsoViewed({ products, saveData }: { products: ProductSummary[]; saveData: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="also-viewed">
      <h2 id="also-viewed">{t('discover.product.also_viewed')}</h2>
      <ul class="grid">
        {products.map((product) => (
          <ProductCard product={product} eager={false} saveData={saveData} />
        ))}
      </ul>
    </section>
  );
}
