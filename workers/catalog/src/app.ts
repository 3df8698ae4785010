import { type AuthVariables, authenticate } from '@linked-all/auth';
import { createServiceApp, type ServiceEnv } from '@linked-all/http';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '@linked-all/http';
import { categoryRoutes } from './routes/categories';
import { imageRoutes } from './routes/images';
import { productRoutes } from './routes/products';
import { searchRoutes } from './routes/search';
import { vendorProductRoutes } from './routes/vendor-products';
import { vendorRoutes } from './routes/vendors';

export type CatalogApp = ServiceEnv<CatalogEnv, AuthVariables>;

const JSON_LIMIT = 64 * 1024;
export const IMAGE_LIMIT = 5 * 1024 * 1024;

export function createApp() {
  const app = createServiceApp<CatalogApp>('catalog');
  app.use(
    '/v1/*',
    bodyLimit({
      // Image uploads get their own, larger limit in their route.
      maxSize: IMAGE_LIMIT,
      onError: () => {
        throw new AppError('payload_too_large', `Bodies are limited to ${IMAGE_LIMIT} bytes`);
      },
    }),
  );
  app.use('/v1/*', async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 0);
    const isImage = c.req.method === 'PUT' && c.req.path.endsWith('/images');
    if (!isImage && length > JSON_LIMIT) {
      throw new AppError('payload_too_large', `JSON bodies are limited to ${JSON_LIMIT} bytes`);
    }
    return next();
  });
  app.use('/v1/*', authenticate());
  app.route('/v1/products', productRoutes);
  app.route('/v1/categories', categoryRoutes);
  app.route('/v1/vendors', vendorRoutes);
  app.route('/v1/search', searchRoutes);
  app.route('/v1/images', imageRoutes);
  app.route('/v1/vendor/products', vendorProductRoutes);
  return app;
}
