import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, problem, registerShopper } from './fixtures';

type Shopper = Awaited<ReturnType<typeof registerShopper>>;
let a: Shopper;
let b: Shopper;

beforeAll(async () => {
  a = await registerShopper({ email: 'amina@demo.test' });
  b = await registerShopper({ email: 'baraka@demo.test' });
});

const home = {
  label: 'Home',
  landmark: 'Blue gate after the Total station, Ngong Rd',
  city: 'Nairobi',
  country: 'KE',
  lat: -1.3,
  lng: 36.78,
};

describe('GET /v1/me', () => {
  it('answers the caller’s own account, never cached', async () => {
    const response = await call('/v1/me', { token: a.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.json()).toEqual(a.user);
  });

  it('answers 401 without a token and for a token from another issuer key', async () => {
    await problem(await call('/v1/me'), 401, 'unauthenticated');
    await problem(await call('/v1/me', { headers: { authorization: 'Basic abc' } }), 401, 'invalid_token');
    const wrongAudience = await mintDevToken({ userId: a.user.id, role: 'shopper', audience: 'someone-else' });
    await problem(await call('/v1/me', { token: wrongAudience }), 401, 'invalid_token');
    const expired = await mintDevToken({ userId: a.user.id, role: 'shopper', expiresIn: Math.floor(Date.now() / 1000) - 60 });
    await problem(await call('/v1/me', { token: expired }), 401, 'invalid_token');
  });
});

describe('PATCH /v1/me', () => {
  it('changes name and language and writes user.updated naming the fields', async () => {
    const response = await call('/v1/me', { method: 'PATCH', token: a.accessToken, json: { name: 'Amina W.', language: 'fr' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: a.user.id, name: 'Amina W.', language: 'fr', phone: a.phone });
    const event = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'user.updated' ORDER BY id DESC").first<{
      body: string;
    }>();
    expect(JSON.parse(event?.body ?? '{}').data).toEqual({ userId: a.user.id, fields: ['name', 'language'] });
  });

  it('removes the e-mail with null', async () => {
    const response = await call('/v1/me', { method: 'PATCH', token: b.accessToken, json: { email: null } });
    expect(await response.json()).toMatchObject({ email: null });
    await call('/v1/me', { method: 'PATCH', token: b.accessToken, json: { email: 'baraka@demo.test' } });
  });

  it("answers 409 for another user's e-mail", async () => {
    const body = await problem(
      await call('/v1/me', { method: 'PATCH', token: b.accessToken, json: { email: 'AMINA@demo.test' } }),
      409,
      'conflict',
    );
    expect(body.errors).toEqual([{ path: 'email', message: 'Already registered' }]);
  });

  it.each([
    ['an empty body', {}, '(root)'],
    ['a phone change (needs a code)', { phone: '+254799999999' }, '(root)'],
    ['a role change', { role: 'admin' }, '(root)'],
    ['an unsupported language', { language: 'xx' }, 'language'],
  ])('answers 400 for %s', async (_, json, path) => {
    const body = await problem(await call('/v1/me', { method: 'PATCH', token: a.accessToken, json }), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 401 without a token', async () => {
    await problem(await call('/v1/me', { method: 'PATCH', json: { name: 'X' } }), 401, 'unauthenticated');
  });
});

describe('/v1/me/addresses', () => {
  it('adds, lists, reads and deletes an address', async () => {
    const created = await call('/v1/me/addresses', { method: 'POST', token: a.accessToken, json: home });
    expect(created.status).toBe(201);
    const address = (await created.json()) as { id: string };
    expect(address).toEqual({
      id: expect.stringMatching(/^adr_/),
      label: 'Home',
      landmark: home.landmark,
      city: 'Nairobi',
      country: 'KE',
      location: { lat: -1.3, lng: 36.78 },
      pickupStationId: null,
      createdAt: expect.any(String),
      isDefault: false,
    });
    const pickup = await call('/v1/me/addresses', {
      method: 'POST',
      token: a.accessToken,
      json: { landmark: 'Pick-up at Westlands station', city: 'Nairobi', country: 'KE', pickupStationId: 'pks_westlands01' },
    });
    expect(await pickup.json()).toMatchObject({ location: null, pickupStationId: 'pks_westlands01', label: null });
    const list = (await (await call('/v1/me/addresses', { token: a.accessToken })).json()) as { id: string }[];
    expect(list.map((x) => x.id)).toContain(address.id);
    expect((await call(`/v1/me/addresses/${address.id}`, { token: a.accessToken })).status).toBe(200);
    expect((await call(`/v1/me/addresses/${address.id}`, { method: 'DELETE', token: a.accessToken })).status).toBe(204);
    await problem(await call(`/v1/me/addresses/${address.id}`, { token: a.accessToken }), 404, 'not_found');
  });

  it("answers 404 when shopper B reads or deletes shopper A's address, and never lists it", async () => {
    const address = (await (await call('/v1/me/addresses', { method: 'POST', token: a.accessToken, json: home })).json()) as {
      id: string;
    };
    await problem(await call(`/v1/me/addresses/${address.id}`, { token: b.accessToken }), 404, 'not_found');
    await problem(await call(`/v1/me/addresses/${address.id}`, { method: 'DELETE', token: b.accessToken }), 404, 'not_found');
    const listB = (await (await call('/v1/me/addresses', { token: b.accessToken })).json()) as { id: string }[];
    expect(listB.map((x) => x.id)).not.toContain(address.id);
    // Still there for its owner.
    expect((await call(`/v1/me/addresses/${address.id}`, { token: a.accessToken })).status).toBe(200);
  });

  it.each([
    ['a missing landmark', { city: 'Nairobi', country: 'KE' }, 'landmark'],
    ['a lowercase country', { ...home, country: 'ke' }, 'country'],
    ['a latitude out of range', { ...home, lat: 91 }, 'lat'],
    ['lat without lng', { landmark: 'Near the mosque', city: 'Mombasa', country: 'KE', lat: -4 }, 'lat'],
    ['an unknown field', { ...home, isDefault: true }, '(root)'],
  ])('answers 400 naming the field for %s', async (_, json, path) => {
    const body = await problem(
      await call('/v1/me/addresses', { method: 'POST', token: a.accessToken, json }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 400 for a malformed address id and 401 without a token', async () => {
    await problem(await call('/v1/me/addresses/not-an-id', { token: a.accessToken }), 400, 'validation_failed');
    await problem(await call('/v1/me/addresses'), 401, 'unauthenticated');
  });

  it('adds once when the same Idempotency-Key is replayed', async () => {
    const headers = { 'idempotency-key': 'addr-replay-0001' };
    const first = await call('/v1/me/addresses', { method: 'POST', token: b.accessToken, headers, json: home });
    const replay = await call('/v1/me/addresses', { method: 'POST', token: b.accessToken, headers, json: home });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
  });

  it('refuses more than 20 addresses with 409', async () => {
    const c = await registerShopper();
    for (let i = 0; i < 20; i++) {
      expect((await call('/v1/me/addresses', { method: 'POST', token: c.accessToken, json: home })).status).toBe(201);
    }
    await problem(await call('/v1/me/addresses', { method: 'POST', token: c.accessToken, json: home }), 409, 'conflict');
  });

  it('answers 404 problem+json, not a 500, for a valid token whose account does not exist', async () => {
    const ghost = await mintDevToken({ userId: 'usr_01ghost000000000000000000', role: 'shopper' });
    await problem(await call('/v1/me/addresses', { method: 'POST', token: ghost, json: home }), 404, 'not_found');
  });
});
