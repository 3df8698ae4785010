import { authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp } from '@linked-all/http';
import type { PaymentsApp } from './env';
import { payoutResultRoutes } from './payouts/result-route';
import { adminRoutes } from './routes/admin';
import { codRoutes } from './routes/admin-cod';
import { commissionRoutes } from './routes/admin-commission';
import { devSandboxRoutes } from './routes/dev-sandbox';
import { topUpRoutes } from './routes/topups';
import { vendorRoutes } from './routes/vendor';
import { walletRoutes } from './routes/wallet';
import { webhookRoutes } from './routes/webhooks';

// Payment bodies and provider webhooks are a few KB at most.
export const JSON_BODY_LIMIT = 32 * 1024;

export function createApp() {
  const app = createServiceApp<PaymentsApp>('payments');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: JSON_BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticate());
  app.route('/v1/wallet', walletRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1/admin/commission-rules', commissionRoutes);
  app.route('/v1/admin/cod', codRoutes);
  app.route('/v1/vendor', vendorRoutes);
  // Before the provider webhooks: its paths are more specific than theirs.
  app.route('/v1/webhooks', payoutResultRoutes);
  app.route('/v1/webhooks', webhookRoutes);
  app.route('/v1/wallet/topups', topUpRoutes);
  // The sandbox delivers its callbacks to this very app, in-process, as the provider would over HTTP.
  app.route(
    '/v1/dev',
    devSandboxRoutes((request, env, ctx) => Promise.resolve(app.fetch(request, env, ctx))),
  );
  return app;
}
