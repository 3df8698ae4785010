// A flash sale end to end, through the gateway of the real dev stack: one SKU with 50 units,
// 500 shoppers checking out at the same moment. The Inventory Durable Object is the only
// authority on stock, so exactly 50 orders may be confirmed and the other 450 must be
// cancelled as out_of_stock, with the stock never below zero on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../packages/auth/src/dev-keys';
import { type Stack, startStack } from './stack';

const SHOPPERS = 500;
const STOCK = 50;
// Pay on delivery: honest for a flash sale (no money moves until the rider comes) and it avoids
// funding 500 wallets first. Its per-order limit per country decides which SKU can be sold.
const COD = { KES: 'KE', NGN: 'NG', GHS: 'GH', ZAR: 'ZA', EGP: 'EG', XOF: 'CI', UGX: 'UG' } as Record<string, string>;
const COD_MAX = {
  KES: 3_000_000,
  NGN: 20_000_000,
  GHS: 300_000,
  ZAR: 500_000,
  EGP: 1_000_000,
  XOF: 200_000,
  UGX: 1_000_000,
} as Record<string, number>;

let stack: Stack;

beforeAll(async () => {
  // Its own stack: 500 checkouts at once leave queues and workflows busy for minutes if the test
  // stops early, and on the shared stack that backlog failed every file after it.
  stack = await startStack({ products: 200 });
});
afterAll(async () => {
  await stack?.stop();
});

type Shopper = { userId: string; token: string; ip: string };
type Level = { onHand: number; held: number; available: number };
type Order = {
  id: string;
  status: string;
  cancellation: { reason: string; skuIds: string[] } | null;
  vendorOrders: { lines: { skuId: string; quantity: number }[] }[];
};

/**
 * Each shopper comes from their own address, as in a real sale: the gateway's per-client rate
 * limit (600/min) then applies per shopper, not to the test as a whole. A request cut off on the
 * way (wrangler dev restarts a worker when a source file changes; local workerd drops a service
 * binding connection now and then under this burst) is sent again, as a client would: every
 * write sent through here is idempotent (Idempotency-Key, a user's own cart).
 */
type Answer = { status: number; url: string; text: string };

