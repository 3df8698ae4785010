import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findPayout, requestPayout } from '../src/payouts/payouts';
import { sweepStuckPayouts } from '../src/payouts/sweep';
import { payableBalance, vendor } from './checkout-fixtures';
import { ledgerBalance } from './fixtures';
import { count } from './provider-fixtures';

describe('payout sweep (the cron)', () => {
  it('finishes a failing payout a crash left before its reversal: money back once, payout.failed once', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 200_000);
    const payout = await requestPayout(
      { db: env.DB },
      { vendorId: me.vendorId, amount: 150_000, currency: 'KES', phone: '+254712345678' },
    );
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(50_000);
    // failPayout's claim landed, then the worker died before the reversal entry.
    await env.DB.prepare(
      "UPDATE payouts SET status = 'failing', failure_reason = '2001: The initiator information is invalid.' WHERE id = ?",
    )
      .bind(payout.id)
      .run();

    await exports.default.scheduled();
    expect((await findPayout(env.DB, payout.id))?.status).toBe('failed');
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(200_000);

    await exports.default.scheduled();
    expect(await sweepStuckPayouts(env)).toMatchObject({ reversed: 0 });
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(200_000);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE type = 'payout.failed' AND body LIKE ?", `%${payout.id}%`)).toBe(
      1,
    );
    const reason = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'payout.failed' AND body LIKE ?")
      .bind(`%${payout.id}%`)
      .first<string>('body');
    expect(JSON.parse(reason ?? '{}').data.reason).toBe('2001: The initiator information is invalid.');
  });

  it('leaves a submitted payout without a result alone (flagged for an operator), never failing or completing it', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    const payout = await requestPayout(
      { db: env.DB },
      { vendorId: me.vendorId, amount: 100_000, currency: 'KES', phone: '+254712345678' },
    );
    await env.DB.prepare(
      "UPDATE payouts SET status = 'submitted', conversation_id = 'AG_1', updated_at = updated_at - 7200000 WHERE id = ?",
    )
      .bind(payout.id)
      .run();
    expect(await sweepStuckPayouts(env)).toMatchObject({ overdue: 1 });
    // Flagged once an hour, not every minute.
    expect(await sweepStuckPayouts(env)).toMatchObject({ overdue: 0 });
    expect((await findPayout(env.DB, payout.id))?.status).toBe('submitted');
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(0);
  });
});
