import { describe, expect, it } from 'vitest';
import { call, problem, seedShopper } from './fixtures';

const PREFS = {
  sms: true,
  email: false,
  push: true,
  marketing: false,
  quietHours: { start: 1320, end: 420 },
  utcOffsetMinutes: 180,
};
const SUBSCRIPTION = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
  keys: {
    p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
    auth: 'tBHItJI5svbpez7KI4CCXg',
  },
};

describe('GET /v1/me/notifications', () => {
  it('answers 401 problem+json without a token', async () => {
    await problem(await call('/v1/me/notifications'), 401, 'unauthenticated');
  });

  it('answers 400 naming limit when it is out of range', async () => {
    const { token } = await seedShopper();
    const body = await problem(await call('/v1/me/notifications?limit=500', { token }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });

  it('answers an empty first page to a new user', async () => {
    const { token } = await seedShopper();
    const res = await call('/v1/me/notifications', { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [], nextCursor: null });
  });
});

describe('PUT /v1/me/notification-preferences', () => {
  it('stores the whole document and answers it back', async () => {
    const { token } = await seedShopper();
    const res = await call('/v1/me/notification-preferences', { method: 'PUT', token, json: PREFS });
    expect(res.status).toBe(200);
    expect(await (await call('/v1/me/notification-preferences', { token })).json()).toEqual(PREFS);
  });

  it('answers 400 naming the field for quiet hours past midnight’s last minute and unknown fields', async () => {
    const { token } = await seedShopper();
    const res = await call('/v1/me/notification-preferences', {
      method: 'PUT',
      token,
      json: { ...PREFS, quietHours: { start: 1440, end: 420 }, pager: true },
    });
    const body = await problem(res, 400, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: 'quietHours.start', message: expect.any(String) },
        { path: '(root)', message: expect.stringContaining('pager') },
      ]),
    );
  });
});

describe('push subscriptions', () => {
  it('registers a subscription and removes it; another user cannot remove it', async () => {
    const a = await seedShopper();
    const b = await seedShopper();
    const created = await call('/v1/me/push-subscriptions', { method: 'POST', token: a.token, json: SUBSCRIPTION });
    expect(created.status).toBe(201);
    await problem(
      await call('/v1/me/push-subscriptions', { method: 'DELETE', token: b.token, json: { endpoint: SUBSCRIPTION.endpoint } }),
      404,
      'not_found',
    );
    const removed = await call('/v1/me/push-subscriptions', {
      method: 'DELETE',
      token: a.token,
      json: { endpoint: SUBSCRIPTION.endpoint },
    });
    expect(removed.status).toBe(204);
  });

  it('answers 400 for a plain-http endpoint', async () => {
    const { token } = await seedShopper();
    const body = await problem(
      await call('/v1/me/push-subscriptions', {
        method: 'POST',
        token,
        json: { ...SUBSCRIPTION, endpoint: 'http://example.com/x' },
      }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([{ path: 'endpoint', message: expect.any(String) }]);
  });
});
