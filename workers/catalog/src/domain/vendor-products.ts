import { statement } from '@linked-all/db';
import { outboxStatement, ProductCreated, ProductPriceChanged, ProductUpdated } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateProductBody, SkuInput, UpdateProductBody } from '../../contract';
import { orm } from '../db/orm';
import { categories, productModeration, products, skus, vendors } from '../db/schema';
import { refreshProductStatement, type WriteContext } from './write-context';

/** The calling vendor's shop; only an active shop may write. */
async function activeVendor(ctx: WriteContext) {
  const vendor = await orm(ctx.db).query.vendors.findFirst({
    columns: { id: true, country: true, currency: true, status: true },
    where: eq(vendors.id, ctx.vendorId),
  });
  if (!vendor) throw new AppError('forbidden', 'Your vendor account has no shop in the catalog yet');
  if (vendor.status !== 'active') throw new AppError('forbidden', `Your shop is ${vendor.status}; it cannot change products`);
  return vendor;
}

/** A product of the calling vendor. Another vendor's product is "not found", never "forbidden". */
export async function ownedProduct(ctx: WriteContext, productId: string) {
  const product = await orm(ctx.db).query.products.findFirst({
    columns: { id: true, status: true },
    where: and(eq(products.id, productId), eq(products.vendorId, ctx.vendorId)),
  });
  if (!product) throw new AppError('not_found', `You have no product ${productId}`);
  return product;
}

async function categoryBySlug(ctx: WriteContext, slug: string) {
  const category = await orm(ctx.db).query.categories.findFirst({
    columns: { id: true, path: true },
    where: eq(categories.slug, slug),
  });
  if (!category) {
    throw new AppError('validation_failed', `There is no category "${slug}"`, {
      errors: [{ path: 'category', message: 'Unknown category' }],
    });
  }
  return category;
}

function insertSku(ctx: WriteContext, productId: string, currency: string, sku: z.output<typeof SkuInput>, position: number) {
  const id = newId('sku', ctx.now);
  return {
    id,
    statement: statement(
      ctx.db,
      orm(ctx.db).insert(skus).values({
        id,
        productId,
        code: sku.code,
        options: sku.options,
        price: sku.price,
        currency,
        available: sku.available,
        position,
      }),
    ),
  };
}

/** Creates a product with its SKUs in the vendor's currency, and its `product.created` event, atomically. */
export async function createProduct(ctx: WriteContext, body: CreateProductBody): Promise<{ id: string }> {
  const vendor = await activeVendor(ctx);
  const category = await categoryBySlug(ctx, body.category);
  const id = newId('prd', ctx.now);
  const skus = body.skus.map((sku, i) => insertSku(ctx, id, vendor.currency, sku, i));
  await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db).insert(products).values({
        id,
        vendorId: ctx.vendorId,
        categoryId: category.id,
        categoryPath: category.path,
        country: vendor.country,
        title: body.title,
        description: body.description,
        status: body.status,
        currency: vendor.currency,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        version: 0,
      }),
    ),
    ...skus.map((s) => s.statement),
    refreshProductStatement(ctx, id),
    outboxStatement(
      ctx.db,
      ProductCreated,
      { productId: id, vendorId: ctx.vendorId, categoryId: category.id, status: body.status },
      ctx,
    ),
  ]);
  return { id };
}

/** An operator hid this product (console, with a reason): its vendor cannot put it back on sale. */
async function notHidden(db: D1Database, productId: string) {
  const hidden = await orm(db).query.productModeration.findFirst({
    columns: { hiddenReason: true },
    where: and(eq(productModeration.productId, productId), isNotNull(productModeration.hiddenReason)),
  });
  if (hidden) throw new AppError('forbidden', `An operator hid this product: ${hidden.hiddenReason}`);
}

