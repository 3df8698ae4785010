import { type AuthVariables, authenticate } from '@linked-all/auth';
import { AppError, createServiceApp, type ServiceEnv } from '@linked-all/http';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { analytics } from './middleware/analytics';
import { compression } from './middleware/compression';
import { rateLimit } from './middleware/rate-limit';
import { apiRoutes } from './routes/api';
import { pageRoutes } from './routes/pages';

export type GatewayApp = ServiceEnv<GatewayEnv, AuthVariables>;

const JSON_BODY_LIMIT = 64 * 1024;
const IMAGE_BODY_LIMIT = 5 * 1024 * 1024;

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `This body is limited to ${maxSize} bytes`);
    },
  });
}
const jsonLimit = limit(JSON_BODY_LIMIT);
const imageLimit = limit(IMAGE_BODY_LIMIT);

export function createApp() {
  const app = createServiceApp<GatewayApp>('gateway');
  app.use(analytics());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
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
      allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'traceparent', 'x-d1-bookmark'],
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['x-request-id', 'traceparent', 'x-cache', 'x-d1-bookmark', 'etag', 'retry-after', 'idempotent-replayed'],
      maxAge: 86400,
    }),
  );
  app.use('/v1/*', rateLimit());
  app.use('/v1/*', (c, next) => (c.req.method === 'PUT' && c.req.path.endsWith('/images') ? imageLimit : jsonLimit)(c, next));
  app.use('/v1/*', authenticate());
  app.route('/v1', apiRoutes);
  app.route('/', pageRoutes);
  return app;
}
