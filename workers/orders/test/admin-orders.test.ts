// The console's orders (issue 15): find orders, read one with every status move, and cancel ONE
// vendor order with a reason — its share refunded through payments, the ledger balanced, the
// audit row in the move's batch. Admins only.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  problem,
  SKU,
  seedCatalogOnce,
  seedSecondShop,
  shopperToken,
  VENDOR_A,
  vendorToken,
  walletBalance,
} from './fixtures';
import { confirmedOrder } from './preamble';

const VENDOR_BOOKS = 'vnd_adminbooks';
const NOVEL = 'sku_adminnovel';
const ADMIN = 'usr_orderadmin';
const admin = () => mintDevToken({ userId: ADMIN, role: 'admin' });

beforeAll(async () => {
  await seedCatalogOnce();
  await seedSecondShop({
    vendorId: VENDOR_BOOKS,
    slug: 'admin-books',
    name: 'Admin Books',
    productId: 'prd_adminnovel',
    skuId: NOVEL,
    title: 'Purple Hibiscus',
    price: 250_000,
  });
});

type Order = { id: string; status: string; vendorOrders: { id: string; vendorId: string; status: string }[] };

async function twoVendorOrder(userId: string) {
  const { token, orderId, order } = await confirmedOrder({
    userId,
    key: `admin-two-${userId}`,
    lines: [
      { skuId: SKU.phoneCase, quantity: 1 },
      { skuId: NOVEL, quantity: 1 },
    ],
    pickupStationId: 'pks_ng001lagos',
  });
  const of = (vendorId: string) => order.vendorOrders.find((v) => v.vendorId === vendorId)?.id ?? '';
  return { token, orderId, caseOrder: of(VENDOR_A), novelOrder: of(VENDOR_BOOKS) };
}

async function trialBalance(): Promise<number> {
  const row = await env.PAYMENTS_DB.prepare('SELECT coalesce(sum(amount), 0) AS total FROM journal_lines').first<{
    total: number;
  }>();
  return row?.total ?? -1;
}

describe('the console on orders', () => {
  it('cancels one vendor order with a reason: refunded, the other untouched, ledger balanced, audited once', async () => {
    const { token, orderId, caseOrder, novelOrder } = await twoVendorOrder('usr_adminbuyer1');
    const before = await walletBalance(token);
    const res = await call(`/v1/admin/vendor-orders/${novelOrder}/cancel`, {
      method: 'POST',
      token: await admin(),
      headers: { 'idempotency-key': 'admin-cancel-0001' },
      json: { reason: 'Shop cannot deliver' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ orderId, vendorOrderId: novelOrder, status: 'refunded' });
    expect(await walletBalance(token)).toBeGreaterThan(before);
    const order = (await (await call(`/v1/orders/${orderId}`, { token })).json()) as Order;
    expect(order.vendorOrders.find((v) => v.id === caseOrder)?.status).toBe('pending');
    expect(await trialBalance()).toBe(0);
    const audit = await env.DB.prepare('SELECT actor, action, reason FROM admin_audit WHERE target = ?').bind(novelOrder).all();
    expect(audit.results).toEqual([{ actor: ADMIN, action: 'vendor_order.cancel', reason: 'Shop cannot deliver' }]);
    // The same form posted again replays the answer; a new request on a refunded vendor order is refused, unaudited.
    const replay = await call(`/v1/admin/vendor-orders/${novelOrder}/cancel`, {
      method: 'POST',
      token: await admin(),
      headers: { 'idempotency-key': 'admin-cancel-0001' },
      json: { reason: 'Shop cannot deliver' },
    });
    expect(replay.status).toBe(200);
    await problem(
      await call(`/v1/admin/vendor-orders/${novelOrder}/cancel`, {
        method: 'POST',
        token: await admin(),
        json: { reason: 'Again' },
      }),
      409,
      'invalid_transition',
    );
    expect((await env.DB.prepare('SELECT count(*) AS n FROM admin_audit WHERE target = ?').bind(novelOrder).first())?.n).toBe(1);
  });

  it('finds orders by id, vendor order id and shopper, and reads one with every status move (RPC)', async () => {
    const { orderId, novelOrder } = await twoVendorOrder('usr_adminbuyer2');
    const rpc = exports.default;
    expect((await rpc.adminFindOrders({ orderId })).map((o) => o.id)).toEqual([orderId]);
    expect((await rpc.adminFindOrders({ vendorOrderId: novelOrder })).map((o) => o.id)).toEqual([orderId]);
    expect((await rpc.adminFindOrders({ userIds: ['usr_adminbuyer2'] })).map((o) => o.id)).toEqual([orderId]);
    expect(await rpc.adminFindOrders({})).toEqual([]);
    const found = await rpc.adminOrder(orderId);
    expect(found?.userId).toBe('usr_adminbuyer2');
    expect(found?.steps.map((s) => s.to)).toContain('confirmed');
    expect(await rpc.adminOrder('ord_nosuchorder0')).toBeNull();
  });

  it('refuses non-admins (403, nothing moves), a missing reason (400) and an unknown vendor order (404)', async () => {
    const { caseOrder } = await twoVendorOrder('usr_adminbuyer3');
    for (const token of [await shopperToken('usr_adminbuyer3'), await vendorToken(VENDOR_A)]) {
      await problem(
        await call(`/v1/admin/vendor-orders/${caseOrder}/cancel`, { method: 'POST', token, json: { reason: 'Not mine' } }),
        403,
        'forbidden',
      );
    }
    await problem(
      await call(`/v1/admin/vendor-orders/${caseOrder}/cancel`, { method: 'POST', token: await admin(), json: {} }),
      400,
      'validation_failed',
    );
    await problem(
      await call('/v1/admin/vendor-orders/vor_nosuchorder0/cancel', {
        method: 'POST',
        token: await admin(),
        json: { reason: 'Nothing' },
      }),
      404,
      'not_found',
    );
    const status = await env.DB.prepare('SELECT status FROM vendor_orders WHERE id = ?')
      .bind(caseOrder)
      .first<{ status: string }>();
    expect(status?.status).toBe('pending');
  });
});
