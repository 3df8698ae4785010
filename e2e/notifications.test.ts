// Notifications end to end, through the gateway of the real dev stack: a French-speaking shopper
// checks out (pay on delivery, to a pickup station); orders' outbox relay fans order.confirmed out
// to notification-events, the notifications worker asks identity for both phones, and the SMS
// sandbox holds "commande … confirmée" for the shopper and "new order" for the vendor — once each;
// the vendor then accepts the order by SMS (ACCEPT <code>).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Json, until } from './client';
import { type Stack, sharedStack } from './stack';

let stack: Stack;

// The stack's seed and start take minutes when the shared machine is busy (the 180 s default ran out once).
beforeAll(async () => {
  stack = await sharedStack();
}, 420_000);
afterAll(async () => {
  await stack?.stop();
});

const { ok, login, newShopper } = client(() => stack.baseUrl);

type Sms = { provider: string; body: string };
const smsTo = async (phone: string) => (await ok(`/v1/dev/notifications/sms?phone=${encodeURIComponent(phone)}`)).items as Sms[];

describe('checkout → SMS', { timeout: 180_000 }, () => {
  it('texts the shopper "order confirmed" in French and the vendor "new order", once each', async () => {
    const [shopper, vendor] = await Promise.all([newShopper('sms').then((s) => s.token), login('vendor1@demo.test')]);
    await ok('/v1/me', { method: 'PATCH', token: shopper, json: { language: 'fr' } });
    const shopperPhone = String((await ok('/v1/me', { token: shopper })).phone);
    const vendorPhone = String((await ok('/v1/me', { token: vendor })).phone);

    // vendor1 owns the first active shop (scripts/seed.mjs gives each active shop an owner in order).
    const shop = stack.manifest.vendors.filter((v) => v.status === 'active')[0];
    const listing = await ok(`/v1/products?vendor=${shop.id}&inStock=true&sort=price_asc&limit=5`);
    const product = await ok(`/v1/products/${String(((listing.items as Json[])[0] as Json).id)}`);
    const sku = (product.skus as { id: string; available: number }[]).find((s) => s.available >= 1);
    const station = ((await ok(`/v1/pickup-stations?country=${shop.country}`)).items as { id: string }[])[0];
    const cart = await ok('/v1/carts', { method: 'POST', token: shopper });
    await ok(`/v1/carts/${String(cart.id)}/items`, { method: 'POST', token: shopper, json: { skuId: sku?.id, quantity: 1 } });
    const started = await ok('/v1/checkout', {
      method: 'POST',
      token: shopper,
      headers: { 'idempotency-key': `e2e-notify-${Date.now()}` },
      json: { cartId: cart.id, pickupStationId: station?.id, payment: { method: 'pay_on_delivery', country: shop.country } },
    });
    const ref = String(started.orderId).slice(-8).toUpperCase();

    const confirmed = await until(async () => {
      const sms = (await smsTo(shopperPhone)).filter((s) => s.body.includes(ref));
      return sms.length > 0 ? sms : undefined;
    }, "the shopper's SMS");
    expect(confirmed[0]?.body).toMatch(
      new RegExp(`^Linked All : commande ${ref} confirmée, total .+\\. Nous vous écrirons à son expédition\\.$`),
    );

    // The shop's message names its vendor order.
    const order = await ok(`/v1/orders/${String(started.orderId)}`, { token: shopper });
    const vendorRef = String(((order.vendorOrders as Json[])[0] as Json).id)
      .slice(-8)
      .toUpperCase();
    const newOrder = await until(async () => {
      // This order's only: other files' orders from the same shop text the same vendor.
      const sms = (await smsTo(vendorPhone)).filter(
        (s) => s.body.includes(vendorRef) && /new order|nouvelle commande|oda mpya/.test(s.body),
      );
      return sms.length > 0 ? sms : undefined;
    }, "the vendor's SMS");
    expect(newOrder).toHaveLength(1);

    // The shopper's inbox has it too; a few seconds later still one SMS (no duplicate from a redelivery).
    const inbox = await ok('/v1/me/notifications', { token: shopper });
    expect((inbox.items as { template: string }[]).map((i) => i.template)).toContain('notify.sms.order_confirmed');
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await smsTo(shopperPhone)).filter((s) => s.body.includes(ref))).toHaveLength(1);

    // The vendor, with airtime but no data, texts ACCEPT and the code back to the short code
    // (Africa's Talking's inbound callback through the gateway): the vendor app sees it accepted.
    const vendorOrderId = String(((order.vendorOrders as Json[])[0] as Json).id);
    const inbound = await fetch(`${stack.baseUrl}/v1/sms/inbound/africastalking?token=at_dev_callback_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        from: vendorPhone,
        to: '23456',
        text: `ACCEPT ${vendorRef}`,
        id: `e2e-accept-${Date.now()}`,
        date: '2026-12-04 10:00:00',
      }).toString(),
    });
    expect(inbound.status).toBe(200);
    expect((await ok(`/v1/vendor/orders/${vendorOrderId}`, { token: vendor })).status).toBe('accepted');
    // The reply is in the vendor's language (the seed's or the phone's country's).
    const accepted = await until(async () => {
      const sms = (await smsTo(vendorPhone)).filter(
        (s) => s.body.includes(vendorRef) && /accepted|acceptée|imekubaliwa/.test(s.body),
      );
      return sms.length > 0 ? sms : undefined;
    }, "the vendor's ACCEPT reply");
    expect(accepted).toHaveLength(1);
  });
});
