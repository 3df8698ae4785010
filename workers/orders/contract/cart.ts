import { idPattern } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';

// The carts API contract: requests validated and responses documented from these schemas.

/** At most this many of one SKU in a cart. */
export const MAX_LINE_QUANTITY = 20;

export const SkuId = z.string().regex(idPattern('sku'), 'Expected a SKU id like sku_…');
// Every cart, a guest's or a signed-in shopper's, is addressed by its public crt_… id.
export const CartId = z.string().regex(idPattern('crt'), 'Expected a cart id like crt_…');

export const CartParams = z.object({ id: CartId }).strict();
export const CartLineParams = z.object({ id: CartId, skuId: SkuId }).strict();

const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

export const AddItemBody = z
  .object({
    skuId: SkuId,
    quantity: Quantity,
    /** The country the cart will be delivered to: an item that cannot go there is refused at once. */
    shipTo: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Expected an ISO 3166 country code like KE')
      .optional(),
  })
  .strict();
export const SetQuantityBody = z.object({ quantity: Quantity }).strict();
export const EmptyBody = z.object({}).strict();

export const PriceView = z.object({ amount: z.number().int(), currency: CurrencyCode, formatted: z.string() });

export const CartLineView = z.object({
  skuId: SkuId,
  productId: z.string().nullable(),
  title: z.string().nullable(),
  options: z.record(z.string(), z.string()),
  image: z.string().nullable(),
  vendor: z.object({ id: z.string(), name: z.string() }).nullable(),
  quantity: z.number().int(),
  unitPrice: PriceView,
  /** The price when the line was added; differs from unitPrice when `priceChanged`. */
  addedPrice: PriceView,
  priceChanged: z.boolean(),
  lineTotal: PriceView,
  available: z.number().int(),
  status: z.enum(['available', 'insufficient_stock', 'unavailable']),
});

export const CartView = z.object({
  id: CartId,
  owner: z.enum(['guest', 'user']),
  lines: z.array(CartLineView),
  subtotals: z.array(PriceView),
  itemCount: z.number().int(),
  priceChanged: z.boolean(),
  updatedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type CartView = z.infer<typeof CartView>;

/** POST /v1/carts: `cartId` repeats `id`; a guest also gets the secret `cartToken` (once). */
export const NewCartView = CartView.extend({ cartId: CartId, cartToken: z.string().optional() });
