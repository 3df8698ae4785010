import { requireActiveShop, requirePermission, vendorOf } from '@linked-all/auth';
import { AppError, describe, idempotency, validate } from '@linked-all/http';
import { MAX_IMAGE_BYTES } from '@linked-all/media/contract';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  CreateProductBody,
  ImageView,
  ProductDetail,
  ProductParams,
  SetPriceBody,
  SkuInput,
  SkuParams,
  UpdateProductBody,
  VendorProductList,
  VendorProductListQuery,
} from '../../contract';
import { BOOKMARK_HEADER, writeSession } from '../db/session';
import { getProduct } from '../domain/get-product';
import { listVendorProducts } from '../domain/list-vendor-products';
import { relayCatalogOutbox } from '../domain/relay';
import { uploadImage } from '../domain/upload-image';
import { addSku, createProduct, removeSku, setPrice, updateProduct } from '../domain/vendor-products';
import type { WriteContext } from '../domain/write-context';
import type { CatalogApp } from '../env';
import { shopStanding } from '../shop-standing';

function writeContext(c: Context<CatalogApp>): WriteContext {
  return { db: c.env.DB, vendorId: vendorOf(c.get('principal')), now: Date.now(), traceparent: c.get('traceparent') };
}

/** After a write: publish its event now (the cron catches what this misses) and answer with the product. */
async function respondWithProduct(c: Context<CatalogApp>, productId: string, status: 200 | 201 = 200) {
  c.executionCtx.waitUntil(relayCatalogOutbox(c.env));
  const session = writeSession(c.env.DB);
  const product = await getProduct(session, productId, { vendorId: vendorOf(c.get('principal')) });
  c.header(BOOKMARK_HEADER, session.getBookmark() ?? '');
  return c.json(product, status);
}

const ImageQuery = z.object({ alt: z.string().trim().max(200).default('') }).strict();

const vendorAuth = { auth: 'vendor' as const, tags: ['vendor'], problems: ['forbidden' as const, 'not_found' as const] };

export const vendorProductRoutes = new Hono<CatalogApp>()
  .use(requireActiveShop(shopStanding))
  // Staff roles: the gateway checks too, this is the service's own word (defence in depth).
  .use(requirePermission('catalog'))
  .use(idempotency<CatalogApp>({ db: (c) => c.env.DB, scope: (c) => vendorOf(c.get('principal')) }))
  .get(
    '/',
    describe({
      summary: 'My products in every status, optionally matching title words',
      ...vendorAuth,
      response: VendorProductList,
    }),
    validate('query', VendorProductListQuery),
    async (c) => {
      c.header('cache-control', 'private, no-store');
      return c.json(await listVendorProducts(writeSession(c.env.DB), vendorOf(c.get('principal')), c.req.valid('query')));
    },
  )
  .post(
    '/',
    describe({ summary: 'Create a product with its SKUs', ...vendorAuth, status: 201, response: ProductDetail }),
    validate('json', CreateProductBody),
    async (c) => {
      const { id } = await createProduct(writeContext(c), c.req.valid('json'));
      return respondWithProduct(c, id, 201);
    },
  )
  .get(
    '/:id',
    describe({ summary: 'One of my products, drafts included', ...vendorAuth, response: ProductDetail }),
    validate('param', ProductParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const product = await getProduct(writeSession(c.env.DB), id, { vendorId: vendorOf(c.get('principal')) });
      if (!product || product.vendor.id !== vendorOf(c.get('principal')))
        throw new AppError('not_found', `You have no product ${id}`);
      c.header('cache-control', 'private, no-store');
      return c.json(product);
    },
  )
  .patch(
    '/:id',
    describe({ summary: 'Change title, description, category or status', ...vendorAuth, response: ProductDetail }),
    validate('param', ProductParams),
    validate('json', UpdateProductBody),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateProduct(writeContext(c), id, c.req.valid('json'));
      return respondWithProduct(c, id);
    },
  )
  .delete(
    '/:id',
    describe({ summary: 'Archive a product (kept for order history)', ...vendorAuth, response: ProductDetail }),
    validate('param', ProductParams),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateProduct(writeContext(c), id, { status: 'archived' });
      return respondWithProduct(c, id);
    },
  )
  .post(
    '/:id/skus',
    describe({
      summary: 'Add a SKU',
      ...vendorAuth,
      status: 201,
      response: ProductDetail,
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', ProductParams),
    validate('json', SkuInput),
    async (c) => {
      const { id } = c.req.valid('param');
      await addSku(writeContext(c), id, c.req.valid('json'));
      return respondWithProduct(c, id, 201);
    },
  )
  .delete(
    '/:id/skus/:skuId',
    describe({
      summary: 'Remove a SKU from sale',
      ...vendorAuth,
      response: ProductDetail,
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', SkuParams),
    async (c) => {
      const { id, skuId } = c.req.valid('param');
      await removeSku(writeContext(c), id, skuId);
      return respondWithProduct(c, id);
    },
  )
  .put(
    '/:id/skus/:skuId/price',
    describe({ summary: "Set a SKU's price (minor units of the shop's currency)", ...vendorAuth, response: ProductDetail }),
    validate('param', SkuParams),
    validate('json', SetPriceBody),
    async (c) => {
      const { id, skuId } = c.req.valid('param');
      await setPrice(writeContext(c), id, skuId, c.req.valid('json').price);
      return respondWithProduct(c, id);
    },
  )
  .put(
    '/:id/images',
    describe({
      summary: 'Upload an image (raw JPEG, PNG or WebP body, ≤ 5 MB); every width is stored at once',
      ...vendorAuth,
      status: 201,
      response: ImageView,
      problems: ['forbidden', 'not_found', 'payload_too_large', 'unsupported_media_type', 'upstream_unavailable'],
    }),
    validate('param', ProductParams),
    validate('query', ImageQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      const contentType = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError('payload_too_large', 'Images are limited to 5 MB');
      const image = await uploadImage(
        { ...writeContext(c), images: c.env.IMAGES, media: c.env.MEDIA },
        id,
        bytes,
        contentType,
        c.req.valid('query').alt,
      );
      c.executionCtx.waitUntil(relayCatalogOutbox(c.env));
      return c.json(image, 201);
    },
  );
