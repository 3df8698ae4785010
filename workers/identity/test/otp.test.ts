import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { call, newPhone, problem, type Tokens } from './fixtures';

let ipCounter = 0;
/** Each test its own client IP, so the per-IP limit of one test never spends another's. */
const newIp = () => `198.51.100.${++ipCounter}`;

function otp(route: 'request' | 'verify', json: unknown, ip: string) {
  return call(`/v1/auth/otp/${route}`, { method: 'POST', json, headers: { 'cf-connecting-ip': ip } });
}

async function registerPasswordless(language = 'en') {
  const phone = newPhone();
  const response = await call('/v1/auth/register', { method: 'POST', json: { phone, name: 'Otieno', language } });
  const { user } = (await response.json()) as { user: { id: string } };
  return { phone, userId: user.id };
}

async function lastCode(phone: string): Promise<string> {
  const messages = (await (await call(`/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).json()) as { body: string }[];
  const code = /\b(\d{6})\b/.exec(messages[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

describe('POST /v1/auth/otp/request and /verify', () => {
  it('sends a 6-digit code in the user’s language and signs in with it once', async () => {
    const ip = newIp();
    const { phone, userId } = await registerPasswordless('sw');
    const requested = await otp('request', { phone }, ip);
    expect(requested.status).toBe(202);
    expect(await requested.json()).toEqual({ expiresIn: 300 });
    const messages = (await (await call(`/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).json()) as { body: string }[];
    expect(messages[0].body).toMatch(/^Nambari yako ya Linked All ni \d{6}\./);
    const code = await lastCode(phone);
    const stored = await env.DB.prepare('SELECT code_hash FROM otp_codes WHERE phone = ?')
      .bind(phone)
      .first<{ code_hash: string }>();
    expect(stored?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.code_hash).not.toContain(code);

    const verified = await otp('verify', { phone, code }, ip);
    expect(verified.status).toBe(200);
    const tokens = (await verified.json()) as Tokens;
    expect(await (await call('/v1/me', { token: tokens.accessToken })).json()).toMatchObject({ id: userId });
    const user = await env.DB.prepare('SELECT phone_verified_at FROM users WHERE id = ?')
      .bind(userId)
      .first<{ phone_verified_at: number }>();
    expect(user?.phone_verified_at).toEqual(expect.any(Number));
    const login = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'user.login' ORDER BY id DESC").first<{
      body: string;
    }>();
    expect(JSON.parse(login?.body ?? '{}').data).toEqual({ userId, method: 'otp' });
    // One use only.
    await problem(await otp('verify', { phone, code }, ip), 401, 'unauthenticated');
  });

  it('answers an unregistered phone exactly like a registered one, and sends nothing', async () => {
    const phone = newPhone();
    const response = await otp('request', { phone }, newIp());
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ expiresIn: 300 });
    expect(await (await call(`/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).json()).toEqual([]);
    await problem(await otp('verify', { phone, code: '123456' }, newIp()), 401, 'unauthenticated');
  });

  it('kills a code after 5 wrong attempts, even if the right one comes next', async () => {
    const ip = newIp();
    const { phone } = await registerPasswordless();
    await otp('request', { phone }, ip);
    const code = await lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await problem(await otp('verify', { phone, code: wrong }, ip), 401, 'unauthenticated');
    const body = await problem(await otp('verify', { phone, code }, ip), 401, 'unauthenticated');
    expect(body.detail).toBe('The code is wrong or expired; request a new one');
  });

  it('refuses an expired code', async () => {
    const ip = newIp();
    const { phone } = await registerPasswordless();
    await otp('request', { phone }, ip);
    await env.DB.prepare('UPDATE otp_codes SET expires_at = 1 WHERE phone = ?').bind(phone).run();
    await problem(await otp('verify', { phone, code: await lastCode(phone) }, ip), 401, 'unauthenticated');
  });

  it('replaces the earlier code when a new one is requested', async () => {
    const ip = newIp();
    const { phone } = await registerPasswordless();
    await otp('request', { phone }, ip);
    const first = await lastCode(phone);
    await otp('request', { phone }, ip);
    const second = await lastCode(phone);
    if (first !== second) await problem(await otp('verify', { phone, code: first }, ip), 401, 'unauthenticated');
    expect((await otp('verify', { phone, code: second }, ip)).status).toBe(200);
  });

  it('answers 429 with Retry-After after 3 codes a minute for one phone', async () => {
    const ip = newIp();
    const { phone } = await registerPasswordless();
    for (let i = 0; i < 3; i++) expect((await otp('request', { phone }, ip)).status).toBe(202);
    const limited = await otp('request', { phone }, ip);
    await problem(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe('60');
  });

  it('answers 429 after 20 code requests a minute from one IP, across phones', async () => {
    const ip = newIp();
    for (let i = 0; i < 20; i++) expect((await otp('request', { phone: newPhone() }, ip)).status).toBe(202);
    const body = await problem(await otp('request', { phone: newPhone() }, ip), 429, 'rate_limited');
    expect(body.detail).toMatch(/this network/);
  });

  it.each([
    ['request', { phone: '0712345678' }, 'phone'],
    ['request', { phone: '+254712345678', channel: 'whatsapp' }, '(root)'],
    ['verify', { phone: '+254712345678', code: '12345' }, 'code'],
    ['verify', { phone: '+254712345678', code: 'abcdef' }, 'code'],
  ] as const)('answers 400 naming the field for %s %j', async (route, json, path) => {
    const body = await problem(await otp(route, json, newIp()), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });
});

describe('GET /v1/dev/sms', () => {
  it('does not exist outside development', async () => {
    const app = createApp();
    const response = await app.fetch(
      new Request('https://identity.internal/v1/dev/sms?phone=%2B254700000001'),
      { ...env, ENVIRONMENT: 'production' },
      createExecutionContext(),
    );
    await problem(response, 404, 'route_not_found');
  });

  it('answers 400 for a malformed phone', async () => {
    await problem(await call('/v1/dev/sms?phone=123'), 400, 'validation_failed');
  });
});
