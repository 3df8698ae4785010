import { bodyLimits, createServiceApp } from '@linked-all/http';
import { authenticateOwnTokens } from './auth';
import type { IdentityApp } from './env';
import { adminRoutes } from './routes/admin';
import { adminRoleRoutes } from './routes/admin-roles';
import { authRoutes } from './routes/auth';
import { jwksRoutes } from './routes/jwks';
import { meRoutes } from './routes/me';
import { vendorRoutes } from './routes/vendors';

// Every identity body is a few hundred bytes; 16 KB leaves room and caps PBKDF2 input abuse.
export const JSON_BODY_LIMIT = 16 * 1024;

export function createApp() {
  const app = createServiceApp<IdentityApp>('identity');
  // Counted on the stream too, so a body without Content-Length cannot slip past.
  app.use('/v1/*', bodyLimits({ jsonBytes: JSON_BODY_LIMIT, uploadBytes: JSON_BODY_LIMIT, isUpload: () => false }));
  app.use('/v1/*', authenticateOwnTokens());
  app.route('/.well-known', jwksRoutes);
  app.route('/v1/auth', authRoutes);
  app.route('/v1/me', meRoutes);
  app.route('/v1/vendors', vendorRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1/admin', adminRoleRoutes);
  return app;
}
