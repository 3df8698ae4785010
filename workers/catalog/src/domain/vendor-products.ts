import { outboxStatement, ProductCreated, ProductPriceChanged, ProductUpdated } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateProductBody, SkuInput, UpdateProductBody } from '../../contract';
import { orm } from '../db/orm';
import { categories, products, vendors } from '../db/schema';
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
    statement: ctx.db
      .prepare(
        'INSERT INTO skus (id, product_id, code, options, price, currency, available, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(id, productId, sku.code, JSON.stringify(sku.options), sku.price, currency, sku.available, position),
  };
}

/** Creates a product with its SKUs in the vendor's currency, and its `product.created` event, atomically. */
export async function createProduct(ctx: WriteContext, body: CreateProductBody): Promise<{ id: string }> {
  const vendor = await activeVendor(ctx);
  const category = await categoryBySlug(ctx, body.category);
  const id = newId('prd', ctx.now);
  const skus = body.skus.map((sku, i) => insertSku(ctx, id, vendor.currency, sku, i));
  await ctx.db.batch([
    ctx.db
      .prepare(
        `INSERT INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                               created_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .bind(
        id,
        ctx.vendorId,
        category.id,
        category.path,
        vendor.country,
        body.title,
        body.description,
        body.status,
        vendor.currency,
        ctx.now,
        ctx.now,
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
  const hidden = await db
    .prepare('SELECT hidden_reason FROM product_moderation WHERE product_id = ? AND hidden_reason IS NOT NULL')
    .bind(productId)
    .first<{ hidden_reason: string }>();
  if (hidden) throw new AppError('forbidden', `An operator hid this product: ${hidden.hidden_reason}`);
}

/** Changes title, description, category or status; archiving is a status change. */
export async function updateProduct(ctx: WriteContext, productId: string, body: UpdateProductBody): Promise<void> {
  await activeVendor(ctx);
  const product = await ownedProduct(ctx, productId);
  if (body.status !== undefined && body.status !== 'archived') await notHidden(ctx.db, productId);
  const sets: string[] = [];
  const params: unknown[] = [];
  if (body.title !== undefined) {
    sets.push('title = ?');
    params.push(body.title);
  }
  if (body.description !== undefined) {
    sets.push('description = ?');
    params.push(body.description);
  }
  if (body.status !== undefined) {
    sets.push('status = ?');
    params.push(body.status);
  }
  if (body.category !== undefined) {
    const category = await categoryBySlug(ctx, body.category);
    sets.push('category_id = ?', 'category_path = ?');
    params.push(category.id, category.path);
  }
  await ctx.db.batch([
    ctx.db
      .prepare(`UPDATE products SET ${sets.join(', ')}, version = version + 1, updated_at = ? WHERE id = ? AND vendor_id = ?`)
      .bind(...params, ctx.now, productId, ctx.vendorId),
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
  const existing = await ctx.db
    .prepare('SELECT count(*) AS n, max(code = ?) AS taken FROM skus WHERE product_id = ?')
    .bind(sku.code, productId)
    .first<{ n: number; taken: number | null }>();
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
  const sku = await ctx.db
    .prepare('SELECT id, price, currency, available FROM skus WHERE id = ? AND product_id = ? AND archived = 0')
    .bind(skuId, productId)
    .first<{ id: string; price: number; currency: string; available: number }>();
  if (!sku) throw new AppError('not_found', `Product ${productId} has no SKU ${skuId}`);
  return sku;
}

/** Removes a SKU from sale (kept for order history); the last SKU cannot go. */
export async function removeSku(ctx: WriteContext, productId: string, skuId: string): Promise<void> {
  await activeVendor(ctx);
  const product = await ownedProduct(ctx, productId);
  await ownedSku(ctx, productId, skuId);
  const live = await ctx.db
    .prepare('SELECT count(*) AS n FROM skus WHERE product_id = ? AND archived = 0')
    .bind(productId)
    .first<{ n: number }>();
  if ((live?.n ?? 0) <= 1) throw new AppError('conflict', 'A product needs at least one SKU; archive the product instead');
  await ctx.db.batch([
    ctx.db.prepare('UPDATE skus SET archived = 1 WHERE id = ? AND product_id = ?').bind(skuId, productId),
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
    ctx.db.prepare('UPDATE skus SET price = ? WHERE id = ? AND price = ?').bind(price, skuId, sku.price),
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
