import { AppError, newId } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import type { OrderPaymentInput } from '../../contract';
import { orm } from '../db/orm';
import { paymentVoids } from '../db/schema';
import { ensureAccount } from '../domain/accounts';
import { balanceOf } from '../domain/balances';
import { payVendors } from '../domain/operations';
import { insertPaymentRows, priceVendorOrders } from './shares';
import { type Payment, paymentQuery, posted } from './state';
import { voidPayment } from './void';

export type AuthorizeResult =
  | { ok: true; paymentId: string; status: 'authorized' | 'captured' | 'refunded' | 'partially_refunded'; commission: number }
  | { ok: false; reason: 'insufficient_funds'; available: number }
  | { ok: false; reason: 'voided' | 'method_mismatch' };

type Ctx = { db: D1Database; now?: number };

function answer(payment: Payment): AuthorizeResult {
  if (payment.method !== 'wallet') return { ok: false, reason: 'method_mismatch' };
  if (payment.status === 'voided' || payment.status === 'voiding') return { ok: false, reason: 'voided' };
  return {
    ok: true,
    paymentId: payment.id,
    status: payment.status as 'authorized' | 'captured' | 'refunded' | 'partially_refunded',
    commission: payment.commission,
  };
}

/** The order's payment and whether a void came for it, in one round trip. */
async function paymentAndVoid(db: D1Database, orderId: string): Promise<{ payment: Payment | null; voided: boolean }> {
  const [payment, voided] = await orm(db).batch([
    paymentQuery(db, orderId),
    orm(db).select({ orderId: paymentVoids.orderId }).from(paymentVoids).where(eq(paymentVoids.orderId, orderId)),
  ]);
  return { payment: payment[0] ?? null, voided: voided.length > 0 };
}

/**
 * Wallet payment of a whole order as ONE entry under `order:<orderId>`: the wallet pays the
 * total, each vendor's pending gets its share, the platform the commissions. The payment and
 * vendor order rows are written in the same batch, only if that entry is this call's, so a
 * retry (or a concurrent duplicate) answers the first result and moves nothing twice.
 */
export async function authorize({ db, now = Date.now() }: Ctx, input: OrderPaymentInput): Promise<AuthorizeResult> {
  const [before, shares] = await Promise.all([
    paymentAndVoid(db, input.orderId),
    priceVendorOrders(db, input.currency, input.vendorOrders),
  ]);
  if (before.payment) return answer(before.payment);
  // The saga gave up (and voided) before this authorize arrived: never charge it.
  if (before.voided) return { ok: false, reason: 'voided' };

  const paymentId = newId('pay', now);
  try {
    await payVendors(
      { db, now },
      {
        ref: `order:${input.orderId}`,
        kind: 'purchase',
        source: { kind: 'shopper_wallet', ownerId: input.userId },
        shares,
        currency: input.currency,
      },
      (entryId) =>
        insertPaymentRows(db, { id: paymentId, ...input, method: 'wallet', status: 'authorized', shares }, posted(entryId), now),
    );
  } catch (err) {
    if (err instanceof AppError && err.extra.reason === 'insufficient_funds') {
      const wallet = await ensureAccount(db, 'shopper_wallet', input.userId, input.currency, now);
      return { ok: false, reason: 'insufficient_funds', available: await balanceOf(db, wallet.id) };
    }
    throw err;
  }
  const after = await paymentAndVoid(db, input.orderId);
  // A void that raced in between the check above and the entry: undo what just landed.
  if (after.voided) {
    await voidPayment({ db, now }, { orderId: input.orderId, reason: 'voided before it was authorized' });
    return { ok: false, reason: 'voided' };
  }
  if (!after.payment) throw new Error(`The entry for order ${input.orderId} landed without its payment row`);
  return answer(after.payment);
}
