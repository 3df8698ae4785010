import { AppError, describe, validate } from '@linked-all/http';
import { IMAGE_WIDTHS } from '@linked-all/media/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import type { CatalogApp } from '../env';

const ImagePath = z.object({
  key: z.string().regex(/^(products|seed|reviews)\/[a-z0-9_/-]{1,200}\.(webp|jpg)$/, 'Unknown image'),
});
const ImageQuery = z.object({ w: z.coerce.number().int().min(1).max(4096).default(320) }).strict();

/** Serves a stored width of an image. Keys are content-addressed by id, so responses are immutable. */
export const imageRoutes = new Hono<CatalogApp>().get(
  '/:key{.+}',
  describe({ summary: 'An image in the stored width closest to ?w= (immutable)', tags: ['catalog'], problems: ['not_found'] }),
  validate('param', ImagePath),
  validate('query', ImageQuery),
  async (c) => {
    const { key } = c.req.valid('param');
    const { w } = c.req.valid('query');
    const dot = key.lastIndexOf('.');
    const base = key.slice(0, dot);
    const ext = key.slice(dot + 1);
    // Serve the smallest stored width that covers the request; fall back to smaller ones.
    const candidates = [...IMAGE_WIDTHS.filter((x) => x >= w), ...IMAGE_WIDTHS.filter((x) => x < w).reverse()];
    let object: R2ObjectBody | null = null;
    for (const width of candidates) {
      object = await c.env.IMAGES.get(`${base}/${width}.${ext}`);
      if (object) break;
    }
    if (!object) {
      // Originals narrower than every width are stored at their own width: look it up.
      const listed = await c.env.IMAGES.list({ prefix: `${base}/`, limit: 10 });
      const first = listed.objects[0];
      if (first) object = await c.env.IMAGES.get(first.key);
    }
    if (!object) throw new AppError('not_found', 'There is no such image');
    const headers = new Headers();
    object.writeHttpMetadata(headers);
    headers.set('cache-control', 'public, max-age=31536000, immutable');
    headers.set('etag', object.httpEtag);
    headers.set('content-length', String(object.size));
    return new Response(object.body, { headers });
  },
);
