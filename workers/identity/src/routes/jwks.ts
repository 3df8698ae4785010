import { describe } from '@linked-all/http';
import { Hono } from 'hono';
import { keyRing } from '../domain/signing-keys';
import type { IdentityApp } from '../env';

export const jwksRoutes = new Hono<IdentityApp>().get(
  '/jwks.json',
  describe({ summary: 'Public keys that verify access tokens (by kid)', tags: ['auth'] }),
  async (c) => {
    const ring = await keyRing(c.env);
    // Verifiers may cache for 5 minutes: a new key is published (second in the list) at least that long before it signs.
    c.header('cache-control', 'public, max-age=300');
    return c.body(ring.jwksText, 200, { 'content-type': 'application/jwk-set+json' });
  },
);
