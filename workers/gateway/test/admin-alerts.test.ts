// The alert cron (issue 15): a forced ledger break fires ONE alert, announced once to the on-call
// admin by SMS through notifications, and resolves once when the ledger is fixed; /admin/alerts
// shows both. Real services and local D1; the cron's run is called as `scheduled` calls it.
import { env } from 'cloudflare:test';
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

  it('refuses the alerts screen to a shopper (403)', async () => {
    await screen(await (await consoleBrowser('shopper')).open('/admin/alerts'), 403);
  });
});
