import { authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp } from '@linked-all/http';
import type { NotificationsApp } from './env';
import { callbackRoutes } from './routes/callbacks';
import { devRoutes } from './routes/dev';
import { liveRoutes } from './routes/live';
import { meRoutes } from './routes/me';
import { pushKeyRoutes } from './routes/push-key';

// Preferences, push subscriptions and provider callbacks are well under 8 KB.
export const BODY_LIMIT = 8 * 1024;

export function createApp() {
  const app = createServiceApp<NotificationsApp>('notifications');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: BODY_LIMIT, uploadBytes: BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticate());
  app.route('/v1', liveRoutes);
  app.route('/v1/me', meRoutes);
  app.route('/v1', pushKeyRoutes);
  app.route('/v1', callbackRoutes);
  app.route('/v1/dev/notifications', devRoutes);
  return app;
}
