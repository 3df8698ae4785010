import { authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp, isImageUpload } from '@linked-all/http';
import { MAX_IMAGE_BYTES } from '@linked-all/media/contract';
import type { CatalogApp } from './env';
import { adminProductRoutes } from './routes/admin-products';
import { adminReviewRoutes } from './routes/admin-reviews';
import { categoryRoutes } from './routes/categories';
import { imageRoutes } from './routes/images';
import { productRoutes } from './routes/products';
import { recommendationRoutes } from './routes/recommendations';
import { reviewRoutes } from './routes/reviews';
import { searchRoutes } from './routes/search';
import { vendorProductRoutes } from './routes/vendor-products';
import { vendorReviewRoutes } from './routes/vendor-reviews';
import { vendorRoutes } from './routes/vendors';

export const JSON_BODY_LIMIT = 64 * 1024;

export function createApp() {
  const app = createServiceApp<CatalogApp>('catalog');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: MAX_IMAGE_BYTES, isUpload: isImageUpload }));
  app.use('/v1/*', authenticate());
  app.route('/v1/products', productRoutes);
  app.route('/v1/categories', categoryRoutes);
  app.route('/v1/vendors', vendorRoutes);
  app.route('/v1/search', searchRoutes);
  app.route('/v1/images', imageRoutes);
  app.route('/v1/vendor/products', vendorProductRoutes);
  app.route('/v1/vendor/reviews', vendorReviewRoutes);
  app.route('/v1/admin/reviews', adminReviewRoutes);
  app.route('/v1/admin/products', adminProductRoutes);
  app.route('/v1/recommendations', recommendationRoutes);
  app.route('/v1', reviewRoutes);
  return app;
}
