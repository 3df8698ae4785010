import { env } from 'cloudflare:test';
import { ShipmentOutForDelivery } from '@linked-all/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { resendCollectionCode } from '../src/domain/code-resend';
import { findOwnOrder } from '../src/domain/projection';
import { event, orderConfirmed, seedShopper, seedVendor, smsTo, until } from './fixtures';
import { inboundSms, type Shopper, smsArrived, ussd, type Vendor } from './preamble';

// SMS `ACCEPT <code>` (vendors) and `RESEND <code>` / the USSD resend (shoppers) against the real
// orders and logistics workers, through Africa's Talking's inbound callbacks as it sends them.

const lastSms = async (phone: string) => (await smsTo(phone)).at(-1)?.body;
let serial = 0;
const nextId = () => `ATXid_${Date.now().toString(36)}${++serial}`;

/** A confirmed order: in orders' D1 (what accept moves) and, through the real queue, in our projection. */
async function confirmedOrder(shopperId: string, vendorId: string) {
  const confirmed = orderConfirmed(shopperId, vendorId);
  const { orderId } = confirmed.data;
  const vendorOrderId = confirmed.data.vendorOrders[0]?.vendorOrderId ?? '';
  const now = Date.now();
  const db = env.ORDERS_DB;
  await db.batch([
    db
      .prepare(
        `INSERT INTO orders (id, user_id, status, currency, subtotal, total, payment_method, payment_status,
                             shipping_address_id, cart_id, idempotency_key, request_hash, workflow_instance_id, created_at, updated_at)
         VALUES (?, ?, 'confirmed', 'KES', 450000, 450000, 'wallet', 'captured', 'adr_home0001', ?, ?, 'hash', ?, ?, ?)`,
      )
      .bind(orderId, shopperId, `crt_${orderId}`, `key-${orderId}`, `wf-${orderId}`, now, now),
    db
      .prepare(
        `INSERT INTO vendor_orders (id, order_id, vendor_id, status, currency, subtotal, confirmed_at, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', 'KES', 450000, ?, ?, ?)`,
      )
      .bind(vendorOrderId, orderId, vendorId, now, now, now),
  ]);
  await env.TEST_NOTIFICATION_EVENTS.send(confirmed);
  await until(
    'the order in the projection',
    () => env.DB.prepare('SELECT 1 AS ok FROM order_views WHERE vendor_order_id = ?').bind(vendorOrderId).first(),
    (row) => row !== null,
  );
  return { orderId, vendorOrderId, code: vendorOrderId.slice(-8).toUpperCase(), ref: orderId.slice(-8).toUpperCase() };
}

const vendorOrderStatus = (id: string) =>
  env.ORDERS_DB.prepare('SELECT status FROM vendor_orders WHERE id = ?').bind(id).first<string>('status');

/** A member of the shop's staff in identity, with their own phone. */
async function seedStaff(vendorId: string, role: 'manager' | 'orders' | 'catalog') {
  const member = await seedShopper('en');
  await env.IDENTITY_DB.batch([
    env.IDENTITY_DB.prepare("UPDATE users SET role = 'vendor', vendor_id = ? WHERE id = ?").bind(vendorId, member.userId),
    env.IDENTITY_DB.prepare('INSERT INTO vendor_staff (vendor_id, user_id, role, created_at) VALUES (?, ?, ?, ?)').bind(
      vendorId,
      member.userId,
      role,
      Date.now(),
    ),
  ]);
  return member;
}

