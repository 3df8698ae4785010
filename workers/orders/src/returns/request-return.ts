import { outboxStatement, ReturnRequested } from '@linked-all/events';
import { AppError, newId, traced } from '@linked-all/http';
import type { RequestReturnBody } from '../../contract';
import { callLogistics, callPayments } from '../service-calls';

type Env = Pick<OrdersEnv, 'DB' | 'PAYMENTS' | 'LOGISTICS'>;

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });

type Target = {
  status: string;
  vendorId: string;
  currency: string;
  shippingAddressId: string | null;
};

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
  const target = await db
    .prepare(
      `SELECT v.status, v.vendor_id AS vendorId, v.currency, o.shipping_address_id AS shippingAddressId
         FROM vendor_orders v JOIN orders o ON o.id = v.order_id
        WHERE v.id = ? AND v.order_id = ? AND o.user_id = ?`,
    )
    .bind(body.vendorOrderId, orderId, userId)
    .first<Target>();
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
  const { results: ordered } = await db
    .prepare('SELECT sku_id AS skuId, unit_price AS unitPrice FROM order_lines WHERE vendor_order_id = ?')
    .bind(body.vendorOrderId)
    .all<{ skuId: string; unitPrice: number }>();
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
    ...body.lines.map((line) =>
      db
        .prepare(
          `INSERT INTO return_lines (return_id, vendor_order_id, sku_id, quantity, unit_price)
           SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT quantity FROM order_lines WHERE vendor_order_id = ?2 AND sku_id = ?3) >= ?4 +
             (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
               WHERE rl.vendor_order_id = ?2 AND rl.sku_id = ?3 AND r.status <> 'refused')`,
        )
        .bind(returnId, body.vendorOrderId, line.skuId, line.quantity, priceOf.get(line.skuId) ?? 0),
    ),
    db
      .prepare(
        `INSERT INTO returns (id, order_id, vendor_order_id, vendor_id, user_id, status, reason, note, photos, method,
           shipping_address_id, pickup_station_id, currency, goods, final, window_ends_at, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ? WHERE (SELECT count(*) FROM return_lines WHERE return_id = ?) = ?`,
      )
      .bind(
        returnId,
        orderId,
        body.vendorOrderId,
        target.vendorId,
        userId,
        body.reason,
        body.note,
        JSON.stringify(body.photos),
        body.method,
        shippingAddressId,
        pickupStationId,
        target.currency,
        goods,
        windowEndsAt,
        now,
        now,
        returnId,
        body.lines.length,
      ),
    db
      .prepare('DELETE FROM return_lines WHERE return_id = ? AND NOT EXISTS (SELECT 1 FROM returns WHERE id = ?)')
      .bind(returnId, returnId),
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
