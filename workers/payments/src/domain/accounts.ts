import { newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import type { AccountKind } from '../../contract/enums';

/** The platform's own accounts have no owner; every other kind belongs to a user, vendor or provider. */
export const PLATFORM_KINDS: readonly AccountKind[] = ['platform_commission', 'cod_receivable', 'refunds', 'logistics_revenue'];

/** Money we owe someone: a debit may never take these below zero. */
export const NON_NEGATIVE_KINDS: readonly AccountKind[] = ['shopper_wallet', 'vendor_pending', 'vendor_payable'];

export type Account = { id: string; kind: AccountKind; ownerId: string | null; currency: CurrencyCode };

type AccountRow = { id: string; kind: AccountKind; owner_id: string | null; currency: CurrencyCode };

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
  const [, found] = await db.batch<AccountRow>([
    db
      .prepare('INSERT OR IGNORE INTO accounts (id, kind, owner_id, currency, created_at) VALUES (?, ?, ?, ?, ?)')
      .bind(newId('acc', now), kind, ownerId, currency, now),
    db
      .prepare("SELECT id, kind, owner_id, currency FROM accounts WHERE kind = ? AND coalesce(owner_id, '') = ? AND currency = ?")
      .bind(kind, ownerId ?? '', currency),
  ]);
  const row = found.results[0];
  return { id: row.id, kind: row.kind, ownerId: row.owner_id, currency: row.currency };
}
