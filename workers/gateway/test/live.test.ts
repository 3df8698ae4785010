import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { get } from './helpers';

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
