// The console's money and users screens (issue 15), as a browser with JavaScript off, against the
// real services and their local D1: ledger check, payout retry, lock / unlock, forced reset.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { consoleBrowser, redirected, registeredShopper, screen } from './admin-browser';
import { eventually, get, problem } from './helpers';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A balanced entry (the platform owes a vendor 50.00 KES) and a payout of it that M-Pesa refused. */
async function seedFailedPayout(vendorId: string, payoutId: string) {
  const db = env.PAYMENTS_DB;
  const now = Date.now();
  await db.batch([
    db
      .prepare("INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES (?, 'vendor_payable', ?, 'KES', ?)")
      .bind(`acc_${vendorId}`, vendorId, now),
    db
      .prepare(
        "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_mncommission', 'platform_commission', NULL, 'KES', ?) ON CONFLICT DO NOTHING",
      )
      .bind(now),
    db
      .prepare("INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES (?, ?, 'release', ?)")
      .bind(`jre_${vendorId}`, `seed:${vendorId}`, now),
    db
      .prepare(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 0, 'acc_mncommission', -5000, 'KES')",
      )
      .bind(`jre_${vendorId}`),
    db
      .prepare("INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 1, ?, 5000, 'KES')")
      .bind(`jre_${vendorId}`, `acc_${vendorId}`),
    db
      .prepare(
        `INSERT INTO payouts (id, vendor_id, amount, currency, phone, provider, status, callback_token, failure_reason, created_at, updated_at)
         VALUES (?, ?, 5000, 'KES', '+254712345678', 'mpesa', 'failed', ?, '2040: not registered', ?, ?)`,
      )
      .bind(payoutId, vendorId, crypto.randomUUID().replaceAll('-', ''), now, now),
  ]);
}

const auditRows = (db: D1Database, action: string, target: string) =>
  db
    .prepare('SELECT actor, reason FROM admin_audit WHERE action = ? AND target = ?')
    .bind(action, target)
    .all<{ actor: string; reason: string }>()
    .then((r) => r.results);

