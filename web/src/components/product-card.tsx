import type { ProductSummary } from '../types';
import { useI18n } from './i18n';
import { Price } from './price';
import { ProductImage } from './product-image';

// Cards fill half the screen on phones, a third on tablets, a quarter (≤ 18 rem) on desktops.
export const CARD_SIZES = '(min-width:900px) 270px,(min-width:600px) 31vw,46vw';

/** How many images at the top of a page load eagerly; the rest wait until scrolled near. */
export const EAGER_IMAGES = 2;

export function ProductCard({ product, eager, saveData }: { product: ProductSummary; eager: boolean; saveData: boolean }) {
  const { t } = useI18n();
  return (
    <li class="card">
      <div class="media">
        {product.image ? (
          <ProductImage image={product.image} sizes={CARD_SIZES} eager={eager} saveData={saveData} />
        ) : (
          t('shop.card.no_photo')
        )}
      </div>
      <h3>
        <a href={`/p/${product.id}`}>{product.title}</a>
      </h3>
      <p class="price">
        <Price price={product.price} from={product.maxPrice} />
      </p>
      <p class="meta">
        {product.vendor.name}
        {product.inStock ? null : (
          <>
            {' · '}
            <span class="out">{t('shop.stock.out')}</span>
          </>
        )}
      </p>
    </li>
  );
}

/** A grid of product cards; `eagerCount` images at its top load at once. */
export function ProductGrid({
  products,
  saveData,
  eagerCount = EAGER_IMAGES,
}: {
  products: ProductSummary[];
  saveData: boolean;
  eagerCount?: number;
}) {
  return (
    <ul class="grid">
      {products.map((product, i) => (
        <ProductCard product={product} eager={i < eagerCount} saveData={saveData} />
      ))}
    </ul>
  );
}
