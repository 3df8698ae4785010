import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_MS, reconcile } from '../src/domain/reconcile';
import { initiateCharge } from '../src/providers/initiate';
import { ledgerBalance, shopper } from './fixtures';
import { chargeStatus, devAction, outboxEvents, PHONES, topUp } from './provider-fixtures';

const backdate = (id: string, ms: number) =>
  env.DB.prepare('UPDATE topups SET created_at = created_at - ? WHERE id = ?').bind(ms, id).run();

describe('reconciliation back-off', () => {
  it('settles a newer stuck M-Pesa 1037 charge even when 60 older charges stay pending forever', async () => {
    const me = await shopper();
    // Paystack charges the shopper never finished: verify answers "abandoned", which stays pending.
    const forever: string[] = [];
    for (let i = 0; i < 60; i++) {
      const started = await initiateCharge(env, {
        userId: me.userId,
        provider: 'paystack',
        amount: 100_000,
        currency: 'NGN',
        phone: PHONES.paystack,
      });
      if (!started.ok) throw new Error(started.detail);
      await backdate(started.charge.id, 3600_000);
      forever.push(started.charge.id);
    }
    const { topUpId } = await topUp(me.token, { amount: 70_000, currency: 'KES', provider: 'mpesa' });
    expect((await devAction(me.token, topUpId, 'timeout')).status).toBe(200);
    expect((await devAction(me.token, topUpId, 'approve', '?callback=drop')).status).toBe(200);
    await backdate(topUpId, 600_000);

    // Two cron runs a minute apart: the first is filled by the oldest, which are then pushed back.
    await exports.default.scheduled();
    await exports.default.scheduled();
    expect(await chargeStatus(topUpId)).toBe('paid');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(70_000);
    for (const id of forever) expect(await chargeStatus(id)).toBe('pending');
    const due = await env.DB.prepare(
      "SELECT count(*) AS n FROM topups WHERE provider = 'paystack' AND status = 'pending' AND COALESCE(next_check_at, 0) <= ?",
    )
      .bind(Date.now())
      .first<number>('n');
    expect(due).toBe(0);
    // 60 charges through the sandbox and two cron runs: seconds of real work on a busy 2-core machine.
  }, 30_000);

  it('gives up on a charge still pending after 24 hours: failed "expired", with payment.failed', async () => {
    const me = await shopper();
    const start = async () => {
      const started = await initiateCharge(env, {
        userId: me.userId,
        provider: 'paystack',
        amount: 100_000,
        currency: 'NGN',
        phone: PHONES.paystack,
      });
      if (!started.ok) throw new Error(started.detail);
      return started;
    };
    const charge = (await start()).charge;
    const young = await start();
    await backdate(charge.id, MAX_PENDING_MS + 60_000);
    await backdate(young.charge.id, MAX_PENDING_MS - 3600_000);

    const result = await reconcile(env);
    expect(result.settled.expired).toBeGreaterThanOrEqual(1);
    expect(await chargeStatus(charge.id)).toBe('failed');
    expect(await chargeStatus(young.charge.id)).toBe('pending');
    const failed = (await outboxEvents(charge.id)).filter((e) => e.type === 'payment.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].data.reason).toBe('expired');
    await reconcile(env, Date.now() + 2 * 3600_000);
    expect((await outboxEvents(charge.id)).filter((e) => e.type === 'payment.failed')).toHaveLength(1);
  });
});
