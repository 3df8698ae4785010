import { insertWhere, statement } from '@linked-all/db';
import type { CurrencyCode } from '@linked-all/money';
import { type SQL, sql } from 'drizzle-orm';
import type { DeliveryPayee } from '../../contract';
import { payments, vendorOrderPayments } from '../db/schema';
import { type CommissionRule, commissionFor, rulesFor } from './commission';

/**
 * A vendor order as the ledger moves it: `amount` is what the shopper pays for it (goods plus
 * delivery fee), `commission` is taken on the goods only, and `logisticsFee` is the part of the
 * fee the platform's logistics keeps (0 when the vendor delivers itself and keeps the fee).
 */
export type PricedVendorOrder = {
  vendorOrderId: string;
  vendorId: string;
  amount: number;
  commission: number;
  deliveryFee: number;
  deliveryPayee: DeliveryPayee;
  logisticsFee: number;
};

type VendorOrderInput = {
  vendorOrderId: string;
  vendorId: string;
  lines: { categoryId: string; amount: number }[];
  delivery?: { fee: number; payee: DeliveryPayee };
};

/** Each vendor order's amount (delivery included) and commission, under the rules as they are now. */
export async function priceVendorOrders(
  db: D1Database,
  currency: CurrencyCode,
  vendorOrders: readonly VendorOrderInput[],
): Promise<PricedVendorOrder[]> {
  return priceWithRules(await rulesFor(db, ruleCategories(vendorOrders)), currency, vendorOrders);
}

/** The categories whose commission rules price these vendor orders. */
export const ruleCategories = (vendorOrders: readonly VendorOrderInput[]) =>
  vendorOrders.flatMap((v) => v.lines.map((l) => l.categoryId));

/** Each vendor order's amount (delivery included) and commission under `rules` (see `rulesFor`). */
export function priceWithRules(
  rules: ReadonlyMap<string, CommissionRule>,
  currency: CurrencyCode,
  vendorOrders: readonly VendorOrderInput[],
): PricedVendorOrder[] {
  return vendorOrders.map((v) => {
    const deliveryFee = v.delivery?.fee ?? 0;
    const deliveryPayee = v.delivery?.payee ?? 'logistics';
    return {
      vendorOrderId: v.vendorOrderId,
      vendorId: v.vendorId,
      amount: v.lines.reduce((s, l) => s + l.amount, 0) + deliveryFee,
      commission: commissionFor(v.lines, currency, rules),
      deliveryFee,
      deliveryPayee,
      logisticsFee: deliveryPayee === 'logistics' ? deliveryFee : 0,
    };
  });
}

/** Inserts the payment and its vendor orders; `condition` gates the payment row, and the payment row gates the rest. */
export function insertPaymentRows(
  db: D1Database,
  payment: {
    id: string;
    orderId: string;
    userId: string;
    method: 'wallet' | 'pay_on_delivery';
    status: 'authorized' | 'pay_on_delivery';
    amount: number;
    currency: CurrencyCode;
    country?: string;
    shares: PricedVendorOrder[];
  },
  condition: SQL,
  now: number,
): D1PreparedStatement[] {
  const commission = payment.shares.reduce((s, v) => s + v.commission, 0);
  const paymentLanded = sql`EXISTS (SELECT 1 FROM ${payments} WHERE ${payments.id} = ${payment.id})`;
  return [
    statement(
      db,
      insertWhere(
        db,
        payments,
        {
          id: payment.id,
          orderId: payment.orderId,
          userId: payment.userId,
          method: payment.method,
          status: payment.status,
          amount: payment.amount,
          currency: payment.currency,
          commission,
          country: payment.country ?? null,
          createdAt: now,
          updatedAt: now,
        },
        condition,
      ),
    ),
    // Gated on this call's payment row, so they land exactly when it does.
    ...payment.shares.map((v) =>
      statement(
        db,
        insertWhere(
          db,
          vendorOrderPayments,
          {
            vendorOrderId: v.vendorOrderId,
            orderId: payment.orderId,
            vendorId: v.vendorId,
            amount: v.amount,
            commission: v.commission,
            deliveryFee: v.deliveryFee,
            deliveryPayee: v.deliveryPayee,
            currency: payment.currency,
            status: payment.status,
            createdAt: now,
            updatedAt: now,
          },
          paymentLanded,
        ),
      ),
    ),
  ];
}
