import { authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp } from '@linked-all/http';
import type { LogisticsApp } from './env';
import { adminRoutes } from './routes/admin';
import { adminSelfDeliveryRoutes } from './routes/admin-self-delivery';
import { courierWebhookRoutes } from './routes/courier-webhooks';
import { quoteRoutes } from './routes/quote';
import { riderRoutes } from './routes/rider';
import { stationDeskRoutes } from './routes/station-desk';
import { stationRoutes } from './routes/stations';
import { orderTrackingRoutes, trackingRoutes } from './routes/tracking';

// Station edits and courier webhooks are a few KB at most.
export const JSON_BODY_LIMIT = 32 * 1024;

export function createApp() {
  const app = createServiceApp<LogisticsApp>('logistics');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: JSON_BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticate());
  app.route('/v1/pickup-stations', stationRoutes);
  app.route('/v1/delivery', quoteRoutes);
  app.route('/v1/track', trackingRoutes);
  app.route('/v1/orders', orderTrackingRoutes);
  app.route('/v1/rider/shipments', riderRoutes);
  app.route('/v1/station/shipments', stationDeskRoutes);
  app.route('/v1/admin/self-delivery', adminSelfDeliveryRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1/webhooks/courier', courierWebhookRoutes);
  return app;
}
