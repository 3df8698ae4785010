import { env } from 'cloudflare:test';
import { PaymentEvent } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { startTopUp } from '../src/domain/topups';
import { call, ledgerBalance, problem } from './fixtures';

async function sign(body: string, secret = env.PAYSTACK_SECRET_KEY ?? '') {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-512' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

function chargeSuccess(reference: string, amount: number, currency = 'NGN') {
  // The shape Paystack sends, including fields we do not read.
  return JSON.stringify({
    event: 'charge.success',
    data: {
      id: 302961,
      domain: 'test',
      status: 'success',
      reference,
      amount,
      currency,
      channel: 'card',
      customer: { email: 'a@example.com' },
    },
  });
}

const post = (body: string, signature?: string) =>
  call('/v1/webhooks/paystack', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-paystack-signature': signature } : {}) },
  });

async function count(sql: string, ...args: unknown[]) {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...args)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

describe('POST /v1/webhooks/paystack', () => {
  it('credits a pending top-up exactly once when the same event is delivered 5 times', async () => {
    const userId = newId('usr');
    const topUp = await startTopUp(env.DB, { userId, provider: 'paystack', amount: 250_000, currency: 'NGN' });
    const body = chargeSuccess(topUp.reference, 250_000);
    const signature = await sign(body);
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => post(body, signature)));
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ received: true });
    }
    expect(await ledgerBalance('shopper_wallet', userId, 'NGN')).toBe(250_000);
    expect(await count('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?', `topup:${topUp.id}`)).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM provider_events WHERE provider = 'paystack' AND reference = ?", topUp.reference),
    ).toBe(1);
    expect(await env.DB.prepare('SELECT status FROM topups WHERE id = ?').bind(topUp.id).first('status')).toBe('paid');
    const { results } = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'payment.completed' AND body LIKE ?")
      .bind(`%${topUp.id}%`)
      .all<{ body: string }>();
    expect(results).toHaveLength(1);
    expect(PaymentEvent.parse(JSON.parse(results[0].body))).toMatchObject({
      type: 'payment.completed',
      data: { paymentId: topUp.id, userId, amount: 250_000, currency: 'NGN', provider: 'paystack' },
    });
  });

  it('answers 401 and records nothing when the body was tampered with after signing', async () => {
    const userId = newId('usr');
    const topUp = await startTopUp(env.DB, { userId, provider: 'paystack', amount: 1000, currency: 'NGN' });
    const signature = await sign(chargeSuccess(topUp.reference, 1000));
    const tampered = chargeSuccess(topUp.reference, 1_000_000);
    const body = await problem(await post(tampered, signature), 401, 'unauthenticated');
    expect(body.detail).toBe('The webhook signature is missing or does not match');
    expect(await count('SELECT count(*) AS n FROM provider_events WHERE reference = ?', topUp.reference)).toBe(0);
    expect(await ledgerBalance('shopper_wallet', userId, 'NGN')).toBe(0);
    expect(await env.DB.prepare('SELECT status FROM topups WHERE id = ?').bind(topUp.id).first('status')).toBe('pending');
  });

  it('answers 401 to a missing signature, a signature made with another secret, and one that is not hex', async () => {
    const topUp = await startTopUp(env.DB, { userId: newId('usr'), provider: 'paystack', amount: 1000, currency: 'NGN' });
    const body = chargeSuccess(topUp.reference, 1000);
    await problem(await post(body), 401, 'unauthenticated');
    await problem(await post(body, await sign(body, 'sk_test_someone_else')), 401, 'unauthenticated');
    await problem(await post(body, 'z'.repeat(128)), 401, 'unauthenticated');
    expect(await count('SELECT count(*) AS n FROM provider_events WHERE reference = ?', topUp.reference)).toBe(0);
  });

  it('records but does not credit a charge whose amount differs from the top-up', async () => {
    const userId = newId('usr');
    const topUp = await startTopUp(env.DB, { userId, provider: 'paystack', amount: 5000, currency: 'NGN' });
    const body = chargeSuccess(topUp.reference, 4999);
    expect((await post(body, await sign(body))).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM provider_events WHERE reference = ?', topUp.reference)).toBe(1);
    expect(await ledgerBalance('shopper_wallet', userId, 'NGN')).toBe(0);
  });

  it('records an event for an unknown reference and moves no money', async () => {
    const reference = `unknown-${newId('x')}`;
    const body = chargeSuccess(reference, 5000);
    expect((await post(body, await sign(body))).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM provider_events WHERE reference = ?', reference)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM journal_entries WHERE external_ref LIKE ?', `%${reference}%`)).toBe(0);
  });

  it('answers 400 to a correctly signed body that is not a Paystack event', async () => {
    const body = JSON.stringify({ hello: 'world' });
    await problem(await post(body, await sign(body)), 400, 'validation_failed');
  });
});
