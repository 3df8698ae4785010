import { env } from 'cloudflare:test';
import { PaymentQueueEvent } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { payableBalance, vendor } from './checkout-fixtures';
import { adminToken, call, ledgerBalance, problem, shopper } from './fixtures';

const PHONE = '+254712345678';

function requestPayout(token: string, json: unknown, key: string | null = newId('idem')) {
  return call('/v1/vendor/payouts', { method: 'POST', token, json, headers: key ? { 'idempotency-key': key } : {} });
}

type PayoutBody = {
  id: string;
  status: string;
  amount: number;
  phone: string;
  receipt: string | null;
  failureReason: string | null;
};

/** The sandbox answers B2C results after the request: wait for the payout to settle. */
async function settled(id: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const status = await env.DB.prepare('SELECT status FROM payouts WHERE id = ?').bind(id).first<string>('status');
    if (status === 'completed' || status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`payout ${id} never settled`);
}

async function events(payoutId: string) {
  const { results } = await env.DB.prepare("SELECT body FROM outbox WHERE type LIKE 'payout.%' AND body LIKE ? ORDER BY id")
    .bind(`%${payoutId}%`)
    .all<{ body: string }>();
  // What the payment-events consumer parses: payout events must pass it.
  return results.map((r) => PaymentQueueEvent.parse(JSON.parse(r.body)));
}

describe('POST /v1/vendor/payouts', () => {
  it('pays out from payable to M-Pesa (B2C sandbox): 202, then completed with a receipt and events', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 500_000);
    const response = await requestPayout(me.token, { amount: 300_000, currency: 'KES', phone: PHONE });
    expect(response.status).toBe(202);
    const body = (await response.json()) as PayoutBody;
    expect(body).toMatchObject({
      id: expect.stringMatching(/^pyt_/),
      amount: 300_000,
      currency: 'KES',
      phone: '+254712***678',
      provider: 'mpesa',
    });
    expect(['submitted', 'completed']).toContain(body.status);
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(200_000);
    expect(await settled(body.id)).toBe('completed');

    const list = (await (await call('/v1/vendor/payouts', { token: me.token })).json()) as { items: PayoutBody[] };
    expect(list.items).toEqual([
      expect.objectContaining({ id: body.id, status: 'completed', receipt: expect.stringMatching(/^SBX/) }),
    ]);
    expect((await events(body.id)).map((e) => e.type)).toEqual(['payout.requested', 'payout.completed']);
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(200_000);
  });

  it('gives the money back to payable when M-Pesa fails the transfer (ResultCode 2040)', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    const body = (await (
      await requestPayout(me.token, { amount: 100_000, currency: 'KES', phone: '+254700000000' })
    ).json()) as PayoutBody;
    expect(await settled(body.id)).toBe('failed');
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(100_000);
    const [requested, failed] = await events(body.id);
    expect(requested.type).toBe('payout.requested');
    expect(failed).toMatchObject({ type: 'payout.failed', data: { reason: expect.stringMatching(/^2040: /) } });
    const list = (await (await call('/v1/vendor/payouts', { token: me.token })).json()) as { items: PayoutBody[] };
    expect(list.items[0]).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('2040') });
  });

  it('answers 409 insufficient_funds above the payable balance and moves nothing', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 10_000);
    const body = await problem(await requestPayout(me.token, { amount: 10_100, currency: 'KES', phone: PHONE }), 409, 'conflict');
    expect(body).toMatchObject({ reason: 'insufficient_funds', available: 10_000 });
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(10_000);
  });

  it('lets exactly 5 of 20 concurrent payouts through a balance that covers 5, never below zero', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 50_000);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => requestPayout(me.token, { amount: 10_000, currency: 'KES', phone: PHONE })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(0);
    const lowest = await env.DB.prepare(
      `SELECT min(running) AS low FROM (SELECT sum(l.amount) OVER (ORDER BY l.rowid) AS running
       FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.kind = 'vendor_payable' AND a.owner_id = ?)`,
    )
      .bind(me.vendorId)
      .first<number>('low');
    expect(lowest).toBeGreaterThanOrEqual(0);
  });

  it('replays a retried request with the same Idempotency-Key and pays once; another body with that key is a 409', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    const key = newId('idem');
    const first = (await (
      await requestPayout(me.token, { amount: 40_000, currency: 'KES', phone: PHONE }, key)
    ).json()) as PayoutBody;
    const again = await requestPayout(me.token, { amount: 40_000, currency: 'KES', phone: PHONE }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as PayoutBody).id).toBe(first.id);
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(60_000);
    await problem(
      await requestPayout(me.token, { amount: 50_000, currency: 'KES', phone: PHONE }, key),
      409,
      'idempotency_conflict',
    );
  });

  it('uses the last number paid to when the body has none, and asks for one the first time', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    const firstTime = await problem(await requestPayout(me.token, { amount: 10_000, currency: 'KES' }), 400, 'validation_failed');
    expect(firstTime.errors).toEqual([{ path: 'phone', message: 'Required for your first payout' }]);
    await requestPayout(me.token, { amount: 10_000, currency: 'KES', phone: PHONE });
    const second = (await (await requestPayout(me.token, { amount: 10_000, currency: 'KES' })).json()) as PayoutBody;
    expect(second.phone).toBe('+254712***678');
  });

  it('answers 400 problems for bad input and moves nothing', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    const cases: [unknown, string][] = [
      [{ amount: 0, currency: 'KES', phone: PHONE }, 'amount'],
      [{ amount: 10_050, currency: 'KES', phone: PHONE }, 'amount'],
      [{ amount: 10.5, currency: 'KES', phone: PHONE }, 'amount'],
      [{ amount: 10_000, currency: 'NGN', phone: PHONE }, 'currency'],
      [{ amount: 10_000, currency: 'KES', phone: '0712345678' }, 'phone'],
      [{ amount: 10_000, currency: 'KES', phone: '+2348012345678' }, 'phone'],
      [{ amount: 10_000, currency: 'KES', phone: PHONE, vendorId: newId('vnd') }, '(root)'],
    ];
    for (const [json, path] of cases) {
      const body = await problem(await requestPayout(me.token, json), 400, 'validation_failed');
      expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    }
    const missingKey = await problem(
      await requestPayout(me.token, { amount: 10_000, currency: 'KES', phone: PHONE }, null),
      400,
      'validation_failed',
    );
    expect(missingKey.errors).toEqual([{ path: 'Idempotency-Key', message: 'Required' }]);
    await problem(
      await call('/v1/vendor/payouts', {
        method: 'POST',
        token: me.token,
        body: '{',
        headers: { 'content-type': 'application/json', 'idempotency-key': newId('k') },
      }),
      400,
      'malformed_json',
    );
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(100_000);
  });
});