describe('/admin/money', () => {
  const failed = 'pyt_0000mnfailed0000000000001';

  it('retries a failed payout once with a reason (audited), whatever the number of submits', async () => {
    await seedFailedPayout('vnd_mnretry', failed);
    const admin = await consoleBrowser();
    const before = await screen(await admin.open('/admin/money?payouts=failed'));
    expect(before).toContain(failed);
    expect(before).toContain(`action="/admin/money/payouts/${failed}/retry"`);
    expect(before).toContain('+254712***678');

    const refused = await screen(await admin.post(`/admin/money/payouts/${failed}/retry`, { reason: '' }), 400);
    expect(refused).toContain('Give a reason (at least 3 characters). (reason)');
    expect(await auditRows(env.PAYMENTS_DB, 'payout.retry', failed)).toEqual([]);

    for (let i = 0; i < 2; i++) {
      redirected(
        await admin.post(`/admin/money/payouts/${failed}/retry`, { reason: 'Vendor fixed the SIM' }),
        '/admin/money?payouts=requested#payouts',
      );
    }
    expect(await auditRows(env.PAYMENTS_DB, 'payout.retry', failed)).toEqual([
      { actor: admin.userId, reason: 'Vendor fixed the SIM' },
    ]);
    const retries = await env.PAYMENTS_DB.prepare('SELECT id, amount FROM payouts WHERE vendor_id = ? AND id <> ?')
      .bind('vnd_mnretry', failed)
      .all();
    expect(retries.results).toEqual([{ id: `${failed}r`, amount: 5000 }]);
    // The retry's money left the payable balance once (the sandbox pays a number not ending in 0000).
    const payable = await env.PAYMENTS_DB.prepare(
      "SELECT sum(amount) AS total FROM journal_lines WHERE account_id = 'acc_vnd_mnretry'",
    ).first('total');
    expect(payable).toBe(0);
    const after = await screen(await admin.open('/admin/money'));
    expect(after).toContain(`Retried as ${failed}r`);
    await screen(await admin.post('/admin/money/payouts/pyt_0000nosuchpayout000000000/retry', { reason: 'Not there' }), 404);
    const notFailed = await screen(await admin.post(`/admin/money/payouts/${failed}r/retry`, { reason: 'Too early' }), 409);
    expect(notFailed).toContain('Only a failed payout can be retried.');
  });

  it('shows the ledger balanced, then red with the difference when a ledger line is tampered with', async () => {
    const admin = await consoleBrowser();
    const green = await screen(await admin.open('/admin/money'));
    expect(green).toContain('data-ledger="balanced"');
    expect(green).toMatch(/<td>KES<\/td>/);
    expect(await env.PAYMENTS.adminLedgerCheck()).toMatchObject({ balanced: true });

    await env.PAYMENTS_DB.prepare(
      "UPDATE journal_lines SET amount = amount + 7 WHERE entry_id = 'jre_vnd_mnretry' AND line_no = 1",
    ).run();
    const check = await env.PAYMENTS.adminLedgerCheck();
    expect(check.balanced).toBe(false);
    expect(check.currencies.find((c) => c.currency === 'KES')?.difference).toBe(7);
    expect(check.unbalancedEntries).toEqual(['jre_vnd_mnretry']);
    const red = await screen(await admin.open('/admin/money'));
    expect(red).toContain('data-ledger="unbalanced"');
    expect(red).toContain('jre_vnd_mnretry');
    expect(red).toContain('0.07');

    await env.PAYMENTS_DB.prepare(
      "UPDATE journal_lines SET amount = amount - 7 WHERE entry_id = 'jre_vnd_mnretry' AND line_no = 1",
    ).run();
    expect(await env.PAYMENTS.adminLedgerCheck()).toMatchObject({ balanced: true });
  });

  it('refuses the screen and the retry to a shopper (403), and changes nothing', async () => {
    const shopper = await consoleBrowser('shopper');
    await screen(await shopper.open('/admin/money'), 403);
    await screen(await shopper.post(`/admin/money/payouts/${failed}/retry`, { reason: 'Not allowed' }), 403);
    expect(await auditRows(env.PAYMENTS_DB, 'payout.retry', failed)).toHaveLength(1);
  });
});

const HOUR = 3_600_000;

/** A rider who collected 80.00 KES at the door `hoursAgo` hours ago (the entry payments' collect posts). */
async function seedRiderCash(riderId: string, hoursAgo: number) {
  const db = env.PAYMENTS_DB;
  const at = Date.now() - hoursAgo * HOUR;
  await db.batch([
    db
      .prepare("INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES (?, 'collector_cash', ?, 'KES', ?)")
      .bind(`acc_${riderId}`, riderId, at),
    db
      .prepare("INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES (?, 'vendor_pending', ?, 'KES', ?)")
      .bind(`acc_pending_${riderId}`, `vnd_${riderId.slice(4)}`, at),
    db
      .prepare("INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES (?, ?, 'cod_collection', ?)")
      .bind(`jre_${riderId}`, `collect:vor_${riderId}`, at),
    db
      .prepare("INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 0, ?, -8000, 'KES')")
      .bind(`jre_${riderId}`, `acc_${riderId}`),
    db
      .prepare("INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 1, ?, 8000, 'KES')")
      .bind(`jre_${riderId}`, `acc_pending_${riderId}`),
  ]);
}

const riderHeld = async (riderId: string) =>
  -Number(
    await env.PAYMENTS_DB.prepare('SELECT coalesce(sum(amount), 0) AS total FROM journal_lines WHERE account_id = ?')
      .bind(`acc_${riderId}`)
      .first('total'),
  );

