import { z } from 'zod';
import { VENDOR_ORDER_STATUSES } from './statuses';

/**
 * One purchase as other services may check it (the catalog lets only a shopper whose vendor
 * order was delivered review its products): who bought, from whom, which products, and when it
 * was delivered (null until it was).
 */
export const Purchase = z.object({
  vendorOrderId: z.string(),
  buyerId: z.string(),
  vendorId: z.string(),
  status: z.enum(VENDOR_ORDER_STATUSES),
  deliveredAt: z.iso.datetime().nullable(),
  productIds: z.array(z.string()),
});
export type Purchase = z.infer<typeof Purchase>;

/** Where a reader of confirmed orders stopped: the confirmation's time and transition id. */
export const ConfirmedCursor = z.object({ k: z.number().int(), id: z.string() });
export type ConfirmedCursor = z.infer<typeof ConfirmedCursor>;

/**
 * Confirmed orders in the order they were confirmed, with the products in each (the catalog
 * counts what is bought together from them). No buyer, no prices: only what recommendations need.
 */
export const ConfirmedOrders = z.object({
  items: z.array(z.object({ orderId: z.string(), productIds: z.array(z.string()) })),
  next: ConfirmedCursor.nullable(),
});
export type ConfirmedOrders = z.infer<typeof ConfirmedOrders>;
