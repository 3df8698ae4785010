import { auditStatement, PayoutRequested } from '@linked-all/events';
import { AppError, idPattern } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { and, desc, eq, gt, inArray, isNull, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { orm } from './db/orm';
import { accounts, journalEntries, journalLines, payouts, providerEvents } from './db/schema';
import { payOut } from './domain/operations';
import { outboxWhenPosted } from './domain/outbox';
import { findPayout, type Payout, payoutRowWhenPosted } from './payouts/payouts';

// The console's money screen (issue 15): the ledger's health and the money flows, read straight
// from the ledger's lines (balances are derived, never stored), and the retry of a failed payout.

/** Per currency: debits (negative lines) and credits (positive lines) must be equal. */
export type LedgerCheckRow = { currency: CurrencyCode; debits: number; credits: number; difference: number };
export type LedgerCheck = { balanced: boolean; currencies: LedgerCheckRow[]; unbalancedEntries: string[]; checkedAt: string };

/** The ledger balance check: sum of debits = sum of credits in every currency, and in every entry. */
export async function ledgerCheck(db: D1Database, now = Date.now()): Promise<LedgerCheck> {
  const d = orm(db);
  const amount = journalLines.amount;
  const [sums, entries] = await d.batch([
    d
      .select({
        currency: journalLines.currency,
        debits: sql<number>`coalesce(sum(CASE WHEN ${amount} < 0 THEN -${amount} ELSE 0 END), 0)`,
        credits: sql<number>`coalesce(sum(CASE WHEN ${amount} > 0 THEN ${amount} ELSE 0 END), 0)`,
      })
      .from(journalLines)
      .groupBy(journalLines.currency)
      .orderBy(journalLines.currency),
    d
      .selectDistinct({ entryId: journalLines.entryId })
      .from(journalLines)
      .groupBy(journalLines.entryId, journalLines.currency)
      .having(sql`sum(${amount}) <> 0`)
      .limit(20),
  ]);
  const currencies = sums.map((r) => ({ ...r, difference: r.credits - r.debits }));
  const unbalancedEntries = entries.map((r) => r.entryId);
  return {
    balanced: currencies.every((c) => c.difference === 0) && unbalancedEntries.length === 0,
    currencies,
    unbalancedEntries,
    checkedAt: new Date(now).toISOString(),
  };
}

export type MoneyFlows = {
  currency: CurrencyCode;
  wallets: number;
  vendorPending: number;
  vendorPayable: number;
  payoutsRequested: { count: number; amount: number };
  payoutsSent: { count: number; amount: number };
  payoutsFailed: { count: number; amount: number };
  refunds: { count: number; amount: number };
};

export type MoneySummary = {
  flows: MoneyFlows[];
  /** Provider callbacks that named no charge of ours (kept, never credited): all time and the last 24 h. */
  unmatchedCallbacks: { total: number; lastDay: number };
};

const zero = () => ({ count: 0, amount: 0 });

/** Per currency: what wallets hold, what vendors are owed (pending vs payable), payouts by state, refunds. */
export async function moneySummary(db: D1Database, now = Date.now()): Promise<MoneySummary> {
  const d = orm(db);
  const state = sql<'requested' | 'sent' | 'failed'>`CASE WHEN ${payouts.status} IN ('requested', 'submitted') THEN 'requested'
    WHEN ${payouts.status} = 'completed' THEN 'sent' ELSE 'failed' END`;
  const [balances, payoutFigures, refunds, unmatched] = await d.batch([
    d
      .select({ currency: accounts.currency, kind: accounts.kind, total: sql<number>`coalesce(sum(${journalLines.amount}), 0)` })
      .from(accounts)
      .innerJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .where(inArray(accounts.kind, ['shopper_wallet', 'vendor_pending', 'vendor_payable']))
      .groupBy(accounts.currency, accounts.kind),
    d
      .select({
        currency: payouts.currency,
        state: state.as('state'),
        count: sql<number>`count(*)`,
        amount: sql<number>`sum(${payouts.amount})`,
      })
      .from(payouts)
      .groupBy(payouts.currency, sql`state`),
    // A refund entry's positive lines are what went back to the shopper.
    d
      .select({
        currency: journalLines.currency,
        count: sql<number>`count(DISTINCT ${journalEntries.id})`,
        amount: sql<number>`sum(${journalLines.amount})`,
      })
      .from(journalEntries)
      .innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id))
      .where(and(like(journalEntries.kind, '%refund%'), gt(journalLines.amount, 0)))
      .groupBy(journalLines.currency),
    d
      .select({
        total: sql<number>`count(*)`,
        lastDay: sql<number>`coalesce(sum(${providerEvents.receivedAt} >= ${now - 86_400_000}), 0)`,
      })
      .from(providerEvents)
      .where(isNull(providerEvents.chargeId)),
  ]);
  const flows = new Map<string, MoneyFlows>();
  const of = (currency: CurrencyCode) => {
    let row = flows.get(currency);
    if (!row) {
      row = {
        currency,
        wallets: 0,
        vendorPending: 0,
        vendorPayable: 0,
        payoutsRequested: zero(),
        payoutsSent: zero(),
        payoutsFailed: zero(),
        refunds: zero(),
      };
      flows.set(currency, row);
    }
    return row;
  };
  for (const b of balances) {
    const row = of(b.currency);
    if (b.kind === 'shopper_wallet') row.wallets = b.total;
    else if (b.kind === 'vendor_pending') row.vendorPending = b.total;
    else row.vendorPayable = b.total;
  }
  for (const p of payoutFigures) {
    const row = of(p.currency);
    const figure = { count: p.count, amount: p.amount };
    if (p.state === 'requested') row.payoutsRequested = figure;
    else if (p.state === 'sent') row.payoutsSent = figure;
    else row.payoutsFailed = figure;
  }
  for (const r of refunds) {
    of(r.currency).refunds = { count: r.count, amount: r.amount };
  }
  const callbacks = unmatched[0];
  return {
    flows: [...flows.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    unmatchedCallbacks: { total: callbacks?.total ?? 0, lastDay: callbacks?.lastDay ?? 0 },
  };
}

