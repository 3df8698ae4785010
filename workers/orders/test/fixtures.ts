import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { caller, problem } from '@linked-all/testing';
import { randomPhone, seedIdentityShop } from '@linked-all/testing/identity-seed';
import { seedCatalog, VENDOR_SUSPENDED } from '../../catalog/test/seed-catalog';
import { userCartId } from '../src/cart/cart-address';

// The catalog's own hand-written fixture: vendor A (NGN, Lagos), vendor B (XOF, Abidjan),
// a suspended shop, active/draft/hidden products. Seeded into the real catalog worker's D1.
export { P, VENDOR_A, VENDOR_B, VENDOR_SUSPENDED } from '../../catalog/test/seed-catalog';
export { problem };

/** SKUs of the seeded catalog, with the stock the catalog projects for them. */
export const SKU = {
  samsungBlack: 'sku_samsung128blk', // NGN 18 500 000, vendor A, 5 in stock, has an image
  samsungBlue: 'sku_samsung128blu', // NGN 19 900 000, vendor A, 0 in stock
  tecno: 'sku_tecno', // NGN 21 000 000, vendor A, 0 in stock
  phoneCase: 'sku_case', // NGN 450 000, vendor A, 40 in stock
  dressM: 'sku_dressm', // XOF 15 000, vendor B, 3 in stock
  dressL: 'sku_dressl', // XOF 25 000, vendor B, 2 in stock
  draft: 'sku_draft', // a draft product: not for sale
  hidden: 'sku_hidden', // a suspended shop: not for sale
} as const;

/**
 * Logistics' seeded rates (migrations/logistics/0002) for one vendor order of the default weight:
 * home delivery in Lagos NGN 2,000, a Lagos pickup station NGN 1,200. Every checkout pays one per vendor order.
 */
export const LAGOS_HOME_FEE = 200_000;
export const LAGOS_STATION_FEE = 120_000;

let seeded: Promise<void> | undefined;

/** Seeds the catalog once per test file (storage is isolated per file). */
export function seedCatalogOnce(): Promise<void> {
  seeded ??= seedCatalog(env.CATALOG_DB);
  return seeded;
}

export const shopperToken = (userId = 'usr_shoppera') => mintDevToken({ userId, role: 'shopper' });
/** A vendor's token; identity knows the vendor as the owner of its shop, suspended like the catalog's seed says. */
export async function vendorToken(vendorId: string) {
  const userId = `usr_${vendorId.slice(4)}`;
  await seedIdentityShop(env.IDENTITY_DB, { vendorId, userId, status: vendorId === VENDOR_SUSPENDED ? 'suspended' : 'approved' });
  return mintDevToken({ userId, role: 'vendor', vendorId });
}

/** Calls the orders worker over HTTP, as the gateway would. */
export const call = caller((request) => exports.default.fetch(request), 'https://orders.internal');

/** The Inventory object of a SKU, as the routes and the checkout saga address it. */
export const inventoryOf = (skuId: string) => env.INVENTORY.get(env.INVENTORY.idFromName(skuId));

/** The Cart object of a cart id (`crt_…` or `user:<userId>`). */
export const cartOf = (cartId: string) => env.CARTS.get(env.CARTS.idFromName(cartId));

// —— Checkout helpers (O2) ——

/** A signed-in shopper's cart holding `lines`, priced as the cart last showed them (`price` overrides the catalog's). */
export async function userCartWith(
  userId: string,
  lines: { skuId: string; quantity: number; price?: number }[],
): Promise<string> {
  await seedHomeAddress(userId);
  const cartId = await userCartId(userId);
  const cart = cartOf(cartId);
  await cart.create(cartId, userId, null);
  const details = await env.CATALOG.skus(lines.map((l) => l.skuId));
  for (const line of lines) {
    const sku = details.find((d) => d.skuId === line.skuId);
    const added = await cart.addItem(
      { userId, tokenHash: null },
      {
        skuId: line.skuId,
        quantity: line.quantity,
        price: line.price ?? sku?.price ?? 1,
        currency: sku?.currency ?? 'NGN',
        limit: 20,
      },
    );
    if (!added.ok) throw new Error(`could not add ${line.skuId}: ${added.reason}`);
  }
  return cartId;
}

/** The home address `userCartWith` gives its shopper: a real row in identity, which checkout asks. */
export const homeAddressOf = (userId: string) => `adr_${userId.slice(4)}`;

