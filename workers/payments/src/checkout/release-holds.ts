import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { releaseHolds, vendorOrderPayments } from '../db/schema';

type Ctx = { db: D1Database; now?: number };

export type HoldResult = { ok: true } | { ok: false; reason: 'not_found' | 'window_closed' };

/**
 * A return is being opened: hold the vendor order's release until that return is refunded or
 * refused. One conditional INSERT: it lands only while the vendor order is captured or collected
 * (not claimed by the release, not released, not refunded) and its window is still open, and the
 * release job claims only vendor orders with no open hold — D1 runs one statement at a time, so
 * of a hold and a release racing, exactly one wins. Idempotent per return id.
 */
export async function holdRelease(
  { db, now = Date.now() }: Ctx,
  input: { vendorOrderId: string; returnId: string },
): Promise<HoldResult> {
  const open = orm(db)
    .select({
      returnId: sql<string>`${input.returnId}`.as('return_id'),
      vendorOrderId: vendorOrderPayments.vendorOrderId,
      createdAt: sql<number>`${now}`.as('created_at'),
      closedAt: sql<null>`NULL`.as('closed_at'),
    })
    .from(vendorOrderPayments)
    .where(
      and(
        eq(vendorOrderPayments.vendorOrderId, input.vendorOrderId),
        inArray(vendorOrderPayments.status, ['captured', 'collected']),
        sql`${vendorOrderPayments.releaseAt} > ${now}`,
      ),
    );
  await orm(db).insert(releaseHolds).select(open).onConflictDoNothing();
  const hold = await orm(db).query.releaseHolds.findFirst({
    columns: { vendorOrderId: true },
    where: eq(releaseHolds.returnId, input.returnId),
  });
  if (hold?.vendorOrderId === input.vendorOrderId) return { ok: true };
  const exists = await orm(db).query.vendorOrderPayments.findFirst({
    columns: { vendorOrderId: true },
    where: eq(vendorOrderPayments.vendorOrderId, input.vendorOrderId),
  });
  return { ok: false, reason: exists ? 'window_closed' : 'not_found' };
}

/** The return was refused (or never opened): its hold no longer keeps the vendor's money pending. */
export async function dropReleaseHold({ db, now = Date.now() }: Ctx, input: { returnId: string }): Promise<{ ok: true }> {
  await orm(db)
    .update(releaseHolds)
    .set({ closedAt: now })
    .where(and(eq(releaseHolds.returnId, input.returnId), isNull(releaseHolds.closedAt)));
  return { ok: true };
}

/** The condition "no return holds the release of `vendorOrderId`" (see holdRelease). */
export const notHeld = (vendorOrderId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM ${releaseHolds} WHERE ${releaseHolds.vendorOrderId} = ${vendorOrderId} AND ${releaseHolds.closedAt} IS NULL)`;
