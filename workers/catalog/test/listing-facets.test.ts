import { createMessageBatch, env } from 'cloudflare:test';
import type { ProductUpdated } from '@linked-all/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeCatalogEvents } from '../src/consumers/catalog-events';
import { call, P, seedCatalog, VENDOR_A } from './fixtures';

beforeAll(() => seedCatalog(env.DB));

type Facets = { total: number; facets: { categories: unknown[]; priceBands: unknown[] } };

async function list(query: string): Promise<Facets> {
  const response = await call(`/v1/products?${query}`);
  expect(response.status).toBe(200);
  const { total, facets } = (await response.json()) as Facets;
  return { total, facets };
}

/** The same listing counted from its rows: a price range (here one that holds every price) is never precomputed. */
const counted = (query: string) => list(`${query}&minPrice=0`);

let eventNumber = 0;
async function productUpdated(productId: string, fields: string[]) {
  eventNumber++;
  const body = {
    id: `01936a1e-0000-7000-8000-0000000001${String(eventNumber).padStart(2, '0')}`,
    type: 'product.updated',
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { productId, vendorId: VENDOR_A, status: 'active', fields },
  } satisfies import('zod').input<typeof ProductUpdated.envelope>;
  await consumeCatalogEvents(
    createMessageBatch('catalog-events', [{ id: `m${eventNumber}`, body, timestamp: new Date(), attempts: 1 }]),
    env,
  );
}

describe('precomputed listing facets', () => {
  it('are built from every listed product the first time a listing needs them', async () => {
    expect(await env.DB.prepare('SELECT count(*) AS n FROM listing_facets_built').first('n')).toBe(0);
    await list('limit=5');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM listing_facets_built').first('n')).toBe(1);
    // Drafts and the suspended shop's product are not counted.
    expect(await env.DB.prepare('SELECT sum(count) AS n FROM listing_facets').first('n')).toBe(
      await env.DB.prepare(
        "SELECT count(*) AS n FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.status = 'active' AND v.status = 'active'",
      ).first('n'),
    );
  });

  it.each([
    'limit=5',
    'category=electronics',
    'category=phones&sort=price_asc',
    'country=NG',
    'country=CI&category=fashion',
    'currency=NGN&inStock=true',
    'inStock=true',
  ])('answer %s exactly as counting its rows does', async (query) => {
    expect(await list(query)).toEqual(await counted(query));
  });

  it('follow a price change once its event is consumed, not before (they are read, not counted)', async () => {
    const before = await list('country=NG');
    await env.DB.prepare('UPDATE products SET min_price = 1 WHERE id = ?').bind(P.tecno).run();
    expect(await list('country=NG')).toEqual(before);
    expect(await counted('country=NG')).not.toEqual(before);
    await productUpdated(P.tecno, ['price']);
    expect(await list('country=NG')).toEqual(await counted('country=NG'));
  });

  it('recount the old category of a product that moved', async () => {
    const electronics = await list('category=electronics');
    await env.DB.prepare("UPDATE products SET category_id = 'cat_fashion', category_path = '/fashion/' WHERE id = ?")
      .bind(P.case)
      .run();
    await productUpdated(P.case, ['category']);
    const after = await list('category=electronics');
    expect(after.total).toBe(electronics.total - 1);
    expect(after).toEqual(await counted('category=electronics'));
    expect(await list('category=fashion')).toEqual(await counted('category=fashion'));
  });
});
