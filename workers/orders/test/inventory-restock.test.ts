import { runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { upgradeInventorySchema } from '../src/inventory/schema';
import { inventoryOf, SKU, seedCatalogOnce } from './fixtures';

beforeAll(() => seedCatalogOnce());

/** The `inventory.updated` events the object wrote, oldest first (its outbox keeps them). */
async function updates(skuId: string) {
  return runInDurableObject(inventoryOf(skuId), (_, state) =>
    state.storage.sql
      .exec<{ body: string }>('SELECT body FROM outbox ORDER BY seq')
      .toArray()
      .map((row) => JSON.parse(row.body) as { type: string; data: { available: number; onHand: number; version: number } })
      .filter((e) => e.type === 'inventory.updated'),
  );
}

async function reservationState(skuId: string, id: string) {
  return runInDurableObject(
    inventoryOf(skuId),
    (_, state) =>
      state.storage.sql.exec<{ state: string }>('SELECT state FROM reservations WHERE id = ?', id).toArray()[0]?.state,
  );
}

describe('Inventory.restock', () => {
  it('puts a committed reservation back on hand exactly once, and says so in inventory.updated', async () => {
    const inventory = inventoryOf(SKU.phoneCase);
    await inventory.setStock(SKU.phoneCase, 10);
    expect(await inventory.reserve('ord_restock0001', 3, 60_000)).toMatchObject({ ok: true });
    expect(await inventory.commit('ord_restock0001')).toEqual({ ok: true });
    expect(await inventory.level()).toEqual({ skuId: SKU.phoneCase, onHand: 7, held: 0, available: 7 });

    expect(await inventory.restock('ord_restock0001')).toEqual({ ok: true, returned: 3 });
    expect(await inventory.level()).toEqual({ skuId: SKU.phoneCase, onHand: 10, held: 0, available: 10 });
    expect(await reservationState(SKU.phoneCase, 'ord_restock0001')).toBe('returned');
    const last = (await updates(SKU.phoneCase)).at(-1);
    expect(last?.data).toMatchObject({ available: 10, onHand: 10 });

    expect(await inventory.restock('ord_restock0001')).toEqual({ ok: true, returned: 0 });
    expect(await inventory.level()).toMatchObject({ onHand: 10, available: 10 });
    // A returned reservation is not a hold: committing it again sells nothing twice.
    expect(await inventory.commit('ord_restock0001')).toEqual({ ok: false, reason: 'returned' });
    expect(await inventory.level()).toMatchObject({ onHand: 10 });
  });

  it('returns the units once when 20 restocks of one reservation race', async () => {
    const inventory = inventoryOf(SKU.phoneCase);
    await inventory.setStock(SKU.phoneCase, 10);
    await inventory.reserve('ord_restockrace1', 4, 60_000);
    await inventory.commit('ord_restockrace1');
    const versionBefore = (await updates(SKU.phoneCase)).at(-1)?.data.version ?? 0;

    const answers = await Promise.all(Array.from({ length: 20 }, () => inventory.restock('ord_restockrace1')));
    expect(answers.reduce((sum, a) => sum + a.returned, 0)).toBe(4);
    expect(answers.filter((a) => a.returned > 0)).toHaveLength(1);
    expect(await inventory.level()).toEqual({ skuId: SKU.phoneCase, onHand: 10, held: 0, available: 10 });
    // One change, one event: the 19 no-ops wrote nothing.
    expect((await updates(SKU.phoneCase)).filter((e) => e.data.version > versionBefore)).toHaveLength(1);
  });

  it('releases a reservation still held, and changes nothing for an unknown, released or refused id', async () => {
    const inventory = inventoryOf(SKU.phoneCase);
    await inventory.setStock(SKU.phoneCase, 5);
    await inventory.reserve('ord_restockheld1', 2, 60_000);
    expect(await inventory.level()).toMatchObject({ onHand: 5, held: 2, available: 3 });
    expect(await inventory.restock('ord_restockheld1')).toEqual({ ok: true, returned: 0 });
    expect(await inventory.level()).toEqual({ skuId: SKU.phoneCase, onHand: 5, held: 0, available: 5 });
    expect(await reservationState(SKU.phoneCase, 'ord_restockheld1')).toBe('released');

    await inventory.reserve('ord_restockbig01', 50, 60_000);
    for (const id of ['ord_restocknone1', 'ord_restockheld1', 'ord_restockbig01']) {
      expect(await inventory.restock(id)).toEqual({ ok: true, returned: 0 });
    }
    expect(await inventory.level()).toEqual({ skuId: SKU.phoneCase, onHand: 5, held: 0, available: 5 });
  });

  it('touches only its own SKU: one order id restocked on one object leaves the other SKU sold', async () => {
    const caseStock = inventoryOf(SKU.phoneCase);
    const dressStock = inventoryOf(SKU.dressM);
    await caseStock.setStock(SKU.phoneCase, 6);
    await dressStock.setStock(SKU.dressM, 6);
    for (const inventory of [caseStock, dressStock]) {
      await inventory.reserve('ord_restocksplit', 2, 60_000);
      await inventory.commit('ord_restocksplit');
    }
    expect(await dressStock.restock('ord_restocksplit')).toEqual({ ok: true, returned: 2 });
    expect(await dressStock.level()).toMatchObject({ onHand: 6, available: 6 });
    expect(await caseStock.level()).toMatchObject({ onHand: 4, available: 4 });
  });

  it('upgrades an object whose reservations table predates `returned`, keeping its rows', async () => {
    const inventory = inventoryOf(SKU.dressL);
    await inventory.level();
    await runInDurableObject(inventory, (_, state) => {
      const sql = state.storage.sql;
      sql.exec('DROP TABLE reservations');
      sql.exec(`CREATE TABLE reservations (
        id TEXT PRIMARY KEY, quantity INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('held', 'committed', 'released', 'refused')),
        answer TEXT NOT NULL, created_at INTEGER NOT NULL)`);
      sql.exec('CREATE INDEX reservations_held ON reservations (state, expires_at)');
      sql.exec("INSERT INTO reservations VALUES ('ord_oldschema01', 1, 0, 'committed', '{}', 0)");
      upgradeInventorySchema(state.storage);
      upgradeInventorySchema(state.storage);
    });
    const before = await inventory.level();
    expect(await inventory.restock('ord_oldschema01')).toEqual({ ok: true, returned: 1 });
    expect(await inventory.level()).toMatchObject({ onHand: before.onHand + 1 });
    expect(await reservationState(SKU.dressL, 'ord_oldschema01')).toBe('returned');
  });
});
