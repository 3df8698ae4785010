import { env } from 'cloudflare:test';
import { verifyAccessToken } from '@linked-all/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/domain/demo-accounts';
import { hashPassword } from '../src/domain/password';
import { call, lastCode, newPhone, notificationsFault, problem, registerShopper, smsTo, type Tokens } from './fixtures';

type Person = Awaited<ReturnType<typeof registerShopper>>;

let owner: Person;
let vendorId: string;
let otherOwner: Person;

async function refreshed(refreshToken: string) {
  const tokens = (await (await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken } })).json()) as Tokens;
  const jwks = await (await call('/.well-known/jwks.json')).text();
  return { tokens, principal: await verifyAccessToken(tokens.accessToken, { ...env, AUTH_JWKS: jwks }) };
}

async function openShop(person: Person, businessName: string) {
  const applied = (await (
    await call('/v1/vendors', {
      method: 'POST',
      token: person.accessToken,
      json: { businessName, country: 'KE', currency: 'KES', payoutPhone: newPhone() },
    })
  ).json()) as { id: string };
  const login = await call('/v1/auth/login', { method: 'POST', json: { email: 'admin@demo.test', password: DEMO_PASSWORD } });
  const admin = ((await login.json()) as Tokens).accessToken;
  expect((await call(`/v1/admin/vendors/${applied.id}/approve`, { method: 'POST', token: admin })).status).toBe(200);
  const { tokens } = await refreshed(person.refreshToken);
  person.accessToken = tokens.accessToken;
  person.refreshToken = tokens.refreshToken;
  return applied.id;
}

/** Invites a new person with a role; they accept; their next token carries the role. */
async function staffWithRole(role: string) {
  const person = await registerShopper();
  const invited = await call('/v1/vendors/me/staff', {
    method: 'POST',
    token: owner.accessToken,
    json: { phone: person.phone, role },
  });
  expect(invited.status).toBe(202);
  const [invitation] = (await (await call('/v1/me/staff-invitations', { token: person.accessToken })).json()) as {
    id: string;
    role: string;
  }[];
  expect(invitation.role).toBe(role);
  expect(
    (await call(`/v1/me/staff-invitations/${invitation.id}/accept`, { method: 'POST', token: person.accessToken })).status,
  ).toBe(204);
  const { tokens, principal } = await refreshed(person.refreshToken);
  return { person, token: tokens.accessToken, principal };
}

beforeAll(async () => {
  await seedDemoAccounts(env.DB, { hashPassword });
  owner = await registerShopper();
  otherOwner = await registerShopper();
  vendorId = await openShop(owner, 'Kisumu Fresh');
  await openShop(otherOwner, 'Kano Textiles');
});

describe('staff roles', () => {
  it.each(['orders', 'catalog', 'finance', 'manager'] as const)(
    'gives an invitee the role %s, in the shop view and in every access token',
    async (role) => {
      const { token, principal } = await staffWithRole(role);
      expect(principal).toMatchObject({ role: 'vendor', vendorId, vendorRole: role });
      expect(await (await call('/v1/vendors/me', { token })).json()).toMatchObject({ id: vendorId, myRole: role });
      const staff = (await (await call('/v1/vendors/me/staff', { token: owner.accessToken })).json()) as { role: string }[];
      expect(staff.map((s) => s.role)).toContain(role);
    },
  );

  it('answers 400 naming the field for a role that cannot be given (owner, unknown)', async () => {
    for (const role of ['owner', 'admin']) {
      const body = await problem(
        await call('/v1/vendors/me/staff', { method: 'POST', token: owner.accessToken, json: { phone: newPhone(), role } }),
        400,
        'validation_failed',
      );
      expect(body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    }
  });

  it('keeps the owner role in the owner’s token', async () => {
    const { tokens, principal } = await refreshed(owner.refreshToken);
    expect(principal).toMatchObject({ vendorId, vendorRole: 'owner' });
    // A refresh token works once (rotation): keep the new pair.
    owner.accessToken = tokens.accessToken;
    owner.refreshToken = tokens.refreshToken;
  });
});

describe('PATCH /v1/vendors/me (the shop profile)', () => {
  it('renames the shop for the owner, audited', async () => {
    const renamed = await call('/v1/vendors/me', {
      method: 'PATCH',
      token: owner.accessToken,
      json: { businessName: 'Kisumu Fresh Foods' },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: vendorId, businessName: 'Kisumu Fresh Foods', myRole: 'owner' });
    const audit = await env.DB.prepare("SELECT actor, target FROM admin_audit WHERE action = 'vendor.profile' AND target = ?")
      .bind(vendorId)
      .first();
    expect(audit).toEqual({ actor: owner.user.id, target: vendorId });
  });

  it('answers 403 naming the settings permission to a manager, and 400 naming the field for a bad name', async () => {
    const { token } = await staffWithRole('manager');
    const body = await problem(
      await call('/v1/vendors/me', { method: 'PATCH', token, json: { businessName: 'Mine now' } }),
      403,
      'forbidden',
    );
    expect(body).toMatchObject({ permission: 'settings', detail: 'This needs the settings permission of your shop' });
    const bad = await problem(
      await call('/v1/vendors/me', { method: 'PATCH', token: owner.accessToken, json: { businessName: 'x', country: 'NG' } }),
      400,
      'validation_failed',
    );
    expect(bad.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'businessName' })]));
  });
});

