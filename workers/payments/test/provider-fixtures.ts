import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { hmac, toBase64, toHex } from '../src/providers/crypto';
import { call } from './fixtures';

/** Polls until `check` returns a truthy value (the payment-callbacks consumer works asynchronously). */
export async function waitFor<T>(check: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function count(sql: string, ...args: unknown[]): Promise<number> {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...args)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

export const chargeStatus = async (id: string) =>
  env.DB.prepare('SELECT status FROM topups WHERE id = ?').bind(id).first<string>('status');

/** Waits until the charge leaves pending and returns its final status. */
export const settled = (id: string) =>
  waitFor(async () => {
    const status = await chargeStatus(id);
    return status === 'pending' ? null : status;
  }, `charge ${id} to settle`);

/** Waits until every recorded callback of a charge has been processed by the consumer. */
export const callbacksProcessed = (chargeId: string) =>
  waitFor(
    async () =>
      (await count('SELECT count(*) AS n FROM provider_events WHERE charge_id = ? AND processed_at IS NULL', chargeId)) === 0,
    `callbacks of ${chargeId} to be processed`,
  );

export const PHONES = {
  mpesa: '+254712345678',
  mtn_momo: '+256772123456',
  paystack: '+2348031234567',
  flutterwave: '+2348031234567',
};

/** Starts a top-up through the real route and returns its id. */
export async function topUp(
  token: string,
  body: { amount: number; currency: string; provider: keyof typeof PHONES; phone?: string },
  idempotencyKey = `key-${crypto.randomUUID()}`,
) {
  const response = await call('/v1/wallet/topups', {
    method: 'POST',
    token,
    json: { phone: PHONES[body.provider], ...body },
    headers: { 'idempotency-key': idempotencyKey },
  });
  expect(response.status).toBe(202);
  return (await response.json()) as { topUpId: string; status: string; provider: string; instructions: { type: string } };
}

/** The shopper acts at the provider through the sandbox's dev route. */
export function devAction(token: string, paymentId: string, action: 'approve' | 'decline' | 'timeout', query = '') {
  return call(`/v1/dev/payments/${paymentId}/${action}${query}`, { method: 'POST', token });
}

export const paystackSignature = async (body: string, secret = env.PAYSTACK_SECRET_KEY ?? '') =>
  toHex(await hmac('SHA-512', secret, body));

export const flutterwaveSignature = async (body: string, secret = env.FLUTTERWAVE_SECRET_HASH ?? '') =>
  toBase64(await hmac('SHA-256', secret, body));

/** Events in the outbox about one payment, parsed. */
export async function outboxEvents(paymentId: string) {
  const { results } = await env.DB.prepare('SELECT body FROM outbox WHERE body LIKE ? ORDER BY rowid')
    .bind(`%${paymentId}%`)
    .all<{ body: string }>();
  return results.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
}

/** What the sandbox (the fake provider) holds for a charge. */
export async function sandboxRow(paymentId: string) {
  return env.DB.prepare(
    `SELECT s.status, s.amount, s.callback_url AS callbackUrl, s.request FROM sandbox_charges s
     JOIN topups t ON t.provider = s.provider AND t.provider_reference = s.provider_reference WHERE t.id = ?`,
  )
    .bind(paymentId)
    .first<{ status: string; amount: string; callbackUrl: string | null; request: string }>();
}
