import { ReturnReceived, ReturnRefunded } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { callPayments } from '../service-calls';
import { actorOf, type Decider, refOf, returnFor } from './decide-return';
import { moveReturn } from './return-moves';

type Env = Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS'>;

const REFUSALS: Record<string, string> = {
  not_found: 'Payments knows no payment for this vendor order',
  not_refundable: 'This vendor order’s money was already given back or never taken',
  too_much: 'The returns of this vendor order would exceed what was paid for its goods',
  in_progress: 'Payments is moving this vendor order’s money right now; try again in a moment',
  vendor_balance_insufficient: 'The shop’s balance cannot cover this refund yet (it was paid out)',
};

/**
 * The parcel is back with the vendor: `return.received` (logistics closes the return shipment),
 * the units go back on hand (once per return and SKU), the goods' money goes back to the
 * shopper's wallet (payments, once per return; the delivery fee too when this return completes
 * the vendor order), then `return.refunded`. Every step is idempotent, so calling it again after
 * any failure finishes the rest and answers the same.
 */
export async function receiveReturn(env: Env, returnId: string, who: Decider) {
  const db = env.DB;
  const r = await returnFor(db, returnId, who);
  if (r.status === 'refunded') return;
  await moveReturn(db, {
    returnId,
    to: 'received',
    actor: actorOf(who),
    event: ReturnReceived,
    data: { ...refOf(r), lines: await linesOf(db, returnId) },
  });
  const lines = await linesOf(db, returnId);
  await Promise.all(lines.map((l) => env.INVENTORY.get(env.INVENTORY.idFromName(l.skuId)).restockReturn(returnId, l.quantity)));
  // Final when, with this one, every unit of the vendor order is in a received or refunded return.
  const units = await db
    .prepare(
      `SELECT (SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE vendor_order_id = ?1) AS ordered,
              (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl JOIN returns x ON x.id = rl.return_id
                WHERE rl.vendor_order_id = ?1 AND x.status IN ('received', 'refunded')) AS back`,
    )
    .bind(r.vendorOrderId)
    .first<{ ordered: number; back: number }>();
  const final = units !== null && units.back >= units.ordered;
  const refund = await callPayments(() =>
    env.PAYMENTS.refundReturn({ orderId: r.orderId, vendorOrderId: r.vendorOrderId, returnId, goods: r.goods, final }),
  );
  if (!refund.ok) {
    const detail = REFUSALS[refund.reason] ?? ('detail' in refund ? refund.detail : refund.reason);
    throw new AppError('conflict', `The return is received but not refunded: ${detail}`, { reason: refund.reason });
  }
  await moveReturn(db, {
    returnId,
    to: 'refunded',
    actor: 'orders',
    set: { refunded_amount: refund.amount, final: final ? 1 : 0 },
    event: ReturnRefunded,
    data: { ...refOf(r), amount: refund.amount, currency: r.currency },
  });
}

async function linesOf(db: D1Database, returnId: string) {
  const { results } = await db
    .prepare('SELECT sku_id AS skuId, quantity FROM return_lines WHERE return_id = ? ORDER BY sku_id')
    .bind(returnId)
    .all<{ skuId: string; quantity: number }>();
  return results;
}
