import { qualified } from '@linked-all/db';
import { inArray, or, type SQL, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { journalEntries, journalLines, vendorOrderPayments } from '../db/schema';

/** A ledger entry of an order, as the console's order timeline shows it. */
export type PaymentStep = { at: string; ref: string; kind: string; amount: number; currency: string };

/**
 * Every journal entry about an order: its payment, void, and each vendor order's collection,
 * release and refund (the entries' external references name them). The amount is what moved
 * out of the first line's account, for reading, not for sums.
 */
export async function paymentSteps(db: D1Database, orderId: string): Promise<PaymentStep[]> {
  const e = journalEntries;
  const l = journalLines;
  const ofFirstLine = <T>(value: SQL | typeof l.currency) =>
    sql<T>`(SELECT ${value} FROM ${l} WHERE ${qualified(l.entryId)} = ${qualified(e.id)} ORDER BY ${l.lineNo} LIMIT 1)`;
  const v = vendorOrderPayments;
  const results = await orm(db)
    .select({
      createdAt: e.createdAt,
      externalRef: e.externalRef,
      kind: e.kind,
      amount: ofFirstLine<number | null>(sql`abs(${l.amount})`),
      currency: ofFirstLine<string | null>(l.currency),
    })
    .from(e)
    .where(
      or(
        inArray(e.externalRef, [`order:${orderId}`, `void:${orderId}`]),
        sql`${e.externalRef} IN (SELECT p || ${v.vendorOrderId} FROM ${v},
              (SELECT 'collect:' AS p UNION ALL SELECT 'release:' UNION ALL SELECT 'refund:') WHERE ${v.orderId} = ${orderId})`,
      ),
    )
    .orderBy(e.createdAt, e.id);
  return results.map((r) => ({
    at: new Date(r.createdAt).toISOString(),
    ref: r.externalRef,
    kind: r.kind,
    amount: r.amount ?? 0,
    currency: r.currency ?? '',
  }));
}
