import { statement } from '@linked-all/db';
import { outboxStatement, ProductUpdated } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { and, eq, sql } from 'drizzle-orm';
import type { ImageView } from '../../contract';
import { orm } from '../db/orm';
import { productImages, products } from '../db/schema';
import { photoVariants } from './photo-variants';
import { ownedProduct } from './vendor-products';
import { imageObjectKey, imageView } from './views';
import type { WriteContext } from './write-context';

/**
 * Stores an uploaded image in every width at once (encoded by the media worker), then records it.
 * R2 is written first: a crash in between leaves unreferenced objects (harmless), never a database
 * row pointing at missing ones.
 */
export async function uploadImage(
  ctx: WriteContext & { images: R2Bucket; media: CatalogEnv['MEDIA'] },
  productId: string,
  bytes: Uint8Array,
  contentType: string,
  alt: string,
): Promise<ImageView> {
  const product = await ownedProduct(ctx, productId);
  const processed = await photoVariants(ctx.media, bytes, contentType);
  const id = newId('img', ctx.now);
  const key = `products/${productId}/${id}`;
  await Promise.all(
    processed.variants.map((variant) =>
      ctx.images.put(imageObjectKey(key, processed.format, variant.width), variant.bytes, {
        httpMetadata: { contentType: variant.contentType, cacheControl: 'public, max-age=31536000, immutable' },
        customMetadata: { productId, vendorId: ctx.vendorId },
      }),
    ),
  );
  const widths = processed.variants.map((v) => v.width);
  await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db)
        .insert(productImages)
        .values({
          id,
          productId,
          key,
          widths,
          format: processed.format,
          width: processed.width,
          height: processed.height,
          alt,
          // After the product's last image, read by the insert itself.
          position: sql`(SELECT coalesce(max(${productImages.position}) + 1, 0) FROM ${productImages} WHERE ${productImages.productId} = ${productId})`,
          createdAt: ctx.now,
        }),
    ),
    statement(
      ctx.db,
      orm(ctx.db)
        .update(products)
        .set({ version: sql`${products.version} + 1`, updatedAt: ctx.now })
        .where(and(eq(products.id, productId), eq(products.vendorId, ctx.vendorId))),
    ),
    outboxStatement(
      ctx.db,
      ProductUpdated,
      { productId, vendorId: ctx.vendorId, status: product.status, fields: ['images'] },
      ctx,
    ),
  ]);
  return imageView({ id, key, widths, format: processed.format, width: processed.width, height: processed.height, alt });
}
