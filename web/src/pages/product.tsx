import { Breadcrumbs } from '../components/breadcrumbs';
import { COUNTRY_NAMES } from '../components/filters';
import { Layout, type PageContext } from '../components/layout';
import { Price } from '../components/price';
import { ProductImage } from '../components/product-image';
import type { ProductDetail } from '../types';

type Props = PageContext & { product: ProductDetail };

// Gallery slides are 88% of a phone screen, 60% of a tablet's, half a desktop's.
const GALLERY_SIZES = '(min-width:900px) 560px,(min-width:600px) 60vw,88vw';
const LOW_STOCK = 5;

type Sku = ProductDetail['skus'][number];

/** `/p/:id`: gallery, title, price, options as a form, stock, vendor, description. */
export function ProductPage({ product, ...ctx }: Props) {
  const available = product.skus.reduce((sum, s) => sum + Math.max(0, s.available), 0);
  return (
    <Layout {...ctx} title={product.title} description={product.description.slice(0, 150)}>
      <Breadcrumbs
        items={[
          { href: '/', name: 'Home' },
          ...product.categoryPath.map((c) => ({ href: `/c/${c.slug}`, name: c.name })),
          { name: product.title },
        ]}
      />
      <div class="product">
        <div>
          {product.images.length ? (
            <section class="gallery" aria-label="Photos" tabindex={0}>
              {product.images.map((image, i) => (
                <div>
                  <ProductImage image={image} sizes={GALLERY_SIZES} eager={i < 2} priority={i === 0} saveData={ctx.saveData} />
                </div>
              ))}
            </section>
          ) : (
            <div class="media">No photo</div>
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
          {/* Options are shown for choosing; ordering arrives with carts and checkout (orders service). */}
          {product.skus.length === 1 ? (
            Object.keys(product.skus[0].options).length ? (
              <p class="panel">{optionText(product.skus[0])}</p>
            ) : null
          ) : (
            <section class="panel" aria-labelledby="options">
              <h2 id="options">Options</h2>
              <ul class="skus">
                {product.skus.map((sku) => (
                  <li class="sku">
                    <span>
                      {optionText(sku)}
                      <span class="meta">
                        <Price price={sku.price} /> · <StockState available={sku.available} />
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="panel" aria-labelledby="seller">
            <h2 id="seller">Sold by {product.vendor.name}</h2>
            <p class="meta">
              {product.vendor.city}, {COUNTRY_NAMES[product.vendor.country]}
              {product.vendor.rating !== null ? ` · Rated ${product.vendor.rating.toFixed(1)} out of 5` : ''}
            </p>
          </section>
        </div>
      </div>
      {product.description ? (
        <section class="panel" aria-labelledby="about">
          <h2 id="about">About this product</h2>
          <p class="desc">{product.description}</p>
        </section>
      ) : null}
    </Layout>
  );
}

function optionText(sku: Sku): string {
  const parts = Object.entries(sku.options).map(([name, value]) => `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${value}`);
  return parts.length ? parts.join(', ') : sku.code;
}

function StockState({ available }: { available: number }) {
  if (available <= 0) return <span class="out">Out of stock</span>;
  if (available <= LOW_STOCK) return <span class="low">Only {available} left</span>;
  return <span class="ok">In stock</span>;
}
