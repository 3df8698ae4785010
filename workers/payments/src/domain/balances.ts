import type { CurrencyCode } from '@linked-all/money';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AccountKind } from '../../contract/enums';
import { orm } from '../db/orm';
import { accounts, journalEntries, journalLines } from '../db/schema';

/** An account's balance, derived from its lines (there is no stored balance to drift). */
export async function balanceOf(db: D1Database, accountId: string): Promise<number> {
  const row = await orm(db)
    .select({ balance: sql<number>`coalesce(sum(${journalLines.amount}), 0)` })
    .from(journalLines)
    .where(eq(journalLines.accountId, accountId))
    .get();
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
  const d = orm(db);
  const [currencyRows, accountRows, unbalanced] = await d.batch([
    d
      .select({ currency: journalLines.currency, total: sql<number>`sum(${journalLines.amount})` })
      .from(journalLines)
      .groupBy(journalLines.currency)
      .orderBy(journalLines.currency),
    d
      .select({
        kind: accounts.kind,
        currency: accounts.currency,
        total: sql<number>`coalesce(sum(${journalLines.amount}), 0)`,
        count: sql<number>`count(DISTINCT ${accounts.id})`,
      })
      .from(accounts)
      .leftJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .groupBy(accounts.kind, accounts.currency)
      .orderBy(accounts.currency, accounts.kind),
    d
      .selectDistinct({ entryId: journalLines.entryId })
      .from(journalLines)
      .groupBy(journalLines.entryId, journalLines.currency)
      .having(sql`sum(${journalLines.amount}) <> 0`)
      .orderBy(journalLines.entryId)
      .limit(100),
  ]);
  const unbalancedEntries = unbalanced.map((r) => r.entryId);
  return {
    balanced: currencyRows.every((c) => c.total === 0) && unbalancedEntries.length === 0,
    currencies: currencyRows,
    accounts: accountRows,
    unbalancedEntries,
  };
}

export type WalletView = {
  balances: { currency: CurrencyCode; balance: number }[];
  movements: { entryId: string; kind: string; amount: number; currency: CurrencyCode; at: string }[];
};

/** A user's wallet balances per currency and its last `limit` movements, newest first. */
export async function walletOf(db: D1Database, userId: string, limit = 20): Promise<WalletView> {
  const d = orm(db);
  const wallets = and(eq(accounts.kind, 'shopper_wallet'), eq(accounts.ownerId, userId));
  const [balances, movements] = await d.batch([
    d
      .select({ currency: accounts.currency, balance: sql<number>`coalesce(sum(${journalLines.amount}), 0)` })
      .from(accounts)
      .leftJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .where(wallets)
      .groupBy(accounts.currency)
      .orderBy(accounts.currency),
    d
      .select({
        entryId: journalEntries.id,
        kind: journalEntries.kind,
        amount: journalLines.amount,
        currency: journalLines.currency,
        createdAt: journalEntries.createdAt,
      })
      .from(accounts)
      .innerJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .where(wallets)
      .orderBy(desc(journalEntries.createdAt), desc(journalEntries.id), asc(journalLines.lineNo))
      .limit(limit),
  ]);
  return {
    balances,
    movements: movements.map(({ createdAt, ...m }) => ({ ...m, at: new Date(createdAt).toISOString() })),
  };
}