/** Changes title, description, category or status; archiving is a status change. */
export async function updateProduct(ctx: WriteContext, productId: string, body: UpdateProductBody): Promise<void> {
  await activeVendor(ctx);
  const product = await ownedProduct(ctx, productId);
  if (body.status !== undefined && body.status !== 'archived') await notHidden(ctx.db, productId);
  // Fields left out of the body stay as they are (drizzle skips undefined values in SET).
  const category = body.category === undefined ? undefined : await categoryBySlug(ctx, body.category);
  await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db)
        .update(products)
        .set({
          title: body.title,
          description: body.description,
          status: body.status,
          categoryId: category?.id,
          categoryPath: category?.path,
          version: sql`${products.version} + 1`,
          updatedAt: ctx.now,
        })
        .where(and(eq(products.id, productId), eq(products.vendorId, ctx.vendorId))),
    ),
    outboxStatement(
      ctx.db,
      ProductUpdated,
      { productId, vendorId: ctx.vendorId, status: body.status ?? product.status, fields: Object.keys(body) },
      ctx,
    ),
  ]);
}

/** Adds a SKU; its code must be new within the product. */
export async function addSku(ctx: WriteContext, productId: string, sku: z.output<typeof SkuInput>): Promise<{ id: string }> {
  const vendor = await activeVendor(ctx);
  const product = await ownedProduct(ctx, productId);
  const [existing] = await orm(ctx.db)
    .select({ n: count(), taken: sql<number | null>`max(${skus.code} = ${sku.code})` })
    .from(skus)
    .where(eq(skus.productId, productId));
  if (existing?.taken) throw new AppError('conflict', `This product already has a SKU with code "${sku.code}"`);
  if ((existing?.n ?? 0) >= 50) throw new AppError('conflict', 'A product has at most 50 SKUs');
  const inserted = insertSku(ctx, productId, vendor.currency, sku, existing?.n ?? 0);
  await ctx.db.batch([
    inserted.statement,
    refreshProductStatement(ctx, productId),
    outboxStatement(ctx.db, ProductUpdated, { productId, vendorId: ctx.vendorId, status: product.status, fields: ['skus'] }, ctx),
  ]);
  return { id: inserted.id };
}

async function ownedSku(ctx: WriteContext, productId: string, skuId: string) {
  const sku = await orm(ctx.db).query.skus.findFirst({
    columns: { id: true, price: true, currency: true, available: true },
    where: and(eq(skus.id, skuId), eq(skus.productId, productId), eq(skus.archived, false)),
  });
  if (!sku) throw new AppError('not_found', `Product ${productId} has no SKU ${skuId}`);
  return sku;
}

/** Removes a SKU from sale (kept for order history); the last SKU cannot go. */
export async function removeSku(ctx: WriteContext, productId: string, skuId: string): Promise<void> {
  await activeVendor(ctx);
  const product = await ownedProduct(ctx, productId);
  await ownedSku(ctx, productId, skuId);
  const [live] = await orm(ctx.db)
    .select({ n: count() })
    .from(skus)
    .where(and(eq(skus.productId, productId), eq(skus.archived, false)));
  if ((live?.n ?? 0) <= 1) throw new AppError('conflict', 'A product needs at least one SKU; archive the product instead');
  await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db)
        .update(skus)
        .set({ archived: true })
        .where(and(eq(skus.id, skuId), eq(skus.productId, productId))),
    ),
    refreshProductStatement(ctx, productId),
    outboxStatement(ctx.db, ProductUpdated, { productId, vendorId: ctx.vendorId, status: product.status, fields: ['skus'] }, ctx),
  ]);
}

/** Sets a SKU's price; emits `product.price_changed` only when the price really changes. */
export async function setPrice(ctx: WriteContext, productId: string, skuId: string, price: number): Promise<void> {
  await activeVendor(ctx);
  await ownedProduct(ctx, productId);
  const sku = await ownedSku(ctx, productId, skuId);
  if (sku.price === price) return;
  // The WHERE on the old price makes a concurrent change lose cleanly instead of emitting a wrong oldPrice.
  const [update] = await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db)
        .update(skus)
        .set({ price })
        .where(and(eq(skus.id, skuId), eq(skus.price, sku.price))),
    ),
    refreshProductStatement(ctx, productId),
    outboxStatement(
      ctx.db,
      ProductPriceChanged,
      { productId, vendorId: ctx.vendorId, skuId, currency: sku.currency, oldPrice: sku.price, newPrice: price },
      ctx,
    ),
  ]);
  if (update.meta.changes === 0) throw new AppError('conflict', 'The price changed meanwhile; read it again and retry');
}
