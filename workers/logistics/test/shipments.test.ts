import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../contract';
import {
  ABUJA_STATION,
  agentToken,
  assign,
  CASE_PRICE,
  call,
  confirmedOrder,
  LAGOS_STATION,
  orders,
  problem,
  riderToken,
  shopperToken,
  vendorReady,
  waitFor,
} from './fixtures';
import { eventsNaming, home, pickedUp, postAgent, shipmentStatus, tracking, vendorOrderStatus, withLagosAgent } from './preamble';

type Shipment = { id: string; status: string; trackingCode: string; codCollected: boolean; timeline: { status: string }[] };

withLagosAgent('usr_agenta');

describe('shipments from order.confirmed', () => {
  it('creates one shipment per vendor order, awaiting pickup, with a tracking code and a shipment.created event', async () => {
    const { orderId, shipmentId, token } = await confirmedOrder('usr_shipa', home('usr_shipa'));
    const t = await tracking(orderId, token);
    expect(t.shipments).toHaveLength(1);
    expect(t.shipments[0]).toMatchObject({
      id: shipmentId,
      status: 'awaiting_pickup',
      trackingCode: expect.stringMatching(/^LA-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      method: 'home',
      paymentMethod: 'pay_on_delivery',
      // The goods and the delivery fee (Lagos home delivery, NGN 2,000: migrations/logistics/0002).
      collect: { amount: CASE_PRICE + 200_000, currency: 'NGN' },
      collectionCode: expect.stringMatching(/^\d{6}$/),
    });
    expect(await eventsNaming('shipment.created', shipmentId)).toBe(1);
    // The code is not stored: only its hash.
    const stored = await env.DB.prepare('SELECT code_hash FROM shipments WHERE id = ?')
      .bind(shipmentId)
      .first<{ code_hash: string }>();
    expect(stored?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.code_hash).not.toContain(t.shipments[0].collectionCode);
  });

  it('creates nothing twice when order.confirmed is delivered again', async () => {
    const { orderId } = await confirmedOrder('usr_shipb', home('usr_shipb'));
    const event = await env.ORDERS_DB.prepare("SELECT body FROM outbox WHERE type = 'order.confirmed' AND body LIKE ?")
      .bind(`%${orderId}%`)
      .first<{ body: string }>();
    const body = JSON.parse(event?.body ?? '{}');
    // The same payload under a new event id: vendor_order_id is unique, so nothing is created.
    const { createShipments } = await import('../src/domain/create-shipments');
    expect(await createShipments(env, { ...body, id: crypto.randomUUID() })).toBe(0);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM shipments WHERE order_id = ?')
      .bind(orderId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('keeps the statuses of the contract and the SQL lookup table the same', async () => {
    const { results } = await env.DB.prepare('SELECT status FROM shipment_statuses ORDER BY rowid').all<{ status: string }>();
    expect(results.map((r) => r.status)).toEqual([...SHIPMENT_STATUSES]);
  });
});

describe('rider: home delivery with pay on delivery', () => {
  it('picks up (orders: shipped), collects the cash (payments), delivers with the code (orders: delivered)', async () => {
    const { orderId, vendorOrderId, shipmentId, token } = await confirmedOrder('usr_shipc', home('usr_shipc'));
    const rider = await riderToken('usr_ridera');
    await assign(shipmentId, 'usr_ridera');

    // Not ready at the vendor yet: orders refuses, the shipment stays put.
    await problem(
      await call(`/v1/rider/shipments/${shipmentId}/pickup`, { method: 'POST', token: rider }),
      409,
      'invalid_transition',
    );
    await vendorReady(vendorOrderId);
    const picked = await call(`/v1/rider/shipments/${shipmentId}/pickup`, { method: 'POST', token: rider });
    expect(picked.status).toBe(200);
    expect(await picked.json()).toMatchObject({ status: 'picked_up' });
    expect(await vendorOrderStatus(vendorOrderId)).toBe('shipped');

    await call(`/v1/rider/shipments/${shipmentId}/out-for-delivery`, { method: 'POST', token: rider });
    const code = (await tracking(orderId, token)).shipments[0].collectionCode ?? '';

    // Cash first.
    await problem(
      await call(`/v1/rider/shipments/${shipmentId}/deliver`, { method: 'POST', token: rider, json: { code } }),
      409,
      'conflict',
    );
    const collected = await call(`/v1/rider/shipments/${shipmentId}/collect`, {
      method: 'POST',
      token: rider,
      json: { method: 'cash' },
    });
    expect(await collected.json()).toMatchObject({ codCollected: true });
    // The cash is the rider's to hand in: payments holds it on their own account until they remit it.
    const payment = await env.PAYMENTS_DB.prepare(
      'SELECT status, collected_by FROM vendor_order_payments WHERE vendor_order_id = ?',
    )
      .bind(vendorOrderId)
      .first<{ status: string; collected_by: string | null }>();
    expect(payment).toEqual({ status: 'collected', collected_by: 'usr_ridera' });

    const delivered = await call(`/v1/rider/shipments/${shipmentId}/deliver`, { method: 'POST', token: rider, json: { code } });
    expect(delivered.status).toBe(200);
    const view = (await delivered.json()) as Shipment;
    expect(view.status).toBe('delivered');
    expect(view.timeline.map((e) => e.status)).toEqual(['awaiting_pickup', 'picked_up', 'out_for_delivery', 'delivered']);
    expect(await vendorOrderStatus(vendorOrderId)).toBe('delivered');
    // Payments started the return window: its release job makes the share payable 7 days on.
    const window = await env.PAYMENTS_DB.prepare(
      'SELECT delivered_at, release_at FROM vendor_order_payments WHERE vendor_order_id = ?',
    )
      .bind(vendorOrderId)
      .first<{ delivered_at: number; release_at: number }>();
    expect(window?.delivered_at).toEqual(expect.any(Number));
    expect((window?.release_at ?? 0) - (window?.delivered_at ?? 0)).toBe(7 * 86_400_000);
    // The shopper's own tracking no longer shows a code for a delivered parcel.
    expect((await tracking(orderId, token)).shipments[0].collectionCode).toBeNull();
  });

  it('locks the code after 5 wrong tries, even against the right one, for an hour', async () => {
    const { orderId, vendorOrderId, shipmentId, token, rider } = await pickedUp('usr_shipd', home('usr_shipd'), 'usr_ridera');
    await call(`/v1/rider/shipments/${shipmentId}/out-for-delivery`, { method: 'POST', token: rider });
    await call(`/v1/rider/shipments/${shipmentId}/collect`, { method: 'POST', token: rider, json: {} });
    const code = (await tracking(orderId, token)).shipments[0].collectionCode ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    const deliver = (c: string) =>
      call(`/v1/rider/shipments/${shipmentId}/deliver`, { method: 'POST', token: rider, json: { code: c } });
    for (let i = 1; i <= 4; i++) {
      const body = await problem(await deliver(wrong), 403, 'forbidden');
      expect(body.triesLeft).toBe(5 - i);
    }
    const fifth = await deliver(wrong);
    expect(fifth.headers.get('retry-after')).toBe('3600');
    await problem(fifth, 429, 'rate_limited');
    await problem(await deliver(code), 429, 'rate_limited');
    expect(await vendorOrderStatus(vendorOrderId)).toBe('shipped');
    expect(await shipmentStatus(shipmentId)).toBe('out_for_delivery');
  });

  it('records failed attempts and sends the parcel back to the vendor after the third', async () => {
    const { vendorOrderId, shipmentId, rider } = await pickedUp('usr_shipe', home('usr_shipe'), 'usr_ridera');
    let last: Shipment | undefined;
    for (let i = 0; i < 3; i++) {
      await call(`/v1/rider/shipments/${shipmentId}/out-for-delivery`, { method: 'POST', token: rider });
      const res = await call(`/v1/rider/shipments/${shipmentId}/failed-attempt`, {
        method: 'POST',
        token: rider,
        json: { reason: 'shopper_absent' },
      });
      last = (await res.json()) as Shipment;
    }
    expect(last?.status).toBe('returned_to_vendor');
    // Orders took it back first: nothing was collected (pay on delivery), so the vendor order is
    // cancelled and payments closes it with nothing to refund.
    expect(await vendorOrderStatus(vendorOrderId)).toBe('cancelled');
    const closed = await env.PAYMENTS_DB.prepare(
      'SELECT status, refund_from FROM vendor_order_payments WHERE vendor_order_id = ?',
    )
      .bind(vendorOrderId)
      .first();
    expect(closed).toEqual({ status: 'refunded', refund_from: 'none' });
    await problem(
      await call(`/v1/rider/shipments/${shipmentId}/out-for-delivery`, { method: 'POST', token: rider }),
      409,
      'invalid_transition',
    );
    const bad = await problem(
      await call(`/v1/rider/shipments/${shipmentId}/failed-attempt`, { method: 'POST', token: rider, json: { reason: 'rain' } }),
      400,
      'validation_failed',
    );
    expect((bad.errors as { path: string }[])[0].path).toBe('reason');
  });

  it("rider B can neither see nor move rider A's shipment", async () => {
    const { vendorOrderId, shipmentId } = await confirmedOrder('usr_shipf', home('usr_shipf'));
    await assign(shipmentId, 'usr_ridera');
    await vendorReady(vendorOrderId);
    const riderB = await riderToken('usr_riderb');
    await problem(await call(`/v1/rider/shipments/${shipmentId}`, { token: riderB }), 404, 'not_found');
    await problem(await call(`/v1/rider/shipments/${shipmentId}/pickup`, { method: 'POST', token: riderB }), 404, 'not_found');
    const list = (await (await call('/v1/rider/shipments', { token: riderB })).json()) as { items: Shipment[] };
    expect(list.items.map((s) => s.id)).not.toContain(shipmentId);
    const mine = (await (await call('/v1/rider/shipments', { token: await riderToken('usr_ridera') })).json()) as {
      items: Shipment[];
    };
    expect(mine.items.map((s) => s.id)).toContain(shipmentId);
    // A shopper or a vendor is not a rider.
    await problem(await call('/v1/rider/shipments', { token: await shopperToken() }), 403, 'forbidden');
    await problem(await call('/v1/rider/shipments'), 401, 'unauthenticated');
  });
});

describe('station agent: pickup-station delivery', () => {
  it('receives the parcel, hands it over against the code, and orders marks it delivered', async () => {
    const { orderId, vendorOrderId, shipmentId, token } = await pickedUp(
      'usr_shipg',
      { pickupStationId: LAGOS_STATION },
      'usr_riderc',
    );
    const agent = await agentToken('usr_agenta');
    const received = await call(`/v1/station/shipments/${shipmentId}/receive`, { method: 'POST', token: agent });
    expect(await received.json()).toMatchObject({ status: 'at_station', station: { id: LAGOS_STATION } });

    const code = (await tracking(orderId, token)).shipments[0].collectionCode ?? '';
    await call(`/v1/station/shipments/${shipmentId}/collect`, { method: 'POST', token: agent, json: { method: 'mobile_money' } });
    const handed = await call(`/v1/station/shipments/${shipmentId}/hand-over`, { method: 'POST', token: agent, json: { code } });
    expect(handed.status).toBe(200);
    expect(await handed.json()).toMatchObject({ status: 'delivered' });
    expect(await vendorOrderStatus(vendorOrderId)).toBe('delivered');
  });

  it('an agent of another station cannot see or move the parcel; bad codes are 400 naming the field', async () => {
    const { shipmentId } = await pickedUp('usr_shiph', { pickupStationId: LAGOS_STATION }, 'usr_riderc');
    await postAgent('usr_agentb', ABUJA_STATION);
    const other = await agentToken('usr_agentb');
    await problem(await call(`/v1/station/shipments/${shipmentId}/receive`, { method: 'POST', token: other }), 404, 'not_found');
    const list = (await (await call('/v1/station/shipments', { token: other })).json()) as { items: Shipment[] };
    expect(list.items).toEqual([]);
    const bad = await problem(
      await call(`/v1/station/shipments/${shipmentId}/hand-over`, {
        method: 'POST',
        token: await agentToken('usr_agenta'),
        json: { code: '12ab' },
      }),
      400,
      'validation_failed',
    );
    expect(bad.errors).toEqual([{ path: 'code', message: 'Expected the 6-digit collection code' }]);
  });

  it('sends parcels uncollected after STATION_HOLD_DAYS back to the vendor (cron), refunding the prepaid shopper once', async () => {
    const { vendorOrderId, shipmentId, orderId } = await pickedUp(
      'usr_shipi',
      { pickupStationId: LAGOS_STATION },
      'usr_riderc',
      'wallet',
    );
    await call(`/v1/station/shipments/${shipmentId}/receive`, { method: 'POST', token: await agentToken('usr_agenta') });
    await env.DB.prepare('UPDATE shipments SET at_station_since = ? WHERE id = ?')
      .bind(Date.now() - 8 * 86_400_000, shipmentId)
      .run();
    await exports.default.scheduled();
    await exports.default.scheduled();
    expect(await shipmentStatus(shipmentId)).toBe('returned_to_vendor');
    // The goods and the delivery fee went back to the wallet, once, from the vendor's pending balance.
    expect(await vendorOrderStatus(vendorOrderId)).toBe('refunded');
    const refunds = await env.PAYMENTS_DB.prepare(
      `SELECT e.external_ref AS ref, l.amount FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
         JOIN accounts a ON a.id = l.account_id WHERE e.external_ref = ? AND a.kind = 'shopper_wallet'`,
    )
      .bind(`refund:${vendorOrderId}`)
      .all();
    expect(refunds.results).toEqual([{ ref: `refund:${vendorOrderId}`, amount: CASE_PRICE + 120_000 }]);
    const order = await env.ORDERS_DB.prepare('SELECT status, payment_status FROM orders WHERE id = ?').bind(orderId).first();
    expect(order).toEqual({ status: 'refunded', payment_status: 'refunded' });
  });
});

describe('tracking', () => {
  it("shopper B cannot read shopper A's order tracking", async () => {
    const { orderId } = await confirmedOrder('usr_trackera', home('usr_trackera'));
    await problem(await call(`/v1/orders/${orderId}/tracking`, { token: await shopperToken('usr_trackerb') }), 404, 'not_found');
    await problem(await call(`/v1/orders/${orderId}/tracking`), 401, 'unauthenticated');
    await problem(
      await call('/v1/orders/nope/tracking', { token: await shopperToken('usr_trackera') }),
      400,
      'validation_failed',
    );
  });

  it('public tracking shows status and timeline, and no name, phone, address, user or code', async () => {
    const { orderId, token } = await confirmedOrder('usr_trackerc', { pickupStationId: LAGOS_STATION });
    const own = (await tracking(orderId, token)).shipments[0];
    const res = await call(`/v1/track/${own.trackingCode.toLowerCase()}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      trackingCode: own.trackingCode,
      status: 'awaiting_pickup',
      method: 'station',
      station: { name: 'Ikeja City Mall', city: 'Lagos' },
      timeline: [{ status: 'awaiting_pickup', at: expect.any(String) }],
    });
    for (const secret of ['usr_trackerc', orderId, own.collectionCode ?? 'x', 'adr_', '+234']) expect(text).not.toContain(secret);
    await problem(await call('/v1/track/LA-0000-0000'), 404, 'not_found');
    await problem(await call('/v1/track/hello'), 400, 'validation_failed');
  });
});

describe('order.cancelled', () => {
  it('cancels the parcel of a vendor order whose cancellation arrived before its order.confirmed, and only that one', async () => {
    const { orderId } = await confirmedOrder('usr_shipk', home('usr_shipk'));
    const stored = await env.ORDERS_DB.prepare("SELECT body FROM outbox WHERE type = 'order.confirmed' AND body LIKE ?")
      .bind(`%${orderId}%`)
      .first<{ body: string }>();
    const confirmed = JSON.parse(stored?.body ?? '{}');
    // The same order under new ids, with two vendor orders; the queue hands over the cancellation of the first one first.
    const [vo] = confirmed.data.vendorOrders;
    const late = {
      ...confirmed,
      id: crypto.randomUUID(),
      data: {
        ...confirmed.data,
        orderId: 'ord_outoforder01',
        vendorOrders: [
          { ...vo, vendorOrderId: 'vor_outoforder01' },
          { ...vo, vendorOrderId: 'vor_outoforder02' },
        ],
      },
    };
    const { cancelShipments, createShipments } = await import('../src/domain/create-shipments');
    await cancelShipments(env.DB, {
      ...confirmed,
      id: crypto.randomUUID(),
      type: 'order.cancelled',
      data: { orderId: 'ord_outoforder01', userId: confirmed.data.userId, vendorOrderId: 'vor_outoforder01', reason: 'shopper' },
    });
    expect(await createShipments(env, late)).toBe(2);
    const { results } = await env.DB.prepare(
      'SELECT vendor_order_id AS vo, status FROM shipments WHERE order_id = ? ORDER BY vendor_order_id',
    )
      .bind('ord_outoforder01')
      .all<{ vo: string; status: string }>();
    expect(results).toEqual([
      { vo: 'vor_outoforder01', status: 'cancelled' },
      { vo: 'vor_outoforder02', status: 'awaiting_pickup' },
    ]);
    const timeline = await env.DB.prepare(
      `SELECT t.to_status AS status FROM shipment_transitions t JOIN shipments s ON s.id = t.shipment_id
        WHERE s.vendor_order_id = 'vor_outoforder01' ORDER BY t.created_at, t.id`,
    ).all<{ status: string }>();
    expect(timeline.results.map((t) => t.status)).toEqual(['awaiting_pickup', 'cancelled']);
    // The same cancellation again changes nothing.
    await cancelShipments(env.DB, {
      ...confirmed,
      id: crypto.randomUUID(),
      type: 'order.cancelled',
      data: { orderId: 'ord_outoforder01', userId: confirmed.data.userId, vendorOrderId: 'vor_outoforder01', reason: 'shopper' },
    });
    expect(await eventsNaming('shipment.cancelled', 'vor_outoforder01')).toBe(1);
  });

  it('cancels the shipments still at the vendor', async () => {
    const { orderId, shipmentId, token } = await confirmedOrder('usr_shipj', home('usr_shipj'));
    const res = await orders(`/v1/orders/${orderId}/cancel`, { method: 'POST', token, json: {} });
    expect(res.status).toBeLessThan(300);
    await waitFor(async () => {
      const row = await env.DB.prepare("SELECT 1 AS y FROM shipments WHERE id = ? AND status = 'cancelled'")
        .bind(shipmentId)
        .first();
      return row;
    });
  });
});