describe('SMS ACCEPT <code>', () => {
  let shopper: Shopper;
  let vendor: Vendor;
  let otherVendor: Vendor;

  beforeAll(async () => {
    shopper = await seedShopper('en');
    vendor = await seedVendor();
    otherVendor = await seedVendor();
  });

  it('accepts the owner’s order as the vendor app does, and says so once when the same message comes again', async () => {
    const order = await confirmedOrder(shopper.userId, vendor.vendorId);
    const id = nextId();
    expect((await inboundSms(vendor.phone, `accept ${order.code.toLowerCase()}`, id)).status).toBe(200);
    expect(await vendorOrderStatus(order.vendorOrderId)).toBe('accepted');
    expect(await lastSms(vendor.phone)).toBe(`Linked All: order ${order.code} accepted. Please prepare it for pickup.`);
    const transitions = () =>
      env.ORDERS_DB.prepare("SELECT count(*) AS n FROM order_transitions WHERE vendor_order_id = ? AND to_status = 'accepted'")
        .bind(order.vendorOrderId)
        .first<number>('n');
    expect(await transitions()).toBe(1);

    // Africa's Talking retries the callback with the same message id: one move, one reply.
    const before = (await smsTo(vendor.phone)).length;
    await inboundSms(vendor.phone, `ACCEPT ${order.code}`, id);
    expect(await transitions()).toBe(1);
    expect(await smsTo(vendor.phone)).toHaveLength(before);

    // A new message for the same order: already accepted.
    await inboundSms(vendor.phone, `ACCEPT ${order.code}`, nextId());
    expect(await lastSms(vendor.phone)).toBe(`Linked All: order ${order.code} was already accepted.`);
    expect(await transitions()).toBe(1);
  });

  it('lets a staff member whose role has the orders permission accept', async () => {
    const order = await confirmedOrder(shopper.userId, vendor.vendorId);
    const clerk = await seedStaff(vendor.vendorId, 'orders');
    await inboundSms(clerk.phone, `ACCEPT ${order.code}`, nextId());
    expect(await vendorOrderStatus(order.vendorOrderId)).toBe('accepted');
    expect(await lastSms(clerk.phone)).toBe(`Linked All: order ${order.code} accepted. Please prepare it for pickup.`);
  });

  it('refuses a staff member without the orders permission, and a shopper, before looking at the code', async () => {
    const order = await confirmedOrder(shopper.userId, vendor.vendorId);
    const cataloguer = await seedStaff(vendor.vendorId, 'catalog');
    const refusal = 'Linked All: this phone may not accept orders. Ask the shop owner for the orders role.';
    await inboundSms(cataloguer.phone, `ACCEPT ${order.code}`, nextId());
    expect(await lastSms(cataloguer.phone)).toBe(refusal);
    await inboundSms(shopper.phone, `ACCEPT ${order.code}`, nextId());
    expect(await lastSms(shopper.phone)).toBe(refusal);
    expect(await vendorOrderStatus(order.vendorOrderId)).toBe('pending');
  });

  it('tells another shop’s owner the order is not theirs and leaves it alone', async () => {
    const order = await confirmedOrder(shopper.userId, vendor.vendorId);
    await inboundSms(otherVendor.phone, `ACCEPT ${order.code}`, nextId());
    expect(await lastSms(otherVendor.phone)).toBe(`Linked All: order ${order.code} is not an order of your shop.`);
    expect(await vendorOrderStatus(order.vendorOrderId)).toBe('pending');
  });

  it('answers an unknown code', async () => {
    await inboundSms(vendor.phone, 'ACCEPT ZZZZ9999', nextId());
    expect(await lastSms(vendor.phone)).toBe("Linked All: no order ZZZZ9999. Send ORDERS to see today's order codes.");
    await inboundSms(vendor.phone, 'ACCEPT not-a-code', nextId());
    expect(await lastSms(vendor.phone)).toBe("Linked All: no order NOT-A-CODE. Send ORDERS to see today's order codes.");
  });
});

/**
 * A new shopper's order out for delivery: its shipment in logistics' D1 and, through the real
 * shipment-events queue, in our projection; answers the collection code logistics shows.
 */
async function parcelOutForDelivery(shopper: Shopper, vendor: Vendor, trackingCode: string) {
  const order = await confirmedOrder(shopper.userId, vendor.vendorId);
  const shipmentId = `shp_${order.vendorOrderId.slice(4)}`;
  const now = Date.now();
  await env.LOGISTICS_DB.prepare(
    `INSERT INTO shipments (id, tracking_code, order_id, vendor_order_id, vendor_id, user_id, method, shipping_address_id,
                            status, payment_method, cod_amount, currency, code_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'home', 'adr_home0001', 'out_for_delivery', 'wallet', 0, 'KES', 'unused', ?, ?)`,
  )
    .bind(shipmentId, trackingCode, order.orderId, order.vendorOrderId, vendor.vendorId, shopper.userId, now, now)
    .run();
  // The move as logistics publishes it: our projection learns the status and tracking code.
  await env.TEST_SHIPMENT_EVENTS.send(
    event(ShipmentOutForDelivery, {
      shipmentId,
      trackingCode,
      orderId: order.orderId,
      vendorOrderId: order.vendorOrderId,
      vendorId: vendor.vendorId,
      userId: shopper.userId,
      from: 'picked_up',
      actor: 'usr_rider1',
    }),
  );
  await until(
    'the shipment in the projection',
    () => env.DB.prepare('SELECT tracking_code FROM order_views WHERE vendor_order_id = ?').bind(order.vendorOrderId).first(),
    (row) => row?.tracking_code === trackingCode,
  );
  // The out-for-delivery SMS went out; the tests read what comes after it.
  await smsArrived(shopper.phone, 'the out-for-delivery SMS', 2);
  // The code logistics' tracking page shows: HMAC-SHA256(secret, "collection:<shipment id>"), 6 digits.
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode('linkedall_dev_collection_code_secret'),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new DataView(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`collection:${shipmentId}`)));
  return { order, code: String(mac.getUint32(0) % 1_000_000).padStart(6, '0') };
}

