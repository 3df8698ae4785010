import { z } from 'zod';
import { defineEvent, eventUnion } from './envelope';

const ProductRef = {
  productId: z.string(),
  vendorId: z.string(),
};

export const ProductCreated = defineEvent(
  'product.created',
  1,
  z.object({ ...ProductRef, categoryId: z.string(), status: z.enum(['draft', 'active', 'archived']) }),
);

export const ProductUpdated = defineEvent(
  'product.updated',
  1,
  z.object({ ...ProductRef, status: z.enum(['draft', 'active', 'archived']), fields: z.array(z.string()) }),
);

export const ProductPriceChanged = defineEvent(
  'product.price_changed',
  1,
  z.object({
    ...ProductRef,
    skuId: z.string(),
    currency: z.string(),
    oldPrice: z.number().int(),
    newPrice: z.number().int(),
  }),
);

export const ProductOutOfStock = defineEvent('product.out_of_stock', 1, z.object({ ...ProductRef, skuId: z.string() }));

/** A review was published, hidden, shown again or answered: the product's and shop's ratings follow. */
export const ReviewChanged = defineEvent(
  'review.changed',
  1,
  z.object({ ...ProductRef, reviewId: z.string(), change: z.enum(['published', 'hidden', 'restored', 'replied']) }),
);

export const CATALOG_EVENTS = [ProductCreated, ProductUpdated, ProductPriceChanged, ProductOutOfStock, ReviewChanged] as const;

/** Any event on the catalog-events queue. */
export const CatalogEvent = eventUnion(CATALOG_EVENTS);
export type CatalogEvent = z.infer<typeof CatalogEvent>;
