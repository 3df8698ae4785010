import { existsGuard, statement } from '@linked-all/db';
import { auditStatement } from '@linked-all/events';
import { eq, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { vendorSelfDelivery } from '../db/schema';

// A shop that carries its own parcels (issue 11). From then on its quotes say
// `deliveredBy: 'vendor'` and checkout books the delivery fee to the shop, not to the platform's
// logistics revenue (docs/architecture.md, Checkout and vendors). Orders already placed keep
// the payee they were priced with. Logistics does not ask identity whether the shop exists (like
// station agents): an unknown id only ever changes its own quotes.

/** Whether a shop delivers its own parcels, and since when. */
export async function selfDeliveryOf(db: D1Database, vendorId: string) {
  const row = await orm(db)
    .select({ since: vendorSelfDelivery.since })
    .from(vendorSelfDelivery)
    .where(eq(vendorSelfDelivery.vendorId, vendorId))
    .get();
  return { vendorId, selfDelivery: row !== undefined, since: row ? new Date(row.since).toISOString() : null };
}

/**
 * Switches a shop's own delivery on or off, with the admin's audit row in the same batch.
 * Idempotent either way: the first `since` stays; switching off deletes the row. The audit row
 * goes first, guarded on the state it changes, so a repeat that changes nothing has none.
 */
export async function setSelfDelivery(db: D1Database, vendorId: string, selfDelivery: boolean, actor: string, now = Date.now()) {
  const record = {
    actor,
    action: selfDelivery ? 'vendor.self_delivery_on' : 'vendor.self_delivery_off',
    target: vendorId,
  };
  const present = existsGuard(
    orm(db).select({ one: sql`1` }).from(vendorSelfDelivery).where(eq(vendorSelfDelivery.vendorId, vendorId)),
  );
  await db.batch(
    selfDelivery
      ? [
          auditStatement(db, record, { now, when: { ...present, sql: `NOT ${present.sql}` } }),
          statement(
            db,
            orm(db)
              .insert(vendorSelfDelivery)
              .values({ vendorId, since: now })
              .onConflictDoNothing({ target: vendorSelfDelivery.vendorId }),
          ),
        ]
      : [
          auditStatement(db, record, { now, when: present }),
          statement(db, orm(db).delete(vendorSelfDelivery).where(eq(vendorSelfDelivery.vendorId, vendorId))),
        ],
  );
  return selfDeliveryOf(db, vendorId);
}
