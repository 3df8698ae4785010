import { describe, expect, it } from 'vitest';
import { get, problem } from './helpers';

describe('orders through the gateway', () => {
  it('reports orders in /v1/health', async () => {
    expect(await (await get('/v1/health')).json()).toMatchObject({ services: { orders: { ok: true } } });
  });

  it('refuses an anonymous order list with the orders service problem (401), not a gateway 404', async () => {
    await problem(await get('/v1/orders'), 401, 'unauthenticated');
  });
});

describe('carts through the gateway', () => {
  it('creates a guest cart whose cookie alone opens it again, and no one else', async () => {
    const created = await get('/v1/carts', { method: 'POST' });
    expect(created.status).toBe(201);
    const { cartId } = (await created.json()) as { cartId: string };
    const cookie = created.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);

    const again = await get(`/v1/carts/${cartId}`, { headers: { cookie: cookie.split(';')[0] } });
    expect(again.status).toBe(200);
    expect(again.headers.get('cache-control')).toBe('private, no-store');
    expect(await again.json()).toMatchObject({ id: cartId, lines: [] });

    await problem(await get(`/v1/carts/${cartId}`), 404, 'not_found');
  });

  it('allows the cart token header in CORS preflights, for the vendor PWA and API clients', async () => {
    const preflight = await get('/v1/carts', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-cart-token',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-cart-token');
  });
});
