import { type AuthVariables, authenticate } from '@linked-all/auth';
import { bodyLimits, createServiceApp, type ServiceEnv } from '@linked-all/http';

export type OrdersApp = ServiceEnv<OrdersEnv, AuthVariables>;

// Carts and checkout bodies are small; a cart holds at most a few dozen lines.
export const JSON_BODY_LIMIT = 32 * 1024;

export function createApp() {
  const app = createServiceApp<OrdersApp>('orders');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: JSON_BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticate());
  return app;
}
