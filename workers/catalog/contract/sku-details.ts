import { z } from 'zod';
import { SkuId } from './schemas';

// What catalog's `skus()` RPC takes and answers (orders prices, shows and sells SKUs with it).

/** At most this many SKUs per call: a cart holds at most 50 lines. */
export const MAX_SKUS_PER_CALL = 100;

export const SkuIds = z.array(SkuId).max(MAX_SKUS_PER_CALL);

/** What orders needs to show, price and sell one SKU. Money in minor units of `currency`. */
export type SkuDetails = {
  skuId: string;
  productId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  options: Record<string, string>;
  price: number;
  currency: string;
  categoryId: string;
  image: string | null;
  /** For sale right now: product published, shop active, SKU not archived. */
  active: boolean;
  /** The catalog's projection of the inventory service's available stock. */
  available: number;
};
