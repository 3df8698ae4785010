import { z } from 'zod';

/** The ledger's kinds of account. */
export const AccountKind = z.enum([
  'shopper_wallet',
  'vendor_payable',
  'vendor_pending',
  'platform_commission',
  'provider_clearing',
  'cod_receivable',
  'refunds',
  // Delivery fees of vendor orders that the platform's logistics carries.
  'logistics_revenue',
  // Pay-on-delivery cash a rider or station agent collected and has not handed in yet (owner: their user id).
  'collector_cash',
  // Cash collectors handed in to the platform (migrations/payments/0009).
  'platform_cash',
]);
export type AccountKind = z.infer<typeof AccountKind>;

/** The payment providers, each behind one adapter (src/providers). */
export const ProviderName = z.enum(['mpesa', 'mtn_momo', 'paystack', 'flutterwave']);
export type ProviderName = z.infer<typeof ProviderName>;
