// The statuses of a payment and of its vendor orders, as the columns hold them (db/schema.ts types
// the columns with these, so a query answers them without a cast).

export type PaymentMethod = 'wallet' | 'mobile_money' | 'pay_on_delivery';
export type PaymentStatus =
  | 'authorized'
  | 'voiding'
  | 'voided'
  | 'captured'
  | 'refunded'
  | 'partially_refunded'
  | 'pay_on_delivery'
  | 'collected';
export type VendorOrderStatus =
  | 'authorized'
  | 'captured'
  | 'voided'
  | 'pay_on_delivery'
  | 'collecting'
  | 'collected'
  | 'releasing'
  | 'released'
  | 'refunding'
  | 'refunded';

/** Where a refund takes the vendor's share from: pending before release, payable after, none for an uncollected COD. */
export type RefundFrom = 'pending' | 'payable' | 'none';
