import { AppError, newId } from '@linked-all/http';
import { eq, sql } from 'drizzle-orm';
import type { OrderPaymentInput } from '../../contract';
import { orm } from '../db/orm';
import { paymentVoids } from '../db/schema';
import { ensureAccount } from '../domain/accounts';
import { balanceOf } from '../domain/balances';
import { accountsQuery, payVendors, purchaseAccounts } from '../domain/operations';
import type { EntryGuard, PostEntryResult } from '../domain/post-entry';
import { rulesByCategory, rulesQuery } from './commission';
import { insertPaymentRows, priceWithRules, ruleCategories } from './shares';
import { posted as entryPosted, findPayment, type Payment, paymentQuery } from './state';

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

/** The accounts a wallet payment of the order moves (payVendors resolves the same list). */
const walletAccounts = (input: OrderPaymentInput) =>
  purchaseAccounts(
    { kind: 'shopper_wallet', ownerId: input.userId },
    [...new Set(input.vendorOrders.map((v) => v.vendorId))],
    input.currency,
  );

/**
 * Everything authorize reads, in one round trip: the order's payment, whether a void came for
 * it, the commission rules of its categories and the accounts the entry moves.
 */
async function readBefore(db: D1Database, input: OrderPaymentInput) {
  const [payment, voided, rules, found] = await orm(db).batch([
    paymentQuery(db, input.orderId),
    orm(db).select({ orderId: paymentVoids.orderId }).from(paymentVoids).where(eq(paymentVoids.orderId, input.orderId)),
    rulesQuery(db, ruleCategories(input.vendorOrders)),
    accountsQuery(db, walletAccounts(input)),
  ]);
  return { payment: payment[0] ?? null, voided: voided.length > 0, rules: rulesByCategory(rules), found };
}

/** The entry's condition: no void came for the order (read in the entry's own INSERT). */
const notVoided = (orderId: string): EntryGuard => ({
  sql: sql`NOT EXISTS (SELECT 1 FROM ${paymentVoids} WHERE ${paymentVoids.orderId} = ${orderId})`,
  reason: 'voided',
});

/**
 * Wallet payment of a whole order as ONE entry under `order:<orderId>`: the wallet pays the
 * total, each vendor's pending gets its share, the platform the commissions. The payment and
 * vendor order rows are written in the same batch, only if that entry is this call's, so a
 * retry (or a concurrent duplicate) answers the first result and moves nothing twice. The entry
 * is posted only while no void has come for the order, checked inside its INSERT: a void that
 * lands earlier refuses it, and one that lands later finds the payment and reverses it.
 */
export async function authorize({ db, now = Date.now() }: Ctx, input: OrderPaymentInput): Promise<AuthorizeResult> {
  const before = await readBefore(db, input);
  if (before.payment) return answer(before.payment);
  // The saga gave up (and voided) before this authorize arrived: never charge it.
  if (before.voided) return { ok: false, reason: 'voided' };

  const shares = priceWithRules(before.rules, input.currency, input.vendorOrders);
  const paymentId = newId('pay', now);
  let posted: PostEntryResult;
  try {
    posted = await payVendors(
      { db, now },
      {
        ref: `order:${input.orderId}`,
        kind: 'purchase',
        source: { kind: 'shopper_wallet', ownerId: input.userId },
        shares,
        currency: input.currency,
        guard: notVoided(input.orderId),
      },
      (entryId) =>
        insertPaymentRows(
          db,
          { id: paymentId, ...input, method: 'wallet', status: 'authorized', shares },
          entryPosted(entryId),
          now,
        ),
      before.found,
    );
  } catch (err) {
    if (err instanceof AppError && err.extra.reason === 'voided') return { ok: false, reason: 'voided' };
    if (err instanceof AppError && err.extra.reason === 'insufficient_funds') {
      const wallet = await ensureAccount(db, 'shopper_wallet', input.userId, input.currency, now);
      return { ok: false, reason: 'insufficient_funds', available: await balanceOf(db, wallet.id) };
    }
    throw err;
  }
  // This call's entry landed with its payment row, in one batch: that row is the answer.
  if (posted.created) {
    return { ok: true, paymentId, status: 'authorized', commission: shares.reduce((s, v) => s + v.commission, 0) };
  }
  // A concurrent duplicate posted first: answer with its payment.
  const payment = await findPayment(db, input.orderId);
  if (!payment) throw new Error(`The entry for order ${input.orderId} landed without its payment row`);
  return answer(payment);
}
