import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  call,
  inventoryOf,
  LAGOS_HOME_FEE,
  problem,
  SKU,
  seedCatalogOnce,
  shopperToken,
  VENDOR_A,
  VENDOR_B,
  vendorToken,
  walletBalance,
} from './fixtures';
import { confirmedOrder, placeOrder } from './preamble';

// Returns (issue 11, item 8) against the real payments worker (ledger) and Inventory objects.

const CASE_PRICE = 450_000;
// The seeded case sits under the '*' commission rule: 10%.
const CASE_COMMISSION = 45_000;

beforeAll(seedCatalogOnce);

const vendorCall = async (
  vendorId: string,
  path: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
) => call(path, { ...init, token: await vendorToken(vendorId) });

const adminToken = () => mintDevToken({ userId: 'usr_returnsadmin', role: 'admin' });

const AS_NEW = { condition: 'as_new' };

const Created = z.object({ id: z.string(), status: z.string() });

/** A wallet order of `quantity` cases from vendor A, delivered to the shopper's home. */
async function deliveredCases(userId: string, quantity = 3) {
  const { token, orderId, order } = await confirmedOrder({
    userId,
    key: `ret-${userId}`,
    lines: [{ skuId: SKU.phoneCase, quantity }],
    fund: 2_000_000,
  });
  const vendorOrderId = order.vendorOrders[0].id;
  await vendorCall(VENDOR_A, `/v1/vendor/orders/${vendorOrderId}/accept`, { method: 'POST' });
  await vendorCall(VENDOR_A, `/v1/vendor/orders/${vendorOrderId}/ready`, { method: 'POST' });
  expect(await exports.default.markShipped(vendorOrderId)).toMatchObject({ ok: true });
  expect(await exports.default.markDelivered(vendorOrderId)).toMatchObject({ ok: true, status: 'delivered' });
  return { token, orderId, vendorOrderId };
}

const askReturn = (token: string, orderId: string, json: unknown, key = crypto.randomUUID()) =>
  call(`/v1/orders/${orderId}/returns`, { method: 'POST', token, json, headers: { 'idempotency-key': key } });

const caseLines = (quantity: number) => [{ skuId: SKU.phoneCase, quantity }];

async function trialBalance() {
  const { results } = await env.PAYMENTS_DB.prepare(
    'SELECT currency, sum(amount) AS total FROM journal_lines GROUP BY currency',
  ).all<{
    currency: string;
    total: number;
  }>();
  return results.filter((r) => r.total !== 0);
}

async function balanceOf(kind: string, ownerId: string | null) {
  const row = await env.PAYMENTS_DB.prepare(
    `SELECT coalesce(sum(l.amount), 0) AS balance FROM journal_lines l JOIN accounts a ON a.id = l.account_id
      WHERE a.kind = ? AND coalesce(a.owner_id, '') = ? AND a.currency = 'NGN'`,
  )
    .bind(kind, ownerId ?? '')
    .first<{ balance: number }>();
  return row?.balance ?? 0;
}