describe('/v1/vendors/me/payout-phone (re-verified by SMS)', () => {
  it('changes the payout phone only with the code sent to the new number, once, audited', async () => {
    const phone = newPhone();
    const asked = await call('/v1/vendors/me/payout-phone', { method: 'POST', token: owner.accessToken, json: { phone } });
    expect(asked.status).toBe(202);
    const answer = (await asked.json()) as Record<string, unknown>;
    // The code goes to the phone, never into the answer.
    expect(Object.keys(answer).sort()).toEqual(['expiresAt', 'phone']);
    const code = await lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const before = (await (await call('/v1/vendors/me', { token: owner.accessToken })).json()) as { payoutPhone: string };
    expect(before.payoutPhone).not.toBe(phone);

    const wrong = code === '000000' ? '111111' : '000000';
    await problem(
      await call('/v1/vendors/me/payout-phone/confirm', {
        method: 'POST',
        token: owner.accessToken,
        json: { phone, code: wrong },
      }),
      401,
      'unauthenticated',
    );
    const confirmed = await call('/v1/vendors/me/payout-phone/confirm', {
      method: 'POST',
      token: owner.accessToken,
      json: { phone, code },
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ id: vendorId, payoutPhone: phone });
    // Spent: the same code does not work twice.
    await problem(
      await call('/v1/vendors/me/payout-phone/confirm', { method: 'POST', token: owner.accessToken, json: { phone, code } }),
      401,
      'unauthenticated',
    );
    const audit = await env.DB.prepare(
      "SELECT actor, detail FROM admin_audit WHERE action = 'vendor.payout_phone' AND target = ?",
    )
      .bind(vendorId)
      .first<{ actor: string; detail: string }>();
    expect(audit?.actor).toBe(owner.user.id);
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({ endsWith: phone.slice(-3) });
  });

  it('refuses a code for another number than the one asked for', async () => {
    const phone = newPhone();
    await call('/v1/vendors/me/payout-phone', { method: 'POST', token: owner.accessToken, json: { phone } });
    const code = await lastCode(phone);
    await problem(
      await call('/v1/vendors/me/payout-phone/confirm', {
        method: 'POST',
        token: owner.accessToken,
        json: { phone: newPhone(), code },
      }),
      401,
      'unauthenticated',
    );
  });

  it('answers 403 naming the permission to a finance member, who cannot redirect payouts', async () => {
    const { token } = await staffWithRole('finance');
    const body = await problem(
      await call('/v1/vendors/me/payout-phone', { method: 'POST', token, json: { phone: newPhone() } }),
      403,
      'forbidden',
    );
    expect(body.permission).toBe('settings');
  });

  it("never touches another shop: vendor B's owner changes only B", async () => {
    const phone = newPhone();
    await call('/v1/vendors/me/payout-phone', { method: 'POST', token: otherOwner.accessToken, json: { phone } });
    const code = await lastCode(phone);
    // A's owner cannot use B's pending change.
    await problem(
      await call('/v1/vendors/me/payout-phone/confirm', { method: 'POST', token: owner.accessToken, json: { phone, code } }),
      401,
      'unauthenticated',
    );
    const a = (await (await call('/v1/vendors/me', { token: owner.accessToken })).json()) as { payoutPhone: string };
    expect(a.payoutPhone).not.toBe(phone);
  });

  it('answers 503 while notifications is down, and leaves no open change whose code never went out', async () => {
    await notificationsFault('fail');
    try {
      await problem(
        await call('/v1/vendors/me/payout-phone', { method: 'POST', token: owner.accessToken, json: { phone: newPhone() } }),
        503,
        'upstream_unavailable',
      );
    } finally {
      await notificationsFault('off');
    }
    const open = await env.DB.prepare('SELECT 1 FROM payout_phone_changes WHERE vendor_id = ?').bind(vendorId).first();
    expect(open).toBeNull();
  });

  it('sends the code in the owner’s language', async () => {
    expect((await call('/v1/me', { method: 'PATCH', token: owner.accessToken, json: { language: 'pt' } })).status).toBe(200);
    const phone = newPhone();
    await call('/v1/vendors/me/payout-phone', { method: 'POST', token: owner.accessToken, json: { phone } });
    const { businessName } = (await (await call('/v1/vendors/me', { token: owner.accessToken })).json()) as {
      businessName: string;
    };
    const [sms] = await smsTo(phone);
    expect(sms.body).toBe(
      `Linked All: ${await lastCode(phone)} é o seu código para tornar este número o número de pagamento de ${businessName}. Se não pediu, ignore esta mensagem.`,
    );
  });
});
