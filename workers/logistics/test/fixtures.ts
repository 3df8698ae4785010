import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { caller, problem } from '@linked-all/testing';
import { randomPhone, seedIdentityShop } from '@linked-all/testing/identity-seed';
import { seedCatalog } from '../../catalog/test/seed-catalog';

export { VENDOR_A } from '../../catalog/test/seed-catalog';
export { problem };

/** SKUs of the catalog's fixture (vendor A, NGN, Lagos). */
export const SKU = { phoneCase: 'sku_case', samsungBlack: 'sku_samsung128blk' } as const;
export const CASE_PRICE = 450_000;

/** A seeded Lagos station (migrations/logistics/0002_demo_stations_and_rates.sql). */
export const LAGOS_STATION = 'pks_ng001lagos';
export const ABUJA_STATION = 'pks_ng004abuja';

let seeded: Promise<void> | undefined;

/** Seeds the catalog once per test file (storage is isolated per file). */
export function seedCatalogOnce(): Promise<void> {
  seeded ??= seedCatalog(env.CATALOG_DB);
  return seeded;
}

export const shopperToken = (userId = 'usr_shoppera') => mintDevToken({ userId, role: 'shopper' });
export const vendorToken = (vendorId: string) => mintDevToken({ userId: `usr_${vendorId.slice(4)}`, role: 'vendor', vendorId });
export const riderToken = (userId = 'usr_ridera') => mintDevToken({ userId, role: 'rider' });
export const agentToken = (userId = 'usr_agenta') => mintDevToken({ userId, role: 'station_agent' });
export const adminToken = () => mintDevToken({ userId: 'usr_admin1', role: 'admin' });

/** Calls the logistics worker over HTTP, as the gateway would. */
export const call = caller((request) => exports.default.fetch(request), 'https://logistics.internal');
/** Calls the orders worker over its Service Binding's HTTP side (carts, checkout, vendor moves). */
export const orders = caller((request) => env.ORDERS.fetch(request), 'https://orders.internal');

type Json = Record<string, unknown>;

async function ok(res: Response, what: string): Promise<Json> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

/**
 * A real confirmed order of one phone case from vendor A, paid on delivery or from a funded wallet,
 * delivered to `where`: the checkout saga runs in the orders worker and its order.confirmed
 * reaches this worker's queue consumer. Resolves once the shipment exists.
 */
/** Logistics' seeded fee for a Lagos home delivery of one vendor order (the most a Lagos order pays). */
export const LAGOS_HOME_FEE = 200_000;

export async function confirmedOrder(
  userId: string,
  where: { pickupStationId: string } | { shippingAddressId: string },
  method: 'pay_on_delivery' | 'wallet' = 'pay_on_delivery',
): Promise<{ orderId: string; vendorOrderId: string; shipmentId: string; token: string }> {
  await seedCatalogOnce();
  if ('shippingAddressId' in where) await seedAddress(userId, where.shippingAddressId);
  const token = await shopperToken(userId);
  // The goods and the delivery fee (Lagos: NGN 2,000 home, NGN 1,200 at a station; migrations/logistics/0002).
  if (method === 'wallet') await fundWallet(token, CASE_PRICE + LAGOS_HOME_FEE);
  const cart = await ok(await orders('/v1/carts', { method: 'POST', token }), 'create cart');
  const cartId = String(cart.id);
  await ok(
    await orders(`/v1/carts/${cartId}/items`, { method: 'POST', token, json: { skuId: SKU.phoneCase, quantity: 1 } }),
    'add item',
  );
  const started = await ok(
    await orders('/v1/checkout', {
      method: 'POST',
      token,
      json: { cartId, ...where, payment: method === 'wallet' ? { method } : { method, country: 'NG' } },
      headers: { 'idempotency-key': `chk-${crypto.randomUUID()}` },
    }),
    'checkout',
  );
  const orderId = String(started.orderId);
  const shipment = await waitFor(async () =>
    env.DB.prepare('SELECT id, vendor_order_id AS vendorOrderId FROM shipments WHERE order_id = ?')
      .bind(orderId)
      .first<{ id: string; vendorOrderId: string }>(),
  );
  return { orderId, vendorOrderId: shipment.vendorOrderId, shipmentId: shipment.id, token };
}

/**
 * The shopper and their home address in identity, as a signed-up account has them: checkout
 * refuses an address that is not the caller's. The address id is made the shopper's own.
 */
async function seedAddress(userId: string, addressId: string) {
  const now = Date.now();
  await env.IDENTITY_DB.batch([
    env.IDENTITY_DB.prepare('INSERT OR IGNORE INTO users (id, phone, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').bind(
      userId,
      randomPhone(),
      `Shopper ${userId}`,
      now,
      now,
    ),
    env.IDENTITY_DB.prepare(
      `INSERT OR IGNORE INTO addresses (id, user_id, landmark, city, country, created_at) VALUES (?, ?, 'Blue gate after the market', 'Lagos', 'NG', ?)`,
    ).bind(addressId, userId, now),
  ]);
}

/** The vendor accepts and packs the vendor order (orders' own routes), as the approved shop's owner. */
export async function vendorReady(vendorOrderId: string) {
  await seedIdentityShop(env.IDENTITY_DB, { vendorId: 'vnd_lagosgadgets', userId: 'usr_lagosgadgets' });
  const token = await vendorToken('vnd_lagosgadgets');
  await ok(await orders(`/v1/vendor/orders/${vendorOrderId}/accept`, { method: 'POST', token }), 'accept');
  await ok(await orders(`/v1/vendor/orders/${vendorOrderId}/ready`, { method: 'POST', token }), 'ready');
}

/** An admin gives the shipment to a rider. */
export async function assign(shipmentId: string, riderId: string) {
  await ok(
    await call(`/v1/admin/shipments/${shipmentId}/assign`, { method: 'POST', token: await adminToken(), json: { riderId } }),
    'assign',
  );
}

/** Polls until `read` answers something (queue deliveries take a moment). */
export async function waitFor<T>(read: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing after ${timeoutMs} ms`);
}

const payments = caller((request) => env.PAYMENTS.fetch(request), 'https://payments.internal');

/**
 * Funds a wallet the way a shopper does: a Paystack top-up through the payments worker, approved
 * in its sandbox (which sends the signed callback to the real webhook); waits for the credit.
 */
export async function fundWallet(token: string, amount: number, currency = 'NGN') {
  const started = await ok(
    await payments('/v1/wallet/topups', {
      method: 'POST',
      token,
      json: { amount, currency, provider: 'paystack', phone: '+2348012345678' },
      headers: { 'idempotency-key': `fund-${crypto.randomUUID()}` },
    }),
    'top-up',
  );
  await ok(await payments(`/v1/dev/payments/${String(started.topUpId)}/approve`, { method: 'POST', token }), 'approve');
  await waitFor(async () => {
    const wallet = (await ok(await payments('/v1/wallet', { token }), 'wallet')) as {
      balances: { currency: string; balance: number }[];
    };
    return (wallet.balances.find((b) => b.currency === currency)?.balance ?? 0) >= amount;
  });
}
