import { inJson } from '@linked-all/db';
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { SkuDetails } from '../../contract';
import { orm } from '../db/orm';
import { productImages, products, skus, vendors } from '../db/schema';
import type { Db } from '../db/session';
import { imageUrl } from './views';

const firstImage = alias(productImages, 'i');

function smallImage(row: {
  image_key: string | null;
  image_format: string | null;
  image_widths: number[] | null;
}): string | null {
  if (!row.image_key || !row.image_format || !row.image_widths) return null;
  return imageUrl(row.image_key, row.image_format, Math.min(...row.image_widths));
}

/** The SKUs that exist among `ids`, in the order asked; unknown ids are simply absent. */
export async function skuDetails(db: Db, ids: readonly string[]): Promise<SkuDetails[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  // One query for every id (one bind: json_each), the product's first image picked by a correlated subquery.
  const results = await orm(db)
    .select({
      sku_id: skus.id,
      product_id: skus.productId,
      vendor_id: products.vendorId,
      vendor_name: vendors.name,
      title: products.title,
      options: skus.options,
      price: skus.price,
      currency: skus.currency,
      category_id: products.categoryId,
      available: skus.available,
      active: sql<number>`(${products.status} = 'active' AND ${vendors.status} = 'active' AND ${skus.archived} = 0)`,
      image_key: firstImage.key,
      image_format: firstImage.format,
      image_widths: firstImage.widths,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(vendors, eq(vendors.id, products.vendorId))
    .leftJoin(
      firstImage,
      eq(
        firstImage.id,
        orm(db)
          .select({ id: productImages.id })
          .from(productImages)
          .where(eq(productImages.productId, products.id))
          .orderBy(productImages.position, productImages.createdAt)
          .limit(1),
      ),
    )
    .where(inJson(skus.id, unique));
  const byId = new Map(results.map((row) => [row.sku_id, row]));
  return unique.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        skuId: row.sku_id,
        productId: row.product_id,
        vendorId: row.vendor_id,
        vendorName: row.vendor_name,
        title: row.title,
        options: row.options,
        price: row.price,
        currency: row.currency,
        categoryId: row.category_id,
        image: smallImage(row),
        active: row.active === 1,
        available: row.available,
      },
    ];
  });
}