describe('/admin/money: pay-on-delivery cash per rider', () => {
  const rider = 'usr_gwcodrider01';

  it('shows what a rider holds and since when, and records a remittance once with a reason (audited)', async () => {
    await seedRiderCash(rider, 50);
    const admin = await consoleBrowser();
    const page = await screen(await admin.open('/admin/money'));
    expect(page).toContain(`data-collector="${rider}" data-overdue="yes"`);
    expect(page).toContain(`action="/admin/money/cod/${rider}/remit"`);
    expect(page).toContain('50 h ago');
    expect(page).toContain('value="80.00"');

    const action = `/admin/money/cod/${rider}/remit`;
    const over = await screen(await admin.post(action, { currency: 'KES', amount: '80.01', reason: 'Hub cash-up' }), 409);
    expect(over).toMatch(/That is more than this collector holds \((Ksh|KES)\s?80\.00\)\./);
    const bad = await screen(await admin.post(action, { currency: 'KES', amount: 'eighty', reason: 'Hub cash-up' }), 400);
    expect(bad).toContain('Please check what you entered. (amount)');
    const noReason = await screen(await admin.post(action, { currency: 'KES', amount: '10', reason: '' }), 400);
    expect(noReason).toContain('(reason)');
    expect(await riderHeld(rider)).toBe(8000);

    // A double submit of one form (same key) is one remittance.
    const key = crypto.randomUUID();
    for (let i = 0; i < 2; i++) {
      redirected(await admin.post(action, { key, currency: 'KES', amount: '50.00', reason: 'Hub cash-up' }), '/admin/money#cod');
    }
    expect(await riderHeld(rider)).toBe(3000);
    expect(await auditRows(env.PAYMENTS_DB, 'cod.remit', rider)).toEqual([{ actor: admin.userId, reason: 'Hub cash-up' }]);
    const after = await screen(await admin.open('/admin/money'));
    expect(after).toContain('value="30.00"');
    expect(await env.PAYMENTS.adminLedgerCheck()).toMatchObject({ balanced: true });
  });

  it('answers API clients with problem+json through the gateway', async () => {
    const token = await mintDevToken({ userId: 'usr_gwcodapi', role: 'admin' });
    const post = (json: unknown, key = crypto.randomUUID()) =>
      get(`/v1/admin/cod/collectors/${rider}/remittances`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(json),
      });
    expect(await problem(await post({ amount: 3001, currency: 'KES', reason: 'Too much' }), 409, 'conflict')).toMatchObject({
      reason: 'exceeds_held',
      held: 3000,
    });
    await problem(await post({ amount: -1, currency: 'KES', reason: 'Negative' }), 400, 'validation_failed');
    const ok = await post({ amount: 3000, currency: 'KES', reason: 'The rest' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ collectorId: rider, amount: 3000, held: 0, created: true });
    const page = await screen(await (await consoleBrowser()).open('/admin/money'));
    expect(page).not.toContain(`data-collector="${rider}"`);
  });

  it('refuses the remittance form to a shopper (403) and moves nothing', async () => {
    const other = 'usr_gwcodrider02';
    await seedRiderCash(other, 1);
    const shopper = await consoleBrowser('shopper');
    await screen(
      await shopper.post(`/admin/money/cod/${other}/remit`, { currency: 'KES', amount: '80', reason: 'Not allowed' }),
      403,
    );
    expect(await riderHeld(other)).toBe(8000);
  });
});

