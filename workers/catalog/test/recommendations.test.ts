import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetail } from '../contract';
import { countConfirmedPurchases } from '../src/recommendations/count-purchases';
import { call, P, problem, seedCatalog, VENDOR_A } from './fixtures';
import { seedConfirmedOrder } from './seed-purchase';

async function together(id: string) {
  const response = await call(`/v1/products/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as ProductDetail).boughtTogether.map((p) => p.id);
}

beforeAll(async () => {
  await seedCatalog(env.DB);
});

describe('often bought together', () => {
  it('falls back to best sellers of the same category before any order, never the product itself', async () => {
    const strip = await together(P.samsung);
    expect(strip).not.toContain(P.samsung);
    expect(strip).not.toContain(P.case); // another category, not bought with it yet
  });

  it('counts confirmed orders once, however often the count runs, and ranks by how often', async () => {
    for (let i = 0; i < 5; i++) await seedConfirmedOrder(`usr_buyer${i}`, VENDOR_A, [P.samsung, P.case]);
    for (let i = 0; i < 2; i++) await seedConfirmedOrder(`usr_other${i}`, VENDOR_A, [P.samsung, P.tecno]);

    expect(await countConfirmedPurchases(env)).toEqual({ orders: 7 });
    expect(await countConfirmedPurchases(env)).toEqual({ orders: 0 });
    // Two runs at once count each order once.
    await seedConfirmedOrder('usr_late1', VENDOR_A, [P.samsung, P.case]);
    const runs = await Promise.all([countConfirmedPurchases(env), countConfirmedPurchases(env)]);
    expect(runs[0].orders + runs[1].orders).toBe(1);

    const pairs = await env.DB.prepare('SELECT other_id, n FROM co_purchases WHERE product_id = ? ORDER BY n DESC')
      .bind(P.samsung)
      .all();
    expect(pairs.results).toEqual([
      { other_id: P.case, n: 6 },
      { other_id: P.tecno, n: 2 },
    ]);
    const strip = await together(P.samsung);
    expect(strip.slice(0, 2)).toEqual([P.case, P.tecno]);
    expect(await together(P.case)).toContain(P.samsung);
  });

  it('after 200 orders, a phone leads with the case and the charger its buyers took with it', async () => {
    const charger = 'prd_fastcharger';
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                               min_price, max_price, in_stock, version, created_at, updated_at)
         VALUES (?, ?, 'cat_accessories', '/electronics/phones/phone-accessories/', 'NG', '25W fast charger', 'USB-C', 'active',
                 'NGN', 650000, 650000, 1, 1, ?, ?)`,
      ).bind(charger, VENDOR_A, Date.now(), Date.now()),
      env.DB.prepare(
        "INSERT INTO skus (id, product_id, code, options, price, currency, available, position) VALUES ('sku_charger', ?, 'CHG-25W', '{}', 650000, 'NGN', 25, 0)",
      ).bind(charger),
    ]);
    // What shoppers bought, 200 orders: the phone with its case, its charger or both; the other
    // phone with a case; a dress alone.
    const baskets = [
      ...Array.from({ length: 70 }, () => [P.samsung, P.case]),
      ...Array.from({ length: 60 }, () => [P.samsung, charger]),
      ...Array.from({ length: 30 }, () => [P.samsung, P.case, charger]),
      ...Array.from({ length: 25 }, () => [P.tecno, P.case]),
      ...Array.from({ length: 15 }, () => [P.dress]),
    ];
    for (const [i, basket] of baskets.entries()) await seedConfirmedOrder(`usr_basket${i}`, VENDOR_A, basket);
    let counted = 0;
    for (let run = await countConfirmedPurchases(env); run.orders > 0; run = await countConfirmedPurchases(env))
      counted += run.orders;
    expect(counted).toBe(200);

    const strip = await together(P.samsung);
    expect(strip.slice(0, 2)).toEqual([P.case, charger]); // 106 and 90 baskets with the phone
    expect(strip).not.toContain(P.dress);
    expect((await together(charger))[0]).toBe(P.samsung);
  });

  it('lists what sells in a country, and refuses an unknown country', async () => {
    const response = await call('/v1/recommendations/popular?country=NG&limit=3');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { id: string; country: string }[] };
    expect(items[0]?.id).toBe(P.samsung);
    expect(items.every((p) => p.country === 'NG')).toBe(true);
    await problem(await call('/v1/recommendations/popular?country=XX'), 400, 'validation_failed');
  });
});