describe('GET /v1/vendor/payouts', () => {
  it('pages newest first with a cursor, and answers 400 to a forged cursor or a bad limit', async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 30_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        ((await (await requestPayout(me.token, { amount: 10_000, currency: 'KES', phone: PHONE })).json()) as PayoutBody).id,
      );
    }
    const first = (await (await call('/v1/vendor/payouts?limit=2', { token: me.token })).json()) as {
      items: PayoutBody[];
      nextCursor: string;
    };
    expect(first.items.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    const second = (await (await call(`/v1/vendor/payouts?limit=2&cursor=${first.nextCursor}`, { token: me.token })).json()) as {
      items: PayoutBody[];
      nextCursor: string | null;
    };
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    await problem(await call('/v1/vendor/payouts?cursor=bm90LWEtY3Vyc29y', { token: me.token }), 400, 'validation_failed');
    await problem(await call('/v1/vendor/payouts?limit=0', { token: me.token }), 400, 'validation_failed');
  });
});

describe('payout security', () => {
  it("never lets vendor B pay out or see vendor A's balance or payouts", async () => {
    const a = await vendor();
    const b = await vendor();
    await payableBalance(a.vendorId, 100_000);
    const mine = (await (await requestPayout(a.token, { amount: 10_000, currency: 'KES', phone: PHONE })).json()) as PayoutBody;
    // B has nothing payable: B's own balance is what a B token spends, whatever B sends.
    const body = await problem(await requestPayout(b.token, { amount: 10_000, currency: 'KES', phone: PHONE }), 409, 'conflict');
    expect(body).toMatchObject({ reason: 'insufficient_funds', available: 0 });
    await problem(
      await requestPayout(b.token, { amount: 10_000, currency: 'KES', phone: PHONE, vendorId: a.vendorId }),
      400,
      'validation_failed',
    );
    expect(await (await call('/v1/vendor/payouts', { token: b.token })).json()).toEqual({ items: [], nextCursor: null });
    expect(await (await call(`/v1/vendor/payouts?vendorId=${a.vendorId}`, { token: b.token })).status).toBe(400);
    await problem(await call(`/v1/vendor/payouts/${mine.id}`, { token: b.token }), 404, 'route_not_found');
    expect(await ledgerBalance('vendor_payable', a.vendorId, 'KES')).toBe(90_000);
  });

  it('answers 403 to a shopper and an admin, 401 without a token', async () => {
    const json = { amount: 10_000, currency: 'KES', phone: PHONE };
    await problem(await requestPayout((await shopper()).token, json), 403, 'forbidden');
    await problem(await requestPayout(await adminToken(), json), 403, 'forbidden');
    await problem(await call('/v1/vendor/payouts', { method: 'POST', json }), 401, 'unauthenticated');
    await problem(await call('/v1/vendor/payouts', { token: (await shopper()).token }), 403, 'forbidden');
    await problem(await call('/v1/vendor/statements?week=2026-W47', { token: (await shopper()).token }), 403, 'forbidden');
  });
});

