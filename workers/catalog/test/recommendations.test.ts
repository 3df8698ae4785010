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

  it('lists what sells in a country, and refuses an unknown country', async () => {
    const response = await call('/v1/recommendations/popular?country=NG&limit=3');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { id: string; country: string }[] };
    expect(items[0]?.id).toBe(P.samsung);
    expect(items.every((p) => p.country === 'NG')).toBe(true);
    await problem(await call('/v1/recommendations/popular?country=XX'), 400, 'validation_failed');
  });
});
