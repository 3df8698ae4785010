import { z } from 'zod';
import { SkuId, StockLevel } from '../../contract';
import { MAX_STOCK } from '../inventory/types';

export const StockParams = z.object({ skuId: SkuId }).strict();

export const SetStockBody = z.object({ quantity: z.number().int().min(0).max(MAX_STOCK) }).strict();

// The answer's schema is the contract's, so the gateway reads it with the same one.
export const LevelView = StockLevel;
