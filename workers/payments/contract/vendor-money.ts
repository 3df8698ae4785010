import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';

// What the vendor app reads of payments' vendor answers: payouts, weekly statements and the
// balance. The gateway parses those answers with these, so a change here is a type error there.

export const PayoutStatus = z.enum(['requested', 'submitted', 'completed', 'failed']);

export const VendorPayoutView = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: CurrencyCode,
  phone: z.string(),
  provider: z.string(),
  status: PayoutStatus,
  receipt: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type VendorPayoutView = z.infer<typeof VendorPayoutView>;

export const VendorPayoutList = z.object({ items: z.array(VendorPayoutView), nextCursor: z.string().nullable() });

export const VendorStatementView = z.object({
  week: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  currencies: z.array(
    z.object({
      currency: CurrencyCode,
      openingPending: z.number().int(),
      openingPayable: z.number().int(),
      grossSales: z.number().int(),
      commission: z.number().int(),
      sales: z.number().int(),
      refunds: z.number().int(),
      releases: z.number().int(),
      payouts: z.number().int(),
      closingPending: z.number().int(),
      closingPayable: z.number().int(),
    }),
  ),
});
export type VendorStatementView = z.infer<typeof VendorStatementView>;

/** A shop's balances now, per currency: pending (not yet releasable) and payable (can be paid out). */
export const VendorBalance = z.object({
  vendorId: z.string(),
  currencies: z.array(z.object({ currency: CurrencyCode, pending: z.number().int(), payable: z.number().int() })),
  at: z.iso.datetime(),
});
export type VendorBalance = z.infer<typeof VendorBalance>;

/** The `vendorBalance(token)` RPC: the balance, or why the caller may not see it. */
export type VendorBalanceAnswer =
  | { ok: true; balance: VendorBalance }
  | { ok: false; status: 401 | 403; code: 'unauthenticated' | 'forbidden'; detail: string };
