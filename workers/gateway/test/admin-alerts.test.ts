// The alert cron (issue 15): a forced ledger break fires ONE alert, announced once to the on-call
// admin by SMS through notifications, and resolves once when the ledger is fixed; /admin/alerts
// shows both. Real services and local D1; the cron's run is called as `scheduled` calls it.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAlerts } from '../src/routes/admin/alert-cron';
import { consoleBrowser, screen } from './admin-browser';
import { get } from './helpers';

const ON_CALL = { id: 'usr_alertoncall01', phone: '+254799000123' };

beforeAll(async () => {
  const now = Date.now();
  await env.IDENTITY_DB.prepare(
    "INSERT INTO users (id, phone, email, name, role, created_at, updated_at) VALUES (?, ?, 'oncall@ops.test', 'On call', 'admin', ?, ?)",
  )
    .bind(ON_CALL.id, ON_CALL.phone, now, now)
    .run();
  // A balanced entry to break later.
  const db = env.PAYMENTS_DB;
  await db.batch([
    db
      .prepare(
        "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_alw', 'shopper_wallet', 'usr_alertbuyer', 'KES', ?)",
      )
      .bind(now),
    db
      .prepare(
        "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_alc', 'provider_clearing', 'mpesa', 'KES', ?)",
      )
      .bind(now),
    db
      .prepare("INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES ('jre_alert', 'topup:alert', 'topup', ?)")
      .bind(now),
    db.prepare(
      "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('jre_alert', 0, 'acc_alc', -900, 'KES')",
    ),
    db.prepare(
      "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('jre_alert', 1, 'acc_alw', 900, 'KES')",
    ),
  ]);
});

const sms = async () => {
  const inbox = (await (await get(`/v1/dev/notifications/sms?phone=${encodeURIComponent(ON_CALL.phone)}`)).json()) as {
    items: { body: string }[];
  };
  return inbox.items.map((m) => m.body);
};
const ledgerChanges = async () =>
  (await runAlerts(env)).changes.filter((c) => c.rule === 'ledger_unbalanced').map((c) => c.state);