describe('collection code resend (SMS RESEND, USSD)', () => {
  let shopper: Shopper;
  let stranger: Shopper;
  let vendor: Vendor;
  let order: Awaited<ReturnType<typeof confirmedOrder>>;
  const TRACKING = 'LA-R3SN-D0K1';
  let code: string;

  beforeAll(async () => {
    shopper = await seedShopper('en');
    stranger = await seedShopper('en');
    vendor = await seedVendor();
    ({ order, code } = await parcelOutForDelivery(shopper, vendor, TRACKING));
  });

  const codeSms = () =>
    `Linked All: your collection code for order ${order.ref} is ${code}. Tracking ${TRACKING}. Show it only at pickup.`;

  it('sends the shopper their own order’s collection code by SMS, once per inbound message', async () => {
    const id = nextId();
    await inboundSms(shopper.phone, `RESEND ${TRACKING}`, id);
    expect(await lastSms(shopper.phone)).toBe(codeSms());
    const count = (await smsTo(shopper.phone)).length;
    await inboundSms(shopper.phone, `RESEND ${TRACKING}`, id);
    expect(await smsTo(shopper.phone)).toHaveLength(count);
  });

  it('offers the resend in the USSD order menu and sends the code', async () => {
    const list = await (await ussd(shopper.phone, '1', 'ATUid_r1')).text();
    expect(list).toBe(`CON Your last orders:\n1. ${order.ref} out for delivery`);
    expect(await (await ussd(shopper.phone, '1*1', 'ATUid_r1')).text()).toBe(
      `CON Order ${order.ref}: out for delivery. Tracking ${TRACKING}.\n1. Resend collection code`,
    );
    expect(await (await ussd(shopper.phone, '1*1*1', 'ATUid_r1')).text()).toBe('END Your collection code was sent by SMS.');
    expect(await lastSms(shopper.phone)).toBe(codeSms());
  });

  it('never sends someone else’s code: another phone hears there is no such order', async () => {
    await inboundSms(stranger.phone, `RESEND ${TRACKING}`, nextId());
    await inboundSms(stranger.phone, `RESEND ${order.ref}`, nextId());
    const bodies = (await smsTo(stranger.phone)).map((s) => s.body);
    expect(bodies).toEqual([
      `Linked All: no order ${TRACKING} for this phone number.`,
      `Linked All: no order ${order.ref} for this phone number.`,
    ]);
    expect(bodies.join(' ')).not.toContain(code);
  });

  it('sends a parcel’s code at most 3 times an hour, then says to try later', async () => {
    // Two resends so far (SMS, USSD): one more goes, the fourth is refused.
    await inboundSms(shopper.phone, `RESEND ${order.ref}`, nextId());
    expect(await lastSms(shopper.phone)).toBe(codeSms());
    await inboundSms(shopper.phone, `RESEND ${order.ref}`, nextId());
    expect(await lastSms(shopper.phone)).toBe(
      `Linked All: the collection code of order ${order.ref} was sent 3 times this hour. Try again later.`,
    );
    expect(await (await ussd(shopper.phone, '1*1*1', 'ATUid_r2')).text()).toBe(
      'END The code was sent too often. Try again in an hour.',
    );
    expect((await smsTo(shopper.phone)).filter((s) => s.body === codeSms())).toHaveLength(3);
  });

  it('sends no fourth code when many resends of one parcel race (the limit is read by the insert itself)', async () => {
    const racer = await seedShopper('en');
    const parcel = await parcelOutForDelivery(racer, vendor, 'LA-R4CE-5END');
    const caller = { userId: racer.userId, phone: racer.phone, language: 'en' };
    const view = await findOwnOrder(env.DB, racer.userId, parcel.order.ref);
    if (!view) throw new Error('the raced order is not in the projection');
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => resendCollectionCode(env, caller, view, `race-${i}`)));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'limited')).toHaveLength(3);
    expect((await smsTo(racer.phone)).filter((s) => s.body.includes(`is ${parcel.code}.`))).toHaveLength(3);
  });
});
