import { LISTING_VERSION_KEY, productVersionKey, readThrough } from '@linked-all/cache';
import { ListProductsQuery, ProductParams, SuggestQuery } from '@linked-all/catalog/contract';
import { describe, OPENAPI_COMPONENTS, openApiPaths, traced, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { GatewayApp } from '../env';
import { forwardToService } from '../forward';
import { Health, healthReport, readiness } from '../health';
import { cachedImage } from '../image-cache';
import { devFaultRoutes } from './dev-faults';
import { openLiveSocket } from './live';

/** What each service's `openapi()` RPC answers: its paths, merged into this API's document. */
const ServicePaths = z.record(z.string(), z.record(z.string(), z.unknown()));

type CacheRule = {
  key: (c: Context<GatewayApp>) => string;
  versionKeys: (c: Context<GatewayApp>) => string[];
  ttl: number;
  /** The answer is the same for every caller, signed in or not (no drafts, no shop's own view). */
  everyone?: boolean;
};

function normalisedQuery(c: Context<GatewayApp>): string {
  const params = new URL(c.req.url).searchParams;
  params.sort();
  return params.toString();
}

const listing: CacheRule = {
  key: (c) => `${c.req.path}?${normalisedQuery(c)}`,
  versionKeys: () => [LISTING_VERSION_KEY],
  ttl: 60,
};

/**
 * Anonymous catalog reads go through the versioned cache; a request that is
 * signed in (unless the answer is the same for everyone), or carries a D1 bookmark
 * (it wants to read its own write), goes straight to the catalog.
 */
function cached(rule: CacheRule) {
  return async (c: Context<GatewayApp>) => {
    if ((c.req.header('authorization') && !rule.everyone) || c.req.header('x-d1-bookmark')) {
      const response = await forwardToService(c, c.env.CATALOG);
      response.headers.set('x-cache', 'BYPASS');
      return response;
    }
    return readThrough({
      kv: c.env.CACHE,
      edge: typeof caches === 'undefined' ? undefined : caches.default,
      key: rule.key(c),
      versionKeys: rule.versionKeys(c),
      ttlSeconds: rule.ttl,
      load: () => forwardToService(c, c.env.CATALOG),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
    });
  };
}

let openApiDocument: object | undefined;

export const apiRoutes: Hono<GatewayApp> = new Hono<GatewayApp>()
  .get(
    '/health',
    describe({ summary: 'Health of the gateway and every service', tags: ['ops'], response: Health }),
    async (c) => {
      const report = await healthReport(c.env);
      c.header('cache-control', 'no-store');
      return c.json(report, report.status === 'ok' ? 200 : 503);
    },
  )
  .get(
    '/health/ready',
    describe({ summary: 'Ready to take traffic: every service answers (deploy smoke check)', tags: ['ops'] }),
    async (c) => {
      const ready = await readiness(c.env);
      c.header('cache-control', 'no-store');
      return c.json(ready, ready.ready ? 200 : 503);
    },
  )
  .get('/openapi.json', describe({ summary: 'This API, described by OpenAPI 3.1', tags: ['ops'] }), async (c) => {
    openApiDocument ??= {
      openapi: '3.1.0',
      info: { title: 'Linked All API', version: '1.0.0', description: 'The public /v1 API of the Linked All marketplace.' },
      servers: [{ url: new URL(c.req.url).origin }],
      paths: {
        ...openApiPaths(apiRoutes, '/v1'),
        ...ServicePaths.parse(await traced(c.env.CATALOG).openapi()),
        ...ServicePaths.parse(await traced(c.env.IDENTITY).openapi()),
        ...ServicePaths.parse(await traced(c.env.PAYMENTS).openapi()),
        ...ServicePaths.parse(await traced(c.env.ORDERS).openapi()),
        ...ServicePaths.parse(await traced(c.env.LOGISTICS).openapi()),
        ...ServicePaths.parse(await traced(c.env.NOTIFICATIONS).openapi()),
      },
      components: OPENAPI_COMPONENTS,
    };
    c.header('cache-control', 'public, max-age=300');
    return c.json(openApiDocument);
  })
  // Input is validated with the catalog's own schemas BEFORE a cache key is built from it:
  // junk never reaches KV (key limits) and cannot fan the cache out into useless entries.
  .get('/products', validate('query', ListProductsQuery), cached(listing))
  .get(
    '/products/:id',
    validate('param', ProductParams),
    cached({
      key: (c) => `/v1/products/${c.req.param('id')}`,
      versionKeys: (c) => [productVersionKey(c.req.param('id') ?? '')],
      ttl: 300,
    }),
  )
  // The category tree takes no input: its key ignores the query, so no query can vary it.
  .get('/categories', cached({ ...listing, key: (c) => c.req.path, ttl: 300, everyone: true }))
  .get('/search/suggest', validate('query', SuggestQuery), cached({ ...listing, ttl: 300, everyone: true }))
  // Identity: accounts, sessions, the caller's own data, vendor applications, admin.
  // `/vendors` (apply) and `/vendors/me…` are identity's; every other `/vendors/:id` is a
  // catalog shop id (`vnd_…`), so the split cannot be ambiguous. Registered before the catalog's.
  .all('/auth/*', (c) => forwardToService(c, c.env.IDENTITY))
  // Notifications: the caller's inbox, preferences and push subscriptions (before identity's /me/*).
  .all('/me/notifications', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  .all('/me/notification-preferences', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  .all('/me/push-subscriptions', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  .get('/push/key', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  .get('/me/live', (c) => openLiveSocket(c.env, c.req.raw, '/v1/me/live', c.req.header('authorization'), c.get('traceparent')))
  .get('/vendor/live', (c) =>
    openLiveSocket(c.env, c.req.raw, '/v1/vendor/live', c.req.header('authorization'), c.get('traceparent')),
  )
  .all('/me', (c) => forwardToService(c, c.env.IDENTITY))
  .all('/me/*', (c) => forwardToService(c, c.env.IDENTITY))
  .all('/vendors', (c) => forwardToService(c, c.env.IDENTITY))
  .all('/vendors/me', (c) => forwardToService(c, c.env.IDENTITY))
  .all('/vendors/me/*', (c) => forwardToService(c, c.env.IDENTITY))
  // The console's cancel of one vendor order is orders'.
  .all('/admin/vendor-orders/*', (c) => forwardToService(c, c.env.ORDERS))
  // The console's product moderation is the catalog's.
  .all('/admin/products', (c) => forwardToService(c, c.env.CATALOG))
  .all('/admin/products/*', (c) => forwardToService(c, c.env.CATALOG))
  .all('/admin/vendors', (c) => forwardToService(c, c.env.IDENTITY))
  .all('/admin/vendors/*', (c) => forwardToService(c, c.env.IDENTITY))
  .all('/admin/users/*', (c) => forwardToService(c, c.env.IDENTITY))
  // The chaos tests' fault switch, then the payment sandboxes' dev-only controls (they exist only
  // in local dev and tests).
  .route('/', devFaultRoutes)
  .all('/dev/payments/*', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/dev/notifications/*', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  // Payments: the caller's wallet, the ledger for admins, provider webhooks (public: the
  // provider's signature on the raw body, checked by payments, is their authentication).
  .all('/wallet', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/wallet/*', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/admin/ledger/*', (c) => forwardToService(c, c.env.PAYMENTS))
  // Carriers' status webhooks are logistics' (before payments' provider webhooks).
  .all('/webhooks/courier/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/webhooks/*', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/admin/commission-rules', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/admin/commission-rules/*', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/admin/cod/*', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/vendor/payouts', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/vendor/payouts/*', (c) => forwardToService(c, c.env.PAYMENTS))
  .all('/vendor/statements', (c) => forwardToService(c, c.env.PAYMENTS))
  // Logistics: stations, delivery quotes, tracking (an order's tracking before orders' /orders/*),
  // the rider and station desks, admin of stations, riders and agents.
  .all('/pickup-stations', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/pickup-stations/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/delivery/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/track/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/orders/:id/tracking', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/rider/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/station/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/admin/pickup-stations', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/admin/pickup-stations/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/admin/shipments/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/admin/station-agents/*', (c) => forwardToService(c, c.env.LOGISTICS))
  .all('/admin/self-delivery/*', (c) => forwardToService(c, c.env.LOGISTICS))
  // Notifications: Africa's Talking's callbacks (USSD sessions, SMS to our short code, delivery
  // reports), authenticated by notifications with the token in the callback URL.
  .all('/ussd/*', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  .all('/sms/*', (c) => forwardToService(c, c.env.NOTIFICATIONS))
  // Orders: carts, checkout, the shopper's orders, the vendor's orders and stock.
  .all('/carts', (c) => forwardToService(c, c.env.ORDERS))
  .all('/carts/*', (c) => forwardToService(c, c.env.ORDERS))
  .all('/checkout', (c) => forwardToService(c, c.env.ORDERS))
  .all('/checkout/*', (c) => forwardToService(c, c.env.ORDERS))
  .all('/orders', (c) => forwardToService(c, c.env.ORDERS))
  .all('/orders/*', (c) => forwardToService(c, c.env.ORDERS))
  .all('/vendor/orders', (c) => forwardToService(c, c.env.ORDERS))
  .all('/vendor/orders/*', (c) => forwardToService(c, c.env.ORDERS))
  .all('/vendor/skus/*', (c) => forwardToService(c, c.env.ORDERS))
  // Returns (orders): the shopper's are under /orders/:id/returns above.
  .all('/vendor/returns', (c) => forwardToService(c, c.env.ORDERS))
  .all('/vendor/returns/*', (c) => forwardToService(c, c.env.ORDERS))
  .all('/admin/returns', (c) => forwardToService(c, c.env.ORDERS))
  .all('/admin/returns/*', (c) => forwardToService(c, c.env.ORDERS))
  // Reviews (the catalog's): votes and reports, the shop's answers, moderation.
  .all('/reviews/*', (c) => forwardToService(c, c.env.CATALOG))
  .all('/recommendations/*', (c) => forwardToService(c, c.env.CATALOG))
  .all('/vendor/reviews/*', (c) => forwardToService(c, c.env.CATALOG))
  .all('/admin/reviews', (c) => forwardToService(c, c.env.CATALOG))
  .all('/admin/reviews/*', (c) => forwardToService(c, c.env.CATALOG))
  // Everything else of the catalog is passed through as is (writes, images, vendor API).
  .all('/products/*', (c) => forwardToService(c, c.env.CATALOG))
  .all('/vendors/*', (c) => forwardToService(c, c.env.CATALOG))
  .get('/images/*', cachedImage)
  .all('/images/*', (c) => forwardToService(c, c.env.CATALOG))
  .all('/vendor/products', (c) => forwardToService(c, c.env.CATALOG))
  .all('/vendor/products/*', (c) => forwardToService(c, c.env.CATALOG));
