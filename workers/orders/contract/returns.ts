import { idPattern } from '@linked-all/http';
import { z } from 'zod';
import { MoneyView, VendorOrderId } from './views';

// Returns (issue 11, item 8): requests and views. A shopper returns units of a delivered vendor
// order inside its return window; the vendor (or an admin) accepts or refuses; an accepted return
// comes back through logistics; when the vendor receives it the money goes back and the units
// are restocked.

/** requested → accepted → received → refunded, requested → refused. */
export const RETURN_STATUSES = ['requested', 'accepted', 'refused', 'received', 'refunded'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_MOVES: Record<ReturnStatus, readonly ReturnStatus[]> = {
  requested: ['accepted', 'refused'],
  accepted: ['received'],
  received: ['refunded'],
  refused: [],
  refunded: [],
};

/** Why the shopper sends it back; the words are the catalogue's `returns.reason.<code>`. */
export const RETURN_REASONS = [
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'missing_parts',
  'changed_mind',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/**
 * The state the item comes back in, said by whoever receives it. Only as_new and opened units go
 * back on sale (`RESTOCKED_CONDITIONS`): a damaged unit stays with the vendor, out of stock. The
 * refund does not depend on it (the shopper sent back what they were sold; a dispute is a human's).
 */
export const RETURN_CONDITIONS = ['as_new', 'opened', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];
export const RESTOCKED_CONDITIONS: readonly ReturnCondition[] = ['as_new', 'opened'];

export const ReturnId = z.string().regex(idPattern('ret'), 'Expected a return id like ret_…');
const SkuId = z.string().regex(idPattern('sku'), 'Expected a SKU id like sku_…');
// The catalog's review-photo pipeline (PUT /v1/reviews/images) makes the keys; only the caller's own.
const PhotoKey = z
  .string()
  .regex(/^reviews\/usr_[0-9a-z]+\/img_[0-9a-z]+\.(webp|jpg)$/, 'Expected a photo key returned by PUT /v1/reviews/images');

export const RequestReturnBody = z
  .object({
    vendorOrderId: VendorOrderId,
    lines: z
      .array(z.object({ skuId: SkuId, quantity: z.number().int('A whole number').min(1).max(1000) }).strict())
      .min(1, 'Choose at least one item')
      .max(100)
      .refine((lines) => new Set(lines.map((l) => l.skuId)).size === lines.length, 'Each item appears once'),
    reason: z.enum(RETURN_REASONS),
    note: z.string().trim().max(1000).default(''),
    photos: z.array(PhotoKey).max(4, 'At most 4 photos').default([]),
    /** How it comes back: a rider collects it at the delivery address, or I drop it at a station. */
    method: z.enum(['home', 'station']),
    pickupStationId: z.string().regex(idPattern('pks'), 'Expected a pickup station id like pks_…').optional(),
  })
  .strict()
  .refine((b) => b.method === 'home' || b.pickupStationId !== undefined, {
    message: 'Choose the station you will drop it at',
    path: ['pickupStationId'],
  });
export type RequestReturnBody = z.infer<typeof RequestReturnBody>;

export const ReceiveReturnBody = z
  .object({
    condition: z.enum(RETURN_CONDITIONS, 'Say the state it came back in: as_new, opened or damaged'),
    note: z.string().trim().max(500, 'At most 500 characters').optional(),
  })
  .strict();
export type ReceiveReturnBody = z.infer<typeof ReceiveReturnBody>;

export const RefuseReturnBody = z.object({ reason: z.string().trim().min(3, 'Say why').max(300) }).strict();

export const ReturnView = z.object({
  id: z.string(),
  orderId: z.string(),
  vendorOrderId: z.string(),
  vendorId: z.string(),
  status: z.enum(RETURN_STATUSES),
  reason: z.enum(RETURN_REASONS),
  note: z.string(),
  photos: z.array(z.string()),
  method: z.enum(['home', 'station']),
  pickupStationId: z.string().nullable(),
  lines: z.array(z.object({ skuId: z.string(), title: z.string(), quantity: z.number().int(), unitPrice: MoneyView })),
  goods: MoneyView,
  refunded: MoneyView.nullable(),
  windowEndsAt: z.iso.datetime(),
  refusalReason: z.string().nullable(),
  /** Set when received: the state it came back in, the receiver's note, and whether it went back on sale. */
  condition: z.enum(RETURN_CONDITIONS).nullable(),
  conditionNote: z.string().nullable(),
  restocked: z.boolean().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ReturnView = z.infer<typeof ReturnView>;

export const ReturnList = z.object({ items: z.array(ReturnView), nextCursor: z.string().nullable() });
