import { AppError } from '@linked-all/http';
import type { MiddlewareHandler } from 'hono';
import type { GatewayApp } from '../env';

/** Per-client request budget on the API (Rate Limiting binding, per location). */
export function rateLimit(): MiddlewareHandler<GatewayApp> {
  return async (c, next) => {
    // Cloudflare sets cf-connecting-ip and overwrites any client-sent value; locally it is absent.
    const client = c.req.header('cf-connecting-ip') ?? 'local';
    const { success } = await c.env.RATE_LIMITER.limit({ key: client });
    if (!success) {
      throw new AppError('rate_limited', 'Too many requests from this address; wait a minute and retry', {
        headers: { 'retry-after': '60' },
      });
    }
    return next();
  };
}
