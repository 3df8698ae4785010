import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { GUEST_CARTS_PER_ADDRESS_PER_HOUR, pruneGuestCartQuota } from '../src/cart/guest-cart-quota';
import { call, problem, shopperToken } from './fixtures';

const newGuestCart = (ip: string) => call('/v1/carts', { method: 'POST', headers: { 'cf-connecting-ip': ip } });

describe('guest carts per client address', () => {
  it('answers 429 with Retry-After once an address has opened its hourly quota of guest carts, and other addresses and signed-in shoppers carry on', async () => {
    const ip = '203.0.113.40';
    const statuses = await Promise.all(
      Array.from({ length: GUEST_CARTS_PER_ADDRESS_PER_HOUR }, () => newGuestCart(ip).then((r) => r.status)),
    );
    expect(statuses).toEqual(Array(GUEST_CARTS_PER_ADDRESS_PER_HOUR).fill(201));

    const refused = await newGuestCart(ip);
    expect((await problem(refused, 429, 'rate_limited')).detail).toBe(
      'Too many new carts from this address; use the cart you have, or sign in',
    );
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);

    expect((await newGuestCart('203.0.113.41')).status).toBe(201);
    const signedIn = await call('/v1/carts', {
      method: 'POST',
      token: await shopperToken('usr_quotashopper'),
      headers: { 'cf-connecting-ip': ip },
    });
    expect(signedIn.status).toBeLessThan(300);
  });

  it('forgets the counts of past hours', async () => {
    await pruneGuestCartQuota(env.DB, Date.now() + 2 * 3_600_000);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM guest_cart_quota').first<number>('n')).toBe(0);
  });
});
