import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { call, orderConfirmed, problem, seedShopper, seedVendor, smsTo, until } from './fixtures';

/** An open page's socket and what it received so far. */
async function openPage(path: string, token: string) {
  const response = await call(path, { token, headers: { upgrade: 'websocket' } });
  expect(response.status).toBe(101);
  const socket = response.webSocket;
  if (!socket) throw new Error('no WebSocket in the 101 answer');
  socket.accept();
  const received: { message: Record<string, unknown> }[] = [];
  socket.addEventListener('message', (e) => received.push({ message: JSON.parse(String(e.data)) }));
  return { socket, received };
}

describe('live updates to open pages (WebSocket hub per user and per shop)', () => {
  it('refuses a plain request with 426 and an anonymous one with 401, as problem+json', async () => {
    const shopper = await seedShopper('en');
    await problem(await call('/v1/me/live', { token: shopper.token }), 426, 'upgrade_required');
    await problem(await call('/v1/me/live', { headers: { upgrade: 'websocket' } }), 401, 'unauthenticated');
    await problem(await call('/v1/vendor/live', { token: shopper.token, headers: { upgrade: 'websocket' } }), 403, 'forbidden');
  });

  it("an order change reaches the buyer's and the shop's open pages, and nobody else's", async () => {
    const shopper = await seedShopper('en');
    const stranger = await seedShopper('en');
    const vendor = await seedVendor();
    const vendorToken = await mintDevToken({ userId: vendor.userId, role: 'vendor', vendorId: vendor.vendorId });
    const buyerPage = await openPage('/v1/me/live', shopper.token);
    const shopPage = await openPage('/v1/vendor/live', vendorToken);
    const strangerPage = await openPage('/v1/me/live', stranger.token);

    const confirmed = orderConfirmed(shopper.userId, vendor.vendorId);
    await env.TEST_NOTIFICATION_EVENTS.send(confirmed);
    await until(
      'the live update',
      async () => buyerPage.received,
      (r) => r.some((m) => m.message.kind === 'order'),
    );
    const update = buyerPage.received.find((m) => m.message.kind === 'order');
    expect(update?.message).toMatchObject({ kind: 'order', event: 'order.confirmed', orderId: confirmed.data.orderId });
    await until(
      "the shop's live update",
      async () => shopPage.received,
      (r) => r.length > 0,
    );
    expect(shopPage.received[0]?.message).toMatchObject({ kind: 'order', orderId: confirmed.data.orderId });

    // The buyer's page is open, so "order confirmed" reached it live and no SMS was paid for.
    await until(
      'the live notification',
      async () => buyerPage.received,
      (r) => r.some((m) => m.message.kind === 'notification'),
    );
    expect(buyerPage.received.find((m) => m.message.kind === 'notification')?.message.body).toMatch(/^Linked All: order /);
    expect(await smsTo(shopper.phone)).toEqual([]);
    expect(strangerPage.received).toEqual([]);
    for (const page of [buyerPage, shopPage, strangerPage]) page.socket.close(1000, 'done');
  });

  it('keeps the hub present while a page is open, and absent once the last one closes', async () => {
    const shopper = await seedShopper('en');
    const present = () =>
      env.DB.prepare('SELECT COUNT(*) AS n FROM live_presence WHERE hub = ?').bind(`user:${shopper.userId}`).first<number>('n');
    expect(await present()).toBe(0);
    const first = await openPage('/v1/me/live', shopper.token);
    const second = await openPage('/v1/me/live', shopper.token);
    expect(await present()).toBe(1);
    first.socket.close(1000, 'done');
    // One page still open: still present, and an order change still reaches it.
    await new Promise((r) => setTimeout(r, 300));
    expect(await present()).toBe(1);
    second.socket.close(1000, 'done');
    await until('the hub to be absent', present, (n) => n === 0);
    // Nobody looking: the message skips the live channel and goes by SMS.
    await env.TEST_NOTIFICATION_EVENTS.send(orderConfirmed(shopper.userId, (await seedVendor()).vendorId));
    await until(
      'the SMS',
      () => smsTo(shopper.phone),
      (sms) => sms.length === 1,
    );
    expect(second.received.filter((m) => m.message.kind === 'order')).toEqual([]);
  });
});
