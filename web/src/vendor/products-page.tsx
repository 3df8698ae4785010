import { fromMinor, money, optionText } from './format';
import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';
import type { ProductEdit, ProductRow, SkuRow } from './types';

type ListProps = VendorContext & { products: ProductRow[]; q: string; nextCursor: string | null };

/** `/vendor/products`: every product in every status, searchable by title. */
export function VendorProductsPage({ products, q, nextCursor, ...ctx }: ListProps) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.products.title')} nav>
      <h1>{t('vendor.products.title')}</h1>
      <p>
        <a class="btn" href="/vendor/products/new">
          {t('vendor.products.new')}
        </a>
      </p>
      <search>
        <form class="row" method="get" action="/vendor/products">
          <label class="stack">
            {t('vendor.products.search')}
            <input type="search" name="q" value={q} maxlength={100} />
          </label>
          <button type="submit" class="alt">
            {t('vendor.products.find')}
          </button>
        </form>
      </search>
      {products.length ? (
        <ul class="list">
          {products.map((p) => (
            <li class="row">
              <span>
                <a href={`/vendor/products/${p.id}`}>{p.title}</a>
                <br />
                <span class="meta">
                  {p.price ? money(ctx.locale, p.price.amount, p.price.currency) : ''}
                  {p.inStock ? '' : ` · ${t('vendor.products.out')}`}
                </span>
              </span>
              <span class="tag">{t(`vendor.pstatus.${p.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('vendor.products.none')}</p>
      )}
      {nextCursor ? (
        <p>
          <a href={`/vendor/products?cursor=${encodeURIComponent(nextCursor)}${q ? `&q=${encodeURIComponent(q)}` : ''}`}>
            {t('vendor.products.more')}
          </a>
        </p>
      ) : null}
    </VendorLayout>
  );
}

/** What the vendor typed in the new-product form, kept when it comes back with an error. */
export type NewProductForm = Record<string, string>;

/** How many SKU rows the plain form offers (empty rows are ignored). */
export const NEW_SKU_ROWS = 3;

/** `/vendor/products/new`: title, description, category and up to three options with price and stock. */
export function NewProductPage({ currency, form = {}, ...ctx }: VendorContext & { currency: string; form?: NewProductForm }) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.products.new')} nav>
      <h1>{t('vendor.products.new')}</h1>
      <form class="panel stack" method="post" action="/vendor/products">
        <KeyField />
        <ProductFields title={form.title} description={form.description} category={form.category} ctx={ctx} />
        <h2>{t('vendor.products.skus')}</h2>
        {Array.from({ length: NEW_SKU_ROWS }, (_, i) => (
          <fieldset class="stack">
            <legend>{`#${i + 1}`}</legend>
            <label>
              {t('vendor.products.sku')}
              <input name={`code${i}`} value={form[`code${i}`]} maxlength={64} required={i === 0} pattern="[A-Za-z0-9._-]+" />
            </label>
            <label>
              {t('vendor.products.options')}
              <input name={`options${i}`} value={form[`options${i}`]} maxlength={200} />
            </label>
            <label>
              {t('vendor.products.price', { currency })}
              <input name={`price${i}`} value={form[`price${i}`]} inputmode="decimal" required={i === 0} maxlength={16} />
            </label>
            <label>
              {t('vendor.products.stock')}
              <input name={`stock${i}`} value={form[`stock${i}`] ?? '0'} type="number" min={0} max={1000000} class="n" />
            </label>
          </fieldset>
        ))}
        <button type="submit">{t('vendor.products.create')}</button>
      </form>
    </VendorLayout>
  );
}

function ProductFields(props: { title?: string; description?: string; category?: string; ctx: VendorContext }) {
  const t = wordsFor(props.ctx);
  return (
    <>
      <label>
        {t('vendor.products.name')}
        <input name="title" value={props.title} required minlength={3} maxlength={140} />
      </label>
      <label>
        {t('vendor.products.description')}
        <textarea name="description" rows={4} maxlength={5000}>
          {props.description ?? ''}
        </textarea>
      </label>
      <label>
        {t('vendor.products.category')}
        <input name="category" value={props.category} required maxlength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
      </label>
    </>
  );
}

/** `/vendor/products/:id`: edit, publish, photos, and per SKU its price and stock. */
export function EditProductPage({ product, ...ctx }: VendorContext & { product: ProductEdit }) {
  const t = wordsFor(ctx);
  const base = `/vendor/products/${product.id}`;
  return (
    <VendorLayout {...ctx} title={product.title} nav>
      <h1>{product.title}</h1>
      <div class="row">
        <span class="tag">{t(`vendor.pstatus.${product.status}`)}</span>
        <form method="post" action={`${base}/status`}>
          <KeyField />
          <input type="hidden" name="status" value={product.status === 'active' ? 'draft' : 'active'} />
          <button type="submit">
            {t(product.status === 'active' ? 'vendor.products.unpublish' : 'vendor.products.publish')}
          </button>
        </form>
      </div>
      <h2>{t('vendor.products.skus')}</h2>
      <ul class="list">
        {product.skus.map((sku) => (
          <SkuEditor sku={sku} currency={product.currency} base={base} ctx={ctx} />
        ))}
      </ul>
      <h2>{t('vendor.products.photos')}</h2>
      <div class="row">
        {product.images.map((img) => (
          <img src={img.src} alt={img.alt} width={96} height={96} loading="lazy" />
        ))}
      </div>
      {/* A plain file input: with the script, the photo is downscaled to ≤ 1600 px JPEG before it leaves. */}
      <form class="panel stack" method="post" action={`${base}/photos`} enctype="multipart/form-data" data-photo>
        <KeyField />
        <label>
          {t('vendor.products.photo')}
          <input type="file" name="photo" accept="image/*" capture="environment" required />
        </label>
        <button type="submit">{t('vendor.products.upload')}</button>
      </form>
      <form class="panel stack" method="post" action={base}>
        <KeyField />
        <ProductFields title={product.title} description={product.description} category={product.category} ctx={ctx} />
        <button type="submit">{t('vendor.products.save')}</button>
      </form>
    </VendorLayout>
  );
}

/** One SKU: price, and stock with quick −1 / +1 and a set field. */
function SkuEditor({ sku, currency, base, ctx }: { sku: SkuRow; currency: string; base: string; ctx: VendorContext }) {
  const t = wordsFor(ctx);
  const stockAction = `/vendor/stock/${sku.id}`;
  const stock = sku.stock;
  // `expected` is the count this screen showed: if the server's differs when the form arrives
  // (another phone, an order, an offline replay), the change is refused as a conflict.
  const quick = (quantity: number, label: string, sign: string) =>
    stock ? (
      <form method="post" action={stockAction}>
        <KeyField />
        <input type="hidden" name="expected" value={String(stock.onHand)} />
        <input type="hidden" name="quantity" value={String(quantity)} />
        <input type="hidden" name="back" value={base} />
        <button type="submit" class="alt" aria-label={label} disabled={quantity < 0}>
          {sign}
        </button>
      </form>
    ) : null;
  return (
    <li class="stack">
      <strong>{`${sku.code}${Object.keys(sku.options).length ? ` · ${optionText(sku.options)}` : ''}`}</strong>
      <form class="row" method="post" action={`${base}/skus/${sku.id}/price`}>
        <KeyField />
        <label>
          {t('vendor.products.price', { currency })}{' '}
          <input
            name="price"
            value={fromMinor(sku.price.amount, currency)}
            inputmode="decimal"
            class="n"
            required
            maxlength={16}
          />
        </label>
        <button type="submit" class="alt">
          {t('vendor.products.set_price')}
        </button>
      </form>
      {stock ? (
        <div class="row">
          <span>
            {t('vendor.stock.on_hand', { count: stock.onHand })}
            {stock.held ? <span class="meta">{` · ${t('vendor.stock.held', { count: stock.held })}`}</span> : null}
          </span>
          {quick(stock.onHand - 1, t('vendor.stock.minus'), '−')}
          {quick(stock.onHand + 1, t('vendor.stock.plus'), '+')}
          <form method="post" action={stockAction}>
            <KeyField />
            <input type="hidden" name="expected" value={String(stock.onHand)} />
            <input type="hidden" name="back" value={base} />
            <input
              type="number"
              name="quantity"
              value={String(stock.onHand)}
              min={0}
              max={1000000}
              class="n"
              aria-label={t('vendor.stock.set')}
            />
            <button type="submit" class="alt">
              {t('vendor.stock.set')}
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}
