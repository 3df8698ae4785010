import { describe, expect, it } from 'vitest';
import { get, problem } from './helpers';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('identity through the gateway', () => {
  it('registers, signs in and reads /v1/me with the token it issued', async () => {
    const registered = await get(
      '/v1/auth/register',
      json({ phone: '+254711000111', password: 'correct horse 1', name: 'Wanjiru' }),
    );
    expect(registered.status).toBe(201);
    const login = await get('/v1/auth/login', json({ phone: '+254711000111', password: 'correct horse 1' }));
    expect(login.status).toBe(200);
    const { accessToken, refreshToken, expiresIn } = (await login.json()) as {
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
    };
    expect(expiresIn).toBe(900);
    expect(refreshToken.length).toBeGreaterThan(30);
    const me = await get('/v1/me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await me.json()).toMatchObject({ phone: '+254711000111', name: 'Wanjiru', role: 'shopper' });
  });

  it('issues tokens every other service trusts: the catalog knows a shopper is not a vendor', async () => {
    await get('/v1/auth/register', json({ phone: '+254711000222', password: 'correct horse 2', name: 'Kofi' }));
    const login = await get('/v1/auth/login', json({ phone: '+254711000222', password: 'correct horse 2' }));
    const { accessToken } = (await login.json()) as { accessToken: string };
    const write = await get('/v1/vendor/products', json({ title: 'x' }, { authorization: `Bearer ${accessToken}` }));
    // 403, not 401: the token verified at the gateway and in the catalog; the role is what is refused.
    await problem(write, 403, 'forbidden');
  });

  it('publishes the public keys at /.well-known/jwks.json', async () => {
    const response = await get('/.well-known/jwks.json');
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const { keys } = JSON.parse(text) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(keys[0]).toMatchObject({ kty: 'EC', kid: expect.any(String) });
    expect(keys.some((k) => 'd' in k)).toBe(false);
  });

  it('gives the same 401 for a wrong password and an unknown phone', async () => {
    await get('/v1/auth/register', json({ phone: '+254711000333', password: 'correct horse 3', name: 'Amina' }));
    const wrong = await get('/v1/auth/login', json({ phone: '+254711000333', password: 'wrong horse 3' }));
    const unknown = await get('/v1/auth/login', json({ phone: '+254711000999', password: 'wrong horse 3' }));
    const code = ((await wrong.clone().json()) as { code: string }).code;
    const a = await problem(wrong, 401, code);
    const b = await problem(unknown, 401, code);
    expect({ ...a, requestId: null, instance: null }).toEqual({ ...b, requestId: null, instance: null });
  });

  it('reports identity in /v1/health', async () => {
    expect(await (await get('/v1/health')).json()).toMatchObject({ services: { identity: { ok: true } } });
  });
});
