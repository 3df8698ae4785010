import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  inventoryOf,
  LAGOS_STATION_FEE,
  problem,
  SKU,
  seedCatalogOnce,
  seedSecondShop,
  shopperToken,
  VENDOR_A,
  vendorToken,
  walletBalance,
} from './fixtures';
import { confirmedOrder, placeOrder } from './preamble';

// A second shop selling in NGN, so one order can span two vendors in one currency.
const VENDOR_BOOKS = 'vnd_lagosbooks';
const NOVEL = 'sku_novel';
const CASE_PRICE = 450_000;
const NOVEL_PRICE = 250_000;

beforeAll(async () => {
  await seedCatalogOnce();
  await seedSecondShop({
    vendorId: VENDOR_BOOKS,
    slug: 'lagos-books',
    name: 'Lagos Books',
    productId: 'prd_novel',
    skuId: NOVEL,
    title: 'Half of a Yellow Sun',
    price: NOVEL_PRICE,
  });
});

type Order = {
  id: string;
  status: string;
  vendorOrders: { id: string; vendorId: string; vendorName: string | null; status: string }[];
  [k: string]: unknown;
};

/** A confirmed two-vendor order (a phone case from vendor A, a novel from Lagos Books). */
async function twoVendorOrder(userId: string, method: 'wallet' | 'pay_on_delivery') {
  const { token, orderId, order } = await confirmedOrder({
    userId,
    key: `two-vendors-${userId}`,
    lines: [
      { skuId: SKU.phoneCase, quantity: 1 },
      { skuId: NOVEL, quantity: 1 },
    ],
    pickupStationId: 'pks_ng001lagos',
    payment: method === 'wallet' ? { method } : { method, country: 'NG' },
  });
  const of = (vendorId: string) => order.vendorOrders.find((v) => v.vendorId === vendorId)?.id ?? '';
  return { token, orderId, order, caseOrder: of(VENDOR_A), novelOrder: of(VENDOR_BOOKS) };
}

const vendorCall = async (vendorId: string, path: string, init: { method?: string; json?: unknown } = {}) =>
  call(path, { ...init, token: await vendorToken(vendorId) });

/** Each SKU's level, with expired holds released first (`level()` does that). */
const stockOf = (skuIds: string[]) => Promise.all(skuIds.map((skuId) => inventoryOf(skuId).level()));

async function orderOf(token: string, orderId: string) {
  return (await (await call(`/v1/orders/${orderId}`, { token })).json()) as Order;
}

