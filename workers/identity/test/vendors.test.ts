import { env } from 'cloudflare:test';
import { verifyAccessToken } from '@linked-all/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/domain/demo-accounts';
import { hashPassword } from '../src/domain/password';
import { call, newPhone, problem, registerShopper, smsTo, type Tokens } from './fixtures';

type Shopper = Awaited<ReturnType<typeof registerShopper>>;
type Vendor = { id: string; status: string };

let adminToken: string;
let ownerA: Shopper;
let ownerB: Shopper;
let vendorA: Vendor;
let vendorB: Vendor;

const shop = { businessName: 'Nairobi Gadgets', country: 'KE', currency: 'KES', payoutPhone: '+254711000001' };

async function apply(token: string, json: unknown = shop) {
  return call('/v1/vendors', { method: 'POST', token, json });
}

async function outboxOf(type: string) {
  const { results } = await env.DB.prepare('SELECT body FROM outbox WHERE type = ? ORDER BY id')
    .bind(type)
    .all<{ body: string }>();
  return results.map((r) => JSON.parse(r.body).data);
}

async function claimsAfterRefresh(refreshToken: string) {
  const tokens = (await (await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken } })).json()) as Tokens;
  const jwks = await (await call('/.well-known/jwks.json')).text();
  return { tokens, principal: await verifyAccessToken(tokens.accessToken, { ...env, AUTH_JWKS: jwks }) };
}

beforeAll(async () => {
  await seedDemoAccounts(env.DB, { hashPassword });
  const login = await call('/v1/auth/login', { method: 'POST', json: { email: 'admin@demo.test', password: DEMO_PASSWORD } });
  adminToken = ((await login.json()) as Tokens).accessToken;
  ownerA = await registerShopper();
  ownerB = await registerShopper();
  vendorA = (await (await apply(ownerA.accessToken)).json()) as Vendor;
  vendorB = (await (
    await apply(ownerB.accessToken, { ...shop, businessName: 'Abidjan Mode', country: 'CI', currency: 'XOF' })
  ).json()) as Vendor;
});

