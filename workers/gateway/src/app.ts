import { authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp, isImageUpload } from '@linked-all/http';
import { TAP_SCRIPT_CSP_SOURCE } from '@linked-all/web';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { GatewayApp } from './env';
import { forwardToService } from './forward';
import { gatewayAuthConfig } from './jwks';
import { compression } from './middleware/compression';
import { pageCache } from './middleware/page-cache';
import { rateLimit } from './middleware/rate-limit';
import { tokenVersionCheck } from './middleware/token-version';
import { adminPageRoutes } from './routes/admin';
import { apiRoutes } from './routes/api';
import { livePageRoutes } from './routes/live';
import { pageRoutes } from './routes/pages';
import { vendorPageRoutes } from './routes/vendor-pages';

const JSON_BODY_LIMIT = 64 * 1024;
const IMAGE_BODY_LIMIT = 5 * 1024 * 1024;

export function createApp() {
  const app = createServiceApp<GatewayApp>('gateway');
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // No 'unsafe-inline': the one inline script (data-saver tap) is allowed by its hash; pages
        // have no inline handlers. A new inline script needs its hash (or a nonce on uncached pages).
        scriptSrc: ["'self'", TAP_SCRIPT_CSP_SOURCE],
        frameAncestors: ["'none'"],
      },
      crossOriginResourcePolicy: 'same-site',
    }),
  );
  app.use(compression());
  app.use(etag({ weak: true }));
  app.use(
    '/v1/*',
    cors({
      origin: '*',
      allowHeaders: [
        'authorization',
        'content-type',
        'idempotency-key',
        'x-request-id',
        'traceparent',
        'x-d1-bookmark',
        'x-cart-token',
      ],
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['x-request-id', 'traceparent', 'x-cache', 'x-d1-bookmark', 'etag', 'retry-after', 'idempotent-replayed'],
      maxAge: 86400,
    }),
  );
  app.use('/v1/*', rateLimit());
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: IMAGE_BODY_LIMIT, isUpload: isImageUpload }));
  app.use('/v1/*', authenticate<GatewayApp>(gatewayAuthConfig));
  app.use('/v1/*', tokenVersionCheck());
  app.route('/v1', apiRoutes);
  // Identity's public keys, for anyone verifying our access tokens.
  app.get('/.well-known/jwks.json', (c) => forwardToService(c, c.env.IDENTITY));
  app.route('/', livePageRoutes);
  app.route('/vendor', vendorPageRoutes);
  app.route('/admin', adminPageRoutes);
  // Anonymous shopper pages from the location's cache, keyed by the catalog's version tokens.
  app.use(pageCache());
  app.route('/', pageRoutes);
  return app;
}
