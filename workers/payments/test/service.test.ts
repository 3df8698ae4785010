import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { PaymentEvent } from '@linked-all/events';
import { newId, openApiPaths } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { relayPaymentsOutbox } from '../src/domain/relay';
import { startTopUp } from '../src/domain/topups';

describe('the outbox', () => {
  it('relays payment events to payment-events and marks them sent; each parses as a PaymentEvent', async () => {
    await startTopUp(env.DB, { userId: newId('usr'), provider: 'paystack', amount: 100, currency: 'NGN' });
    await relayPaymentsOutbox(env);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').first('n')).toBe(0);
    const { results } = await env.DB.prepare('SELECT body FROM outbox').all<{ body: string }>();
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(PaymentEvent.safeParse(JSON.parse(r.body)).success).toBe(true);
  });

  it('sends what a crash left behind when the cron runs', async () => {
    await startTopUp(env.DB, { userId: newId('usr'), provider: 'paystack', amount: 100, currency: 'NGN' });
    await env.DB.prepare('UPDATE outbox SET sent_at = NULL').run();
    await exports.default.scheduled();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').first('n')).toBe(0);
  });
});

describe('openapi()', () => {
  it('documents every payments route', () => {
    expect(Object.keys(openApiPaths(createApp()))).toEqual(
      expect.arrayContaining(['/v1/wallet', '/v1/admin/ledger/trial-balance', '/v1/webhooks/paystack']),
    );
  });
});

describe('health()', () => {
  it('answers ok with a D1 round trip and a balanced ledger', async () => {
    expect(await exports.default.health()).toMatchObject({ service: 'payments', ok: true, balanced: true });
  });
});