// Each test buys, pays and delivers first (a few seconds on a busy machine).
describe('returns', { timeout: 30_000 }, () => {
  it('takes a return of 2 of 3 units through accept and receipt: exact restock, refund from pending, trial balance 0', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_returner');
    const wallet = await walletBalance(token);
    const pending = await balanceOf('vendor_pending', VENDOR_A);
    const commission = await balanceOf('platform_commission', null);
    const onHand = (await inventoryOf(SKU.phoneCase).level()).onHand;

    const asked = await askReturn(token, orderId, {
      vendorOrderId,
      lines: caseLines(2),
      reason: 'damaged',
      note: 'Cracked corner',
      method: 'home',
    });
    expect(asked.status).toBe(201);
    const ret = Created.parse(await asked.json());
    expect(ret.status).toBe('requested');

    const accepted = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/accept`, { method: 'POST' });
    expect(await accepted.json()).toMatchObject({ id: ret.id, status: 'accepted' });
    const received = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, {
      method: 'POST',
      json: { condition: 'opened', note: 'Box opened, case fine' },
    });
    expect(await received.json()).toMatchObject({
      id: ret.id,
      status: 'refunded',
      condition: 'opened',
      conditionNote: 'Box opened, case fine',
      restocked: true,
      goods: { amount: 2 * CASE_PRICE },
      refunded: { amount: 2 * CASE_PRICE },
    });

    expect(await walletBalance(token)).toBe(wallet + 2 * CASE_PRICE);
    // The returned goods' share of the commission goes back; the vendor gives back the rest, from pending.
    expect(await balanceOf('platform_commission', null)).toBe(commission - 2 * CASE_COMMISSION);
    expect(await balanceOf('vendor_pending', VENDOR_A)).toBe(pending - 2 * (CASE_PRICE - CASE_COMMISSION));
    expect((await inventoryOf(SKU.phoneCase).level()).onHand).toBe(onHand + 2);
    expect(await trialBalance()).toEqual([]);

    const events = await env.DB.prepare("SELECT type FROM outbox WHERE type LIKE 'return.%' AND body LIKE ? ORDER BY id")
      .bind(`%${ret.id}%`)
      .all<{ type: string }>();
    expect(events.results.map((e) => e.type)).toEqual([
      'return.requested',
      'return.accepted',
      'return.received',
      'return.refunded',
    ]);

    const list = await call(`/v1/orders/${orderId}/returns`, { token });
    expect(await list.json()).toMatchObject({
      items: [{ id: ret.id, status: 'refunded', lines: [{ skuId: SKU.phoneCase, quantity: 2 }] }],
    });
  });

  it('records the state a return came back in: a damaged unit is refunded but not put back on sale; no state is a 400 naming it', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_breaker', 1);
    const wallet = await walletBalance(token);
    const onHand = (await inventoryOf(SKU.phoneCase).level()).onHand;
    const ret = Created.parse(
      await (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'home' })).json(),
    );
    await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/accept`, { method: 'POST' });
    const missing = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, { method: 'POST', json: {} });
    expect((await problem(missing, 400, 'validation_failed')).errors).toEqual([
      { path: 'condition', message: 'Say the state it came back in: as_new, opened or damaged' },
    ]);
    const wrong = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, {
      method: 'POST',
      json: { condition: 'broken' },
    });
    expect((await problem(wrong, 400, 'validation_failed')).errors).toMatchObject([{ path: 'condition' }]);
    expect(await env.DB.prepare('SELECT status FROM returns WHERE id = ?').bind(ret.id).first('status')).toBe('accepted');

    const received = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, {
      method: 'POST',
      json: { condition: 'damaged', note: 'Screen side cracked' },
    });
    expect(await received.json()).toMatchObject({
      status: 'refunded',
      condition: 'damaged',
      conditionNote: 'Screen side cracked',
      restocked: false,
      // The whole vendor order came back: goods and delivery fee, as for any other state.
      refunded: { amount: CASE_PRICE + LAGOS_HOME_FEE },
    });
    // The refund rules do not look at the state; the stock does.
    expect(await walletBalance(token)).toBe(wallet + CASE_PRICE + LAGOS_HOME_FEE);
    expect((await inventoryOf(SKU.phoneCase).level()).onHand).toBe(onHand);
    // A repeat naming another state changes nothing: the first receipt's state stands.
    const again = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, { method: 'POST', json: AS_NEW });
    expect(await again.json()).toMatchObject({ condition: 'damaged', restocked: false });
    expect((await inventoryOf(SKU.phoneCase).level()).onHand).toBe(onHand);
    // The shopper reads the same state on their order's returns.
    expect(await (await call(`/v1/orders/${orderId}/returns`, { token })).json()).toMatchObject({
      items: [{ id: ret.id, condition: 'damaged', conditionNote: 'Screen side cracked' }],
    });
    expect(await trialBalance()).toEqual([]);
  });

  it('answers the same to replays: one return per Idempotency-Key, one refund and one restock however often received is sent', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_replayer');
    const body = { vendorOrderId, lines: caseLines(1), reason: 'wrong_item', method: 'home' };
    const first = await askReturn(token, orderId, body, 'ret-replay-0001');
    const again = await askReturn(token, orderId, body, 'ret-replay-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    const ret = Created.parse(await first.json());
    expect(Created.parse(await again.json()).id).toBe(ret.id);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM returns WHERE vendor_order_id = ?')
      .bind(vendorOrderId)
      .first('n');
    expect(count).toBe(1);

    await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/accept`, { method: 'POST' });
    const wallet = await walletBalance(token);
    const onHand = (await inventoryOf(SKU.phoneCase).level()).onHand;
    const answers = await Promise.all(
      [1, 2, 3].map(() => vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, { method: 'POST', json: AS_NEW })),
    );
    for (const res of answers) expect(res.status === 200 || res.status === 409).toBe(true);
    const last = await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/received`, { method: 'POST', json: AS_NEW });
    expect(await last.json()).toMatchObject({ status: 'refunded', refunded: { amount: CASE_PRICE } });
    expect(await walletBalance(token)).toBe(wallet + CASE_PRICE);
    expect((await inventoryOf(SKU.phoneCase).level()).onHand).toBe(onHand + 1);
    const entries = await env.PAYMENTS_DB.prepare('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?')
      .bind(`return:${ret.id}`)
      .first('n');
    expect(entries).toBe(1);
    expect(await trialBalance()).toEqual([]);
  });

  it('refuses to take the same units twice (409 already_returned) until a return of them is refused', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_twicer');
    const first = Created.parse(
      await (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(2), reason: 'defective', method: 'home' })).json(),
    );
    const second = await askReturn(token, orderId, { vendorOrderId, lines: caseLines(2), reason: 'defective', method: 'home' });
    expect(await problem(second, 409, 'conflict')).toMatchObject({ reason: 'already_returned' });
    // The third unit is still free.
    expect(
      (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(1), reason: 'defective', method: 'home' })).status,
    ).toBe(201);

    const refused = await vendorCall(VENDOR_A, `/v1/vendor/returns/${first.id}/refuse`, {
      method: 'POST',
      json: { reason: 'Used, not damaged' },
    });
    expect(await refused.json()).toMatchObject({ status: 'refused', refusalReason: 'Used, not damaged' });
    await problem(
      await vendorCall(VENDOR_A, `/v1/vendor/returns/${first.id}/accept`, { method: 'POST' }),
      409,
      'invalid_transition',
    );
    expect(
      (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(2), reason: 'defective', method: 'home' })).status,
    ).toBe(201);
  });

  it('answers 409 with the window’s end date once the return window has closed', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_latecomer', 1);
    const closed = Date.UTC(2026, 0, 15, 12);
    await env.PAYMENTS_DB.prepare('UPDATE vendor_order_payments SET release_at = ? WHERE vendor_order_id = ?')
      .bind(closed, vendorOrderId)
      .run();
    const res = await askReturn(token, orderId, { vendorOrderId, lines: caseLines(1), reason: 'changed_mind', method: 'home' });
    expect(await problem(res, 409, 'conflict')).toMatchObject({
      detail: 'The return window closed on 2026-01-15',
      reason: 'return_window_closed',
      windowEndsAt: '2026-01-15T12:00:00.000Z',
    });
  });

  it('gives back the delivery fee and the whole commission with the return that completes the vendor order', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_allback', 2);
    const wallet = await walletBalance(token);
    const logistics = await balanceOf('logistics_revenue', null);
    const pending = await balanceOf('vendor_pending', VENDOR_A);
    const one = Created.parse(
      await (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'home' })).json(),
    );
    const two = Created.parse(
      await (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'home' })).json(),
    );
    for (const id of [one.id, two.id]) {
      await call(`/v1/admin/returns/${id}/accept`, { method: 'POST', token: await adminToken() });
      const done = await call(`/v1/admin/returns/${id}/received`, { method: 'POST', token: await adminToken(), json: AS_NEW });
      expect(done.status).toBe(200);
    }
    expect(await walletBalance(token)).toBe(wallet + 2 * CASE_PRICE + LAGOS_HOME_FEE);
    expect(await balanceOf('logistics_revenue', null)).toBe(logistics - LAGOS_HOME_FEE);
    expect(await balanceOf('vendor_pending', VENDOR_A)).toBe(pending - 2 * (CASE_PRICE - CASE_COMMISSION));
    // The release job then has nothing left of this vendor order to move.
    const release = await env.PAYMENTS.fetch(
      new Request('https://payments.internal/v1/dev/payments/release-due', {
        method: 'POST',
        headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ asOf: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
      }),
    );
    expect(release.status).toBe(200);
    const released = await env.PAYMENTS_DB.prepare('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?')
      .bind(`release:${vendorOrderId}`)
      .first('n');
    expect(released).toBe(0);
    expect(await trialBalance()).toEqual([]);
    // Everything came back: the vendor order is returned for the shopper and the vendor, the order refunded.
    expect(await (await call(`/v1/orders/${orderId}`, { token })).json()).toMatchObject({
      status: 'refunded',
      vendorOrders: [{ id: vendorOrderId, status: 'returned' }],
    });
    const shop = await vendorCall(VENDOR_A, `/v1/vendor/orders?status=returned`);
    expect((await shop.json()) as { items: { id: string }[] }).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ id: vendorOrderId })]),
    });
  });

  it('holds the vendor’s release while a return is open, and lets it go once the return is refused', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_holder', 1);
    const ret = Created.parse(
      await (await askReturn(token, orderId, { vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'home' })).json(),
    );
    const releaseDue = async () => {
      const res = await env.PAYMENTS.fetch(
        new Request('https://payments.internal/v1/dev/payments/release-due', {
          method: 'POST',
          headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ asOf: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
        }),
      );
      expect(res.status).toBe(200);
      return env.PAYMENTS_DB.prepare('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?')
        .bind(`release:${vendorOrderId}`)
        .first('n');
    };
    expect(await releaseDue()).toBe(0);
    await vendorCall(VENDOR_A, `/v1/vendor/returns/${ret.id}/refuse`, { method: 'POST', json: { reason: 'Not damaged' } });
    expect(await releaseDue()).toBe(1);
  });

  it('keeps everyone to their own: another shopper, another shop and a shopper on vendor routes are refused', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_owner', 1);
    const other = await shopperToken('usr_intruder');
    const body = { vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'home' };
    await problem(await askReturn(other, orderId, body), 404, 'not_found');
    await problem(await call(`/v1/orders/${orderId}/returns`, { token: other }), 404, 'not_found');
    const ret = Created.parse(await (await askReturn(token, orderId, body)).json());
    for (const action of ['accept', 'received']) {
      const json = action === 'received' ? AS_NEW : undefined;
      await problem(
        await vendorCall(VENDOR_B, `/v1/vendor/returns/${ret.id}/${action}`, { method: 'POST', json }),
        404,
        'not_found',
      );
    }
    await problem(await vendorCall(VENDOR_B, `/v1/vendor/returns/${ret.id}`), 404, 'not_found');
    const listB = await vendorCall(VENDOR_B, '/v1/vendor/returns');
    expect(((await listB.json()) as { items: unknown[] }).items).toEqual([]);
    await problem(await call('/v1/vendor/returns', { token }), 403, 'forbidden');
    await problem(await call(`/v1/admin/returns/${ret.id}/accept`, { method: 'POST', token }), 403, 'forbidden');
    expect(await env.DB.prepare('SELECT status FROM returns WHERE id = ?').bind(ret.id).first('status')).toBe('requested');
  });

  it('answers bad input with 4xx problems naming the field', async () => {
    const { token, orderId, vendorOrderId } = await deliveredCases('usr_sloppy', 1);
    const bad = async (json: unknown, path: string) => {
      const body = await problem(await askReturn(token, orderId, json), 400, 'validation_failed');
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    };
    await bad({ vendorOrderId, lines: [], reason: 'damaged', method: 'home' }, 'lines');
    await bad({ vendorOrderId, lines: caseLines(0), reason: 'damaged', method: 'home' }, 'lines.0.quantity');
    await bad({ vendorOrderId, lines: caseLines(1), reason: 'bored', method: 'home' }, 'reason');
    await bad({ vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'station' }, 'pickupStationId');
    await bad({ vendorOrderId, lines: [{ skuId: SKU.dressM, quantity: 1 }], reason: 'damaged', method: 'home' }, 'lines.0.skuId');
    await bad(
      {
        vendorOrderId,
        lines: caseLines(1),
        reason: 'damaged',
        method: 'home',
        photos: ['reviews/usr_someoneelse/img_abcd.webp'],
      },
      'photos.0',
    );
    await bad({ vendorOrderId, lines: caseLines(1), reason: 'damaged', method: 'home', extra: 1 }, '(root)');
    await problem(
      await call(`/v1/orders/${orderId}/returns`, { method: 'POST', token, json: { vendorOrderId: 'nope' } }),
      400,
      'validation_failed',
    );
    await problem(
      await vendorCall(VENDOR_A, '/v1/vendor/returns/ret_nope0000/refuse', { method: 'POST', json: { reason: '' } }),
      400,
      'validation_failed',
    );
    await problem(await vendorCall(VENDOR_A, '/v1/vendor/returns?status=lost'), 400, 'validation_failed');
  });

  it('refuses a return of a vendor order that was not delivered (409 invalid_transition)', async () => {
    const userId = 'usr_impatient';
    const { token, orderId, order } = await placeOrder({
      userId,
      key: 'ret-early-0001',
      lines: [{ skuId: SKU.phoneCase, quantity: 1 }],
    });
    const res = await askReturn(token, orderId, {
      vendorOrderId: order.vendorOrders[0].id,
      lines: caseLines(1),
      reason: 'damaged',
      method: 'home',
    });
    expect(await problem(res, 409, 'invalid_transition')).toMatchObject({ from: 'pending' });
  });
});