describe('POST /v1/webhooks/mpesa-b2c/:token/result', () => {
  async function submitted() {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    const body = (await (await requestPayout(me.token, { amount: 100_000, currency: 'KES', phone: PHONE })).json()) as PayoutBody;
    await settled(body.id);
    const row = await env.DB.prepare(
      'SELECT callback_token AS token, conversation_id AS conversationId FROM payouts WHERE id = ?',
    )
      .bind(body.id)
      .first<{ token: string; conversationId: string }>();
    return { me, id: body.id, token: row?.token ?? '', conversationId: row?.conversationId ?? '' };
  }

  function result(payoutId: string, conversationId: string, code: number) {
    return {
      Result: {
        ResultType: 0,
        ResultCode: code,
        ResultDesc:
          code === 0 ? 'The service request is processed successfully.' : 'The balance is insufficient for the transaction.',
        OriginatorConversationID: payoutId,
        ConversationID: conversationId,
        TransactionID: 'RKL123ABCD',
      },
    };
  }

  it('ignores a replayed or contradicting result once the payout is settled', async () => {
    const { me, id, token, conversationId } = await submitted();
    const path = `/v1/webhooks/mpesa-b2c/${token}/result`;
    for (const code of [0, 0, 1]) {
      expect((await call(path, { method: 'POST', json: result(id, conversationId, code) })).status).toBe(200);
    }
    expect(await env.DB.prepare('SELECT status FROM payouts WHERE id = ?').bind(id).first('status')).toBe('completed');
    expect((await events(id)).map((e) => e.type)).toEqual(['payout.requested', 'payout.completed']);
    expect(await ledgerBalance('vendor_payable', me.vendorId, 'KES')).toBe(0);
  });

  it('answers 404 to an unknown token and 400 to a body that is not a B2C result, recording nothing', async () => {
    const { id, token, conversationId } = await submitted();
    await problem(
      await call(`/v1/webhooks/mpesa-b2c/${'a'.repeat(48)}/result`, { method: 'POST', json: result(id, conversationId, 1) }),
      404,
      'not_found',
    );
    await problem(
      await call(`/v1/webhooks/mpesa-b2c/${token}/result`, { method: 'POST', json: { Body: {} } }),
      400,
      'validation_failed',
    );
    await problem(
      await call(`/v1/webhooks/mpesa-b2c/${token}/result`, { method: 'POST', json: result(newId('pyt'), conversationId, 1) }),
      400,
      'validation_failed',
    );
    expect(await env.DB.prepare('SELECT status FROM payouts WHERE id = ?').bind(id).first('status')).toBe('completed');
  });
});
