import { authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp } from '@linked-all/http';
import type { OrdersApp } from './env';
import { adminOrderRoutes } from './routes/admin-orders';
import { cartRoutes } from './routes/carts';
import { checkoutRoutes } from './routes/checkout';
import { orderRoutes } from './routes/orders';
import { adminReturnRoutes, orderReturnRoutes, vendorReturnRoutes } from './routes/returns';
import { vendorOrderRoutes } from './routes/vendor-orders';
import { vendorStockRoutes } from './routes/vendor-stock';

// Carts and checkout bodies are small; a cart holds at most a few dozen lines.
export const JSON_BODY_LIMIT = 32 * 1024;

export function createApp() {
  const app = createServiceApp<OrdersApp>('orders');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: JSON_BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticate());
  app.route('/v1/carts', cartRoutes);
  app.route('/v1/checkout', checkoutRoutes);
  app.route('/v1/orders', orderReturnRoutes);
  app.route('/v1/orders', orderRoutes);
  app.route('/v1/vendor/returns', vendorReturnRoutes);
  app.route('/v1/admin/returns', adminReturnRoutes);
  app.route('/v1/vendor/orders', vendorOrderRoutes);
  app.route('/v1/admin/vendor-orders', adminOrderRoutes);
  app.route('/v1/vendor/skus', vendorStockRoutes);
  return app;
}
