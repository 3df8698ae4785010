import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../src/domain/reconcile';
import { shopper } from './fixtures';
import { chargeStatus, outboxEvents, PHONES } from './provider-fixtures';

const order = (userId: string) => ({
  orderId: newId('ord'),
  userId,
  amount: 120_000,
  currency: 'KES',
  provider: 'mpesa',
  phone: PHONES.mpesa,
});

describe('initiate() replayed after a crash before the push', () => {
  it('answers provider_unavailable (no second push), and the cron then fails the charge so the saga moves on', async () => {
    const me = await shopper();
    const input = order(me.userId);
    const first = await exports.default.initiate(input);
    if (!first.ok) throw new Error(first.detail);
    // As if the first request died after recording the charge, before M-Pesa was asked.
    await env.DB.prepare('UPDATE topups SET provider_reference = NULL, created_at = created_at - 60000 WHERE id = ?')
      .bind(first.paymentId)
      .run();
    await env.DB.prepare("DELETE FROM sandbox_charges WHERE provider = 'mpesa' AND request LIKE ?")
      .bind(`%${PHONES.mpesa.slice(1)}%`)
      .run();

    const replay = await exports.default.initiate(input);
    expect(replay).toMatchObject({ ok: false, reason: 'provider_unavailable' });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM sandbox_charges WHERE provider = 'mpesa'").first<number>('n')).toBe(0);

    await reconcile(env, Date.now() + 5 * 60_000);
    expect(await chargeStatus(first.paymentId)).toBe('failed');
    const failed = (await outboxEvents(first.paymentId)).filter((e) => e.type === 'payment.failed');
    expect(failed).toEqual([expect.objectContaining({ data: expect.objectContaining({ orderId: input.orderId }) })]);
    // Once settled, a replay reports the charge as it is.
    expect(await exports.default.initiate(input)).toMatchObject({ ok: true, paymentId: first.paymentId, status: 'failed' });
  });

  it('still answers ok/pending to a replay of a charge M-Pesa acknowledged', async () => {
    const me = await shopper();
    const input = order(me.userId);
    const first = await exports.default.initiate(input);
    if (!first.ok) throw new Error(first.detail);
    await env.DB.prepare('UPDATE topups SET created_at = created_at - 60000 WHERE id = ?').bind(first.paymentId).run();
    expect(await exports.default.initiate(input)).toMatchObject({ ok: true, paymentId: first.paymentId, status: 'pending' });
  });
});