describe('POST /v1/vendors and GET /v1/vendors/me', () => {
  it('opens a pending application owned by the caller', async () => {
    expect(vendorA).toMatchObject({
      id: expect.stringMatching(/^vnd_/),
      status: 'pending',
      businessName: 'Nairobi Gadgets',
      currency: 'KES',
    });
    const me = await call('/v1/vendors/me', { token: ownerA.accessToken });
    expect(await me.json()).toMatchObject({ id: vendorA.id, status: 'pending', myRole: 'owner', statusReason: null });
  });

  it('answers 409 for a second shop of the same person', async () => {
    await problem(await apply(ownerA.accessToken), 409, 'conflict');
  });

  it.each([
    ["a currency that is not the country's", { ...shop, currency: 'NGN' }, 'currency'],
    ['an unsupported country', { ...shop, country: 'FR' }, 'country'],
    ['a payout phone that is not E.164', { ...shop, payoutPhone: '0711000001' }, 'payoutPhone'],
    ['an unknown field', { ...shop, status: 'approved' }, '(root)'],
  ])('answers 400 naming the field for %s', async (_, json, path) => {
    const caller = await registerShopper();
    const body = await problem(await apply(caller.accessToken, json), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 401 without a token and 404 for a shopper without a shop', async () => {
    await problem(await call('/v1/vendors', { method: 'POST', json: shop }), 401, 'unauthenticated');
    const nobody = await registerShopper();
    await problem(await call('/v1/vendors/me', { token: nobody.accessToken }), 404, 'not_found');
  });
});

describe('admin: /v1/admin/vendors', () => {
  it('lists vendors by status, a page at a time', async () => {
    const first = await call('/v1/admin/vendors?status=pending&limit=1', { token: adminToken });
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: Vendor[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await (
      await call(`/v1/admin/vendors?status=pending&limit=1&cursor=${page1.nextCursor}`, { token: adminToken })
    ).json()) as { items: Vendor[] };
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    expect([...page1.items, ...page2.items].map((v) => v.id)).toEqual(expect.arrayContaining([vendorA.id]));
  });

  it('answers 403 for shoppers and vendors, 401 without a token', async () => {
    await problem(await call('/v1/admin/vendors', { token: ownerA.accessToken }), 403, 'forbidden');
    await problem(
      await call(`/v1/admin/vendors/${vendorA.id}/approve`, { method: 'POST', token: ownerA.accessToken }),
      403,
      'forbidden',
    );
    await problem(await call('/v1/admin/vendors'), 401, 'unauthenticated');
  });

  it('approves: status, vendor.approved, and the owner’s next token carries role vendor and the vendorId', async () => {
    const response = await call(`/v1/admin/vendors/${vendorA.id}/approve`, { method: 'POST', token: adminToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: vendorA.id, status: 'approved' });
    expect(await outboxOf('vendor.approved')).toContainEqual({
      vendorId: vendorA.id,
      name: 'Nairobi Gadgets',
      country: 'KE',
      currency: 'KES',
    });
    const { tokens, principal } = await claimsAfterRefresh(ownerA.refreshToken);
    ownerA.refreshToken = tokens.refreshToken;
    ownerA.accessToken = tokens.accessToken;
    expect(principal).toEqual({ userId: ownerA.user.id, role: 'vendor', vendorId: vendorA.id, vendorRole: 'owner' });
    await problem(await call(`/v1/admin/vendors/${vendorA.id}/approve`, { method: 'POST', token: adminToken }), 409, 'conflict');
  });

  it('suspends an approved vendor with a reason, then approves it again', async () => {
    await call(`/v1/admin/vendors/${vendorB.id}/approve`, { method: 'POST', token: adminToken });
    const suspended = await call(`/v1/admin/vendors/${vendorB.id}/suspend`, {
      method: 'POST',
      token: adminToken,
      json: { reason: 'Counterfeit goods reported' },
    });
    expect(await suspended.json()).toMatchObject({ status: 'suspended', statusReason: 'Counterfeit goods reported' });
    expect(await outboxOf('vendor.suspended')).toContainEqual({ vendorId: vendorB.id, reason: 'Counterfeit goods reported' });
    await problem(
      await call(`/v1/admin/vendors/${vendorB.id}/suspend`, {
        method: 'POST',
        token: adminToken,
        json: { reason: 'again and again' },
      }),
      409,
      'conflict',
    );
    const again = await call(`/v1/admin/vendors/${vendorB.id}/approve`, { method: 'POST', token: adminToken });
    expect(await again.json()).toMatchObject({ status: 'approved', statusReason: null });
  });

  it('closes a suspended vendor for good: it cannot be approved again, and approved vendors must be suspended first', async () => {
    const applicant = await registerShopper();
    const vendor = (await (await apply(applicant.accessToken)).json()) as Vendor;
    await call(`/v1/admin/vendors/${vendor.id}/approve`, { method: 'POST', token: adminToken });
    await problem(
      await call(`/v1/admin/vendors/${vendor.id}/close`, { method: 'POST', token: adminToken, json: { reason: 'Fraud' } }),
      409,
      'conflict',
    );
    await call(`/v1/admin/vendors/${vendor.id}/suspend`, { method: 'POST', token: adminToken, json: { reason: 'Fraud' } });
    const closed = await call(`/v1/admin/vendors/${vendor.id}/close`, {
      method: 'POST',
      token: adminToken,
      json: { reason: 'Fraud confirmed' },
    });
    expect(await closed.json()).toMatchObject({ status: 'closed', statusReason: 'Fraud confirmed' });
    expect(await outboxOf('vendor.closed')).toContainEqual({ vendorId: vendor.id, reason: 'Fraud confirmed' });
    await problem(await call(`/v1/admin/vendors/${vendor.id}/approve`, { method: 'POST', token: adminToken }), 409, 'conflict');
  });

  it('refuses to suspend a pending vendor, answers 404 for an unknown one and 400 without a reason', async () => {
    const applicant = await registerShopper();
    const pending = (await (await apply(applicant.accessToken)).json()) as Vendor;
    await problem(
      await call(`/v1/admin/vendors/${pending.id}/suspend`, { method: 'POST', token: adminToken, json: { reason: 'no reason' } }),
      409,
      'conflict',
    );
    await problem(
      await call('/v1/admin/vendors/vnd_doesnotexist/approve', { method: 'POST', token: adminToken }),
      404,
      'not_found',
    );
    await problem(
      await call(`/v1/admin/vendors/${pending.id}/suspend`, { method: 'POST', token: adminToken, json: {} }),
      400,
      'validation_failed',
    );
  });
});

/** The owner invites the person's phone; they see the invitation in their own account and accept it. */
async function inviteAndAccept(owner: Shopper, person: Shopper) {
  const invited = await call('/v1/vendors/me/staff', { method: 'POST', token: owner.accessToken, json: { phone: person.phone } });
  expect(invited.status).toBe(202);
  const open = (await (await call('/v1/me/staff-invitations', { token: person.accessToken })).json()) as { id: string }[];
  expect(open).toHaveLength(1);
  const accepted = await call(`/v1/me/staff-invitations/${open[0].id}/accept`, { method: 'POST', token: person.accessToken });
  expect(accepted.status).toBe(204);
}

describe('/v1/vendors/me/staff', () => {
  it('lets the owner invite a person, who becomes a vendor user of that shop only once they accept', async () => {
    const clerk = await registerShopper();
    const invited = await call('/v1/vendors/me/staff', {
      method: 'POST',
      token: ownerA.accessToken,
      json: { phone: clerk.phone },
    });
    expect(invited.status).toBe(202);
    // Nothing changed for the invitee yet.
    const before = await claimsAfterRefresh(clerk.refreshToken);
    expect(before.principal).toMatchObject({ role: 'shopper' });
    const open = (await (await call('/v1/me/staff-invitations', { token: clerk.accessToken })).json()) as unknown[];
    expect(open).toEqual([
      {
        id: expect.stringMatching(/^inv_/),
        vendor: { id: vendorA.id, businessName: 'Nairobi Gadgets' },
        // Without a role the invitee becomes a manager (the old 'staff').
        role: 'manager',
        expiresAt: expect.any(String),
      },
    ]);
    const [{ id }] = open as { id: string }[];
    expect((await call(`/v1/me/staff-invitations/${id}/accept`, { method: 'POST', token: clerk.accessToken })).status).toBe(204);

    const { tokens, principal } = await claimsAfterRefresh(before.tokens.refreshToken);
    expect(principal).toMatchObject({ role: 'vendor', vendorId: vendorA.id, vendorRole: 'manager' });
    expect(await (await call('/v1/vendors/me', { token: tokens.accessToken })).json()).toMatchObject({
      id: vendorA.id,
      myRole: 'manager',
    });
    // Staff cannot manage staff.
    await problem(
      await call('/v1/vendors/me/staff', { method: 'POST', token: tokens.accessToken, json: { phone: newPhone() } }),
      403,
      'forbidden',
    );
    const staff = (await (await call('/v1/vendors/me/staff', { token: ownerA.accessToken })).json()) as { userId: string }[];
    expect(staff.map((s) => s.userId)).toEqual([ownerA.user.id, clerk.user.id]);
    // The invitation is used up.
    expect(await (await call('/v1/me/staff-invitations', { token: clerk.accessToken })).json()).toEqual([]);
  });

  it("answers 404 when vendor B removes vendor A's staff, and never lists them", async () => {
    const clerk = await registerShopper();
    await inviteAndAccept(ownerA, clerk);
    await problem(
      await call(`/v1/vendors/me/staff/${clerk.user.id}`, { method: 'DELETE', token: ownerB.accessToken }),
      404,
      'not_found',
    );
    const staffB = (await (await call('/v1/vendors/me/staff', { token: ownerB.accessToken })).json()) as { userId: string }[];
    expect(staffB.map((s) => s.userId)).not.toContain(clerk.user.id);
    // B cannot poach A's clerk: the invitation goes out, but accepting it is refused while they work for A.
    expect(
      (await call('/v1/vendors/me/staff', { method: 'POST', token: ownerB.accessToken, json: { phone: clerk.phone } })).status,
    ).toBe(202);
    const [fromB] = (await (await call('/v1/me/staff-invitations', { token: clerk.accessToken })).json()) as { id: string }[];
    await problem(
      await call(`/v1/me/staff-invitations/${fromB.id}/accept`, { method: 'POST', token: clerk.accessToken }),
      409,
      'conflict',
    );
    expect((await claimsAfterRefresh(clerk.refreshToken)).principal).toMatchObject({ vendorId: vendorA.id });
  });

  it('removes a staff member, who is a shopper again at the next refresh', async () => {
    const clerk = await registerShopper();
    await inviteAndAccept(ownerA, clerk);
    expect((await call(`/v1/vendors/me/staff/${clerk.user.id}`, { method: 'DELETE', token: ownerA.accessToken })).status).toBe(
      204,
    );
    const { principal } = await claimsAfterRefresh(clerk.refreshToken);
    expect(principal).toEqual({ userId: clerk.user.id, role: 'shopper', vendorId: undefined });
  });

  it('answers 404 to remove the owner', async () => {
    await problem(
      await call(`/v1/vendors/me/staff/${ownerA.user.id}`, { method: 'DELETE', token: ownerA.accessToken }),
      404,
      'not_found',
    );
  });
});

describe('staff invitations disclose nothing and need consent', () => {
  it('answers the same 202, with no name, for a registered number and for a number nobody registered', async () => {
    const someone = await registerShopper();
    const known = await call('/v1/vendors/me/staff', {
      method: 'POST',
      token: ownerA.accessToken,
      json: { phone: someone.phone },
    });
    const unknownPhone = newPhone();
    const unknown = await call('/v1/vendors/me/staff', {
      method: 'POST',
      token: ownerA.accessToken,
      json: { phone: unknownPhone },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    const [a, b] = [(await known.json()) as Record<string, unknown>, (await unknown.json()) as Record<string, unknown>];
    expect(Object.keys(a).sort()).toEqual(['expiresAt', 'phone']);
    expect(Object.keys(b).sort()).toEqual(['expiresAt', 'phone']);
    expect(JSON.stringify(a)).not.toContain(someone.user.id);
    // Both numbers get the invitation through notifications' providers (their sandbox here): the
    // account's language, or for a number nobody registered its country's (Kenya: Swahili).
    expect((await smsTo(someone.phone)).map((m) => m.body)).toEqual([
      'Nairobi Gadgets invites you to work for their shop on Linked All. Sign in with this number to accept or decline.',
    ]);
    expect((await smsTo(unknownPhone)).map((m) => m.body)).toEqual([
      'Nairobi Gadgets wanakualika kufanya kazi kwenye duka lao la Linked All. Ingia kwa nambari hii ili kukubali au kukataa.',
    ]);
  });

  it('answers 409 when the owner of a pending shop invites, and writes no invitation', async () => {
    const owner = await registerShopper();
    await apply(owner.accessToken, { ...shop, businessName: 'Still Pending' });
    const target = await registerShopper();
    const refused = await call('/v1/vendors/me/staff', {
      method: 'POST',
      token: owner.accessToken,
      json: { phone: target.phone },
    });
    expect((await problem(refused, 409, 'conflict')).detail).toBe(
      'Your shop is pending: staff can be invited once it is approved',
    );
    expect(await (await call('/v1/me/staff-invitations', { token: target.accessToken })).json()).toEqual([]);
    expect((await claimsAfterRefresh(target.refreshToken)).principal).toMatchObject({ role: 'shopper' });
    // The pending owner's target can still open a shop of their own.
    expect((await apply(target.accessToken, { ...shop, businessName: 'My Own Shop' })).status).toBe(201);
  });

  it('shows an invitation only to the holder of the number, and lets nobody else answer it', async () => {
    const invitee = await registerShopper();
    const stranger = await registerShopper();
    await call('/v1/vendors/me/staff', { method: 'POST', token: ownerA.accessToken, json: { phone: invitee.phone } });
    const [inv] = (await (await call('/v1/me/staff-invitations', { token: invitee.accessToken })).json()) as { id: string }[];
    expect(await (await call('/v1/me/staff-invitations', { token: stranger.accessToken })).json()).toEqual([]);
    await problem(
      await call(`/v1/me/staff-invitations/${inv.id}/accept`, { method: 'POST', token: stranger.accessToken }),
      404,
      'not_found',
    );
    await problem(
      await call(`/v1/me/staff-invitations/${inv.id}/accept`, { method: 'POST', token: ownerA.accessToken }),
      404,
      'not_found',
    );
    expect((await claimsAfterRefresh(stranger.refreshToken)).principal).toMatchObject({ role: 'shopper' });
  });

  it('declines: nothing changes, and the invitation cannot be accepted afterwards', async () => {
    const invitee = await registerShopper();
    await call('/v1/vendors/me/staff', { method: 'POST', token: ownerA.accessToken, json: { phone: invitee.phone } });
    const [inv] = (await (await call('/v1/me/staff-invitations', { token: invitee.accessToken })).json()) as { id: string }[];
    expect(
      (await call(`/v1/me/staff-invitations/${inv.id}/decline`, { method: 'POST', token: invitee.accessToken })).status,
    ).toBe(204);
    await problem(
      await call(`/v1/me/staff-invitations/${inv.id}/accept`, { method: 'POST', token: invitee.accessToken }),
      404,
      'not_found',
    );
    expect((await claimsAfterRefresh(invitee.refreshToken)).principal).toMatchObject({ role: 'shopper' });
  });

  it('lets an invitation expire: it is no longer listed and cannot be accepted', async () => {
    const invitee = await registerShopper();
    await call('/v1/vendors/me/staff', { method: 'POST', token: ownerA.accessToken, json: { phone: invitee.phone } });
    const [inv] = (await (await call('/v1/me/staff-invitations', { token: invitee.accessToken })).json()) as { id: string }[];
    await env.DB.prepare('UPDATE staff_invitations SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, inv.id)
      .run();
    expect(await (await call('/v1/me/staff-invitations', { token: invitee.accessToken })).json()).toEqual([]);
    await problem(
      await call(`/v1/me/staff-invitations/${inv.id}/accept`, { method: 'POST', token: invitee.accessToken }),
      404,
      'not_found',
    );
  });
});
