import { type AuthVariables, authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp, type ServiceEnv } from '@linked-all/http';
import { adminRoutes } from './routes/admin';
import { walletRoutes } from './routes/wallet';
import { webhookRoutes } from './routes/webhooks';

export type PaymentsApp = ServiceEnv<PaymentsEnv, AuthVariables>;

// Payment bodies and provider webhooks are a few KB at most.
export const JSON_BODY_LIMIT = 32 * 1024;

export function createApp() {
  const app = createServiceApp<PaymentsApp>('payments');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: JSON_BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticate());
  app.route('/v1/wallet', walletRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1/webhooks', webhookRoutes);
  return app;
}
