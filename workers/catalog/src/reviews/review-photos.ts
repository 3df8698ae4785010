import { AppError, newId } from '@linked-all/http';
import { photoVariants } from '../domain/photo-variants';
import { imageObjectKey } from '../domain/views';

const EXTENSION = { webp: 'webp', jpeg: 'jpg' } as const;

/**
 * Stores a shopper's review photo in every width (the products' pipeline, in the media worker), under
 * the shopper's own prefix. The answer's key is what the review names in `photos` and what /v1/images serves.
 */
export async function uploadReviewPhoto(
  images: R2Bucket,
  media: CatalogEnv['MEDIA'],
  userId: string,
  bytes: Uint8Array,
  contentType: string,
  now: number,
): Promise<{ key: string; url: string }> {
  const processed = await photoVariants(media, bytes, contentType);
  const base = `reviews/${userId}/${newId('img', now)}`;
  await Promise.all(
    processed.variants.map((variant) =>
      images.put(imageObjectKey(base, processed.format, variant.width), variant.bytes, {
        httpMetadata: { contentType: variant.contentType, cacheControl: 'public, max-age=31536000, immutable' },
        customMetadata: { userId },
      }),
    ),
  );
  const key = `${base}.${EXTENSION[processed.format]}`;
  return { key, url: `/v1/images/${key}` };
}

/**
 * A review may show only photos its author uploaded: the key is under their prefix and the object
 * exists. Anything else names the photo that is not theirs.
 */
export async function checkReviewPhotos(images: R2Bucket, userId: string, keys: string[]): Promise<void> {
  for (const [i, key] of keys.entries()) {
    const base = key.slice(0, key.lastIndexOf('.'));
    const stored =
      key.startsWith(`reviews/${userId}/`) && (await images.list({ prefix: `${base}/`, limit: 1 })).objects.length > 0;
    if (!stored) {
      throw new AppError('validation_failed', 'A photo must be one you uploaded with PUT /v1/reviews/images', {
        errors: [{ path: `photos.${i}`, message: 'Not a photo you uploaded' }],
      });
    }
  }
}
