import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { LISTING_VERSION_KEY, productVersionKey } from '@linked-all/cache';
import type { ProductUpdated } from '@linked-all/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeCatalogEvents } from '../src/consumers/catalog-events';
import { relayCatalogOutbox } from '../src/domain/relay';
import { call, P, seedCatalog, VENDOR_A, vendorToken } from './fixtures';

beforeAll(() => seedCatalog(env.DB));

function event(id: string, productId: string) {
  return {
    id,
    type: 'product.updated',
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { productId, vendorId: VENDOR_A, status: 'active', fields: ['title'] },
  } satisfies import('zod').input<typeof ProductUpdated.envelope>;
}

async function deliver(messages: { id: string; body: unknown }[]) {
  const batch = createMessageBatch(
    'catalog-events',
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  const ctx = createExecutionContext();
  await consumeCatalogEvents(batch, env);
  return getQueueResult(batch, ctx);
}

describe('the catalog-events consumer', () => {
  it('invalidates the product and every listing', async () => {
    const id = '01936a1e-0000-7000-8000-000000000001';
    await deliver([{ id: 'm1', body: event(id, P.samsung) }]);
    expect(await env.CACHE.get(productVersionKey(P.samsung))).toBe(id);
    expect(await env.CACHE.get(LISTING_VERSION_KEY)).toBe(id);
  });

  it('handles a redelivered event once', async () => {
    const id = '01936a1e-0000-7000-8000-000000000002';
    await deliver([{ id: 'm2', body: event(id, P.case) }]);
    await env.CACHE.put(productVersionKey(P.case), 'later-change');
    const result = await deliver([{ id: 'm2-again', body: event(id, P.case) }]);
    expect(result.explicitAcks).toEqual(['m2-again']);
    // The duplicate did not roll the version back to its own id.
    expect(await env.CACHE.get(productVersionKey(P.case))).toBe('later-change');
  });

  it('acknowledges a malformed message instead of retrying it forever', async () => {
    const result = await deliver([{ id: 'bad', body: { hello: 'world' } }]);
    expect(result.explicitAcks).toEqual(['bad']);
    expect(result.retryMessages).toEqual([]);
  });
});

describe('the outbox', () => {
  it('keeps an event written with its change until it is relayed, then marks it sent', async () => {
    const token = await vendorToken(VENDOR_A);
    const response = await call(`/v1/vendor/products/${P.tecno}`, {
      method: 'PATCH',
      token,
      json: { description: 'Now with a 5000 mAh battery' },
    });
    expect(response.status).toBe(200);
    // Whatever the request's own relay managed, the sweep (the cron's job) leaves nothing unsent.
    await relayCatalogOutbox(env);
    const unsent = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').first<{ n: number }>();
    expect(unsent?.n).toBe(0);
    const sent = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'product.updated' AND sent_at IS NOT NULL").all<{
      body: string;
    }>();
    expect(sent.results.map((r) => JSON.parse(r.body).data.productId)).toContain(P.tecno);
  });
});
