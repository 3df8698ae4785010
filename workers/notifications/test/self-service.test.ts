import { env } from 'cloudflare:test';
import { ShipmentAtStation } from '@linked-all/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_TOKEN, event, form, orderConfirmed, problem, seedShopper, seedVendor, smsTo } from './fixtures';
import { inboundSms, type Shopper, smsArrived, ussd, type Vendor } from './preamble';

const TRACKING = 'LA-7F3K-9QXM';
let shopper: Shopper;
let stranger: Shopper;
let vendor: Vendor;
let ref: string;

// One confirmed order that reached a pickup station: order.confirmed through the fan-out queue,
// shipment.at_station through shipment-events, in that order or the other.
beforeAll(async () => {
  shopper = await seedShopper('en');
  stranger = await seedShopper('en');
  vendor = await seedVendor();
  const confirmed = orderConfirmed(shopper.userId, vendor.vendorId);
  const vendorOrderId = confirmed.data.vendorOrders[0]?.vendorOrderId ?? '';
  ref = confirmed.data.orderId.slice(-8).toUpperCase();
  await env.TEST_SHIPMENT_EVENTS.send(
    event(ShipmentAtStation, {
      shipmentId: 'shp_test0001',
      trackingCode: TRACKING,
      orderId: confirmed.data.orderId,
      vendorOrderId,
      vendorId: vendor.vendorId,
      userId: shopper.userId,
      from: 'in_transit',
      actor: 'usr_rider1',
      pickupStationId: 'pks_ke001nairobi',
    }),
  );
  await env.TEST_NOTIFICATION_EVENTS.send(confirmed);
  await smsArrived(shopper.phone, 'both SMS to the shopper', 2);
});

describe('USSD', () => {
  it('walks the menu: my last orders → one order’s status and tracking code', async () => {
    const menu = await ussd(shopper.phone, '');
    expect(menu.status).toBe(200);
    expect(await menu.text()).toBe('CON Linked All\n1. My last orders\n2. Help');

    const list = await ussd(shopper.phone, '1');
    expect(await list.text()).toBe(`CON Your last orders:\n1. ${ref} at the pickup station`);

    const detail = await ussd(shopper.phone, '1*1');
    expect(await detail.text()).toBe(`CON Order ${ref}: at the pickup station. Tracking ${TRACKING}.\n1. Resend collection code`);
  });

  it('shows another phone only its own (empty) orders, and an unknown phone nothing', async () => {
    expect(await (await ussd(stranger.phone, '1')).text()).toBe('END You have no orders yet.');
    expect(await (await ussd(stranger.phone, '1*1')).text()).toBe('END Invalid choice. Please dial again.');
    // No account, so no language of its own: Kenya's (+254) is Swahili.
    expect(await (await ussd('+254799999999', '1')).text()).toBe('END Nambari hii haina akaunti ya Linked All.');
  });

  it('answers 401 problem+json to a callback without the right token', async () => {
    await problem(await ussd(shopper.phone, '1', 'ATUid_1', 'wrong'), 401, 'unauthenticated');
  });

  it('answers 400 naming the field when the phone number is not E.164', async () => {
    const body = await problem(await ussd('0712345678', '1'), 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'phoneNumber', message: 'Expected an E.164 phone number like +254700000001' }]);
  });

  it('answers 400 for an unknown provider', async () => {
    const res = await form(`/v1/ussd/hackers?token=${CALLBACK_TOKEN}`, {
      sessionId: 's',
      serviceCode: '*1#',
      phoneNumber: shopper.phone,
      text: '',
    });
    const body = await problem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'provider', message: expect.any(String) }]);
  });
});

describe('SMS STATUS and ORDERS', () => {
  it('answers STATUS <tracking code> by SMS to the owner of the order', async () => {
    const res = await inboundSms(shopper.phone, `status ${TRACKING.toLowerCase()}`, 'in_1');
    expect(res.status).toBe(200);
    const all = await smsTo(shopper.phone);
    expect(all.at(-1)?.body).toBe(`Linked All: order ${ref} is at the pickup station. Tracking ${TRACKING}.`);
  });

  it('tells another phone there is no such order, and replies once per inbound message', async () => {
    await inboundSms(stranger.phone, `STATUS ${TRACKING}`, 'in_2');
    await inboundSms(stranger.phone, `STATUS ${TRACKING}`, 'in_2');
    const all = await smsTo(stranger.phone);
    expect(all.map((s) => s.body)).toEqual([`Linked All: no order ${TRACKING} for this phone number.`]);
  });

  it('lists a vendor’s new orders of today on ORDERS', async () => {
    await inboundSms(vendor.phone, 'ORDERS', 'in_3');
    const all = await smsTo(vendor.phone);
    expect(all.at(-1)?.body).toMatch(/^Linked All: 1 new order today: [0-9A-Z]{8}$/);
  });
});

describe('delivery reports', () => {
  it('records an Africa’s Talking report once and sets the delivery’s state', async () => {
    const [sms] = await smsTo(shopper.phone);
    const report = { id: sms?.id ?? '', status: 'Success', phoneNumber: shopper.phone, networkCode: '63902', retryCount: '0' };
    const res = await form(`/v1/sms/delivery-reports/africastalking?token=${CALLBACK_TOKEN}`, report);
    expect(await res.json()).toEqual({ ok: true, matched: true });
    await form(`/v1/sms/delivery-reports/africastalking?token=${CALLBACK_TOKEN}`, report);
    const rows = await env.DB.prepare('SELECT status FROM delivery_reports WHERE provider_message_id = ?').bind(report.id).all();
    expect(rows.results).toEqual([{ status: 'Success' }]);
    const delivery = await env.DB.prepare('SELECT delivery_status FROM deliveries WHERE provider_message_id = ?')
      .bind(report.id)
      .first();
    expect(delivery).toEqual({ delivery_status: 'Success' });
  });

  it('refuses a report without the callback token', async () => {
    await problem(
      await form('/v1/sms/delivery-reports/africastalking', { id: 'x', status: 'Success', phoneNumber: shopper.phone }),
      400,
      'validation_failed',
    );
  });
});
