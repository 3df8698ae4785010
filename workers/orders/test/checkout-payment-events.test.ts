import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { recordDeadLetters } from '@linked-all/events';
import { describe, expect, it } from 'vitest';
import { consumePaymentEvents } from '../src/consumers/payment-events';

function completed(id: string, orderId?: string) {
  return {
    id,
    type: 'payment.completed',
    version: 1,
    occurredAt: '2026-11-23T10:00:00.000Z',
    data: {
      paymentId: 'top_0000000000001',
      userId: 'usr_someone',
      amount: 450_000,
      currency: 'NGN',
      provider: 'paystack',
      journalEntryId: 'jre_0000000000001',
      ...(orderId ? { orderId } : {}),
    },
  };
}

async function consume(messages: { id: string; body: unknown }[], queue = 'payment-events') {
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  const ctx = createExecutionContext();
  await (queue.endsWith('-dlq') ? recordDeadLetters(batch, env.DB) : consumePaymentEvents(batch, env));
  return getQueueResult(batch, ctx);
}

describe('the payment-events consumer', () => {
  it('acknowledges, once, events that resume no checkout: a plain top-up, an unknown order, a malformed message', async () => {
    const result = await consume([
      { id: 'm1', body: completed('0193f1c2-0000-7000-8000-000000000001') },
      { id: 'm2', body: completed('0193f1c2-0000-7000-8000-000000000002', 'ord_doesnotexist01') },
      { id: 'm3', body: { hello: 'world' } },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['m1', 'm2', 'm3']);
    expect(result.retryMessages).toEqual([]);
    const processed = await env.DB.prepare('SELECT id FROM processed_events ORDER BY id').all<{ id: string }>();
    expect(processed.results.map((r) => r.id)).toEqual([
      '0193f1c2-0000-7000-8000-000000000001',
      '0193f1c2-0000-7000-8000-000000000002',
    ]);
  });

  it('acknowledges payout events as events it understood, not as malformed, and acts on no order', async () => {
    const payout = (id: string, type: string, extra: Record<string, unknown>) => ({
      id,
      type,
      version: 1,
      occurredAt: '2026-11-23T11:00:00.000Z',
      data: {
        payoutId: 'pyo_0000000000001',
        vendorId: 'vnd_lagosgadgets',
        amount: 900_000,
        currency: 'NGN',
        provider: 'mpesa',
        ...extra,
      },
    });
    const result = await consume([
      { id: 'p1', body: payout('0193f1c2-0000-7000-8000-0000000000a1', 'payout.requested', { journalEntryId: 'jre_01' }) },
      { id: 'p2', body: payout('0193f1c2-0000-7000-8000-0000000000a2', 'payout.completed', { receipt: 'QK7ABC' }) },
      {
        id: 'p3',
        body: payout('0193f1c2-0000-7000-8000-0000000000a3', 'payout.failed', { reason: 'x', journalEntryId: 'jre_02' }),
      },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['p1', 'p2', 'p3']);
    expect(result.retryMessages).toEqual([]);
    // Recorded as processed: a malformed message never is (the first test's m3).
    const processed = await env.DB.prepare("SELECT type FROM processed_events WHERE type LIKE 'payout.%' ORDER BY id").all<{
      type: string;
    }>();
    expect(processed.results.map((r) => r.type)).toEqual(['payout.requested', 'payout.completed', 'payout.failed']);
  });

  it('keeps what exhausted its retries in dead_letters for operators', async () => {
    const result = await consume(
      [{ id: 'dead-1', body: completed('0193f1c2-0000-7000-8000-000000000003', 'ord_x') }],
      'payment-events-dlq',
    );
    expect(result.ackAll).toBe(true);
    const row = await env.DB.prepare('SELECT queue, attempts, body FROM dead_letters WHERE message_id = ?')
      .bind('dead-1')
      .first();
    expect(row).toMatchObject({ queue: 'payment-events-dlq', attempts: 1 });
    expect(JSON.parse(String(row?.body))).toMatchObject({ data: { orderId: 'ord_x' } });
  });
});
