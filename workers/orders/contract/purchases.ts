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
