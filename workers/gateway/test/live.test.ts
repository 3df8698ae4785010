import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { get, problem } from './helpers';

/** Opens a socket through the gateway and checks the hub answers on it (ping → pong). */
async function pingPong(response: Response) {
  expect(response.status).toBe(101);
  const socket = response.webSocket;
  if (!socket) throw new Error('the 101 answer lost its WebSocket');
  socket.accept();
  const pong = new Promise<string>((resolve) => socket.addEventListener('message', (e) => resolve(String(e.data))));
  socket.send('ping');
  expect(await pong).toBe('pong');
  socket.close(1000, 'done');
}

describe('live sockets through the gateway', () => {
  it('an API client opens its socket with its bearer token', async () => {
    const token = await mintDevToken({ userId: 'usr_liveapi', role: 'shopper' });
    await pingPong(await get('/v1/me/live', { headers: { authorization: `Bearer ${token}`, upgrade: 'websocket' } }));
  });

  it('a page opens its socket with the session cookie, and another site cannot', async () => {
    const token = await mintDevToken({ userId: 'usr_livepage', role: 'shopper' });
    const headers = { cookie: `la_at=${token}`, upgrade: 'websocket' };
    await pingPong(await get('/live', { headers: { ...headers, origin: 'http://localhost:8787' } }));
    expect((await get('/live', { headers: { ...headers, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await get('/live', { headers: { upgrade: 'websocket' } })).status).toBe(401);
    const tab = await get('/live', { headers: { cookie: `la_at=${token}`, accept: 'text/html' } });
    expect(tab.status).toBe(404);
    expect(tab.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it("the vendor app's socket joins its shop's hub only for a vendor", async () => {
    const shopper = await mintDevToken({ userId: 'usr_liveshopper', role: 'shopper' });
    const refused = await get('/vendor/live', { headers: { cookie: `la_at=${shopper}`, upgrade: 'websocket' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe("the shop's live and push scripts and the page's push subscription", () => {
  const ORIGIN = 'http://localhost:8787';
  const SUBSCRIPTION = {
    endpoint: 'https://push.example.com/gw/page-browser',
    keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) },
  };
  const post = (init: { cookie?: string; origin?: string; json: unknown; method?: string }) =>
    get('/account/push-subscriptions', {
      method: init.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.origin ? { origin: init.origin } : {}),
      },
      body: JSON.stringify(init.json),
    });

  it('serves the scripts as JavaScript, the service worker uncached at the root', async () => {
    for (const path of ['/live.js', '/push.js', '/push-sw.js']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await res.text()).length).toBeGreaterThan(100);
    }
    expect((await get('/push-sw.js')).headers.get('cache-control')).toBe('no-cache');
    const key = await get('/v1/push/key');
    expect(key.status).toBe(200);
    expect(await key.json()).toEqual({ publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/) });
  });

  it('registers and removes the signed-in shopper’s subscription from the page, same origin only', async () => {
    const token = await mintDevToken({ userId: 'usr_pushpage', role: 'shopper' });
    const cookie = `la_at=${token}`;
    const created = await post({ cookie, origin: ORIGIN, json: SUBSCRIPTION });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: expect.any(String),
      endpoint: SUBSCRIPTION.endpoint,
      createdAt: expect.any(String),
    });
    const removed = await post({ cookie, origin: ORIGIN, method: 'DELETE', json: { endpoint: SUBSCRIPTION.endpoint } });
    expect(removed.status).toBe(204);
    await problem(await post({ cookie, origin: 'https://evil.example', json: SUBSCRIPTION }), 403, 'forbidden');
    await problem(await post({ cookie, json: SUBSCRIPTION }), 403, 'forbidden');
    await problem(await post({ origin: ORIGIN, json: SUBSCRIPTION }), 401, 'unauthenticated');
    const bad = await problem(
      await post({ cookie, origin: ORIGIN, json: { ...SUBSCRIPTION, endpoint: 'http://push.example.com/x' } }),
      400,
      'validation_failed',
    );
    expect(bad.errors).toEqual([{ path: 'endpoint', message: expect.any(String) }]);
  });

  it('shows the console’s message report to an admin, and refuses a bad range with 400', async () => {
    const admin = await mintDevToken({ userId: 'usr_msgadmin', role: 'admin' });
    const page = await get('/admin/messages?from=2026-01-01&to=2026-01-31', { headers: { cookie: `la_at=${admin}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Messages and their cost');
    expect(html).toContain('No messages in this period.');
    const bad = await get('/admin/messages?from=2026-02-01&to=2026-01-01', { headers: { cookie: `la_at=${admin}` } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('(to)');
    const shopper = await mintDevToken({ userId: 'usr_msgshopper', role: 'shopper' });
    expect((await get('/admin/messages', { headers: { cookie: `la_at=${shopper}` } })).status).toBe(403);
  });
});
