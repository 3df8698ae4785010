import type { CurrencyCode } from '@linked-all/money';
import type { AccountKind } from '../../contract/enums';

/** An account's balance, derived from its lines (there is no stored balance to drift). */
export async function balanceOf(db: D1Database, accountId: string): Promise<number> {
  const row = await db
    .prepare('SELECT coalesce(sum(amount), 0) AS balance FROM journal_lines WHERE account_id = ?')
    .bind(accountId)
    .first<{ balance: number }>();
  return row?.balance ?? 0;
}

export type TrialBalance = {
  balanced: boolean;
  currencies: { currency: CurrencyCode; total: number }[];
  accounts: { kind: AccountKind; currency: CurrencyCode; total: number; count: number }[];
  unbalancedEntries: string[];
};

/**
 * Per-currency sums of every line (zero when the books balance), per-kind account
 * totals, and any entry whose lines do not net to zero in some currency.
 */
export async function trialBalance(db: D1Database): Promise<TrialBalance> {
  const [currencies, accounts, unbalanced] = await db.batch([
    db.prepare('SELECT currency, sum(amount) AS total FROM journal_lines GROUP BY currency ORDER BY currency'),
    db.prepare(
      `SELECT a.kind, a.currency, coalesce(sum(l.amount), 0) AS total, count(DISTINCT a.id) AS count
       FROM accounts a LEFT JOIN journal_lines l ON l.account_id = a.id
       GROUP BY a.kind, a.currency ORDER BY a.currency, a.kind`,
    ),
    db.prepare(
      'SELECT DISTINCT entry_id FROM journal_lines GROUP BY entry_id, currency HAVING sum(amount) <> 0 ORDER BY entry_id LIMIT 100',
    ),
  ]);
  const currencyRows = currencies.results as TrialBalance['currencies'];
  const unbalancedEntries = (unbalanced.results as { entry_id: string }[]).map((r) => r.entry_id);
  return {
    balanced: currencyRows.every((c) => c.total === 0) && unbalancedEntries.length === 0,
    currencies: currencyRows,
    accounts: accounts.results as TrialBalance['accounts'],
    unbalancedEntries,
  };
}

export type WalletView = {
  balances: { currency: CurrencyCode; balance: number }[];
  movements: { entryId: string; kind: string; amount: number; currency: CurrencyCode; at: string }[];
};

/** A user's wallet balances per currency and its last `limit` movements, newest first. */
export async function walletOf(db: D1Database, userId: string, limit = 20): Promise<WalletView> {
  const [balances, movements] = await db.batch([
    db
      .prepare(
        `SELECT a.currency, coalesce(sum(l.amount), 0) AS balance
         FROM accounts a LEFT JOIN journal_lines l ON l.account_id = a.id
         WHERE a.kind = 'shopper_wallet' AND a.owner_id = ? GROUP BY a.currency ORDER BY a.currency`,
      )
      .bind(userId),
    db
      .prepare(
        `SELECT e.id AS entryId, e.kind, l.amount, l.currency, e.created_at AS createdAt
         FROM accounts a JOIN journal_lines l ON l.account_id = a.id JOIN journal_entries e ON e.id = l.entry_id
         WHERE a.kind = 'shopper_wallet' AND a.owner_id = ?
         ORDER BY e.created_at DESC, e.id DESC, l.line_no LIMIT ?`,
      )
      .bind(userId, limit),
  ]);
  return {
    balances: balances.results as WalletView['balances'],
    movements: (movements.results as (Omit<WalletView['movements'][number], 'at'> & { createdAt: number })[]).map(
      ({ createdAt, ...m }) => ({ ...m, at: new Date(createdAt).toISOString() }),
    ),
  };
}
