import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { recordDeadLetters } from '@linked-all/events';
import { describe, expect, it } from 'vitest';
import { consumePaymentCallbacks } from '../src/consumers/payment-callbacks';
import { count } from './provider-fixtures';

async function deliver(queue: string, messages: { id: string; body: unknown }[]) {
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  const ctx = createExecutionContext();
  await (queue.endsWith('-dlq') ? recordDeadLetters(batch, env.DB) : consumePaymentCallbacks(batch, env));
  return getQueueResult(batch, ctx);
}

describe('the payment-callbacks consumer', () => {
  it('acknowledges a malformed message instead of retrying it forever', async () => {
    const result = await deliver('payment-callbacks', [{ id: 'bad', body: { hello: 'world' } }]);
    expect(result.explicitAcks).toEqual(['bad']);
    expect(result.retryMessages).toEqual([]);
  });

  it('acknowledges a message whose event does not exist', async () => {
    const result = await deliver('payment-callbacks', [{ id: 'gone', body: { providerEventId: 'pev_missing' } }]);
    expect(result.explicitAcks).toEqual(['gone']);
  });

  it('keeps what exhausted its retries in dead_letters, once per message', async () => {
    const body = { providerEventId: 'pev_stuck' };
    await deliver('payment-callbacks-dlq', [{ id: 'dead-1', body }]);
    await deliver('payment-callbacks-dlq', [{ id: 'dead-1', body }]);
    expect(
      await count("SELECT count(*) AS n FROM dead_letters WHERE message_id = 'dead-1' AND queue = 'payment-callbacks-dlq'"),
    ).toBe(1);
  });
});
