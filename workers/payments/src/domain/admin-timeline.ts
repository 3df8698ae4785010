/** A ledger entry of an order, as the console's order timeline shows it. */
export type PaymentStep = { at: string; ref: string; kind: string; amount: number; currency: string };

/**
 * Every journal entry about an order: its payment, void, and each vendor order's collection,
 * release and refund (the entries' external references name them). The amount is what moved
 * out of the first line's account, for reading, not for sums.
 */
export async function paymentSteps(db: D1Database, orderId: string): Promise<PaymentStep[]> {
  const { results } = await db
    .prepare(
      `SELECT e.created_at, e.external_ref, e.kind,
              (SELECT abs(l.amount) FROM journal_lines l WHERE l.entry_id = e.id ORDER BY l.line_no LIMIT 1) AS amount,
              (SELECT l.currency FROM journal_lines l WHERE l.entry_id = e.id ORDER BY l.line_no LIMIT 1) AS currency
         FROM journal_entries e
        WHERE e.external_ref IN ('order:' || ?1, 'void:' || ?1)
           OR e.external_ref IN (SELECT p || v.vendor_order_id FROM vendor_order_payments v,
                                  (SELECT 'collect:' AS p UNION ALL SELECT 'release:' UNION ALL SELECT 'refund:')
                                 WHERE v.order_id = ?1)
        ORDER BY e.created_at, e.id`,
    )
    .bind(orderId)
    .all<{ created_at: number; external_ref: string; kind: string; amount: number | null; currency: string | null }>();
  return results.map((r) => ({
    at: new Date(r.created_at).toISOString(),
    ref: r.external_ref,
    kind: r.kind,
    amount: r.amount ?? 0,
    currency: r.currency ?? '',
  }));
}
