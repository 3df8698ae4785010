import { insertWhere, statement } from '@linked-all/db';
import { outboxStatement, ReturnRequested } from '@linked-all/events';
import { AppError, newId, traced } from '@linked-all/http';
import { and, eq, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { RequestReturnBody } from '../../contract';
import { orm } from '../db/orm';
import { orderLines, orders, returnLines, returns, vendorOrders } from '../db/schema';
import { callLogistics, callPayments } from '../service-calls';

type Env = Pick<OrdersEnv, 'DB' | 'PAYMENTS' | 'LOGISTICS'>;

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });

/**
 * A shopper asks to send units of one of their delivered vendor orders back. Refused with 409
 * once the return window closed (the problem names its end, `windowEndsAt`), and for units already
 * in a return that was not refused. The return, its lines and `return.requested` are one batch:
 * each line's INSERT is guarded by "ordered ≥ already in returns + asked", the return row by "every
 * line landed", and a last statement removes the lines of a return that did not land.
 */
export async function requestReturn(env: Env, input: { orderId: string; userId: string; body: RequestReturnBody; now?: number }) {
  const { body, userId, orderId } = input;
  const now = input.now ?? Date.now();
  const db = env.DB;
  const target = await orm(db)
    .select({
      status: vendorOrders.status,
      vendorId: vendorOrders.vendorId,
      currency: vendorOrders.currency,
      shippingAddressId: orders.shippingAddressId,
    })
    .from(vendorOrders)
    .innerJoin(orders, eq(orders.id, vendorOrders.orderId))
    .where(and(eq(vendorOrders.id, body.vendorOrderId), eq(vendorOrders.orderId, orderId), eq(orders.userId, userId)))
    .get();
  // Another shopper's order, or a vendor order of another order: as if it did not exist.
  if (!target) throw new AppError('not_found', `You have no vendor order ${body.vendorOrderId} in order ${orderId}`);
  if (target.status !== 'delivered') {
    throw new AppError('invalid_transition', `The vendor order is ${target.status}: only a delivered order can be returned`, {
      from: target.status,
      to: 'returned',
    });
  }
  const window = await callPayments(() => traced(env.PAYMENTS).returnWindow({ vendorOrderId: body.vendorOrderId }));
  if (!window.ok) throw new AppError('conflict', `Payments has no return window for ${body.vendorOrderId}: ${window.reason}`);
  const windowEndsAt = Date.parse(window.windowEndsAt);
  if (now >= windowEndsAt) {
    throw new AppError('conflict', `The return window closed on ${window.windowEndsAt.slice(0, 10)}`, {
      reason: 'return_window_closed',
      windowEndsAt: window.windowEndsAt,
    });
  }
  body.photos.forEach((key, i) => {
    // Keys carry their uploader: only the caller's own photos may be attached.
    if (!key.startsWith(`reviews/${userId}/`)) throw invalid(`photos.${i}`, 'Not one of your photos');
  });
  const ordered = await orm(db)
    .select({ skuId: orderLines.skuId, unitPrice: orderLines.unitPrice })
    .from(orderLines)
    .where(eq(orderLines.vendorOrderId, body.vendorOrderId));
  const priceOf = new Map(ordered.map((l) => [l.skuId, l.unitPrice]));
  body.lines.forEach((line, i) => {
    if (!priceOf.has(line.skuId)) throw invalid(`lines.${i}.skuId`, 'Not an item of this vendor order');
  });
  let shippingAddressId: string | null = null;
  let pickupStationId: string | null = null;
  if (body.method === 'home') {
    if (!target.shippingAddressId) throw invalid('method', 'This order went to a pickup station: drop the return at a station');
    shippingAddressId = target.shippingAddressId;
  } else {
    const stationId = body.pickupStationId as string;
    const answer = await callLogistics(() => traced(env.LOGISTICS).station(stationId));
    if (!answer.ok) throw invalid('pickupStationId', 'No such pickup station');
    if (!answer.station.active)
      throw invalid('pickupStationId', `${answer.station.name} is closed; choose another pickup station`);
    if (answer.currency !== target.currency) throw invalid('pickupStationId', `${answer.station.name} is in another country`);
    pickupStationId = stationId;
  }

  const returnId = newId('ret', now);
  // Payments holds the vendor's money until this return is settled, in one conditional statement
  // that loses to a release already under way: a return is never both refunded and paid out.
  const hold = await callPayments(() => traced(env.PAYMENTS).holdRelease({ vendorOrderId: body.vendorOrderId, returnId }));
  if (!hold.ok) {
    throw new AppError('conflict', `The return window closed on ${window.windowEndsAt.slice(0, 10)}`, {
      reason: 'return_window_closed',
      windowEndsAt: window.windowEndsAt,
    });
  }
  const goods = body.lines.reduce((sum, l) => sum + (priceOf.get(l.skuId) ?? 0) * l.quantity, 0);
  const guard = { sql: 'EXISTS (SELECT 1 FROM returns WHERE id = ?)', args: [returnId] };
  const results = await db.batch([
    ...body.lines.map((line) => {
      // The units fit: ordered ≥ asked + already in returns that were not refused (the aliases keep
      // the inner return_lines apart from the row being inserted).
      const rl = alias(returnLines, 'rl');
      const r = alias(returns, 'r');
      const fits = sql`(SELECT ${orderLines.quantity} FROM ${orderLines}
             WHERE ${orderLines.vendorOrderId} = ${body.vendorOrderId} AND ${orderLines.skuId} = ${line.skuId}) >= ${line.quantity} +
             (SELECT coalesce(sum(${rl.quantity}), 0) FROM ${returnLines} ${rl} JOIN ${returns} ${r} ON ${r.id} = ${rl.returnId}
               WHERE ${rl.vendorOrderId} = ${body.vendorOrderId} AND ${rl.skuId} = ${line.skuId} AND ${r.status} <> 'refused')`;
      return statement(
        db,
        insertWhere(
          db,
          returnLines,
          {
            returnId,
            vendorOrderId: body.vendorOrderId,
            skuId: line.skuId,
            quantity: line.quantity,
            unitPrice: priceOf.get(line.skuId) ?? 0,
          },
          fits,
        ),
      );
    }),
    statement(
      db,
      insertWhere(
        db,
        returns,
        {
          id: returnId,
          orderId,
          vendorOrderId: body.vendorOrderId,
          vendorId: target.vendorId,
          userId,
          status: 'requested',
          reason: body.reason,
          note: body.note,
          photos: JSON.stringify(body.photos),
          method: body.method,
          shippingAddressId,
          pickupStationId,
          currency: target.currency,
          goods,
          final: 0,
          windowEndsAt,
          createdAt: now,
          updatedAt: now,
        },
        sql`(SELECT count(*) FROM ${returnLines} WHERE ${returnLines.returnId} = ${returnId}) = ${body.lines.length}`,
      ),
    ),
    statement(
      db,
      orm(db)
        .delete(returnLines)
        .where(
          and(
            eq(returnLines.returnId, returnId),
            notExists(orm(db).select({ one: sql`1` }).from(returns).where(eq(returns.id, returnId))),
          ),
        ),
    ),
    outboxStatement(
      db,
      ReturnRequested,
      {
        returnId,
        orderId,
        userId,
        vendorOrderId: body.vendorOrderId,
        vendorId: target.vendorId,
        lines: body.lines,
        reason: body.reason,
        method: body.method,
      },
      { now, when: guard },
    ),
  ]);
  if (results[body.lines.length].meta.changes !== 1) {
    // No return: no hold. Should this call fail, the hold only delays the vendor's release.
    await callPayments(() => traced(env.PAYMENTS).dropReleaseHold({ returnId }));
    throw new AppError('conflict', 'Some of these items are already in a return (or more than you bought)', {
      reason: 'already_returned',
    });
  }
  return returnId;
}
