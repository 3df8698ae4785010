import { ImageView, ProductDetail, ProductId, SkuId, VendorProductList } from '@linked-all/catalog/contract';
import { StockLevel } from '@linked-all/orders/contract';
import {
  EditProductPage,
  type LowStock,
  NEW_SKU_ROWS,
  NewProductPage,
  type ProductEdit,
  toMinor,
  VendorErrorPage,
  VendorProductsPage,
} from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, type PageCtx, type PagesEnv, sendPage } from '../page-response';
import { callService, isRefusal, ServiceProblem } from '../service-client';
import { asVendor, done, form, keyOf, PRIVATE, problemText, refuse, type Vendor, vendorContext, wordsOf } from './vendor-kit';

const FORM_LIMIT = formLimit(16 * 1024);
/** A photo straight from a phone camera when the script did not downscale it (the catalog takes ≤ 5 MB). */
const PHOTO_LIMIT = formLimit(5 * 1024 * 1024 + 16 * 1024);
const LOW_STOCK = 5;

async function stockOf(c: PageCtx, vendor: Vendor, skuId: string) {
  return callService(c, c.env.ORDERS, `/v1/vendor/skus/${skuId}/stock`, StockLevel, { token: vendor.token });
}

/** SKUs with little stock left, from the most recently changed products on sale (a bounded number of calls). */
export async function lowStock(c: PageCtx, vendor: Vendor): Promise<LowStock[]> {
  const list = await callService(c, c.env.CATALOG, '/v1/vendor/products?status=active&limit=8', VendorProductList, {
    token: vendor.token,
  });
  const details = await Promise.all(
    list.items.map((p) => callService(c, c.env.CATALOG, `/v1/vendor/products/${p.id}`, ProductDetail, { token: vendor.token })),
  );
  return details.flatMap((p) =>
    p.skus
      .filter((s) => s.available <= LOW_STOCK)
      .map((s) => ({ productId: p.id, title: p.title, code: s.code, available: s.available })),
  );
}

async function listProducts(c: PageCtx, vendor: Vendor) {
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  const cursor = c.req.query('cursor');
  const params = new URLSearchParams({ limit: '30' });
  if (q) params.set('q', q);
  if (cursor && cursor.length <= 400) params.set('cursor', cursor);
  const list = await callService(c, c.env.CATALOG, `/v1/vendor/products?${params}`, VendorProductList, {
    token: vendor.token,
  }).catch((err) => (cursor && isRefusal(err, 400) ? { items: [], nextCursor: null } : Promise.reject(err)));
  const items = list.items;
  return sendPage(
    c,
    <VendorProductsPage {...vendorContext(c)} products={items} q={q} nextCursor={list.nextCursor} />,
    200,
    PRIVATE,
  );
}

async function loadProduct(c: PageCtx, vendor: Vendor): Promise<ProductEdit | null> {
  const id = ProductId.safeParse(c.req.param('id'));
  if (!id.success) return null;
  let product: ProductDetail;
  try {
    product = await callService(c, c.env.CATALOG, `/v1/vendor/products/${id.data}`, ProductDetail, { token: vendor.token });
  } catch (err) {
    if (isRefusal(err, 400, 403, 404)) return null;
    throw err;
  }
  const levels = await Promise.all(product.skus.map((s) => stockOf(c, vendor, s.id).catch(() => null)));
  return {
    id: product.id,
    title: product.title,
    description: product.description,
    category: product.category.slug,
    status: product.status,
    currency: vendor.shop.currency,
    skus: product.skus.map((s, i) => ({ id: s.id, code: s.code, options: s.options, price: s.price, stock: levels[i] ?? null })),
    images: product.images.map((img) => ({ src: img.src, alt: img.alt })),
  };
}

