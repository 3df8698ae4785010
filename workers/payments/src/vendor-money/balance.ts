import { requirePermissionOf, verifyAccessToken } from '@linked-all/auth';
import { AppError } from '@linked-all/http';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { VendorBalance, VendorBalanceAnswer } from '../../contract';
import { orm } from '../db/orm';
import { accounts, journalLines } from '../db/schema';
import { shopStanding } from '../shop-standing';

/**
 * A shop's pending and payable balances now, summed from its ledger lines (balances are derived,
 * never stored). Every currency the shop has an account in appears, even at zero.
 */
export async function vendorBalance(db: D1Database, vendorId: string, now = Date.now()): Promise<VendorBalance> {
  const perKind = (kind: 'vendor_pending' | 'vendor_payable') =>
    sql<number>`coalesce(sum(CASE WHEN ${accounts.kind} = ${kind} THEN ${journalLines.amount} END), 0)`;
  const results = await orm(db)
    .select({ currency: accounts.currency, pending: perKind('vendor_pending'), payable: perKind('vendor_payable') })
    .from(accounts)
    .leftJoin(journalLines, eq(journalLines.accountId, accounts.id))
    .where(and(eq(accounts.ownerId, vendorId), inArray(accounts.kind, ['vendor_pending', 'vendor_payable'])))
    .groupBy(accounts.currency)
    .orderBy(accounts.currency);
  return { vendorId, currencies: results, at: new Date(now).toISOString() };
}

/**
 * The RPC behind the vendor app's money screen. It takes the caller's own access token and checks
 * it here, like the HTTP routes do: a valid vendor token, the finance permission of its staff
 * role, and an open shop. The vendor is always the token's, so no caller can name another shop.
 */
export async function vendorBalanceForToken(env: PaymentsEnv, token: string): Promise<VendorBalanceAnswer> {
  try {
    const principal = requirePermissionOf(await verifyAccessToken(token, env), 'finance');
    const vendorId = principal.vendorId;
    if (!vendorId) throw new AppError('forbidden', 'This needs a vendor account');
    const standing = await shopStanding(env, { userId: principal.userId, vendorId });
    if (!standing.open) throw new AppError('forbidden', `Vendor actions are closed: ${standing.reason}`);
    return { ok: true, balance: await vendorBalance(env.DB, vendorId) };
  } catch (err) {
    if (
      !(err instanceof AppError) ||
      (err.code !== 'forbidden' && err.code !== 'invalid_token' && err.code !== 'unauthenticated')
    )
      throw err;
    return err.code === 'forbidden'
      ? { ok: false, status: 403, code: 'forbidden', detail: err.message }
      : { ok: false, status: 401, code: 'unauthenticated', detail: err.message };
  }
}