describe('/admin/users', () => {
  async function signIn(phone: string, password = 'console-password') {
    return get('/v1/auth/login', json({ phone, password }));
  }

  it('finds a user by phone, e-mail or id and shows roles, sign-in state and orders', async () => {
    const user = await registeredShopper('finder');
    const admin = await consoleBrowser();
    for (const q of [user.phone, user.userId]) {
      const found = await screen(await admin.open(`/admin/users?q=${encodeURIComponent(q)}`));
      expect(found).toContain(`href="/admin/users/${user.userId}"`);
    }
    const page = await screen(await admin.open(`/admin/users/${user.userId}`));
    expect(page).toContain(user.phone);
    expect(page).toContain('shopper');
    expect(page).toMatch(/active sessions: 1/);
    expect(page).toContain('Orders (30 days)');
    expect(await screen(await admin.open('/admin/users?q=%2B254000000000'))).toContain('No user found.');
    await screen(await admin.open('/admin/users/usr_nosuchuser'), 404);
  });

  it('locks an account: no sign-in, the refresh token and the page session stop working; unlock lets them back', async () => {
    const user = await registeredShopper('locked');
    const login = await signIn(user.phone);
    expect(login.status).toBe(200);
    const pair = (await login.json()) as { refreshToken: string };
    const admin = await consoleBrowser();

    const noReason = await screen(await admin.post(`/admin/users/${user.userId}/lock`, { reason: 'x' }), 400);
    expect(noReason).toContain('(reason)');
    for (let i = 0; i < 2; i++) {
      redirected(
        await admin.post(`/admin/users/${user.userId}/lock`, { reason: 'Card testing fraud' }),
        `/admin/users/${user.userId}`,
      );
    }
    expect(await auditRows(env.IDENTITY_DB, 'user.lock', user.userId)).toEqual([
      { actor: admin.userId, reason: 'Card testing fraud' },
    ]);
    const page = await screen(await admin.open(`/admin/users/${user.userId}`));
    expect(page).toContain('data-lock="locked"');
    expect(page).toMatch(/active sessions: 0/);

    expect(await problem(await signIn(user.phone), 403, 'forbidden')).toMatchObject({
      detail: 'This account is locked; contact support',
    });
    await problem(await get('/v1/auth/refresh', json({ refreshToken: pair.refreshToken })), 401, 'invalid_token');
    // A browser holding only the refresh cookie (its access token lapsed) is signed out.
    const account = await get('/account', {
      headers: { cookie: `la_rt=${pair.refreshToken}`, accept: 'text/html' },
      redirect: 'manual',
    });
    expect(account.status).toBe(303);
    expect(account.headers.get('location')).toContain('/signin');

    redirected(
      await admin.post(`/admin/users/${user.userId}/unlock`, { reason: 'Cleared by support' }),
      `/admin/users/${user.userId}`,
    );
    expect(await auditRows(env.IDENTITY_DB, 'user.unlock', user.userId)).toHaveLength(1);
    expect((await signIn(user.phone)).status).toBe(200);
  });

  it('forces a password reset: the old password and sessions stop, the code comes by SMS through notifications', async () => {
    const user = await registeredShopper('reset');
    const pair = (await (await signIn(user.phone)).json()) as { refreshToken: string };
    const admin = await consoleBrowser();
    redirected(
      await admin.post(`/admin/users/${user.userId}/reset`, { reason: 'Account takeover report' }),
      `/admin/users/${user.userId}`,
    );
    // A double submit is the same reset: one audit row, one code.
    redirected(
      await admin.post(`/admin/users/${user.userId}/reset`, { reason: 'Account takeover report' }),
      `/admin/users/${user.userId}`,
    );
    expect(await auditRows(env.IDENTITY_DB, 'user.force_reset', user.userId)).toHaveLength(1);

    await problem(await signIn(user.phone), 401, 'unauthenticated');
    await problem(await get('/v1/auth/refresh', json({ refreshToken: pair.refreshToken })), 401, 'invalid_token');
    const sms = await eventually(async () => {
      const inbox = (await (await get(`/v1/dev/notifications/sms?phone=${encodeURIComponent(user.phone)}`)).json()) as {
        items: { body: string }[];
      };
      const withCode = inbox.items.filter((m) => /\d{6}/.test(m.body));
      expect(withCode).toHaveLength(1);
      return withCode[0]?.body ?? '';
    });
    const code = /\d{6}/.exec(sms)?.[0];
    expect(code).toBeDefined();
    const reset = await get('/v1/auth/password/reset', json({ phone: user.phone, code, password: 'a-new-password-1' }));
    expect(reset.status).toBe(200);
    expect((await signIn(user.phone, 'a-new-password-1')).status).toBe(200);
  });

  it('refuses the screens and every action to a shopper (403)', async () => {
    const user = await registeredShopper('guarded');
    const shopper = await consoleBrowser('shopper');
    await screen(await shopper.open(`/admin/users?q=${encodeURIComponent(user.phone)}`), 403);
    for (const action of ['lock', 'unlock', 'reset']) {
      await screen(await shopper.post(`/admin/users/${user.userId}/${action}`, { reason: 'Not allowed' }), 403);
    }
    expect((await signIn(user.phone)).status).toBe(200);
  });
});