async function showProduct(c: PageCtx, vendor: Vendor, error?: string, code: ContentfulStatusCode = 200) {
  const product = await loadProduct(c, vendor);
  if (!product) {
    return sendPage(
      c,
      <VendorErrorPage {...vendorContext(c)} message={wordsOf(c)('vendor.error.not_found')} nav />,
      404,
      PRIVATE,
    );
  }
  return sendPage(c, <EditProductPage {...vendorContext(c, error)} product={product} />, code, PRIVATE);
}

/** "colour=black, size=M" → { colour: 'black', size: 'M' }. */
function parseOptions(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [name, ...value] = pair.split('=');
    if (name?.trim() && value.join('=').trim()) options[name.trim()] = value.join('=').trim();
  }
  return options;
}

async function createProduct(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const t = wordsOf(c);
  const currency = vendor.shop.currency;
  const again = (message: string, code: ContentfulStatusCode) =>
    refuse(c, code, message, (e) => <NewProductPage {...vendorContext(c, e)} currency={currency} form={body} />);
  const skus = [];
  for (let i = 0; i < NEW_SKU_ROWS; i++) {
    const code = (body[`code${i}`] ?? '').trim();
    if (!code) continue;
    const price = toMinor(body[`price${i}`] ?? '', currency);
    const stock = Number(body[`stock${i}`] || '0');
    if (price === null || !Number.isInteger(stock) || stock < 0) return again(t('vendor.error.check'), 400);
    skus.push({ code, options: parseOptions(body[`options${i}`] ?? ''), price, available: stock });
  }
  let created: ProductDetail;
  try {
    created = await callService(c, c.env.CATALOG, '/v1/vendor/products', ProductDetail, {
      method: 'POST',
      token: vendor.token,
      headers: { 'idempotency-key': keyOf(body) },
      json: { title: body.title ?? '', description: body.description ?? '', category: body.category ?? '', skus },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return again(problemText(t, err), err.status as ContentfulStatusCode);
  }
  return done(c, `/vendor/products/${created.id}`, 'saved');
}

/** One write to a product (edit, status, price), answered the same way for the browser and the outbox. */
async function writeProduct(c: PageCtx, vendor: Vendor, path: string, method: 'PATCH' | 'PUT', json: unknown, key: string) {
  const t = wordsOf(c);
  const id = ProductId.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, 404, t('vendor.error.not_found'));
  try {
    await callService(c, c.env.CATALOG, `/v1/vendor/products/${id.data}${path}`, ProductDetail, {
      method,
      token: vendor.token,
      headers: { 'idempotency-key': key },
      json,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(t, err), async (e) => {
      const product = await loadProduct(c, vendor);
      return product ? (
        <EditProductPage {...vendorContext(c, e)} product={product} />
      ) : (
        <VendorErrorPage {...vendorContext(c)} message={e} nav />
      );
    });
  }
  return done(c, `/vendor/products/${id.data}`, 'saved');
}

async function editProduct(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const json = { title: body.title ?? '', description: body.description ?? '', category: body.category ?? '' };
  return writeProduct(c, vendor, '', 'PATCH', json, keyOf(body));
}

async function setStatus(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const status = z.enum(['draft', 'active']).safeParse(body.status);
  if (!status.success) return refuse(c, 400, wordsOf(c)('vendor.error.check'));
  return writeProduct(c, vendor, '', 'PATCH', { status: status.data }, keyOf(body));
}

async function setPrice(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const skuId = SkuId.safeParse(c.req.param('skuId'));
  const price = toMinor(body.price ?? '', vendor.shop.currency);
  if (!skuId.success || price === null) return refuse(c, 400, wordsOf(c)('vendor.error.check'));
  return writeProduct(c, vendor, `/skus/${skuId.data}/price`, 'PUT', { price }, keyOf(body));
}

/** The photo (downscaled by the app script when it ran) goes to the catalog as the raw image body. */
async function uploadPhoto(c: PageCtx, vendor: Vendor) {
  const t = wordsOf(c);
  const id = ProductId.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, 404, t('vendor.error.not_found'));
  const body = await c.req.parseBody();
  const photo = body.photo;
  if (!(photo instanceof File) || photo.size === 0) return refuse(c, 400, t('vendor.error.check'));
  const headers = new Headers({
    authorization: `Bearer ${vendor.token}`,
    'content-type': photo.type || 'application/octet-stream',
    'idempotency-key': keyOf(body),
    'x-request-id': c.get('requestId'),
    traceparent: c.get('traceparent'),
  });
  // callService sends JSON only: an image body goes over the same Service Binding by hand.
  const response = await c.env.CATALOG.fetch(
    new Request(
      `https://service.internal/v1/vendor/products/${id.data}/images?alt=${encodeURIComponent(photo.name.slice(0, 100))}`,
      {
        method: 'PUT',
        headers,
        body: await photo.arrayBuffer(),
      },
    ),
  );
  if (!response.ok || !ImageView.safeParse(await response.json().catch(() => null)).success) {
    const status = response.ok || response.status >= 500 ? 503 : response.status;
    const message = status === 503 ? t('vendor.error.unavailable') : problemText(t, new ServiceProblem(status, 'refused', ''));
    return refuse(c, status as ContentfulStatusCode, message);
  }
  return done(c, `/vendor/products/${id.data}`, 'photo');
}

const StockForm = z.object({
  quantity: z.coerce.number().int().min(0).max(1_000_000),
  expected: z.coerce.number().int().min(0).optional(),
  back: z.string().max(200).optional(),
});

/**
 * Sets a SKU's stock to what the form says. `expected` is what the screen showed: if the server
 * has moved on since, the change is a conflict shown to the vendor, not an overwrite. Setting a
 * value the server already has is success, so an outbox replay (or a double tap) acts once.
 */
async function setStock(c: PageCtx, vendor: Vendor) {
  const t = wordsOf(c);
  const skuId = SkuId.safeParse(c.req.param('skuId'));
  const body = await form(c);
  const fields = StockForm.safeParse(body);
  if (!skuId.success || !fields.success) return refuse(c, 400, t('vendor.error.check'));
  const back = fields.data.back?.startsWith('/vendor/') ? fields.data.back : '/vendor/products';
  try {
    const level = await stockOf(c, vendor, skuId.data);
    if (level.onHand !== fields.data.quantity) {
      if (fields.data.expected !== undefined && level.onHand !== fields.data.expected) {
        return refuse(c, 409, t('vendor.stock.changed', { count: level.onHand }));
      }
      await callService(c, c.env.ORDERS, `/v1/vendor/skus/${skuId.data}/stock`, StockLevel, {
        method: 'PUT',
        token: vendor.token,
        headers: { 'idempotency-key': keyOf(body) },
        json: { quantity: fields.data.quantity },
      });
    }
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(t, err));
  }
  return done(c, back, 'stock');
}

export const vendorCatalogRoutes = new Hono<PagesEnv>()
  .get('/products', asVendor('catalog', listProducts))
  .get(
    '/products/new',
    asVendor('catalog', async (c, v) =>
      sendPage(c, <NewProductPage {...vendorContext(c)} currency={v.shop.currency} />, 200, PRIVATE),
    ),
  )
  .post('/products', FORM_LIMIT, asVendor('catalog', createProduct))
  .get(
    '/products/:id',
    asVendor('catalog', (c, v) => showProduct(c, v)),
  )
  .post('/products/:id', FORM_LIMIT, asVendor('catalog', editProduct))
  .post('/products/:id/status', FORM_LIMIT, asVendor('catalog', setStatus))
  .post('/products/:id/skus/:skuId/price', FORM_LIMIT, asVendor('catalog', setPrice))
  .post('/products/:id/photos', PHOTO_LIMIT, asVendor('catalog', uploadPhoto))
  .post('/stock/:skuId', FORM_LIMIT, asVendor('catalog', setStock));
