import { newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { and, eq, sql } from 'drizzle-orm';
import type { AccountKind } from '../../contract/enums';
import { orm } from '../db/orm';
import { accounts } from '../db/schema';

/** The platform's own accounts have no owner; every other kind belongs to a user, vendor or provider. */
export const PLATFORM_KINDS: readonly AccountKind[] = [
  'platform_commission',
  'cod_receivable',
  'refunds',
  'logistics_revenue',
  'platform_cash',
];

/** Money we owe someone: a debit may never take these below zero. */
export const NON_NEGATIVE_KINDS: readonly AccountKind[] = ['shopper_wallet', 'vendor_pending', 'vendor_payable'];

export type Account = { id: string; kind: AccountKind; ownerId: string | null; currency: CurrencyCode };

/**
 * The account of this kind, owner and currency, created on first use. Creating an
 * empty account moves no money, so it happens outside the entry's batch.
 */
export async function ensureAccount(
  db: D1Database,
  kind: AccountKind,
  ownerId: string | null,
  currency: CurrencyCode,
  now = Date.now(),
): Promise<Account> {
  if (PLATFORM_KINDS.includes(kind) !== (ownerId === null)) {
    throw new Error(`Account kind ${kind} ${ownerId === null ? 'needs' : 'takes no'} owner`);
  }
  const d = orm(db);
  const [, found] = await d.batch([
    d
      .insert(accounts)
      .values({ id: newId('acc', now), kind, ownerId, currency, createdAt: now })
      .onConflictDoNothing(),
    d
      .select({ id: accounts.id, kind: accounts.kind, ownerId: accounts.ownerId, currency: accounts.currency })
      .from(accounts)
      .where(
        and(eq(accounts.kind, kind), sql`coalesce(${accounts.ownerId}, '') = ${ownerId ?? ''}`, eq(accounts.currency, currency)),
      ),
  ]);
  return found[0];
}
