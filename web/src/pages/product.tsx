import { AddToCart, type Chosen } from '../components/add-to-cart';
import { AlsoViewed } from '../components/also-viewed';
import { BoughtTogether } from '../components/bought-together';
import { Breadcrumbs } from '../components/breadcrumbs';
import { countryName } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';
import { Price } from '../components/price';
import { ProductImage } from '../components/product-image';
import { Reviews } from '../components/reviews';
import { StockState } from '../components/stock-state';
import type { ProductDetail } from '../types';

type Props = PageContext & {
  product: ProductDetail;
  /** Why the last add to cart failed, in words (the page is shown again with the shopper's choice). */
  error?: string;
  chosen?: Chosen;
  /** The add-to-cart form's one-time token. */
  formToken?: string;
};

// Gallery slides are 88% of a phone screen, 60% of a tablet's, half a desktop's.
const GALLERY_SIZES = '(min-width:900px) 560px,(min-width:600px) 60vw,88vw';

/** `/p/:id`: gallery, title, price, options as a form, stock, vendor, description. */
export function ProductPage({ product, error, chosen, formToken, ...ctx }: Props) {
  const { t, number } = useI18n();
  const available = product.skus.reduce((sum, s) => sum + Math.max(0, s.available), 0);
  return (
    <Layout {...ctx} title={product.title} description={product.description.slice(0, 150)}>
      <Breadcrumbs
        items={[
          { href: '/', name: t('shop.crumbs.home') },
          ...product.categoryPath.map((c) => ({ href: `/c/${c.slug}`, name: c.name })),
          { name: product.title },
        ]}
      />
      <div class="product">
        <div>
          {product.images.length ? (
            <section class="gallery" aria-label={t('shop.product.photos')} tabindex={0}>
              {product.images.map((image, i) => (
                <div>
                  <ProductImage image={image} sizes={GALLERY_SIZES} eager={i < 2} priority={i === 0} saveData={ctx.saveData} />
                </div>
              ))}
            </section>
          ) : (
            <div class="media">{t('shop.card.no_photo')}</div>
          )}
        </div>
        <div>
          <h1>{product.title}</h1>
          <p class="price">
            <Price price={product.price} from={product.maxPrice} />
          </p>
          <p>
            <StockState available={available} />
          </p>
          <AddToCart product={product} error={error} chosen={chosen} formToken={formToken} />
          <section class="panel" aria-labelledby="seller">
            <h2 id="seller">{t('shop.product.sold_by', { vendor: product.vendor.name })}</h2>
            <p class="meta">
              {product.vendor.city}, {countryName(t, product.vendor.country)}
              {product.vendor.rating !== null
                ? ` · ${t('shop.product.rated', { rating: number(Math.round(product.vendor.rating * 10) / 10) })}`
                : ''}
            </p>
          </section>
        </div>
      </div>
      {product.description ? (
        <section class="panel" aria-labelledby="about">
          <h2 id="about">{t('shop.product.about')}</h2>
          <p class="desc">{product.description}</p>
        </section>
      ) : null}
      <Reviews product={product} />
      {/* One strip within the page's 14 KB: what this page's viewers also viewed, else bought together / best sellers. */}
      {product.alsoViewed?.length ? (
        <AlsoViewed products={product.alsoViewed} saveData={ctx.saveData} />
      ) : (
        <BoughtTogether products={product.boughtTogether} saveData={ctx.saveData} />
      )}
    </Layout>
  );
}