describe('GET /v1/orders', () => {
  // Three checkouts run their sagas to the end first: more than the default 5 s on a loaded machine.
  it('lists my orders newest first, page by page, and nobody else’s', { timeout: 30_000 }, async () => {
    const userId = 'usr_regular';
    const token = await shopperToken(userId);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { orderId } = await placeOrder({
        userId,
        key: `list-orders-000${n}`,
        lines: [{ skuId: SKU.phoneCase, quantity: 1 }],
        pickupStationId: 'pks_ng001lagos',
        payment: { method: 'pay_on_delivery', country: 'NG' },
      });
      ids.unshift(orderId);
    }
    await twoVendorOrder('usr_someoneelse', 'pay_on_delivery');

    const first = await call('/v1/orders?limit=2', { token });
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: { id: string; status: string; items: number }[]; nextCursor: string };
    expect(page1.items.map((o) => o.id)).toEqual(ids.slice(0, 2));
    expect(page1.items[0]).toMatchObject({
      status: 'confirmed',
      items: 1,
      // What was bought, named in the list itself.
      preview: [
        { title: expect.stringMatching(/\S/), image: expect.toSatisfy((v: unknown) => v === null || typeof v === 'string') },
      ],
      total: { amount: CASE_PRICE + LAGOS_STATION_FEE, currency: 'NGN' },
      payment: { id: expect.stringMatching(/\S/), method: 'pay_on_delivery', status: 'pay_on_delivery' },
    });
    const page2 = (await (await call(`/v1/orders?limit=2&cursor=${page1.nextCursor}`, { token })).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(page2).toEqual({ items: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
  });

  it('answers 400 for a tampered cursor and 401 without a token', async () => {
    const token = await shopperToken('usr_tamperer');
    await problem(await call('/v1/orders?cursor=not-a-cursor', { token }), 400, 'validation_failed');
    await problem(await call('/v1/orders'), 401, 'unauthenticated');
  });
});

describe('GET /v1/orders/:id and POST /v1/orders/:id/cancel', () => {
  it("answers 404 when shopper B reads or cancels shopper A's order, and changes nothing", async () => {
    const { token, orderId } = await twoVendorOrder('usr_ordera', 'pay_on_delivery');
    const intruder = await shopperToken('usr_orderb');
    expect((await problem(await call(`/v1/orders/${orderId}`, { token: intruder }), 404, 'not_found')).detail).toBe(
      `You have no order ${orderId}`,
    );
    await problem(await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token: intruder }), 404, 'not_found');
    expect((await orderOf(token, orderId)).status).toBe('confirmed');
    await problem(await call('/v1/orders/not-an-order', { token }), 400, 'validation_failed');
  });

  it('cancels a paid order before shipment: every vendor order refunded, the money back in the wallet', async () => {
    const { token, orderId } = await twoVendorOrder('usr_changedmind', 'wallet');
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - NOVEL_PRICE - 2 * LAGOS_STATION_FEE);
    const res = await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'refunded',
      payment: { status: 'refunded' },
      vendorOrders: [{ status: 'refunded' }, { status: 'refunded' }],
    });
    expect(await walletBalance(token)).toBe(1_000_000);
    const again = await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token });
    expect((await problem(again, 409, 'invalid_transition')).detail).toBe('The order is refunded and cannot be cancelled');
  });

  it('cancels a pay-on-delivery order: nothing to refund, the order is cancelled', async () => {
    const { token, orderId } = await twoVendorOrder('usr_codcancel', 'pay_on_delivery');
    const res = await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'cancelled',
      vendorOrders: [{ status: 'cancelled' }, { status: 'cancelled' }],
    });
  });

  it("shows the payment's id and each vendor order's shop name, as they were when the order was placed", async () => {
    const { token, orderId, order } = await twoVendorOrder('usr_orderpage', 'wallet');
    const paymentId = await env.DB.prepare('SELECT payment_id FROM orders WHERE id = ?')
      .bind(orderId)
      .first<string>('payment_id');
    expect(paymentId).toMatch(/\S/);
    expect(order.payment).toEqual({ id: paymentId, method: 'wallet', provider: null, status: 'captured' });
    expect(order.vendorOrders.map((v) => [v.vendorId, v.vendorName]).sort()).toEqual([
      [VENDOR_BOOKS, 'Lagos Books'],
      [VENDOR_A, 'Lagos Gadgets'],
    ]);
    // A snapshot: the shop renaming itself later does not rewrite the order.
    await env.CATALOG_DB.prepare("UPDATE vendors SET name = 'Books & More' WHERE id = ?").bind(VENDOR_BOOKS).run();
    const again = await orderOf(token, orderId);
    expect(again.vendorOrders.find((v) => v.vendorId === VENDOR_BOOKS)?.vendorName).toBe('Lagos Books');
    await env.CATALOG_DB.prepare("UPDATE vendors SET name = 'Lagos Books' WHERE id = ?").bind(VENDOR_BOOKS).run();
    const list = (await (await call('/v1/orders', { token })).json()) as { items: { id: string; payment: unknown }[] };
    expect(list.items.find((o) => o.id === orderId)?.payment).toEqual(order.payment);
  });

  it('puts a cancelled order’s stock back on hand once: cancelling again is 409 and returns nothing more', async () => {
    const before = [await inventoryOf(SKU.phoneCase).level(), await inventoryOf(NOVEL).level()];
    const { token, orderId } = await twoVendorOrder('usr_restocker', 'wallet');
    expect(await stockOf([SKU.phoneCase, NOVEL])).toEqual(
      before.map((l) => ({ ...l, onHand: l.onHand - 1, available: l.available - 1 })),
    );

    expect((await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token })).status).toBe(200);
    expect(await stockOf([SKU.phoneCase, NOVEL])).toEqual(before);
    await problem(await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token }), 409, 'invalid_transition');
    expect(await stockOf([SKU.phoneCase, NOVEL])).toEqual(before);
  });

  it('returns the stock once when the shopper sends the cancel five times at once', async () => {
    const before = await stockOf([SKU.phoneCase, NOVEL]);
    const { token, orderId } = await twoVendorOrder('usr_impatient', 'pay_on_delivery');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses).toContain(200);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(await stockOf([SKU.phoneCase, NOVEL])).toEqual(before);
    expect((await orderOf(token, orderId)).status).toBe('cancelled');
  });

  it('answers 409 invalid_transition once part of the order has shipped', async () => {
    const { token, orderId, caseOrder } = await twoVendorOrder('usr_toolatetocancel', 'pay_on_delivery');
    await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/accept`, { method: 'POST' });
    await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/ready`, { method: 'POST' });
    expect(await exports.default.markShipped(caseOrder)).toEqual({ ok: true, status: 'shipped' });
    const res = await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token });
    expect((await problem(res, 409, 'invalid_transition')).detail).toBe(
      'Part of this order has shipped; it can no longer be cancelled (ask for a return instead)',
    );
    expect((await orderOf(token, orderId)).status).toBe('partially_shipped');
  });
});

