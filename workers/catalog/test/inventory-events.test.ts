import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { LISTING_VERSION_KEY, productVersionKey } from '@linked-all/cache';
import type { InventoryUpdated, ProductOutOfStock } from '@linked-all/events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SkuIds } from '../contract';
import { consumeInventoryEvents } from '../src/consumers/inventory-events';
import { call, P, seedCatalog, VENDOR_A, VENDOR_B } from './fixtures';

beforeAll(() => seedCatalog(env.DB));

let seq = 0;
const eventId = () => `01936a1e-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

function updated(skuId: string, productId: string, vendorId: string, available: number, version: number) {
  return {
    id: eventId(),
    type: 'inventory.updated',
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { skuId, productId, vendorId, available, onHand: available, version },
  } satisfies z.input<typeof InventoryUpdated.envelope>;
}

function outOfStock(skuId: string, productId: string, vendorId: string) {
  return {
    id: eventId(),
    type: 'product.out_of_stock',
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { skuId, productId, vendorId },
  } satisfies z.input<typeof ProductOutOfStock.envelope>;
}

async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    'inventory-events',
    bodies.map((body, i) => ({ id: `m${seq}-${i}`, body, timestamp: new Date(), attempts: 1 })),
  );
  const ctx = createExecutionContext();
  await consumeInventoryEvents(batch, env);
  return getQueueResult(batch, ctx);
}

const skuRow = (id: string) => env.DB.prepare('SELECT available, stock_version FROM skus WHERE id = ?').bind(id).first();

describe('the inventory-events consumer', () => {
  it("sets the SKU's projected stock and the product's in-stock flag, and invalidates its cache", async () => {
    const event = updated('sku_tecno', P.tecno, VENDOR_A, 7, 1);
    const versionsBefore = [await env.CACHE.get(productVersionKey(P.tecno)), await env.CACHE.get(LISTING_VERSION_KEY)];
    const result = await deliver([event]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await skuRow('sku_tecno')).toEqual({ available: 7, stock_version: 1 });
    const product = (await (await call(`/v1/products/${P.tecno}`)).json()) as { inStock: boolean; skus: { available: number }[] };
    expect(product.inStock).toBe(true);
    expect(product.skus[0].available).toBe(7);
    // A new token on the product and on every listing, written once for the batch.
    const token = await env.CACHE.get(productVersionKey(P.tecno));
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(versionsBefore).not.toContain(token);
    expect(await env.CACHE.get(LISTING_VERSION_KEY)).toBe(token);
  });

  it('invalidates every product of a batch, and the listings, with one new token', async () => {
    const before = await env.CACHE.get(LISTING_VERSION_KEY);
    await deliver([updated('sku_tecno', P.tecno, VENDOR_A, 6, 2), updated('sku_samsung128blu', P.samsung, VENDOR_A, 3, 50)]);
    const token = await env.CACHE.get(LISTING_VERSION_KEY);
    expect(token).not.toBe(before);
    expect(await env.CACHE.get(productVersionKey(P.tecno))).toBe(token);
    expect(await env.CACHE.get(productVersionKey(P.samsung))).toBe(token);
  });

  it('ignores an update older than the one applied, whatever order the queue delivers them in', async () => {
    await deliver([updated('sku_dressm', P.dress, VENDOR_B, 1, 5), updated('sku_dressm', P.dress, VENDOR_B, 2, 4)]);
    expect(await skuRow('sku_dressm')).toEqual({ available: 1, stock_version: 5 });
    await deliver([updated('sku_dressm', P.dress, VENDOR_B, 0, 6)]);
    expect(await skuRow('sku_dressm')).toEqual({ available: 0, stock_version: 6 });
  });

  it('applies a redelivered event once', async () => {
    const event = updated('sku_case', P.case, VENDOR_A, 30, 1);
    await deliver([event]);
    await deliver([updated('sku_case', P.case, VENDOR_A, 29, 2)]);
    const again = await deliver([event]);
    expect(again.explicitAcks).toHaveLength(1);
    expect(await skuRow('sku_case')).toEqual({ available: 29, stock_version: 2 });
  });

  it('takes a product out of stock when its last SKU reaches zero, and the listing and its counts follow', async () => {
    const inStockFashion = async () =>
      ((await (await call('/v1/products?inStock=true&category=fashion')).json()) as { total: number }).total;
    const before = await inStockFashion();
    await deliver([
      updated('sku_dressm', P.dress, VENDOR_B, 0, 7),
      updated('sku_dressl', P.dress, VENDOR_B, 0, 1),
      outOfStock('sku_dressl', P.dress, VENDOR_B),
    ]);
    const product = (await (await call(`/v1/products/${P.dress}`)).json()) as { inStock: boolean };
    expect(product.inStock).toBe(false);
    const listing = (await (await call('/v1/products?inStock=true')).json()) as { items: { id: string }[] };
    expect(listing.items.map((p) => p.id)).not.toContain(P.dress);
    // The precomputed counts were recounted once for the batch: the in-stock total lost the dress.
    expect(await inStockFashion()).toBe(before - 1);
  });

  it('acknowledges a malformed message instead of retrying it forever', async () => {
    const result = await deliver([{ type: 'inventory.updated', data: { skuId: 'sku_case' } }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await skuRow('sku_case')).toEqual({ available: 29, stock_version: 2 });
  });

  it('leaves a SKU alone when the event names another product for it', async () => {
    await deliver([updated('sku_case', P.samsung, VENDOR_A, 1, 99)]);
    expect(await skuRow('sku_case')).toEqual({ available: 29, stock_version: 2 });
  });
});

describe('the skus() RPC', () => {
  it('describes each existing SKU in one answer, in the order asked, leaving unknown ids out', async () => {
    const skus = await exports.default.skus(['sku_samsung128blk', 'sku_unknown1', 'sku_draft', 'sku_hidden', 'sku_dressl']);
    expect(skus).toEqual([
      {
        skuId: 'sku_samsung128blk',
        productId: P.samsung,
        vendorId: VENDOR_A,
        vendorName: 'Lagos Gadgets',
        title: 'Samsung Galaxy A15 128GB',
        options: { storage: '128GB', colour: 'Black' },
        price: 18500000,
        currency: 'NGN',
        categoryId: 'cat_phones',
        image: `/v1/images/products/${P.samsung}/img_samsung.webp?w=160`,
        active: true,
        available: 5,
      },
      expect.objectContaining({ skuId: 'sku_draft', active: false }),
      expect.objectContaining({ skuId: 'sku_hidden', active: false }),
      expect.objectContaining({ skuId: 'sku_dressl', vendorId: VENDOR_B, currency: 'XOF', image: null, active: true }),
    ]);
  });

  it('marks an archived SKU as not for sale', async () => {
    await env.DB.prepare("UPDATE skus SET archived = 1 WHERE id = 'sku_samsung128blu'").run();
    const [sku] = await exports.default.skus(['sku_samsung128blu']);
    expect(sku.active).toBe(false);
  });

  it('answers an empty list for no ids, and accepts at most 100 well-formed ids', async () => {
    expect(await exports.default.skus([])).toEqual([]);
    // The input schema the RPC parses with (a throw through RPC itself leaks an unhandled
    // rejection in the test pool: cloudflare/workers-sdk#14736).
    expect(SkuIds.safeParse(Array.from({ length: 100 }, (_, i) => `sku_many${i}`)).success).toBe(true);
    expect(SkuIds.safeParse(Array.from({ length: 101 }, (_, i) => `sku_many${i}`)).success).toBe(false);
    expect(SkuIds.safeParse(['DROP TABLE skus']).success).toBe(false);
  });
});
