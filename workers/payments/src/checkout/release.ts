import { statement } from '@linked-all/db';
import { and, eq, inArray, isNull, lte, ne, type SQL } from 'drizzle-orm';
import { orm } from '../db/orm';
import { vendorOrderPayments } from '../db/schema';
import { releaseToPayable } from '../domain/operations';
import { notHeld } from './release-holds';
import { returnedFromPending } from './return-refund';
import { claimVendorOrder, findVendorOrder, posted, type VendorOrderPayment } from './state';

export type DeliveredResult = { ok: true; releaseAt: string } | { ok: false; reason: 'not_found' | 'voided' };

type Ctx = { db: D1Database; now?: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** RETURN_WINDOW_DAYS from the environment: a whole number of days, 7 when unset or nonsense. */
export function returnWindowDays(value: string | undefined): number {
  const days = Number(value);
  return Number.isInteger(days) && days >= 0 && days <= 90 ? days : 7;
}

/**
 * The vendor order reached the shopper: its return window starts. The first delivery date
 * wins (a repeated call changes nothing), and when the window closes the release job moves
 * the vendor's share from pending to payable.
 */
export async function markDelivered(
  { db }: Ctx,
  input: { vendorOrderId: string; deliveredAt: Date },
  windowDays: number,
): Promise<DeliveredResult> {
  const deliveredAt = input.deliveredAt.getTime();
  await orm(db)
    .update(vendorOrderPayments)
    .set({ deliveredAt, releaseAt: deliveredAt + windowDays * DAY_MS, updatedAt: Date.now() })
    .where(
      and(
        eq(vendorOrderPayments.vendorOrderId, input.vendorOrderId),
        isNull(vendorOrderPayments.deliveredAt),
        ne(vendorOrderPayments.status, 'voided'),
      ),
    );
  const row = await findVendorOrder(db, input.vendorOrderId);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.releaseAt === null) return { ok: false, reason: 'voided' };
  return { ok: true, releaseAt: new Date(row.releaseAt).toISOString() };
}

/**
 * Releases every vendor order whose return window has closed: pending → payable, once per
 * vendor order (`release:<vendorOrderId>`). Claims each first, so a refund arriving at the
 * same moment either finds it still pending or already payable, never half-way.
 */
export async function releaseDue({ db, now = Date.now() }: Ctx, limit = 100): Promise<number> {
  const due = await orm(db)
    .select({ vendorOrderId: vendorOrderPayments.vendorOrderId })
    .from(vendorOrderPayments)
    .where(
      and(lte(vendorOrderPayments.releaseAt, now), inArray(vendorOrderPayments.status, ['captured', 'collected', 'releasing'])),
    )
    .orderBy(vendorOrderPayments.releaseAt)
    .limit(limit);
  let released = 0;
  for (const { vendorOrderId } of due) {
    // A return opened inside the window holds the release until it is refunded or refused.
    const { row } = await claimVendorOrder(
      db,
      vendorOrderId,
      ['captured', 'collected'],
      'releasing',
      {},
      now,
      notHeld(vendorOrderId),
    );
    if (row?.status === 'releasing') {
      await release({ db, now }, row);
      released++;
    }
  }
  return released;
}

async function release({ db, now = Date.now() }: Ctx, row: VendorOrderPayment): Promise<void> {
  const markReleased = (...only: SQL[]) =>
    orm(db)
      .update(vendorOrderPayments)
      .set({ status: 'released', releasedAt: now, updatedAt: now })
      .where(and(eq(vendorOrderPayments.vendorOrderId, row.vendorOrderId), eq(vendorOrderPayments.status, 'releasing'), ...only));
  // The delivery fee the platform's logistics kept never sat in the vendor's pending, and what
  // returns already took back from pending is not there any more either.
  const share = row.amount - row.commission - row.logisticsFee - (await returnedFromPending(db, row.vendorOrderId));
  if (share <= 0) {
    // All of it was commission (and fee): nothing to move, only the state.
    await markReleased();
    return;
  }
  await releaseToPayable(
    { db, now },
    { ref: `release:${row.vendorOrderId}`, vendorId: row.vendorId, amount: share, currency: row.currency },
    (entryId) => [statement(db, markReleased(posted(entryId)))],
  );
}