describe('vendor orders', () => {
  it('shows each vendor only its own vendor orders, filtered by status', async () => {
    const { caseOrder, novelOrder } = await twoVendorOrder('usr_splitbuyer', 'pay_on_delivery');
    const books = (await (await vendorCall(VENDOR_BOOKS, '/v1/vendor/orders?limit=100')).json()) as { items: { id: string }[] };
    expect(books.items.map((v) => v.id)).toContain(novelOrder);
    expect(books.items.map((v) => v.id)).not.toContain(caseOrder);
    const mine = (await (await vendorCall(VENDOR_A, '/v1/vendor/orders?status=pending&limit=100')).json()) as {
      items: { id: string; vendorId: string; status: string; lines: { skuId: string }[] }[];
    };
    expect(mine.items.every((v) => v.vendorId === VENDOR_A && v.status === 'pending')).toBe(true);
    expect(mine.items.find((v) => v.id === caseOrder)).toMatchObject({ lines: [{ skuId: SKU.phoneCase }] });
  });

  it("answers 404 when vendor B reads, accepts or rejects vendor A's order, and 403 for a shopper", async () => {
    const { token, caseOrder } = await twoVendorOrder('usr_targeted', 'pay_on_delivery');
    await problem(await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${caseOrder}`), 404, 'not_found');
    await problem(await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${caseOrder}/accept`, { method: 'POST' }), 404, 'not_found');
    await problem(
      await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${caseOrder}/reject`, { method: 'POST', json: { reason: 'not mine' } }),
      404,
      'not_found',
    );
    await problem(await call('/v1/vendor/orders', { token }), 403, 'forbidden');
    const own = await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}`);
    expect(await own.json()).toMatchObject({ id: caseOrder, status: 'pending' });
  });

  it('moves accept → ready → shipped → delivered, rolls the order up, and refuses moves out of order with 409', async () => {
    const { token, orderId, caseOrder, novelOrder } = await twoVendorOrder('usr_happyending', 'pay_on_delivery');
    const early = await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/ready`, { method: 'POST' });
    expect(await problem(early, 409, 'invalid_transition')).toMatchObject({
      detail: 'The vendor order is pending and cannot become ready',
      from: 'pending',
      to: 'ready',
    });
    expect(await exports.default.markShipped(caseOrder)).toMatchObject({ ok: false, reason: 'invalid_transition' });

    for (const [vendor, id] of [
      [VENDOR_A, caseOrder],
      [VENDOR_BOOKS, novelOrder],
    ]) {
      const accepted = await vendorCall(vendor, `/v1/vendor/orders/${id}/accept`, { method: 'POST' });
      expect(await accepted.json()).toMatchObject({ id, status: 'accepted' });
      const ready = await vendorCall(vendor, `/v1/vendor/orders/${id}/ready`, { method: 'POST' });
      expect(await ready.json()).toMatchObject({ id, status: 'ready' });
    }
    await problem(
      await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/accept`, { method: 'POST' }),
      409,
      'invalid_transition',
    );

    expect(await exports.default.markShipped(caseOrder)).toEqual({ ok: true, status: 'shipped' });
    expect((await orderOf(token, orderId)).status).toBe('partially_shipped');
    expect(await exports.default.markShipped(caseOrder)).toEqual({ ok: true, status: 'shipped' });
    expect(await exports.default.markShipped(novelOrder)).toEqual({ ok: true, status: 'shipped' });
    expect((await orderOf(token, orderId)).status).toBe('shipped');
    expect(await exports.default.markDelivered(caseOrder)).toEqual({ ok: true, status: 'delivered' });
    expect(await exports.default.markDelivered(novelOrder)).toEqual({ ok: true, status: 'delivered' });
    expect((await orderOf(token, orderId)).status).toBe('delivered');
    await problem(
      await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/reject`, { method: 'POST', json: { reason: 'too late' } }),
      409,
      'invalid_transition',
    );

    const events = await env.DB.prepare(
      "SELECT type, count(*) AS n FROM outbox WHERE type IN ('order.shipped', 'order.delivered') AND body LIKE ? GROUP BY type",
    )
      .bind(`%${orderId}%`)
      .all<{ type: string; n: number }>();
    expect(events.results).toEqual([
      { type: 'order.delivered', n: 2 },
      { type: 'order.shipped', n: 2 },
    ]);
  });

  it("puts back only the rejected vendor order's stock; the other vendor's stays sold", async () => {
    const [caseBefore, novelBefore] = await stockOf([SKU.phoneCase, NOVEL]);
    const { novelOrder } = await twoVendorOrder('usr_halfrejected', 'pay_on_delivery');
    const res = await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/reject`, {
      method: 'POST',
      json: { reason: 'Out of print' },
    });
    expect(res.status).toBe(200);
    expect(await stockOf([SKU.phoneCase, NOVEL])).toEqual([
      { ...caseBefore, onHand: caseBefore.onHand - 1, available: caseBefore.available - 1 },
      novelBefore,
    ]);
    // Vendor A cannot reject (and restock) Lagos Books' vendor order.
    await problem(
      await vendorCall(VENDOR_A, `/v1/vendor/orders/${novelOrder}/reject`, { method: 'POST', json: { reason: 'x y z' } }),
      404,
      'not_found',
    );
    expect((await stockOf([NOVEL]))[0]).toEqual(novelBefore);
  });

  it("refunds a rejected vendor order's share: the order is partially cancelled, then cancelled when all are rejected", async () => {
    const { token, orderId, caseOrder, novelOrder } = await twoVendorOrder('usr_rejected', 'wallet');
    const res = await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/reject`, {
      method: 'POST',
      json: { reason: 'Out of print' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: novelOrder, status: 'rejected' });
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_STATION_FEE);
    expect(await orderOf(token, orderId)).toMatchObject({
      status: 'partially_cancelled',
      payment: { status: 'partially_refunded' },
    });

    await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/reject`, { method: 'POST', json: { reason: 'Damaged stock' } });
    expect(await walletBalance(token)).toBe(1_000_000);
    expect(await orderOf(token, orderId)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    const bad = await vendorCall(VENDOR_A, `/v1/vendor/orders/${caseOrder}/reject`, { method: 'POST', json: { reason: 'x' } });
    await problem(bad, 400, 'validation_failed');
  });
});