/** Puts the shopper and their home address into identity's D1, as a signed-up account would have them. */
export async function seedHomeAddress(userId: string): Promise<string> {
  const now = Date.now();
  const phone = randomPhone();
  await env.IDENTITY_DB.batch([
    env.IDENTITY_DB.prepare('INSERT OR IGNORE INTO users (id, phone, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').bind(
      userId,
      phone,
      `Shopper ${userId}`,
      now,
      now,
    ),
    env.IDENTITY_DB.prepare(
      `INSERT OR IGNORE INTO addresses (id, user_id, landmark, city, country, created_at) VALUES (?, ?, 'Blue gate after the market', 'Lagos', 'NG', ?)`,
    ).bind(homeAddressOf(userId), userId, now),
  ]);
  return homeAddressOf(userId);
}

/** POST /v1/checkout as the shopper, with the key. */
export function postCheckout(token: string, key: string, json: unknown) {
  return call('/v1/checkout', { method: 'POST', token, json, headers: { 'idempotency-key': key } });
}

type OrderBody = { id: string; status: string; [key: string]: unknown };

/** Polls the status URL until the order leaves the checkout (confirmed or cancelled). */
export async function settledOrder(token: string, orderId: string, timeoutMs = 20_000): Promise<OrderBody> {
  const deadline = Date.now() + timeoutMs;
  let last: OrderBody | undefined;
  while (Date.now() < deadline) {
    const res = await call(`/v1/orders/${orderId}`, { token });
    last = (await res.json()) as OrderBody;
    if (last.status !== 'pending' && last.status !== 'awaiting_payment') return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`order ${orderId} still ${last?.status} after ${timeoutMs} ms`);
}

/**
 * Funds a wallet the way a shopper does: a Paystack top-up through the payments worker, approved
 * in its sandbox (which sends the signed callback to the real webhook); waits for the credit.
 */
export async function fundWallet(token: string, amount: number, currency = 'NGN') {
  const payments = caller((request) => env.PAYMENTS.fetch(request), 'https://payments.internal');
  const started = await payments('/v1/wallet/topups', {
    method: 'POST',
    token,
    json: { amount, currency, provider: 'paystack', phone: '+2348012345678' },
    headers: { 'idempotency-key': `fund-${crypto.randomUUID()}` },
  });
  if (started.status !== 202) throw new Error(`top-up refused: ${started.status} ${await started.text()}`);
  const { topUpId } = (await started.json()) as { topUpId: string };
  const approved = await payments(`/v1/dev/payments/${topUpId}/approve`, { method: 'POST', token });
  if (approved.status !== 200) throw new Error(`sandbox approve failed: ${approved.status} ${await approved.text()}`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if ((await walletBalance(token, currency)) >= amount) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the top-up was never credited');
}

/** The shopper's wallet balance in one currency, as GET /v1/wallet shows it. */
export async function walletBalance(token: string, currency = 'NGN'): Promise<number> {
  const res = await env.PAYMENTS.fetch(
    new Request('https://payments.internal/v1/wallet', { headers: { authorization: `Bearer ${token}` } }),
  );
  const wallet = (await res.json()) as { balances: { currency: string; balance: number }[] };
  return wallet.balances.find((b) => b.currency === currency)?.balance ?? 0;
}

/**
 * A second active NGN shop with one product of one SKU (30 available), so one order can span two
 * vendors in one currency. Idempotent: every file of this worker may seed its own.
 */
export async function seedSecondShop(shop: {
  vendorId: string;
  slug: string;
  name: string;
  productId: string;
  skuId: string;
  title: string;
  price: number;
}) {
  await env.CATALOG_DB.batch([
    env.CATALOG_DB.prepare(
      `INSERT OR IGNORE INTO vendors (id, slug, name, country, currency, city, status, rating, created_at)
       VALUES (?, ?, ?, 'NG', 'NGN', 'Lagos', 'active', 4.8, 0)`,
    ).bind(shop.vendorId, shop.slug, shop.name),
    env.CATALOG_DB.prepare(
      `INSERT OR IGNORE INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                                       min_price, max_price, in_stock, version, created_at, updated_at)
       VALUES (?, ?, 'cat_fashion', '/fashion/', 'NG', ?, '', 'active', 'NGN', ?, ?, 1, 1, 0, 0)`,
    ).bind(shop.productId, shop.vendorId, shop.title, shop.price, shop.price),
    env.CATALOG_DB.prepare(
      `INSERT OR IGNORE INTO skus (id, product_id, code, options, price, currency, available, position)
       VALUES (?, ?, 'NOVEL', '{}', ?, 'NGN', 30, 0)`,
    ).bind(shop.skuId, shop.productId, shop.price),
  ]);
}
