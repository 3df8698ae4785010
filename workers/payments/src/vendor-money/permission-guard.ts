import { authenticate, can, requirePermissionOf, verifyAccessToken } from '@linked-all/auth';
import { createServiceApp } from '@linked-all/http';
import type { PaymentsApp } from '../env';

// Every vendor route of payments is money (payouts, statements): the staff role must carry the
// finance permission, whatever the gateway already checked (defence in depth). This runs before
// the app (src/index.ts) so that the routes' files stay as they are.
const refusal = createServiceApp<PaymentsApp>('payments')
  .use(authenticate())
  .all('*', (c) => {
    requirePermissionOf(c.get('principal'), 'finance');
    return c.body(null, 204);
  });

/**
 * The 403 problem+json naming the permission for a vendor token whose role lacks finance, or
 * null to let the app answer (anonymous callers, other roles and bad tokens get the app's own
 * 401/403; the refusal is built by the service app, so it carries the request id like any other).
 */
export async function vendorPermissionRefusal(request: Request, env: PaymentsEnv, ctx: ExecutionContext) {
  if (!new URL(request.url).pathname.startsWith('/v1/vendor/')) return null;
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return null;
  const principal = await verifyAccessToken(token, env).catch(() => null);
  if (principal?.role !== 'vendor' || can(principal.vendorRole, 'finance')) return null;
  // The refusal never reads the body: cancel it first, or workerd logs "Can't read from request
  // stream after response has been sent" for a refused POST.
  await request.body?.cancel();
  return refusal.fetch(request, env, ctx);
}
