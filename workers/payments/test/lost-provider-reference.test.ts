import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../src/domain/reconcile';
import { actOnSandboxCharge } from '../src/providers/sandbox';
import { call, ledgerBalance, shopper } from './fixtures';
import { callbacksProcessed, chargeStatus, count, outboxEvents, settled, topUp } from './provider-fixtures';

const providerReferenceOf = (id: string) =>
  env.DB.prepare('SELECT provider_reference FROM topups WHERE id = ?').bind(id).first<string | null>('provider_reference');

/** Our write of M-Pesa's CheckoutRequestID is lost after Daraja accepted the push. */
async function mpesaChargeWithLostReference(token: string, amount: number) {
  const { topUpId } = await topUp(token, { amount, currency: 'KES', provider: 'mpesa' });
  const checkoutRequestId = await providerReferenceOf(topUpId);
  expect(checkoutRequestId).toMatch(/\S/);
  await env.DB.prepare('UPDATE topups SET provider_reference = NULL WHERE id = ?').bind(topUpId).run();
  return { topUpId, checkoutRequestId: checkoutRequestId as string };
}

describe('a charge whose provider reference was never saved', () => {
  it('is credited exactly once when the shopper approves: the token-verified callback restores the reference', async () => {
    const me = await shopper();
    const { topUpId, checkoutRequestId } = await mpesaChargeWithLostReference(me.token, 90_000);

    const { callback } = await actOnSandboxCharge(env, 'mpesa', checkoutRequestId, 'approve');
    if (!callback) throw new Error('the M-Pesa sandbox sends a callback on approval');
    const delivered = () =>
      call(new URL(callback.url).pathname, { method: callback.method, headers: callback.headers, body: callback.body });
    expect((await delivered()).status).toBeLessThan(300);

    expect(await settled(topUpId)).toBe('paid');
    expect(await providerReferenceOf(topUpId)).toBe(checkoutRequestId);
    // Daraja retries its callback; the cron runs again: still one credit.
    expect((await delivered()).status).toBeLessThan(300);
    await callbacksProcessed(topUpId);
    await reconcile(env, Date.now() + 10 * 60_000);
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(90_000);
    expect((await outboxEvents(topUpId)).filter((e) => e.type === 'payment.completed')).toHaveLength(1);
    expect((await outboxEvents(topUpId)).filter((e) => e.type === 'payment.failed')).toHaveLength(0);
  });

  it('is settled by the cron from a recorded callback instead of being failed as "never reached M-Pesa"', async () => {
    const me = await shopper();
    const { topUpId, checkoutRequestId } = await mpesaChargeWithLostReference(me.token, 40_000);
    // The shopper pays; the callback is recorded but (say) its processing crashed before settling.
    const { callback } = await actOnSandboxCharge(env, 'mpesa', checkoutRequestId, 'approve');
    if (!callback) throw new Error('the M-Pesa sandbox sends a callback on approval');
    await env.DB.prepare(
      "INSERT INTO provider_events (id, provider, reference, event, body, received_at, charge_id) VALUES (?, 'mpesa', ?, 'stkCallback:0', ?, ?, ?)",
    )
      .bind(`pev_test_${crypto.randomUUID()}`, checkoutRequestId, callback.body, Date.now(), topUpId)
      .run();

    await reconcile(env, Date.now() + 10 * 60_000);
    expect(await chargeStatus(topUpId)).toBe('paid');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(40_000);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE type = 'payment.failed' AND body LIKE ?", `%${topUpId}%`)).toBe(0);
  });
});