describe('a vendor backing out before shipment', () => {
  const refundEvents = async (vendorOrderId: string) =>
    (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE type = 'order.refunded' AND body LIKE ?")
      .bind(`%${vendorOrderId}%`)
      .first<number>('n')) ?? 0;

  const MOVED = { accept: 'accepted', ready: 'ready' } as const;

  it.each([
    ['accepted', ['accept' as const]],
    ['ready', ['accept' as const, 'ready' as const]],
  ])('rejects once %s: refunded once, stock back once, and it can no longer ship', async (status, moves) => {
    const user = `usr_backout${status}`;
    const [, novelBefore] = await stockOf([SKU.phoneCase, NOVEL]);
    const { token, orderId, novelOrder } = await twoVendorOrder(user, 'wallet');
    for (const move of moves) {
      expect(
        await (await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/${move}`, { method: 'POST' })).json(),
      ).toMatchObject({ status: MOVED[move] });
    }
    expect((await orderOf(token, orderId)).vendorOrders.find((v) => v.id === novelOrder)?.status).toBe(status);
    // Another vendor cannot reject it, and that attempt moves nothing.
    await problem(
      await vendorCall(VENDOR_A, `/v1/vendor/orders/${novelOrder}/reject`, { method: 'POST', json: { reason: 'not mine' } }),
      404,
      'not_found',
    );
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - NOVEL_PRICE - 2 * LAGOS_STATION_FEE);

    const res = await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/reject`, {
      method: 'POST',
      json: { reason: 'Printer broke down' },
    });
    expect(await res.json()).toMatchObject({ id: novelOrder, status: 'rejected' });
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_STATION_FEE);
    expect((await stockOf([NOVEL]))[0]).toEqual(novelBefore);
    expect(await orderOf(token, orderId)).toMatchObject({
      status: 'partially_cancelled',
      payment: { status: 'partially_refunded' },
    });

    expect(await exports.default.markShipped(novelOrder)).toMatchObject({ ok: false, reason: 'invalid_transition' });
    await problem(
      await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/reject`, {
        method: 'POST',
        json: { reason: 'Again, sorry' },
      }),
      409,
      'invalid_transition',
    );
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_STATION_FEE);
    expect((await stockOf([NOVEL]))[0]).toEqual(novelBefore);
    expect(await refundEvents(novelOrder)).toBe(1);
  });

  it('refuses to ship a vendor order a reject has claimed, and the retried reject finishes the drop once', async () => {
    const [, novelBefore] = await stockOf([SKU.phoneCase, NOVEL]);
    const { token, orderId, novelOrder } = await twoVendorOrder('usr_claimedship', 'wallet');
    for (const move of ['accept', 'ready']) {
      await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/${move}`, { method: 'POST' });
    }
    // The state a reject leaves when its worker dies right after claiming (before refund and restock).
    const claim = {
      as: 'rejected',
      userId: 'usr_claimedship',
      actor: VENDOR_BOOKS,
      reason: 'Printer broke down',
      at: Date.now(),
    };
    await env.DB.prepare('UPDATE vendor_orders SET dropping = ? WHERE id = ?').bind(JSON.stringify(claim), novelOrder).run();

    expect(await exports.default.markShipped(novelOrder)).toMatchObject({ ok: false, reason: 'invalid_transition' });
    expect((await orderOf(token, orderId)).vendorOrders.find((v) => v.id === novelOrder)?.status).toBe('ready');
    const shipped = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE type = 'order.shipped' AND body LIKE ?")
      .bind(`%${novelOrder}%`)
      .first<number>('n');
    expect(shipped).toBe(0);

    // The vendor retries its failed reject: the claimed drop completes, money and stock back once.
    for (let i = 0; i < 2; i++) {
      const res = await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/reject`, {
        method: 'POST',
        json: { reason: 'Printer broke down' },
      });
      if (i === 0) expect(await res.json()).toMatchObject({ id: novelOrder, status: 'rejected' });
      else await problem(res, 409, 'invalid_transition');
    }
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_STATION_FEE);
    expect((await stockOf([NOVEL]))[0]).toEqual(novelBefore);
    expect(await refundEvents(novelOrder)).toBe(1);
    expect(await exports.default.markShipped(novelOrder)).toMatchObject({ ok: false, reason: 'invalid_transition' });
  });

  it('finishes a reject whose request died after claiming, from the cron, once', async () => {
    const [, novelBefore] = await stockOf([SKU.phoneCase, NOVEL]);
    const { token, novelOrder } = await twoVendorOrder('usr_abandonedclaim', 'wallet');
    await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/accept`, { method: 'POST' });
    const claim = { as: 'rejected', userId: 'usr_abandonedclaim', actor: VENDOR_BOOKS, reason: 'Out of print', at: Date.now() };
    // Claimed two minutes ago and never finished: nobody will retry it.
    await env.DB.prepare('UPDATE vendor_orders SET dropping = ?, updated_at = ? WHERE id = ?')
      .bind(JSON.stringify(claim), Date.now() - 120_000, novelOrder)
      .run();

    await exports.default.scheduled();
    await exports.default.scheduled();

    const status = await env.DB.prepare('SELECT status FROM vendor_orders WHERE id = ?').bind(novelOrder).first<string>('status');
    expect(status).toBe('rejected');
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_STATION_FEE);
    expect((await stockOf([NOVEL]))[0]).toEqual(novelBefore);
    expect(await refundEvents(novelOrder)).toBe(1);
  });

  it('lets exactly one of a reject and a ship racing on a ready vendor order land', async () => {
    const [, novelBefore] = await stockOf([SKU.phoneCase, NOVEL]);
    const { token, novelOrder } = await twoVendorOrder('usr_shiprace', 'wallet');
    for (const move of ['accept', 'ready']) {
      await vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/${move}`, { method: 'POST' });
    }
    const [rejected, shipped] = await Promise.all([
      vendorCall(VENDOR_BOOKS, `/v1/vendor/orders/${novelOrder}/reject`, { method: 'POST', json: { reason: 'Last minute' } }),
      exports.default.markShipped(novelOrder),
    ]);
    const status = await env.DB.prepare('SELECT status FROM vendor_orders WHERE id = ?').bind(novelOrder).first<string>('status');
    if (shipped.ok) {
      await problem(rejected, 409, 'invalid_transition');
      expect(status).toBe('shipped');
      expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - NOVEL_PRICE - 2 * LAGOS_STATION_FEE);
      expect(await refundEvents(novelOrder)).toBe(0);
      expect((await stockOf([NOVEL]))[0]).toEqual({
        ...novelBefore,
        onHand: novelBefore.onHand - 1,
        available: novelBefore.available - 1,
      });
    } else {
      expect(rejected.status).toBe(200);
      expect(status).toBe('rejected');
      expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_STATION_FEE);
      expect(await refundEvents(novelOrder)).toBe(1);
      expect((await stockOf([NOVEL]))[0]).toEqual(novelBefore);
    }
  });
});
