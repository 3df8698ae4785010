import { type AuthVariables, authenticate } from '@linked-all/auth';
import { AppError, createServiceApp, type ServiceEnv } from '@linked-all/http';
import { bodyLimit } from 'hono/body-limit';
import { MAX_IMAGE_BYTES } from './domain/image-pipeline';
import { categoryRoutes } from './routes/categories';
import { imageRoutes } from './routes/images';
import { productRoutes } from './routes/products';
import { searchRoutes } from './routes/search';
import { vendorProductRoutes } from './routes/vendor-products';
import { vendorRoutes } from './routes/vendors';

export type CatalogApp = ServiceEnv<CatalogEnv, AuthVariables>;

export const JSON_BODY_LIMIT = 64 * 1024;

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `This body is limited to ${maxSize} bytes`);
    },
  });
}
const jsonLimit = limit(JSON_BODY_LIMIT);
const imageLimit = limit(MAX_IMAGE_BYTES);

export function createApp() {
  const app = createServiceApp<CatalogApp>('catalog');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', (c, next) => (c.req.method === 'PUT' && c.req.path.endsWith('/images') ? imageLimit : jsonLimit)(c, next));
  app.use('/v1/*', authenticate());
  app.route('/v1/products', productRoutes);
  app.route('/v1/categories', categoryRoutes);
  app.route('/v1/vendors', vendorRoutes);
  app.route('/v1/search', searchRoutes);
  app.route('/v1/images', imageRoutes);
  app.route('/v1/vendor/products', vendorProductRoutes);
  return app;
}