async function api(
  path: string,
  init: { method?: string; token?: string; ip?: string; json?: unknown; headers?: Record<string, string>; once?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.ip) headers['cf-connecting-ip'] = init.ip;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const url = `${stack.baseUrl}${path}`;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      // Read the body here too: a restart can cut a response off after its headers.
      const text = await res.text();
      const cutOff = res.status === 503 || (res.status === 500 && text.includes('Network connection lost'));
      if (!cutOff || init.once || attempt >= 8) return { status: res.status, url, text };
    } catch (err) {
      if (init.once || attempt >= 8) throw new Error(`${url}: ${err}\n${stack.log().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

async function ok<T>(answer: Promise<Answer> | Answer, status = 200): Promise<T> {
  const { status: actual, url, text } = await answer;
  expect(actual, `${url}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

/**
 * One unit of the SKU in the shopper's cart. Adding is not idempotent (a resent add would make it
 * two), so it is sent once; if its answer is lost, the quantity is set to one instead.
 */
async function putOneInCart(s: Shopper, cartId: string, skuId: string) {
  const items = `/v1/carts/${cartId}/items`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const added = await api(items, { method: 'POST', token: s.token, ip: s.ip, json: { skuId, quantity: 1 }, once: true }).catch(
      () => null,
    );
    if (added?.status === 201) return;
    const set = await api(`${items}/${skuId}`, { method: 'PATCH', token: s.token, ip: s.ip, json: { quantity: 1 } });
    if (set.status === 200) return;
  }
  throw new Error(`could not put ${skuId} in ${cartId}`);
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

/** A SKU of an active product that pay on delivery can carry, and its vendor. */
async function saleSku() {
  const listing = await ok<{ items: { id: string; vendor: { id: string }; price: { currency: string } }[] }>(
    api('/v1/products?limit=50&sort=price_asc'),
  );
  for (const summary of listing.items) {
    if (!COD[summary.price.currency]) continue;
    const product = await ok<{ skus: { id: string; price: { amount: number; currency: string } }[] }>(
      api(`/v1/products/${summary.id}`),
    );
    const sku = product.skus.find((s) => s.price.amount <= COD_MAX[s.price.currency]);
    if (sku) return { skuId: sku.id, vendorId: summary.vendor.id, country: COD[sku.price.currency] };
  }
  throw new Error('no SKU in the seeded catalog fits a pay-on-delivery limit');
}

describe('flash sale', () => {
  it(`sells exactly ${STOCK} units to ${SHOPPERS} shoppers checking out at once, and cancels the rest as out_of_stock`, async () => {
    const { skuId, vendorId, country } = await saleSku();
    // Checkout checks the station with logistics: a real one in the sale's country.
    const { items: stations } = await ok<{ items: { id: string }[] }>(api(`/v1/pickup-stations?country=${country}&limit=1`));
    const pickupStationId = stations[0]?.id;
    const vendor = { token: await mintDevToken({ userId: 'usr_flashvendor', role: 'vendor', vendorId }), ip: '10.9.0.1' };
    const stockPath = `/v1/vendor/skus/${skuId}/stock`;
    expect(
      await ok<Level>(
        api(stockPath, {
          method: 'PUT',
          ...vendor,
          json: { quantity: STOCK },
          headers: { 'idempotency-key': 'flash-stock-0001' },
        }),
      ),
    ).toMatchObject({ onHand: STOCK, held: 0, available: STOCK });

    const shoppers: Shopper[] = await Promise.all(
      Array.from({ length: SHOPPERS }, async (_, i) => {
        const userId = `usr_flash${String(i).padStart(4, '0')}`;
        return {
          userId,
          token: await mintDevToken({ userId, role: 'shopper', expiresIn: '30m' }),
          ip: `10.${10 + (i >> 8)}.${i & 255}.7`,
        };
      }),
    );
    const t0 = Date.now();
    const progress = (what: string) => console.log(`flash sale +${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
    const carts = await mapLimit(shoppers, 25, async (s) => {
      const created = await api('/v1/carts', { method: 'POST', token: s.token, ip: s.ip });
      const cart = await ok<{ cartId: string }>(created, created.status === 200 ? 200 : 201);
      await putOneInCart(s, cart.cartId, skuId);
      return cart.cartId;
    });

    progress(`${SHOPPERS} carts ready`);
    // Watch the stock while the sale runs: it must never read below zero.
    const seen: Level[] = [];
    let selling = true;
    const watcher = (async () => {
      while (selling) {
        seen.push(await ok<Level>(api(stockPath, vendor)));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const started = Date.now();
    const accepted = await Promise.all(
      shoppers.map((s, i) =>
        ok<{ orderId: string }>(
          api('/v1/checkout', {
            method: 'POST',
            token: s.token,
            ip: s.ip,
            headers: { 'idempotency-key': `flash-sale-${s.userId}` },
            json: { cartId: carts[i], pickupStationId, payment: { method: 'pay_on_delivery', country } },
          }),
          202,
        ),
      ),
    );

    progress(`${SHOPPERS} checkouts accepted (202)`);
    // Follow every status URL until the order leaves the checkout.
    const settled = new Map<string, Order>();
    const deadline = Date.now() + 720_000;
    while (settled.size < SHOPPERS && Date.now() < deadline) {
      const waiting = shoppers
        .map((s, i) => ({ s, orderId: accepted[i].orderId }))
        .filter(({ orderId }) => !settled.has(orderId));
      await mapLimit(waiting, 25, async ({ s, orderId }) => {
        const order = await ok<Order>(api(`/v1/orders/${orderId}`, { token: s.token, ip: s.ip }));
        if (order.status !== 'pending' && order.status !== 'awaiting_payment') settled.set(orderId, order);
      });
      progress(`${settled.size} settled; stock ${JSON.stringify(seen.at(-1) ?? null)}`);
      if (settled.size < SHOPPERS) await new Promise((r) => setTimeout(r, 2000));
    }
    const seconds = (Date.now() - started) / 1000;
    selling = false;
    await watcher;

    const orders = [...settled.values()];
    const confirmed = orders.filter((o) => o.status === 'confirmed');
    const cancelled = orders.filter((o) => o.status === 'cancelled');
    const outcomes: Record<string, number> = {};
    for (const o of orders) {
      const key = o.cancellation ? `${o.status}:${o.cancellation.reason}` : o.status;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    console.log(`flash sale: ${SHOPPERS} checkouts settled in ${seconds.toFixed(1)} s: ${JSON.stringify(outcomes)}`);
    const sold = confirmed.flatMap((o) => o.vendorOrders.flatMap((v) => v.lines)).reduce((n, l) => n + l.quantity, 0);
    expect(settled.size).toBe(SHOPPERS);
    expect(confirmed).toHaveLength(STOCK);
    // One unit each: 50 orders that sold exactly the 50 units there were.
    expect(sold).toBe(STOCK);
    expect(cancelled).toHaveLength(SHOPPERS - STOCK);
    for (const order of cancelled) expect(order.cancellation).toEqual({ reason: 'out_of_stock', skuIds: [skuId] });
    expect(await ok<Level>(api(stockPath, vendor))).toMatchObject({ onHand: 0, held: 0, available: 0 });
    expect(seen.length).toBeGreaterThan(0);
    for (const level of seen) {
      expect(level.onHand).toBeGreaterThanOrEqual(0);
      expect(level.available).toBeGreaterThanOrEqual(0);
    }
  }, 900_000);
});
