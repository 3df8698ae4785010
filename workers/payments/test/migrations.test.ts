import { upgradeHolding } from '@linked-all/testing/upgrade';
import { expect, it } from 'vitest';

// A deployed database is upgraded with a ledger in it: rebuilding `accounts` (0005, 0009) must keep every account and every line that names one.
it('upgrades a database holding a ledger through the accounts rebuilds, keeping every account and line', async () => {
  const db = await upgradeHolding({
    before: '0005',
    rows: [
      "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_w', 'shopper_wallet', 'usr_1', 'KES', 1)",
      "INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_p', 'provider_clearing', 'mpesa', 'KES', 1)",
      "INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES ('je_1', 'topup:1', 'topup', 1)",
      "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('je_1', 0, 'acc_w', 500, 'KES')",
      "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('je_1', 1, 'acc_p', -500, 'KES')",
    ],
  });

  expect((await db.prepare('SELECT id FROM accounts ORDER BY id').all()).results).toEqual([{ id: 'acc_p' }, { id: 'acc_w' }]);
  expect(await db.prepare('SELECT sum(amount) AS s, count(*) AS n FROM journal_lines').first()).toEqual({ s: 0, n: 2 });
  // The kinds the rebuilds exist for, and a line still needs its account.
  await db
    .prepare("INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES ('acc_c', 'platform_cash', NULL, 'KES', 2)")
    .run();
  await expect(
    db
      .prepare(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES ('je_1', 2, 'acc_none', 1, 'KES')",
      )
      .run(),
  ).rejects.toThrow(/FOREIGN KEY/);
});
