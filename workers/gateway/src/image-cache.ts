import type { Context } from 'hono';
import type { GatewayApp } from './env';
import { forwardToService } from './forward';

const EDGE_HOST = 'https://edge-cache.linkedall.internal/image';
/** What the catalog answers for a stored image (content-addressed keys: a key's bytes never change). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /v1/images/<key>?w=`: from the location's Cache API when it holds the image, else from the
 * catalog (R2), kept for the next visitor. Image keys are content-addressed, so no version is needed:
 * only a 200 the catalog marked immutable is stored (a 404 or a refused query never is, so junk
 * URLs cannot fill the cache). Signed in or not, an image is the same for everyone.
 */
export async function cachedImage(c: Context<GatewayApp>): Promise<Response> {
  const edge = typeof caches === 'undefined' ? undefined : caches.default;
  if (!edge) return forwardToService(c, c.env.CATALOG);
  const url = new URL(c.req.url);
  const key = new Request(`${EDGE_HOST}${url.pathname}${url.search}`);
  const hit = await edge.match(key);
  if (hit) {
    const response = new Response(hit.body, hit);
    response.headers.set('x-cache', 'HIT');
    return response;
  }
  const response = await forwardToService(c, c.env.CATALOG);
  if (response.status !== 200 || response.headers.get('cache-control') !== IMMUTABLE) return response;
  c.executionCtx.waitUntil(edge.put(key, response.clone()));
  response.headers.set('x-cache', 'MISS');
  return response;
}
