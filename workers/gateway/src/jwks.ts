import type { AuthConfig } from '@linked-all/auth';
import { guardedCall, log, traced } from '@linked-all/http';
import { DEADLINE_MS } from './service-deadlines';

// Identity's key set, kept per isolate: one RPC a minute at most, so a rotated
// key is trusted within a minute and verification stays local on the hot path.
const TTL_MS = 60_000;
let cached: { text: string; at: number } | undefined;

/**
 * The gateway verifies access tokens against the keys identity publishes
 * (over RPC), falling back to the configured `AUTH_JWKS` if identity cannot
 * be reached and nothing is cached yet.
 */
export async function gatewayAuthConfig(env: GatewayEnv): Promise<AuthConfig> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    try {
      const keys = await guardedCall('identity', { deadlineMs: DEADLINE_MS.read }, () => traced(env.IDENTITY).jwks());
      cached = { text: JSON.stringify(keys), at: Date.now() };
    } catch (err) {
      log('warn', 'identity JWKS unavailable; using the last known keys', {
        error: err instanceof Error ? err.message : String(err),
      });
      // Try identity again in a few seconds, not on every request.
      cached = { text: cached?.text ?? env.AUTH_JWKS, at: Date.now() - TTL_MS + 5_000 };
    }
  }
  return { AUTH_JWKS: cached.text, AUTH_ISSUER: env.AUTH_ISSUER, AUTH_AUDIENCE: env.AUTH_AUDIENCE };
}
