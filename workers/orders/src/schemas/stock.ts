import { z } from 'zod';
import { SkuId } from '../../contract';
import { MAX_STOCK } from '../inventory/types';

export const StockParams = z.object({ skuId: SkuId }).strict();

export const SetStockBody = z.object({ quantity: z.number().int().min(0).max(MAX_STOCK) }).strict();

export const LevelView = z.object({
  skuId: SkuId,
  onHand: z.number().int(),
  held: z.number().int(),
  available: z.number().int(),
});