describe('the alert cron', () => {
  it('fires once when the ledger breaks, tells the on-call admin once, and resolves once when it is fixed', async () => {
    expect(await ledgerChanges()).toEqual([]);

    await env.PAYMENTS_DB.prepare("UPDATE journal_lines SET amount = 905 WHERE entry_id = 'jre_alert' AND line_no = 1").run();
    const first = await runAlerts(env);
    expect(first.figures.ledgerImbalance).toBe(6); // 5 minor units off, one unbalanced entry
    expect(first.changes.filter((c) => c.rule === 'ledger_unbalanced')).toMatchObject([
      { state: 'firing', value: 6, threshold: 0 },
    ]);
    expect(await ledgerChanges()).toEqual([]); // still broken: no second alert
    expect((await sms()).filter((b) => b.includes('ledger_unbalanced'))).toEqual([
      'Linked All ALERT ledger_unbalanced: 6 (threshold 0). Runbook: docs/operations.md',
    ]);

    const admin = await consoleBrowser();
    const firing = await screen(await admin.open('/admin/alerts'));
    expect(firing).toContain('data-alert="ledger_unbalanced"');

    await env.PAYMENTS_DB.prepare("UPDATE journal_lines SET amount = 900 WHERE entry_id = 'jre_alert' AND line_no = 1").run();
    expect(await ledgerChanges()).toEqual(['resolved']);
    expect(await ledgerChanges()).toEqual([]);
    expect((await sms()).filter((b) => b.includes('ledger_unbalanced'))).toHaveLength(2);
    expect((await sms()).some((b) => b === 'Linked All RESOLVED ledger_unbalanced: now 0.')).toBe(true);

    const resolved = await screen(await admin.open('/admin/alerts'));
    expect(resolved).not.toContain('data-alert="ledger_unbalanced"');
    expect(resolved).toContain('ledger_unbalanced');
    expect(resolved).toContain('Resolved');
  });

  const changesOf = async (rule: string) =>
    (await runAlerts(env)).changes.filter((c) => c.rule === rule).map((c) => `${c.state} ${c.value}`);
  const alertSms = async (rule: string) => (await sms()).filter((b) => b.includes(rule));

  it('fires once on three failed payouts in an hour and resolves once when they age out', async () => {
    const now = Date.now();
    const db = env.PAYMENTS_DB;
    const insert = (id: string) =>
      db
        .prepare(
          "INSERT INTO payouts (id, vendor_id, amount, currency, phone, provider, status, callback_token, failure_reason, created_at, updated_at) VALUES (?, 'vnd_alertshop', 5000, 'KES', '+254799000555', 'mpesa', 'failed', ?, 'provider down', ?, ?)",
        )
        .bind(id, `tok_${id}`, now, now);
    await db.batch([insert('pyt_alertfail1'), insert('pyt_alertfail2')]);
    expect(await changesOf('payout_failures')).toEqual([]); // two: under the threshold
    await insert('pyt_alertfail3').run();
    expect(await changesOf('payout_failures')).toEqual(['firing 3']);
    expect(await changesOf('payout_failures')).toEqual([]);
    expect(await alertSms('payout_failures')).toEqual([
      'Linked All ALERT payout_failures: 3 (threshold 2). Runbook: docs/operations.md',
    ]);

    // An hour later the failures are no longer "in the last hour".
    await db
      .prepare("UPDATE payouts SET updated_at = ? WHERE id LIKE 'pyt_alertfail%'")
      .bind(now - 2 * 3_600_000)
      .run();
    expect(await changesOf('payout_failures')).toEqual(['resolved 0']);
    expect(await changesOf('payout_failures')).toEqual([]);
    expect(await alertSms('payout_failures')).toHaveLength(2);
  });

  it('fires once when pay-on-delivery cash is out of our hands for 48 h, stays while the rider holds it, and resolves when it is remitted', async () => {
    const now = Date.now();
    const db = env.PAYMENTS_DB;
    await db.batch([
      db
        .prepare(
          "INSERT INTO payments (id, order_id, user_id, method, status, amount, currency, commission, country, created_at, updated_at) VALUES ('pay_alertcod', 'ord_alertcod', 'usr_alertbuyer', 'pay_on_delivery', 'pay_on_delivery', 4000, 'KES', 400, 'KE', ?, ?)",
        )
        .bind(now, now),
      db
        .prepare(
          "INSERT INTO vendor_order_payments (vendor_order_id, order_id, vendor_id, amount, commission, currency, status, delivered_at, created_at, updated_at) VALUES ('vor_alertcod', 'ord_alertcod', 'vnd_alertshop', 4000, 400, 'KES', 'pay_on_delivery', ?, ?, ?)",
        )
        .bind(now - 47 * 3_600_000, now, now),
    ]);
    expect(await changesOf('cod_cash_overdue')).toEqual([]); // 47 h: not yet overdue
    await db
      .prepare("UPDATE vendor_order_payments SET delivered_at = ? WHERE vendor_order_id = 'vor_alertcod'")
      .bind(now - 49 * 3_600_000)
      .run();
    expect(await changesOf('cod_cash_overdue')).toEqual(['firing 1']);
    expect(await changesOf('cod_cash_overdue')).toEqual([]);
    expect(await alertSms('cod_cash_overdue')).toEqual([
      'Linked All ALERT cod_cash_overdue: 1 (threshold 0). Runbook: docs/operations.md',
    ]);

    // The rider's collection is booked, dated at the door 49 h ago: the cash is on the rider's
    // account, not ours yet, so the same parcel is still overdue (and not announced again).
    const rider = 'usr_alertrider01';
    const at = now - 49 * 3_600_000;
    await db.batch([
      db.prepare(
        "UPDATE vendor_order_payments SET status = 'collected', collected_method = 'cash', collected_by = 'usr_alertrider01' WHERE vendor_order_id = 'vor_alertcod'",
      ),
      db
        .prepare(
          "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_alrider', 'collector_cash', ?, 'KES', ?)",
        )
        .bind(rider, at),
      db
        .prepare(
          "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_alpending', 'vendor_pending', 'vnd_alertshop', 'KES', ?)",
        )
        .bind(at),
      db
        .prepare(
          "INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES ('jre_alertcod', 'collect:vor_alertcod', 'cod_collection', ?)",
        )
        .bind(at),
      db.prepare(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('jre_alertcod', 0, 'acc_alrider', -4000, 'KES')",
      ),
      db.prepare(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('jre_alertcod', 1, 'acc_alpending', 4000, 'KES')",
      ),
    ]);
    expect((await runAlerts(env)).figures.codCashOverdue).toBe(1);
    expect(await changesOf('cod_cash_overdue')).toEqual([]);

    // Finance records the rider handing the cash in: nothing is overdue any more.
    const remitted = await get(`/v1/admin/cod/collectors/${rider}/remittances`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await mintDevToken({ userId: ON_CALL.id, role: 'admin' })}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ amount: 4000, currency: 'KES', reason: 'Cash-up at the hub' }),
    });
    expect(remitted.status).toBe(201);
    expect(await changesOf('cod_cash_overdue')).toEqual(['resolved 0']);
    expect(await changesOf('cod_cash_overdue')).toEqual([]);
    expect(await alertSms('cod_cash_overdue')).toHaveLength(2);
    expect(await alertSms('cod_cash_overdue')).toContain('Linked All RESOLVED cod_cash_overdue: now 0.');
  });

  it('refuses the alerts screen to a shopper (403)', async () => {
    await screen(await (await consoleBrowser('shopper')).open('/admin/alerts'), 403);
  });
});
