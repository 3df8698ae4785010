import { requirePermissionOf, verifyAccessToken } from '@linked-all/auth';
import { AppError } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import type { VendorBalance, VendorBalanceAnswer } from '../../contract';
import { shopStanding } from '../shop-standing';

/**
 * A shop's pending and payable balances now, summed from its ledger lines (balances are derived,
 * never stored). Every currency the shop has an account in appears, even at zero.
 */
export async function vendorBalance(db: D1Database, vendorId: string, now = Date.now()): Promise<VendorBalance> {
  const { results } = await db
    .prepare(
      `SELECT a.currency,
              coalesce(sum(CASE WHEN a.kind = 'vendor_pending' THEN l.amount END), 0) AS pending,
              coalesce(sum(CASE WHEN a.kind = 'vendor_payable' THEN l.amount END), 0) AS payable
       FROM accounts a LEFT JOIN journal_lines l ON l.account_id = a.id
       WHERE a.owner_id = ? AND a.kind IN ('vendor_pending', 'vendor_payable')
       GROUP BY a.currency ORDER BY a.currency`,
    )
    .bind(vendorId)
    .all<{ currency: CurrencyCode; pending: number; payable: number }>();
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
