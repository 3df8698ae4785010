import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AppError } from './errors';

/** An `Idempotency-Key` value: the one pattern every service, page and client form uses. */
export const IdempotencyKey = z
  .string({ error: 'The Idempotency-Key header is required' })
  .regex(/^[A-Za-z0-9_.:-]{8,200}$/, 'Idempotency-Key: 8–200 characters of A–Z a–z 0–9 _ . : -');

/** A route that requires the header validates it with `validate('header', IdempotencyHeader)`. */
export const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey });
// A request that crashed mid-way leaves its placeholder; after this long another attempt may take over.
const IN_FLIGHT_MS = 60_000;

async function sha256(parts: (string | ArrayBuffer)[]): Promise<string> {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : new Uint8Array(p)));
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length + 1, 0));
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length + 1;
  }
  const digest = await crypto.subtle.digest('SHA-256', all);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

type Stored = { request_hash: string; status: number; body: string; created_at: number };

/**
 * `Idempotency-Key` for writes (the offline vendor PWA replays its queue with
 * the same keys). The first request with a key claims it with a placeholder
 * row; a retry gets the stored response replayed; the same key with another
 * body is a 409; a concurrent duplicate waits its turn (409 + Retry-After).
 * Needs an `idempotency_keys` table in the service's D1 (see migrations).
 */
export function idempotency<E extends { Bindings: object }>(options: {
  db: (c: Context<E>) => D1Database;
  scope: (c: Context<E>) => string;
}): MiddlewareHandler<E> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!key || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!IdempotencyKey.safeParse(key).success) {
      throw new AppError('validation_failed', 'Idempotency-Key must be 8–200 characters of A–Z a–z 0–9 _ . : -', {
        errors: [{ path: 'Idempotency-Key', message: 'Invalid idempotency key' }],
      });
    }
    const db = options.db(c);
    const scope = options.scope(c);
    const hash = await sha256([c.req.method, c.req.path, await c.req.arrayBuffer()]);
    const now = Date.now();
    const claim = await db
      .prepare(
        `INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, 0, '', ?)
         ON CONFLICT (scope, key) DO UPDATE SET created_at = excluded.created_at
         WHERE idempotency_keys.status = 0 AND idempotency_keys.created_at < ? AND idempotency_keys.request_hash = excluded.request_hash`,
      )
      .bind(scope, key, hash, now, now - IN_FLIGHT_MS)
      .run();
    if (claim.meta.changes === 0) {
      const stored = await db
        .prepare('SELECT request_hash, status, body, created_at FROM idempotency_keys WHERE scope = ? AND key = ?')
        .bind(scope, key)
        .first<Stored>();
      if (stored && stored.request_hash !== hash) {
        throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request');
      }
      if (!stored || stored.status === 0) {
        throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed; retry shortly', {
          headers: { 'retry-after': '1' },
        });
      }
      return new Response(stored.body || null, {
        status: stored.status,
        headers: {
          'content-type': stored.status >= 400 ? 'application/problem+json' : 'application/json',
          'idempotent-replayed': 'true',
        },
      });
    }
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      if (status >= 500) {
        // Nothing was done, or nothing we can vouch for: free the key for a retry.
        await db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status = 0').bind(scope, key).run();
      } else {
        const body = await c.res.clone().text();
        await db
          .prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE scope = ? AND key = ?')
          .bind(status, body, scope, key)
          .run();
      }
    }
  };
}
