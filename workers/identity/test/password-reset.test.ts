import { describe, expect, it } from 'vitest';
import { call, lastCode, PASSWORD, problem, registerShopper, type Tokens } from './fixtures';

let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

async function codeFor(phone: string, ip: string): Promise<string> {
  const requested = await call('/v1/auth/otp/request', { method: 'POST', json: { phone }, headers: { 'cf-connecting-ip': ip } });
  expect(requested.status).toBe(202);
  return lastCode(phone);
}

const reset = (json: unknown, ip: string) =>
  call('/v1/auth/password/reset', { method: 'POST', json, headers: { 'cf-connecting-ip': ip } });

const login = (phone: string, password: string, ip: string) =>
  call('/v1/auth/login', { method: 'POST', json: { phone, password }, headers: { 'cf-connecting-ip': ip } });

describe('POST /v1/auth/password/reset', () => {
  it('sets a new password with the SMS code, revokes every earlier session and starts a new one', async () => {
    const ip = newIp();
    const shopper = await registerShopper();
    const code = await codeFor(shopper.phone, ip);
    const response = await reset({ phone: shopper.phone, code, password: 'a-brand-new-password' }, ip);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const fresh = (await response.json()) as Tokens;
    expect(fresh.refreshToken).toMatch(/\S/);
    // The session from before the reset is gone; the new one works.
    await problem(
      await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken: shopper.refreshToken } }),
      401,
      'invalid_token',
    );
    expect((await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken: fresh.refreshToken } })).status).toBe(200);
    // The old password no longer opens the account; the new one does.
    await problem(await login(shopper.phone, PASSWORD, ip), 401, 'unauthenticated');
    expect((await login(shopper.phone, 'a-brand-new-password', ip)).status).toBe(200);
    // The code worked once.
    await problem(await reset({ phone: shopper.phone, code, password: 'yet-another-password' }, ip), 401, 'unauthenticated');
  });

  it('refuses a wrong code (401) and leaves the password as it was', async () => {
    const ip = newIp();
    const shopper = await registerShopper();
    const code = await codeFor(shopper.phone, ip);
    const wrong = code === '000000' ? '111111' : '000000';
    await problem(
      await reset({ phone: shopper.phone, code: wrong, password: 'a-brand-new-password' }, ip),
      401,
      'unauthenticated',
    );
    expect((await login(shopper.phone, PASSWORD, ip)).status).toBe(200);
  });

  it('answers 400 naming the field for a short password or a malformed code', async () => {
    const ip = newIp();
    const shopper = await registerShopper();
    const short = await problem(
      await reset({ phone: shopper.phone, code: '123456', password: 'short' }, ip),
      400,
      'validation_failed',
    );
    expect(short.errors).toEqual([expect.objectContaining({ path: 'password' })]);
    const badCode = await problem(
      await reset({ phone: shopper.phone, code: '12', password: 'long-enough-password' }, ip),
      400,
      'validation_failed',
    );
    expect(badCode.errors).toEqual([expect.objectContaining({ path: 'code' })]);
  });
});
