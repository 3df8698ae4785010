import { upgradeHolding } from '@linked-all/testing/upgrade';
import { expect, it } from 'vitest';

// A deployed database is upgraded with parcels on the road: rebuilding `shipments` (0004) must keep them and the transitions that name them.
it('upgrades a database holding shipments and their transitions through the shipments rebuild', async () => {
  const db = await upgradeHolding({
    before: '0004',
    rows: [
      `INSERT INTO shipments (id, tracking_code, order_id, vendor_order_id, vendor_id, user_id, method, shipping_address_id,
         payment_method, cod_amount, currency, code_hash, created_at, updated_at)
       VALUES ('shp_up1', 'LA-UP1', 'ord_1', 'vo_1', 'vnd_1', 'usr_1', 'home', 'adr_1', 'wallet', 0, 'KES', 'h', 1, 1)`,
      `INSERT INTO shipment_transitions (id, shipment_id, from_status, to_status, actor, created_at)
       VALUES ('str_up1', 'shp_up1', 'awaiting_pickup', 'awaiting_pickup', 'logistics', 1)`,
    ],
  });

  expect(await db.prepare("SELECT id, kind FROM shipments WHERE id = 'shp_up1'").first()).toEqual({
    id: 'shp_up1',
    kind: 'delivery',
  });
  expect((await db.prepare("SELECT count(*) AS n FROM shipment_transitions WHERE shipment_id = 'shp_up1'").first())?.n).toBe(1);
  await expect(
    db
      .prepare(
        "INSERT INTO shipment_transitions (id, shipment_id, from_status, to_status, actor, created_at) VALUES ('str_x', 'shp_none', 'awaiting_pickup', 'awaiting_pickup', 'cron', 2)",
      )
      .run(),
  ).rejects.toThrow(/FOREIGN KEY/);
});
