import { z } from 'zod';
import { SkuId } from './cart';

/** One SKU's stock as orders counts it: on hand, held by checkouts, and what is left to sell. */
export const StockLevel = z.object({
  skuId: SkuId,
  onHand: z.number().int(),
  held: z.number().int(),
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof StockLevel>;
