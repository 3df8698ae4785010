import { AuditReason } from '@linked-all/events';
import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';
import { CollectorId } from './checkout-rpc';

// Pay-on-delivery cash between the door and the platform (issue 15): what each rider or station
// agent holds, and the remittance that records it handed in.

/** `POST /v1/admin/cod/collectors/:collectorId/remittances` (header `Idempotency-Key`). */
export const RemittanceBody = z.strictObject({
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: CurrencyCode,
  // The audit's why.
  reason: AuditReason,
});
export type RemittanceBody = z.infer<typeof RemittanceBody>;

export const CollectorParams = z.strictObject({ collectorId: CollectorId });

/** A recorded remittance; `held` is what the collector still holds in that currency afterwards. */
export const RemittanceView = z.object({
  remittanceId: z.string(),
  collectorId: z.string(),
  amount: z.number().int(),
  currency: CurrencyCode,
  held: z.number().int(),
  /** False when the same Idempotency-Key was seen before: the first remittance, not a second one. */
  created: z.boolean(),
});
export type RemittanceView = z.infer<typeof RemittanceView>;

/** One collector's cash in one currency: held, how many collections it spans and the oldest one's time. */
export const CollectorCash = z.object({
  collectorId: z.string(),
  currency: CurrencyCode,
  held: z.number().int(),
  collections: z.number().int(),
  oldestAt: z.iso.datetime().nullable(),
});
export type CollectorCash = z.infer<typeof CollectorCash>;

/** Delivered pay-on-delivery parcels whose collection nobody booked, per currency. */
export const UncollectedCash = z.object({
  currency: CurrencyCode,
  count: z.number().int(),
  amount: z.number().int(),
  oldestAt: z.iso.datetime().nullable(),
});
export type UncollectedCash = z.infer<typeof UncollectedCash>;

export const CodCashView = z.object({ collectors: z.array(CollectorCash), uncollected: z.array(UncollectedCash) });
export type CodCashView = z.infer<typeof CodCashView>;