export const AdminPayoutsQuery = z.object({
  status: z.enum(['requested', 'sent', 'failed']).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export type AdminPayoutRow = {
  id: string;
  vendorId: string;
  amount: number;
  currency: CurrencyCode;
  phone: string;
  provider: string;
  status: Payout['status'];
  failureReason: string | null;
  createdAt: string;
  /** The payout that retried this failed one, if an operator retried it. */
  retriedAs: string | null;
};

const STATES: Record<NonNullable<z.infer<typeof AdminPayoutsQuery>['status']>, Payout['status'][]> = {
  requested: ['requested', 'submitted'],
  sent: ['completed'],
  failed: ['failing', 'failed'],
};

/** Payouts newest first, optionally of one state, with the retry each failed one got. */
export async function adminPayouts(db: D1Database, input: z.input<typeof AdminPayoutsQuery>): Promise<AdminPayoutRow[]> {
  const query = AdminPayoutsQuery.parse(input);
  const retry = alias(payouts, 'r');
  const results = await orm(db)
    .select({
      id: payouts.id,
      vendorId: payouts.vendorId,
      amount: payouts.amount,
      currency: payouts.currency,
      phone: payouts.phone,
      provider: payouts.provider,
      status: payouts.status,
      failureReason: payouts.failureReason,
      createdAt: payouts.createdAt,
      retriedAs: retry.id,
    })
    .from(payouts)
    .leftJoin(retry, eq(retry.id, sql`${payouts.id} || 'r'`))
    .where(query.status ? inArray(payouts.status, STATES[query.status]) : undefined)
    .orderBy(desc(payouts.createdAt), desc(payouts.id))
    .limit(query.limit);
  return results.map((r) => ({
    ...r,
    // The operator recognises the number; the console never shows it whole.
    phone: `${r.phone.slice(0, 7)}***${r.phone.slice(-3)}`,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

export type RetryOutcome =
  | { ok: true; payout: Payout; created: boolean }
  | { ok: false; reason: 'not_found' | 'not_failed' | 'insufficient_funds' | 'too_many_retries' };

const PayoutId = idPattern('pyt');

function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Retries a failed payout: a new payout of the same amount to the same number, out of the payable
 * balance the failure gave back. The retry's id is the failed one's plus `r`, so its journal
 * entry (`payout:<retry id>`) is the idempotency key: a double submit, or two operators at once,
 * make one payout and one audit row (the row is written only with the entry this call posted).
 */
export async function retryPayout(
  db: D1Database,
  input: { payoutId: string; actor: string; reason: string },
  now = Date.now(),
): Promise<RetryOutcome> {
  const failed = PayoutId.test(input.payoutId) ? await findPayout(db, input.payoutId) : null;
  if (!failed) return { ok: false, reason: 'not_found' };
  const retryId = `${failed.id}r`;
  const existing = await findPayout(db, retryId);
  if (existing) return { ok: true, payout: existing, created: false };
  if (failed.status !== 'failed') return { ok: false, reason: 'not_failed' };
  if (!PayoutId.test(retryId)) return { ok: false, reason: 'too_many_retries' };
  const payout: Payout = {
    ...failed,
    id: retryId,
    status: 'requested',
    callbackToken: randomToken(),
    conversationId: null,
    providerReceipt: null,
    failureReason: null,
    createdAt: now,
  };
  try {
    const { created } = await payOut(
      { db, now },
      {
        ref: `payout:${payout.id}`,
        vendorId: payout.vendorId,
        provider: payout.provider,
        amount: payout.amount,
        currency: payout.currency,
      },
      (entryId) => [
        payoutRowWhenPosted(db, payout, entryId, now),
        outboxWhenPosted(
          db,
          PayoutRequested,
          {
            payoutId: payout.id,
            vendorId: payout.vendorId,
            amount: payout.amount,
            currency: payout.currency,
            provider: payout.provider,
            journalEntryId: entryId,
          },
          entryId,
          now,
        ),
        auditStatement(
          db,
          {
            actor: input.actor,
            action: 'payout.retry',
            target: failed.id,
            reason: input.reason,
            detail: { retryId: payout.id, amount: payout.amount, currency: payout.currency },
          },
          { now, when: { sql: 'EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)', args: [entryId] } },
        ),
      ],
    );
    const stored = await findPayout(db, payout.id);
    return stored ? { ok: true, payout: stored, created } : { ok: false, reason: 'not_found' };
  } catch (err) {
    if (err instanceof AppError && err.extra.reason === 'insufficient_funds') return { ok: false, reason: 'insufficient_funds' };
    throw err;
  }
}
