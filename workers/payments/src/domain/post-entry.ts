import { statement } from '@linked-all/db';
import { AppError, newId } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { eq, type SQL, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { journalEntries, journalLines } from '../db/schema';
import { type Account, NON_NEGATIVE_KINDS } from './accounts';

export type EntryLine = { account: Account; amount: number; currency: CurrencyCode };

export type PostEntryInput = {
  /** The operation's idempotency key: the same ref always means the same, single entry. */
  externalRef: string;
  kind: string;
  lines: EntryLine[];
  now?: number;
  /**
   * Statements to commit with the entry (outbox rows, status changes). They run in the same
   * batch whether or not the entry is new, so each must be conditional on `entryId` existing
   * (see `whenPosted`).
   */
  also?: (entryId: string) => D1PreparedStatement[];
  /**
   * A further condition of the entry row's INSERT (read in the same statement as the balances):
   * the state the caller computed the amounts from still holds. When it does not, nothing is
   * posted and postEntry throws a 409 carrying `reason`.
   */
  guard?: EntryGuard;
};

/** An SQL condition (binds inside) the entry is posted under, and the refusal reason when it fails. */
export type EntryGuard = { sql: SQL; reason: string };

export type JournalEntry = { id: string; externalRef: string; kind: string; createdAt: number };

export type PostEntryResult = { entry: JournalEntry; created: boolean };

/** Rejects an entry that is not balanced, integral and single-currency per line, before touching D1. */
export function checkLines(lines: EntryLine[]): void {
  if (lines.length < 2) throw new AppError('validation_failed', 'An entry needs at least two lines');
  const sums = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amount) || line.amount === 0) {
      throw new AppError('validation_failed', `Line amounts are non-zero integers in minor units, not ${line.amount}`);
    }
    if (!CurrencyCode.safeParse(line.currency).success) {
      throw new AppError('validation_failed', `Unknown currency ${line.currency}`);
    }
    if (line.currency !== line.account.currency) {
      throw new AppError('validation_failed', `A ${line.currency} line cannot post to a ${line.account.currency} account`);
    }
    sums.set(line.currency, (sums.get(line.currency) ?? 0) + line.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) throw new AppError('validation_failed', `The ${currency} lines sum to ${sum}, not zero`);
  }
}

/**
 * Posts one balanced journal entry, atomically and at most once per `externalRef`.
 *
 * Everything is one D1 `batch()` (one transaction):
 * 1. the entry row, inserted only if no entry has this external_ref (ON CONFLICT DO NOTHING)
 *    and only if every guarded account (wallet, vendor pending/payable) this entry debits
 *    stays ≥ 0 — the balance is read inside the same statement, so concurrent debits
 *    serialise on D1's single writer and cannot overdraw;
 * 2. each line, inserted only if the entry row carrying the id generated for *this call*
 *    exists. A retry generates a new id that never lands, so it can never add lines twice.
 */
export async function postEntry(db: D1Database, input: PostEntryInput): Promise<PostEntryResult> {
  checkLines(input.lines);
  const now = input.now ?? Date.now();
  const entryId = newId('jre', now);

  const net = new Map<string, { account: Account; amount: number }>();
  for (const line of input.lines) {
    const current = net.get(line.account.id) ?? { account: line.account, amount: 0 };
    current.amount += line.amount;
    net.set(line.account.id, current);
  }
  const guarded = [...net.values()].filter((n) => n.amount < 0 && NON_NEGATIVE_KINDS.includes(n.account.kind));
  const balanceSql = guarded.length
    ? sql.join(
        guarded.map(
          (g) =>
            sql`(SELECT coalesce(sum(${journalLines.amount}), 0) FROM ${journalLines} WHERE ${journalLines.accountId} = ${g.account.id}) + ${g.amount} >= 0`,
        ),
        sql` AND `,
      )
    : sql`1`;
  const guardSql = input.guard ? sql`${balanceSql} AND (${input.guard.sql})` : balanceSql;

  const d = orm(db);
  // The WHERE is always present: SQLite needs it to tell the SELECT from the ON CONFLICT clause.
  const statements = [
    statement(
      db,
      d
        .insert(journalEntries)
        .select(sql`SELECT ${entryId}, ${input.externalRef}, ${input.kind}, ${now} WHERE ${guardSql}`)
        .onConflictDoNothing({ target: journalEntries.externalRef }),
    ),
    ...input.lines.map((line, lineNo) =>
      statement(
        db,
        d.insert(journalLines).select(
          sql`SELECT ${entryId}, ${lineNo}, ${line.account.id}, ${line.amount}, ${line.currency}
                WHERE EXISTS (SELECT 1 FROM ${journalEntries} WHERE ${journalEntries.id} = ${entryId})`,
        ),
      ),
    ),
    ...(input.also?.(entryId) ?? []),
  ];
  const [inserted] = await db.batch(statements);
  if (inserted.meta.changes === 1) {
    return { entry: { id: entryId, externalRef: input.externalRef, kind: input.kind, createdAt: now }, created: true };
  }

  const existing = await findEntry(db, input.externalRef);
  if (existing) {
    if (existing.kind !== input.kind) {
      throw new AppError('conflict', `The reference ${input.externalRef} was already used for a ${existing.kind} entry`);
    }
    return { entry: existing, created: false };
  }
  if (input.guard) {
    const holds = await orm(db).get<{ ok: number }>(sql`SELECT (${input.guard.sql}) AS ok`);
    if (!holds?.ok)
      throw new AppError('conflict', 'The state this entry was computed from changed', { reason: input.guard.reason });
  }
  throw new AppError('conflict', 'The balance is too low for this payment', { reason: 'insufficient_funds' });
}

/** The entry posted under an external reference, if any. */
export async function findEntry(db: D1Database, externalRef: string): Promise<JournalEntry | null> {
  const row = await orm(db).select().from(journalEntries).where(eq(journalEntries.externalRef, externalRef)).get();
  return row ?? null;
}
