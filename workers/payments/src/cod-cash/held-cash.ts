import { and, count, eq, gt, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { CodCashView } from '../../contract';
import { orm } from '../db/orm';
import { accounts, journalEntries, journalLines, vendorOrderPayments } from '../db/schema';

// Pay-on-delivery cash per collector, read from their ledger accounts (balances are derived, never
// stored). A collector's account runs negative: each collection is a debit of the parcel's amount,
// each remittance a credit. Remittances pay the oldest collections first (first in, first out), so
// "unremitted" are the collections the running total of cash collected has not yet been covered
// for by the remittances, and their oldest is how long cash has been out of our hands.

type Db = ReturnType<typeof orm>;

/** Per collector account: the cash held now and the total ever remitted. */
function collectorTotals(d: Db) {
  return d.$with('collector_totals').as(
    d
      .select({
        accountId: accounts.id,
        collectorId: accounts.ownerId,
        currency: accounts.currency,
        held: sql<number>`-coalesce(sum(${journalLines.amount}), 0)`.as('held'),
        remitted: sql<number>`coalesce(sum(CASE WHEN ${journalLines.amount} > 0 THEN ${journalLines.amount} ELSE 0 END), 0)`.as(
          'remitted',
        ),
      })
      .from(accounts)
      .innerJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .where(eq(accounts.kind, 'collector_cash'))
      .groupBy(accounts.id),
  );
}

/** Every collection onto a collector account, with the running total of cash that account collected. */
function collections(d: Db) {
  return d.$with('collections').as(
    d
      .select({
        collectionAccount: sql<string>`${journalLines.accountId}`.as('collection_account'),
        collectedAt: sql<number>`${journalEntries.createdAt}`.as('collected_at'),
        upTo: sql<number>`sum(-${journalLines.amount}) OVER (
          PARTITION BY ${journalLines.accountId} ORDER BY ${journalEntries.createdAt}, ${journalEntries.id})`.as('up_to'),
      })
      .from(journalLines)
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .innerJoin(accounts, eq(accounts.id, journalLines.accountId))
      .where(and(eq(accounts.kind, 'collector_cash'), lt(journalLines.amount, 0))),
  );
}

/**
 * The console's pay-on-delivery cash: per collector and currency what they hold, how many
 * collections that is and the oldest one's time; and per currency the delivered parcels whose
 * collection nobody booked.
 */
export async function codCash(db: D1Database): Promise<CodCashView> {
  const d = orm(db);
  const totals = collectorTotals(d);
  const collected = collections(d);
  const unremitted = and(eq(collected.collectionAccount, totals.accountId), gt(collected.upTo, totals.remitted));
  const oldest = sql<number | null>`min(${collected.collectedAt})`;
  const [held, uncollected] = await d.batch([
    d
      .with(totals, collected)
      .select({
        collectorId: totals.collectorId,
        currency: totals.currency,
        held: totals.held,
        collections: sql<number>`count(${collected.collectedAt})`,
        oldestAt: oldest,
      })
      .from(totals)
      .leftJoin(collected, unremitted)
      .where(gt(totals.held, 0))
      .groupBy(totals.accountId)
      .orderBy(oldest, totals.collectorId)
      .limit(500),
    d
      .select({
        currency: vendorOrderPayments.currency,
        count: count(),
        amount: sql<number>`sum(${vendorOrderPayments.amount})`,
        oldestAt: sql<number | null>`min(${vendorOrderPayments.deliveredAt})`,
      })
      .from(vendorOrderPayments)
      .where(and(eq(vendorOrderPayments.status, 'pay_on_delivery'), isNotNull(vendorOrderPayments.deliveredAt)))
      .groupBy(vendorOrderPayments.currency)
      .orderBy(vendorOrderPayments.currency),
  ]);
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    collectors: held.flatMap((r) =>
      r.collectorId === null ? [] : [{ ...r, collectorId: r.collectorId, oldestAt: iso(r.oldestAt) }],
    ),
    uncollected: uncollected.map((r) => ({ ...r, oldestAt: iso(r.oldestAt) })),
  };
}

/** How many collections' cash collectors have held since `before` or earlier and not yet remitted. */
export async function unremittedSince(db: D1Database, before: number): Promise<number> {
  const d = orm(db);
  const totals = collectorTotals(d);
  const collected = collections(d);
  const [row] = await d
    .with(totals, collected)
    .select({ n: count() })
    .from(collected)
    .innerJoin(totals, eq(totals.accountId, collected.collectionAccount))
    .where(and(gt(collected.upTo, totals.remitted), lte(collected.collectedAt, before)));
  return row?.n ?? 0;
}
