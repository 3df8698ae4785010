import { z } from 'zod';
import { ProductOutOfStock } from './catalog-events';
import { defineEvent, eventUnion } from './envelope';

/**
 * A SKU's stock changed in its Inventory object (the authority). `version` grows by one
 * with every change of that SKU, so a consumer can ignore an update older than one it
 * already applied (queues do not keep order).
 */
export const InventoryUpdated = defineEvent(
  'inventory.updated',
  1,
  z.object({
    skuId: z.string(),
    productId: z.string(),
    vendorId: z.string(),
    available: z.number().int().nonnegative(),
    onHand: z.number().int().nonnegative(),
    version: z.number().int().positive(),
  }),
);

// The out-of-stock fact keeps the catalog's shape, so every subscriber reads one event type.
export const INVENTORY_EVENTS = [InventoryUpdated, ProductOutOfStock] as const;

/** Any event on the inventory-events queue. */
export const InventoryEvent = eventUnion(INVENTORY_EVENTS);
export type InventoryEvent = z.infer<typeof InventoryEvent>;
