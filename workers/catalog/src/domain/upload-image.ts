import { outboxStatement, ProductUpdated } from '@linked-all/events';
import { newId } from '@linked-all/http';
import type { ImageView } from '../../contract';
import { processImage } from './image-pipeline';
import { ownedProduct } from './vendor-products';
import { imageObjectKey, imageView } from './views';
import type { WriteContext } from './write-context';

/**
 * Stores an uploaded image in every width at once, then records it. R2 is
 * written first: a crash in between leaves unreferenced objects (harmless),
 * never a database row pointing at missing ones.
 */
export async function uploadImage(
  ctx: WriteContext & { images: R2Bucket },
  productId: string,
  bytes: Uint8Array,
  contentType: string,
  alt: string,
): Promise<ImageView> {
  const product = await ownedProduct(ctx, productId);
  const processed = await processImage(bytes, contentType);
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
    ctx.db
      .prepare(
        `INSERT INTO product_images (id, product_id, key, widths, format, width, height, alt, position, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position) + 1, 0) FROM product_images WHERE product_id = ?), ?)`,
      )
      .bind(
        id,
        productId,
        key,
        JSON.stringify(widths),
        processed.format,
        processed.width,
        processed.height,
        alt,
        productId,
        ctx.now,
      ),
    ctx.db
      .prepare('UPDATE products SET version = version + 1, updated_at = ? WHERE id = ? AND vendor_id = ?')
      .bind(ctx.now, productId, ctx.vendorId),
    outboxStatement(
      ctx.db,
      ProductUpdated,
      { productId, vendorId: ctx.vendorId, status: product.status, fields: ['images'] },
      ctx,
    ),
  ]);
  return imageView({ id, key, widths, format: processed.format, width: processed.width, height: processed.height, alt });
}
