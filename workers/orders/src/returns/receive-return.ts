import { ReturnReceived, ReturnRefunded } from '@linked-all/events';
import { AppError, traced } from '@linked-all/http';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { RESTOCKED_CONDITIONS, type ReceiveReturnBody, type ReturnCondition, type ReturnStatus } from '../../contract';
import { orm } from '../db/orm';
import { orderLines, returnLines, returns } from '../db/schema';
import { moveVendorOrder } from '../orders/transitions';
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
export async function receiveReturn(env: Env, returnId: string, who: Decider, state: ReceiveReturnBody) {
  const db = env.DB;
  const r = await returnFor(db, returnId, who);
  if (r.status === 'refunded') return closeIfAllReturned(db, r.vendorOrderId, actorOf(who));
  await moveReturn(db, {
    returnId,
    to: 'received',
    actor: actorOf(who),
    reason: state.condition,
    set: { condition: state.condition, conditionNote: state.note || null },
    event: ReturnReceived,
    data: { ...refOf(r), lines: await linesOf(db, returnId) },
  });
  // The condition that landed with the move decides (a retry naming another one changes nothing).
  const condition = await conditionOf(db, returnId);
  const lines = await linesOf(db, returnId);
  if (condition && RESTOCKED_CONDITIONS.includes(condition)) {
    await Promise.all(lines.map((l) => env.INVENTORY.get(env.INVENTORY.idFromName(l.skuId)).restockReturn(returnId, l.quantity)));
  }
  // Final when, with this one, every unit of the vendor order is in a received or refunded return.
  const units = await unitsOf(db, r.vendorOrderId, ['received', 'refunded']);
  const final = units.back >= units.ordered;
  const refund = await callPayments(() =>
    traced(env.PAYMENTS).refundReturn({ orderId: r.orderId, vendorOrderId: r.vendorOrderId, returnId, goods: r.goods, final }),
  );
  if (!refund.ok) {
    const detail = REFUSALS[refund.reason] ?? ('detail' in refund ? refund.detail : refund.reason);
    throw new AppError('conflict', `The return is received but not refunded: ${detail}`, { reason: refund.reason });
  }
  await moveReturn(db, {
    returnId,
    to: 'refunded',
    actor: 'orders',
    set: { refundedAmount: refund.amount, final: final ? 1 : 0 },
    event: ReturnRefunded,
    data: { ...refOf(r), amount: refund.amount, currency: r.currency },
  });
  await closeIfAllReturned(db, r.vendorOrderId, actorOf(who));
}

/**
 * Every unit of the vendor order is in a refunded return: it becomes `returned` (terminal, the
 * order's rollup follows in the same batch). Idempotent, so a repeated receipt finishes it.
 */
async function closeIfAllReturned(db: D1Database, vendorOrderId: string, actor: string) {
  const units = await unitsOf(db, vendorOrderId, ['refunded']);
  if (units.back < units.ordered) return;
  await moveVendorOrder(db, {
    vendorOrderId,
    to: 'returned',
    actor,
    reason: 'every unit returned and refunded',
    from: ['delivered'],
  });
}

/** Units the vendor order has, and how many of them are in returns of these statuses. */
async function unitsOf(db: D1Database, vendorOrderId: string, statuses: ReturnStatus[]) {
  const [[ordered], [back]] = await orm(db).batch([
    orm(db)
      .select({ n: sql<number>`coalesce(sum(${orderLines.quantity}), 0)` })
      .from(orderLines)
      .where(eq(orderLines.vendorOrderId, vendorOrderId)),
    orm(db)
      .select({ n: sql<number>`coalesce(sum(${returnLines.quantity}), 0)` })
      .from(returnLines)
      .innerJoin(returns, eq(returns.id, returnLines.returnId))
      .where(and(eq(returnLines.vendorOrderId, vendorOrderId), inArray(returns.status, statuses))),
  ]);
  return { ordered: ordered.n, back: back.n };
}

async function conditionOf(db: D1Database, returnId: string): Promise<ReturnCondition | null> {
  const [row] = await orm(db).select({ condition: returns.condition }).from(returns).where(eq(returns.id, returnId));
  return row?.condition ?? null;
}

function linesOf(db: D1Database, returnId: string) {
  return orm(db)
    .select({ skuId: returnLines.skuId, quantity: returnLines.quantity })
    .from(returnLines)
    .where(eq(returnLines.returnId, returnId))
    .orderBy(returnLines.skuId);
}
