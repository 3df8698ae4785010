import { LISTING_VERSION_KEY, productVersionKey, responseKey } from '@linked-all/cache';
import { ProductId } from '@linked-all/catalog/contract';
import { isSaveData, SAVE_DATA_COOKIE } from '@linked-all/web';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import {
  ANONYMOUS_CACHE,
  isAnonymous,
  PAGE_MAX_AGE_SECONDS,
  PAGE_VARY,
  type PagesEnv,
  pageI18nOf,
  shopCountry,
} from '../page-response';

/** Paths that are never shopper pages: the API, the vendor app, the console, machine files. */
const NOT_SHOP_PAGES = /^\/(v1|vendor|admin|\.well-known)(\/|$)/;

const EDGE_HOST = 'https://edge-cache.linkedall.internal/page/';

/**
 * Whole shopper pages, as HTML, in the location's Cache API — for anonymous visitors only.
 *
 * The key is everything a public page is built from: the URL (host, path and query as sent, since
 * the page links back to itself), the language it is written in, the shop country, data-saver, and
 * the catalog's version tokens (`ver:product:<id>` for a product page, `ver:listing` for the rest).
 * The catalog's consumer replaces a token on every price, stock, review or visibility change, so the
 * next request builds a new key and no page made from older data is ever matched again — the same
 * invalidation as the JSON API's cache, one layer further out.
 *
 * Only what `sendPage` marked shareable (200, `ANONYMOUS_CACHE`, no Set-Cookie) is stored, so a signed-in
 * or cart-holding visitor (any cookie but the presentation ones) never reads or writes an entry.
 * A product page's add-to-cart token is shared by the visitors who get the same copy: safe, because
 * the cart deduplicates that token per cart and the first add gives the visitor a cart cookie, after
 * which their pages are built for them alone.
 */
export function pageCache(): MiddlewareHandler<PagesEnv> {
  return async (c, next) => {
    const edge = typeof caches === 'undefined' ? undefined : caches.default;
    const url = new URL(c.req.url);
    if (!edge || c.req.method !== 'GET' || NOT_SHOP_PAGES.test(url.pathname) || !isAnonymous(c)) return next();
    const versionKey = pageVersionKey(url.pathname);
    if (!versionKey) return next();

    const version = (await c.env.CACHE.get(versionKey, 'text')) ?? '0';
    const saveData = isSaveData(c.req.header('save-data'), getCookie(c, SAVE_DATA_COOKIE));
    const variant = [
      url.host + url.pathname + url.search,
      pageI18nOf(c).locale,
      shopCountry(c) ?? '-',
      saveData ? 'lite' : 'full',
    ];
    const key = new Request(`${EDGE_HOST}${await responseKey(variant.join('|'))}?v=${encodeURIComponent(version)}`);

    const hit = await edge.match(key);
    if (hit) {
      const response = new Response(hit.body, hit);
      response.headers.set('cache-control', ANONYMOUS_CACHE);
      response.headers.set('vary', PAGE_VARY);
      response.headers.set('x-cache', 'HIT');
      return response;
    }
    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.get('cache-control') !== ANONYMOUS_CACHE || res.headers.has('set-cookie')) return;
    const stored = new Response(res.clone().body, res);
    // The edge copy lives as long as the browser's; Vary is dropped because the key already holds
    // every variant, and the per-request ids must not be replayed to the next visitor.
    stored.headers.set('cache-control', `public, s-maxage=${PAGE_MAX_AGE_SECONDS}`);
    for (const header of ['vary', 'x-request-id', 'traceparent']) stored.headers.delete(header);
    c.executionCtx.waitUntil(edge.put(key, stored));
    c.res = undefined;
    c.res = new Response(res.body, res);
    c.res.headers.set('x-cache', 'MISS');
  };
}

/** The version token a page depends on: its product's for a product page, the listings' otherwise. */
function pageVersionKey(pathname: string): string | null {
  const product = /^\/p\/([^/]+)$/.exec(pathname);
  if (!product) return LISTING_VERSION_KEY;
  const id = ProductId.safeParse(product[1]);
  return id.success ? productVersionKey(id.data) : null;
}
