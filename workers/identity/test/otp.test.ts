import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, lastCode, newPhone, notificationsFault, problem, smsTo, type Tokens } from './fixtures';

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

describe('POST /v1/auth/otp/request and /verify', () => {
  it('sends a 6-digit code in the user’s language and signs in with it once', async () => {
    const ip = newIp();
    const { phone, userId } = await registerPasswordless('sw');
    const requested = await otp('request', { phone }, ip);
    expect(requested.status).toBe(202);
    expect(await requested.json()).toEqual({ expiresIn: 300 });
    const messages = await smsTo(phone);
    expect(messages).toHaveLength(1);
    expect(messages[0].body).toMatch(/^Nambari yako ya Linked All ni \d{6}\. Itaisha baada ya dakika 5\. Usiishiriki na mtu\.$/);
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
    expect(await smsTo(phone)).toEqual([]);
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

describe('codes go through notifications’ priority path', () => {
  it.each([
    ['fr', /^Votre code Linked All est \d{6}\. Il expire dans 5 minutes\. Ne le partagez jamais\.$/],
    ['ar', /^رمز Linked All الخاص بك هو \d{6}\. صالح 5 دقائق\. لا تشاركه\.$/],
    ['pt', /^Linked All: o seu código é \d{6}\. Expira em 5 min\. Não o partilhe\.$/],
  ])('sends the code in the user’s language (%s), from the one catalogue', async (language, text) => {
    const ip = newIp();
    const { phone } = await registerPasswordless(language);
    expect((await otp('request', { phone }, ip)).status).toBe(202);
    const [sms] = await smsTo(phone);
    expect(sms.body).toMatch(text);
    expect((await otp('verify', { phone, code: await lastCode(phone) }, ip)).status).toBe(200);
  });

  it('sends a code at once during the user’s quiet hours (codes are never held)', async () => {
    const ip = newIp();
    const { phone } = await registerPasswordless();
    const tokens = (await (await otpSignIn(phone, ip)).json()) as Tokens;
    // Quiet from an hour ago to an hour from now, on the user's clock (UTC here).
    const minute = Math.floor((Date.now() % 86_400_000) / 60_000);
    const quietHours = { start: (minute + 1380) % 1440, end: (minute + 60) % 1440 };
    const saved = await env.NOTIFICATIONS.fetch('https://notifications.internal/v1/me/notification-preferences', {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sms: true, email: true, push: true, marketing: false, quietHours, utcOffsetMinutes: 0 }),
    });
    expect(saved.status).toBe(200);

    expect((await otp('request', { phone }, ip)).status).toBe(202);
    const messages = await smsTo(phone);
    expect(messages).toHaveLength(2);
    expect((await otp('verify', { phone, code: await lastCode(phone) }, ip)).status).toBe(200);
  });

  describe('while notifications is down', () => {
    beforeEach(() => notificationsFault('fail'));
    afterEach(() => notificationsFault('off'));

    it('answers 503 problem+json with Retry-After, and leaves no code that was never sent', async () => {
      const { phone } = await registerPasswordless();
      const response = await otp('request', { phone }, newIp());
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await problem(response, 503, 'upstream_unavailable')).toMatchObject({
        type: expect.any(String),
        title: 'A service we depend on is unavailable',
        detail: 'A service is unavailable right now; retry shortly',
      });
      const stored = await env.DB.prepare('SELECT 1 FROM otp_codes WHERE phone = ?').bind(phone).first();
      expect(stored).toBeNull();
    });

    it('answers an unregistered phone the same 503, so an outage tells nobody who has an account', async () => {
      const registered = await otp('request', { phone: (await registerPasswordless()).phone }, newIp());
      const unregistered = await otp('request', { phone: newPhone() }, newIp());
      const [a, b] = [
        await problem(registered, 503, 'upstream_unavailable'),
        await problem(unregistered, 503, 'upstream_unavailable'),
      ];
      const shape = ({ requestId: _r, instance: _i, ...rest }: Record<string, unknown>) => rest;
      expect(shape(a)).toEqual(shape(b));
    });
  });
});

/** Signs in with a fresh code (the code's own SMS included). */
async function otpSignIn(phone: string, ip: string) {
  expect((await otp('request', { phone }, ip)).status).toBe(202);
  return otp('verify', { phone, code: await lastCode(phone) }, ip);
}
