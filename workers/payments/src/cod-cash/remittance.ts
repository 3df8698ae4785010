import { auditStatement } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { and, eq, sql } from 'drizzle-orm';
import type { RemittanceBody } from '../../contract';
import { orm } from '../db/orm';
import { accounts, journalLines } from '../db/schema';
import { balanceOf } from '../domain/balances';
import { resolveAccounts } from '../domain/operations';
import { findEntry, postEntry } from '../domain/post-entry';

export type RemittanceInput = RemittanceBody & {
  collectorId: string;
  /** The operator's Idempotency-Key: the remittance's journal entry is `remit:<key>`. */
  key: string;
  /** The admin recording it (audited with the reason). */
  actor: string;
};

export type RemittanceOutcome =
  | { ok: true; remittanceId: string; created: boolean; held: number }
  /** More than the collector holds in that currency (nothing, if they never collected any). */
  | { ok: false; reason: 'exceeds_held'; held: number }
  /** The key was already used for another collector, amount or currency. */
  | { ok: false; reason: 'key_reused' };

/**
 * A rider or station agent handed in pay-on-delivery cash: their account is credited (they owe
 * us less) and the platform's cash debited, as one entry under `remit:<key>`, with its audit row
 * in the same batch. The guard "it does not exceed what they hold" is read by the entry's own
 * INSERT (postEntry's `guard`), so two remittances at once serialise on D1's single writer and
 * together never take more than the cash held; the same key again finds its entry and counts once.
 */
export async function recordRemittance(
  { db, now = Date.now() }: { db: D1Database; now?: number },
  input: RemittanceInput,
): Promise<RemittanceOutcome> {
  const { currency, amount } = input;
  const account = await orm(db)
    .select({ id: accounts.id, kind: accounts.kind, ownerId: accounts.ownerId, currency: accounts.currency })
    .from(accounts)
    .where(and(eq(accounts.kind, 'collector_cash'), eq(accounts.ownerId, input.collectorId), eq(accounts.currency, currency)))
    .get();
  const ref = `remit:${input.key}`;
  if (!account) {
    // They never collected cash in this currency; a key already spent elsewhere is not this remittance either.
    return (await findEntry(db, ref)) ? { ok: false, reason: 'key_reused' } : { ok: false, reason: 'exceeds_held', held: 0 };
  }
  const [platformCash] = await resolveAccounts(db, [{ kind: 'platform_cash', ownerId: null, currency }], now);
  const held = sql`(SELECT coalesce(sum(${journalLines.amount}), 0) FROM ${journalLines} WHERE ${journalLines.accountId} = ${account.id})`;
  try {
    const { entry, created } = await postEntry(db, {
      externalRef: ref,
      kind: 'cod_remittance',
      now,
      lines: [
        { account, amount, currency },
        { account: platformCash, amount: -amount, currency },
      ],
      // The collector's balance is negative (cash they owe us): after the credit it must still be ≤ 0.
      guard: { sql: sql`${held} + ${amount} <= 0`, reason: 'exceeds_held' },
      also: (entryId) => [
        auditStatement(
          db,
          {
            actor: input.actor,
            action: 'cod.remit',
            target: input.collectorId,
            reason: input.reason,
            detail: { amount, currency, remittanceId: entryId },
          },
          { now, when: { sql: 'EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)', args: [entryId] } },
        ),
      ],
    });
    if (!created && !(await sameRemittance(db, entry.id, account.id, amount))) return { ok: false, reason: 'key_reused' };
    return { ok: true, remittanceId: entry.id, created, held: 0 - (await balanceOf(db, account.id)) };
  } catch (err) {
    // `insufficient_funds`: the guard failed in the insert but holds again now (a collection landed in between).
    if (err instanceof AppError && (err.extra.reason === 'exceeds_held' || err.extra.reason === 'insufficient_funds')) {
      return { ok: false, reason: 'exceeds_held', held: 0 - (await balanceOf(db, account.id)) };
    }
    // The key was used for another kind of entry altogether.
    if (err instanceof AppError && err.code === 'conflict' && !err.extra.reason) return { ok: false, reason: 'key_reused' };
    throw err;
  }
}

/** True when the entry credits exactly `amount` to this collector's account: the same remittance asked again. */
async function sameRemittance(db: D1Database, entryId: string, accountId: string, amount: number): Promise<boolean> {
  const line = await orm(db)
    .select({ amount: journalLines.amount })
    .from(journalLines)
    .where(and(eq(journalLines.entryId, entryId), eq(journalLines.accountId, accountId), eq(journalLines.amount, amount)))
    .get();
  return line !== undefined;
}
