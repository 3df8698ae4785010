import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryOf, P, SKU, seedCatalogOnce, VENDOR_A } from './fixtures';

// 200 concurrent calls and queue deliveries: generous on a busy 2-core machine.
const BURST_TIMEOUT_MS = 30_000;

beforeAll(() => seedCatalogOnce());

type OutboxEvent = { type: string; data: Record<string, unknown>; sent: boolean };

/** The events an Inventory object wrote to its outbox, oldest first. */
async function outbox(skuId: string): Promise<OutboxEvent[]> {
  return runInDurableObject(inventoryOf(skuId), (_, state) =>
    state.storage.sql
      .exec<{ body: string; sent_at: number | null }>('SELECT body, sent_at FROM outbox ORDER BY seq')
      .toArray()
      .map((row) => ({ ...(JSON.parse(row.body) as Omit<OutboxEvent, 'sent'>), sent: row.sent_at !== null })),
  );
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Inventory: reserving a hot SKU', () => {
  it(
    'lets exactly 50 of 200 concurrent reserves of 1 through on a stock of 50, never below zero',
    async () => {
      const inventory = inventoryOf(SKU.phoneCase);
      expect(await inventory.setStock(SKU.phoneCase, 50)).toEqual({
        ok: true,
        level: { skuId: SKU.phoneCase, onHand: 50, held: 0, available: 50 },
      });
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => inventory.reserve(`ord_flash${String(i).padStart(4, '0')}`, 1, 60_000)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(50);
      const refused = results.filter((r) => !r.ok);
      expect(refused).toHaveLength(150);
      expect(refused.every((r) => !r.ok && r.reason === 'out_of_stock' && r.available === 0)).toBe(true);
      // Every successful answer saw a level that was never negative.
      expect(results.every((r) => !r.ok || (r.level.available >= 0 && r.level.held <= r.level.onHand))).toBe(true);
      expect(await inventory.level()).toEqual({ skuId: SKU.phoneCase, onHand: 50, held: 50, available: 0 });
    },
    BURST_TIMEOUT_MS,
  );

  it(
    'emits inventory.updated per change and product.out_of_stock once at zero, and sends them',
    async () => {
      const events = await eventually(
        () => outbox(SKU.phoneCase),
        (all) => all.every((e) => e.sent),
      );
      expect(events.every((e) => e.sent)).toBe(true);
      const updates = events.filter((e) => e.type === 'inventory.updated');
      // setStock + 50 holds, each with the next version.
      expect(updates.map((e) => e.data.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
      expect(updates.at(-1)?.data).toEqual({
        skuId: SKU.phoneCase,
        productId: P.case,
        vendorId: VENDOR_A,
        available: 0,
        onHand: 50,
        version: 51,
      });
      expect(events.filter((e) => e.type === 'product.out_of_stock').map((e) => e.data)).toEqual([
        { skuId: SKU.phoneCase, productId: P.case, vendorId: VENDOR_A },
      ]);
    },
    BURST_TIMEOUT_MS,
  );

  it(
    "keeps the catalog's projection following (the catalog consumes inventory-events)",
    async () => {
      const row = await eventually(
        () => env.CATALOG_DB.prepare('SELECT available, stock_version FROM skus WHERE id = ?').bind(SKU.phoneCase).first(),
        (r) => r?.stock_version === 51,
      );
      expect(row).toEqual({ available: 0, stock_version: 51 });
      const product = await env.CATALOG_DB.prepare('SELECT in_stock FROM products WHERE id = ?').bind(P.case).first();
      expect(product).toEqual({ in_stock: 0 });
    },
    BURST_TIMEOUT_MS,
  );
});

describe('Inventory: idempotency by reservation id', () => {
  it('holds once when the same reservation id reserves twice, and answers the same both times', async () => {
    const inventory = inventoryOf(SKU.dressM);
    const first = await inventory.reserve('ord_twice', 2, 60_000);
    const second = await inventory.reserve('ord_twice', 2, 60_000);
    expect(first).toEqual({ ok: true, level: { skuId: SKU.dressM, onHand: 3, held: 2, available: 1 } });
    expect(second).toEqual(first);
    expect(await inventory.level()).toEqual({ skuId: SKU.dressM, onHand: 3, held: 2, available: 1 });
  });

  it('adopts the catalog stock once, then is the authority', async () => {
    // sku_dressm was seeded with 3 in the catalog; the object started from that.
    await env.CATALOG_DB.prepare('UPDATE skus SET available = 99 WHERE id = ?').bind(SKU.dressM).run();
    expect((await inventoryOf(SKU.dressM).level()).onHand).toBe(3);
  });

  it('returns the first answer to a repeated reserve even after commit or release', async () => {
    const inventory = inventoryOf(SKU.dressL);
    const first = await inventory.reserve('ord_replay', 1, 60_000);
    expect(first.ok).toBe(true);
    expect(await inventory.commit('ord_replay')).toEqual({ ok: true });
    expect(await inventory.reserve('ord_replay', 1, 60_000)).toEqual(first);
    expect(await inventory.level()).toEqual({ skuId: SKU.dressL, onHand: 1, held: 0, available: 1 });

    const refused = await inventory.reserve('ord_toomany', 5, 60_000);
    expect(refused).toEqual({ ok: false, reason: 'out_of_stock', available: 1 });
    await inventory.setStock(SKU.dressL, 10);
    // Restocking later does not turn an earlier refusal into a hold.
    expect(await inventory.reserve('ord_toomany', 5, 60_000)).toEqual(refused);
    expect((await inventory.level()).held).toBe(0);
  });

  it('changes nothing when a committed reservation is released', async () => {
    const inventory = inventoryOf(SKU.samsungBlack);
    await inventory.reserve('ord_commitfirst', 2, 60_000);
    expect(await inventory.commit('ord_commitfirst')).toEqual({ ok: true });
    expect(await inventory.commit('ord_commitfirst')).toEqual({ ok: true });
    expect(await inventory.release('ord_commitfirst')).toEqual({ ok: true });
    expect(await inventory.level()).toEqual({ skuId: SKU.samsungBlack, onHand: 3, held: 0, available: 3 });
  });

  it('refuses to commit a released reservation, and releases only once', async () => {
    const inventory = inventoryOf(SKU.samsungBlack);
    await inventory.reserve('ord_releasefirst', 2, 60_000);
    expect(await inventory.release('ord_releasefirst')).toEqual({ ok: true });
    expect(await inventory.release('ord_releasefirst')).toEqual({ ok: true });
    expect(await inventory.commit('ord_releasefirst')).toEqual({ ok: false, reason: 'released' });
    expect(await inventory.level()).toEqual({ skuId: SKU.samsungBlack, onHand: 3, held: 0, available: 3 });
  });

  it('answers unknown to a commit of an id it never held, and ignores its release', async () => {
    const inventory = inventoryOf(SKU.samsungBlack);
    expect(await inventory.commit('ord_never')).toEqual({ ok: false, reason: 'unknown' });
    expect(await inventory.release('ord_never')).toEqual({ ok: true });
    expect((await inventory.level()).onHand).toBe(3);
  });

  it('reserves the whole quantity asked for (the checkout sums a SKU across lines)', async () => {
    const inventory = inventoryOf(SKU.samsungBlack);
    expect(await inventory.reserve('ord_twolines', 3, 60_000)).toMatchObject({ ok: true, level: { held: 3, available: 0 } });
    expect(await inventory.reserve('ord_onemore', 1, 60_000)).toEqual({ ok: false, reason: 'out_of_stock', available: 0 });
    await inventory.release('ord_twolines');
  });
});

describe('Inventory: expiry and vendor stock', () => {
  it('releases an expired hold when the alarm runs', async () => {
    const inventory = inventoryOf(SKU.tecno);
    await inventory.setStock(SKU.tecno, 4);
    expect(await inventory.reserve('ord_abandoned', 3, 50)).toMatchObject({ ok: true });
    await inventory.reserve('ord_stillpaying', 1, 600_000);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await runDurableObjectAlarm(inventory)).toBe(true);
    const states = await runInDurableObject(inventory, (_, state) => ({
      stock: state.storage.sql.exec('SELECT on_hand, held FROM stock').one(),
      reservations: state.storage.sql.exec('SELECT id, state FROM reservations ORDER BY id').toArray(),
      alarm: state.storage.getAlarm(),
    }));
    expect(states.stock).toEqual({ on_hand: 4, held: 1 });
    expect(states.reservations).toEqual([
      { id: 'ord_abandoned', state: 'released' },
      { id: 'ord_stillpaying', state: 'held' },
    ]);
    // The next alarm waits for the remaining hold.
    expect(await states.alarm).toBeGreaterThan(Date.now() + 500_000);
    expect(await inventory.commit('ord_abandoned')).toEqual({ ok: false, reason: 'released' });
  });

  it(
    're-sends, when its alarm runs, an event a crash left unsent',
    async () => {
      const inventory = inventoryOf(SKU.tecno);
      // What a crash between the change and its send leaves behind: a row that was never sent.
      await runInDurableObject(inventory, (_, state) => {
        state.storage.sql.exec(
          "INSERT INTO outbox (id, body, created_at) VALUES ('0193aaaa-0000-7000-8000-000000000001', ?, ?)",
          JSON.stringify({
            id: '0193aaaa-0000-7000-8000-000000000001',
            type: 'inventory.updated',
            version: 1,
            occurredAt: new Date().toISOString(),
            data: { skuId: SKU.tecno, productId: P.tecno, vendorId: VENDOR_A, available: 3, onHand: 4, version: 99 },
          }),
          Date.now(),
        );
      });
      expect(await runDurableObjectAlarm(inventory)).toBe(true);
      const unsent = await runInDurableObject(inventory, (_, state) =>
        state.storage.sql.exec('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').one(),
      );
      expect(unsent).toEqual({ n: 0 });
      // It reached the catalog, which applied it.
      const row = await eventually(
        () => env.CATALOG_DB.prepare('SELECT stock_version FROM skus WHERE id = ?').bind(SKU.tecno).first(),
        (r) => r?.stock_version === 99,
      );
      expect(row).toEqual({ stock_version: 99 });
    },
    BURST_TIMEOUT_MS,
  );

  it('never sets on-hand below what is held', async () => {
    const inventory = inventoryOf(SKU.tecno);
    expect(await inventory.setStock(SKU.tecno, 0)).toEqual({
      ok: false,
      reason: 'below_held',
      level: { skuId: SKU.tecno, onHand: 4, held: 1, available: 3 },
    });
    expect(await inventory.setStock(SKU.tecno, 1)).toEqual({
      ok: true,
      level: { skuId: SKU.tecno, onHand: 1, held: 1, available: 0 },
    });
  });

  it('has no stock for a SKU the catalog does not know', async () => {
    const inventory = inventoryOf('sku_doesnotexist');
    expect(await inventory.level()).toEqual({ skuId: 'sku_doesnotexist', onHand: 0, held: 0, available: 0 });
    expect(await inventory.reserve('ord_ghost', 1, 1000)).toEqual({ ok: false, reason: 'out_of_stock', available: 0 });
  });
});
