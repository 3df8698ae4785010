import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  agentToken,
  assign,
  CASE_PRICE,
  call,
  LAGOS_STATION,
  orders,
  problem,
  riderToken,
  vendorToken,
  waitFor,
} from './fixtures';
import { home, pickedUp, shipmentStatus, tracking, transitions, vendorOrderStatus, withLagosAgent } from './preamble';

// Returns (issue 11, item 8): an accepted return comes back through the same shipment machinery
// (return.accepted books a shipment of kind 'return'; return.received closes it).

withLagosAgent('usr_agentr');

type Shipment = { id: string; status: string; kind: string; returnId: string | null; timeline: { status: string }[] };

/** A prepaid order delivered by a rider at the shopper's door (code from the shopper's tracking). */
async function deliveredAtHome(userId: string) {
  const { rider, ...order } = await pickedUp(userId, home(userId), 'usr_riderr', 'wallet');
  expect((await call(`/v1/rider/shipments/${order.shipmentId}/out-for-delivery`, { method: 'POST', token: rider })).status).toBe(
    200,
  );
  const code = (await tracking(order.orderId, order.token)).shipments[0].collectionCode;
  expect(
    (await call(`/v1/rider/shipments/${order.shipmentId}/deliver`, { method: 'POST', token: rider, json: { code } })).status,
  ).toBe(200);
  return order;
}

const vendorCall = async (path: string, json?: Record<string, unknown>) =>
  orders(path, { method: 'POST', token: await vendorToken('vnd_lagosgadgets'), json });

async function returnShipment(returnId: string) {
  return waitFor(() =>
    env.DB.prepare("SELECT id, status FROM shipments WHERE return_id = ? AND kind = 'return'")
      .bind(returnId)
      .first<{ id: string; status: string }>(),
  );
}

