import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../src/domain/reconcile';
import { ledgerBalance, shopper } from './fixtures';
import { chargeStatus, count, devAction, outboxEvents, settled, topUp } from './provider-fixtures';

// Further than RECONCILE_AFTER_SECONDS (120 s) into the future: every charge made now is stale then.
const later = () => Date.now() + 5 * 60_000;

describe('reconciliation (the cron)', () => {
  it('settles an M-Pesa charge stuck after a 1037 timeout by asking Daraja, exactly once', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 70_000, currency: 'KES', provider: 'mpesa' });
    expect((await devAction(me.token, topUpId, 'timeout')).status).toBe(200);
    // The shopper pays after all, but Daraja's success callback never reaches us.
    expect(await (await devAction(me.token, topUpId, 'approve', '?callback=drop')).json()).toMatchObject({
      callback: { sent: false },
    });
    expect(await chargeStatus(topUpId)).toBe('pending');

    // Backdate the charge so the real cron entry point (not only the domain function) finds it stale.
    await env.DB.prepare('UPDATE topups SET created_at = created_at - 600000 WHERE id = ?').bind(topUpId).run();
    await exports.default.scheduled();
    expect(await chargeStatus(topUpId)).toBe('paid');
    await exports.default.scheduled();
    const again = await reconcile(env, later());
    expect(again.balanced).toBe(true);
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(70_000);
    expect((await outboxEvents(topUpId)).filter((e) => e.type === 'payment.completed')).toHaveLength(1);
    // The cron also relayed the event it queued.
    expect(await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND body LIKE ?', `%${topUpId}%`)).toBe(0);
  });

  it('settles a MoMo payment whose one-shot callback was lost by polling GET /requesttopay/{referenceId}', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 45_000, currency: 'UGX', provider: 'mtn_momo' });
    expect((await devAction(me.token, topUpId, 'approve', '?callback=drop')).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM provider_events WHERE charge_id = ?', topUpId)).toBe(0);
    const result = await reconcile(env, later());
    expect(result.settled.paid).toBeGreaterThanOrEqual(1);
    expect(await chargeStatus(topUpId)).toBe('paid');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'UGX')).toBe(45_000);
  });

  it('fails a charge the provider declined or never heard of, and leaves young and still-pending ones alone', async () => {
    const me = await shopper();
    const declined = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    await env.DB.prepare("UPDATE sandbox_charges SET status = 'failed' WHERE provider_reference = ?")
      .bind(declined.topUpId)
      .run();
    const stillOpen = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    const lost = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    // As if our request never reached Paystack.
    await env.DB.prepare('DELETE FROM sandbox_charges WHERE provider_reference = ?').bind(lost.topUpId).run();

    // Now: nothing is old enough to be queried.
    await reconcile(env);
    expect(await chargeStatus(declined.topUpId)).toBe('pending');

    await reconcile(env, later());
    expect(await chargeStatus(declined.topUpId)).toBe('failed');
    expect(await chargeStatus(lost.topUpId)).toBe('failed');
    expect(await chargeStatus(stillOpen.topUpId)).toBe('pending');
    expect((await outboxEvents(lost.topUpId)).find((e) => e.type === 'payment.failed')?.data.reason).toBe(
      'Paystack has no such transaction',
    );
    expect(await ledgerBalance('shopper_wallet', me.userId, 'NGN')).toBe(0);
  });

  it('keeps settling the others when one charge cannot be asked about', async () => {
    const me = await shopper();
    const broken = await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo' });
    const fine = await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo' });
    // A row no adapter can serve (as if a provider were retired with charges still open).
    await env.DB.prepare("UPDATE topups SET provider = 'paypal' WHERE id = ?").bind(broken.topUpId).run();
    expect((await devAction(me.token, fine.topUpId, 'approve', '?callback=drop')).status).toBe(200);
    const result = await reconcile(env, later());
    expect(result.settled.error).toBeGreaterThanOrEqual(1);
    expect(await settled(fine.topUpId)).toBe('paid');
  });
});
