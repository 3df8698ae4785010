import type { CurrencyCode } from '@linked-all/money';
import type { DeliveryPayee } from '../../contract';
import { commissionFor, rulesFor } from './commission';

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
  const rules = await rulesFor(
    db,
    vendorOrders.flatMap((v) => v.lines.map((l) => l.categoryId)),
  );
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

/** Inserts the payment and its vendor orders; `condition` (SQL + args) gates every row. */
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
  condition: { sql: string; args: unknown[] },
  now: number,
): D1PreparedStatement[] {
  const commission = payment.shares.reduce((s, v) => s + v.commission, 0);
  return [
    db
      .prepare(
        `INSERT INTO payments (id, order_id, user_id, method, status, amount, currency, commission, country, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${condition.sql}`,
      )
      .bind(
        payment.id,
        payment.orderId,
        payment.userId,
        payment.method,
        payment.status,
        payment.amount,
        payment.currency,
        commission,
        payment.country ?? null,
        now,
        now,
        ...condition.args,
      ),
    // Gated on this call's payment row, so they land exactly when it does.
    ...payment.shares.map((v) =>
      db
        .prepare(
          `INSERT INTO vendor_order_payments
             (vendor_order_id, order_id, vendor_id, amount, commission, delivery_fee, delivery_payee, currency, status,
              created_at, updated_at)
           SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM payments WHERE id = ?)`,
        )
        .bind(
          v.vendorOrderId,
          payment.orderId,
          v.vendorId,
          v.amount,
          v.commission,
          v.deliveryFee,
          v.deliveryPayee,
          payment.currency,
          payment.status,
          now,
          now,
          payment.id,
        ),
    ),
  ];
}