// Each test buys, delivers and sends back through real queues (several seconds on a busy machine).
describe('return shipments', { timeout: 30_000 }, () => {
  it('books a return dropped at a station, the agent takes it in, and the vendor’s receipt delivers it and refunds the shopper', async () => {
    const { orderId, vendorOrderId, shipmentId, token } = await deliveredAtHome('usr_retstation');
    const asked = await orders(`/v1/orders/${orderId}/returns`, {
      method: 'POST',
      token,
      json: {
        vendorOrderId,
        lines: [{ skuId: 'sku_case', quantity: 1 }],
        reason: 'defective',
        method: 'station',
        pickupStationId: LAGOS_STATION,
      },
      headers: { 'idempotency-key': 'ret-station-0001' },
    });
    expect(asked.status).toBe(201);
    const { id: returnId } = (await asked.json()) as { id: string };
    expect((await vendorCall(`/v1/vendor/returns/${returnId}/accept`)).status).toBe(200);

    const parcel = await returnShipment(returnId);
    expect(parcel.id).not.toBe(shipmentId);
    expect(parcel.status).toBe('awaiting_pickup');
    // The shopper sees it beside the delivery, with its own code to show at the station.
    const parcels = (await (await call(`/v1/orders/${orderId}/tracking`, { token })).json()) as {
      shipments: (Shipment & { collectionCode: string | null })[];
    };
    expect(parcels.shipments.map((s) => [s.kind, s.status, s.returnId])).toEqual([
      ['delivery', 'delivered', null],
      ['return', 'awaiting_pickup', returnId],
    ]);

    const agent = await agentToken('usr_agentr');
    const dropOff = (code: string) =>
      call(`/v1/station/shipments/${parcel.id}/drop-off`, { method: 'POST', token: agent, json: { code } });
    // Not without the shopper's code: the plain receive refuses a return waiting to be dropped off.
    await problem(
      await call(`/v1/station/shipments/${parcel.id}/receive`, { method: 'POST', token: agent }),
      409,
      'invalid_transition',
    );
    // The desk lists the return waiting to be dropped off at this station.
    const desk = (await (await call('/v1/station/shipments', { token: agent })).json()) as { items: Shipment[] };
    expect(desk.items.filter((s) => s.kind === 'return').map((s) => [s.id, s.status])).toEqual([[parcel.id, 'awaiting_pickup']]);
    const code = parcels.shipments.find((s) => s.kind === 'return')?.collectionCode ?? '';
    expect(code).toMatch(/^[0-9]{6}$/);
    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await problem(await dropOff(wrong), 403, 'forbidden');
    expect(refused).toMatchObject({ triesLeft: 4 });
    await problem(
      await call(`/v1/station/shipments/${parcel.id}/drop-off`, { method: 'POST', token: agent, json: { code: '12' } }),
      400,
      'validation_failed',
    );
    expect(await shipmentStatus(parcel.id)).toBe('awaiting_pickup');
    const taken = await dropOff(code);
    expect(await taken.json()).toMatchObject({ status: 'picked_up', kind: 'return' });
    // The same code again (a retried tap, an offline replay): the same answer, nothing moves twice.
    const again = await dropOff(code);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'picked_up', kind: 'return' });
    // Another station's agent does not see it at all.
    await problem(
      await call(`/v1/station/shipments/${parcel.id}/drop-off`, {
        method: 'POST',
        token: await agentToken('usr_agentelsewhere'),
        json: { code },
      }),
      404,
      'not_found',
    );
    // A return parcel is not handed to the shopper against a code.
    await problem(
      await call(`/v1/station/shipments/${parcel.id}/hand-over`, { method: 'POST', token: agent, json: { code: '123456' } }),
      409,
      'invalid_transition',
    );

    // The vendor names the state it came back in (orders 0013): as new, so every unit is restocked.
    const received = await vendorCall(`/v1/vendor/returns/${returnId}/received`, { condition: 'as_new' });
    expect(await received.json()).toMatchObject({ status: 'refunded', refunded: { amount: CASE_PRICE + 200_000 } });
    const closed = await waitFor(async () => {
      const row = await env.DB.prepare('SELECT status FROM shipments WHERE id = ?').bind(parcel.id).first<{ status: string }>();
      return row?.status === 'delivered' ? row : null;
    });
    expect(closed.status).toBe('delivered');
    expect(await transitions(parcel.id)).toEqual(['awaiting_pickup', 'picked_up', 'out_for_delivery', 'delivered']);
    // The return parcel's delivery did not deliver the vendor order again; every unit came back, so orders closed it as returned.
    expect(await vendorOrderStatus(vendorOrderId)).toBe('returned');
    const { results: sums } = await env.PAYMENTS_DB.prepare(
      'SELECT currency, sum(amount) AS total FROM journal_lines GROUP BY currency',
    ).all<{ total: number }>();
    expect(sums.every((s) => s.total === 0)).toBe(true);
  });

  it('a rider collects a home return like a pickup, without asking orders to ship anything', async () => {
    const { orderId, vendorOrderId, token } = await deliveredAtHome('usr_rethome');
    const asked = await orders(`/v1/orders/${orderId}/returns`, {
      method: 'POST',
      token,
      json: { vendorOrderId, lines: [{ skuId: 'sku_case', quantity: 1 }], reason: 'wrong_item', method: 'home' },
      headers: { 'idempotency-key': 'ret-home-0001' },
    });
    const { id: returnId } = (await asked.json()) as { id: string };
    await vendorCall(`/v1/vendor/returns/${returnId}/accept`);
    const parcel = await returnShipment(returnId);
    await assign(parcel.id, 'usr_riderr');
    const picked = await call(`/v1/rider/shipments/${parcel.id}/pickup`, {
      method: 'POST',
      token: await riderToken('usr_riderr'),
    });
    expect(await picked.json()).toMatchObject({ status: 'picked_up', kind: 'return', returnId });
    expect(await vendorOrderStatus(vendorOrderId)).toBe('delivered');
    // Another rider sees nothing of it.
    await problem(
      await call(`/v1/rider/shipments/${parcel.id}`, { token: await riderToken('usr_riderother') }),
      404,
      'not_found',
    );
  });
});
