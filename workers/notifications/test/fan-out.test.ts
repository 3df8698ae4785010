import { env } from 'cloudflare:test';
import { OrderConfirmed, OrderCreated, outboxStatement, relayOutbox } from '@linked-all/events';
import { describe, expect, it } from 'vitest';
import { seedShopper, seedVendor } from './fixtures';
import { smsArrived } from './preamble';

// The producers' side of the design (packages/events relayOutbox): an outbox page goes to the
// producer's own queue, and the events with a notification mapping also to notification-events.
// This worker's D1 has the shared outbox table, so it stands in for orders' here.
describe('outbox fan-out to notification-events', () => {
  it('sends order.confirmed on to notifications and keeps order.created to the producer’s queue', async () => {
    const shopper = await seedShopper('en');
    const vendor = await seedVendor();
    const confirmed = outboxStatement(env.DB, OrderConfirmed, {
      orderId: 'ord_fanout0000000000000001',
      userId: shopper.userId,
      amount: 120_000,
      currency: 'KES',
      paymentMethod: 'pay_on_delivery',
      vendorOrders: [{ vendorOrderId: 'vor_fanout0000000000000001', vendorId: vendor.vendorId, subtotal: 120_000 }],
    });
    const created = outboxStatement(env.DB, OrderCreated, {
      orderId: 'ord_fanout0000000000000001',
      userId: shopper.userId,
      amount: 120_000,
      currency: 'KES',
      paymentMethod: 'pay_on_delivery',
      vendorOrders: [{ vendorOrderId: 'vor_fanout0000000000000001', vendorId: vendor.vendorId, subtotal: 120_000 }],
    });
    await env.DB.batch([created, confirmed]);

    expect(await relayOutbox(env.DB, env.TEST_FANOUT_MAIN, 100, env.TEST_NOTIFICATION_EVENTS)).toBe(2);
    const [sms] = await smsArrived(shopper.phone, 'the shopper’s SMS');
    expect(sms?.body).toMatch(/^Linked All: order 00000001 is confirmed, total /);

    const types = await env.DB.prepare('SELECT type FROM processed_events ORDER BY type').all<{ type: string }>();
    expect(types.results.map((r) => r.type)).not.toContain('order.created');
    const unsent = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').first<number>('n');
    expect(unsent).toBe(0);
  });
});
