import type { SkuDetails } from '@linked-all/catalog/contract';
import { traced } from '@linked-all/http';
import { callCatalog } from '../service-calls';

/** One SKU of the order as the catalog sells it right now: the snapshot the order keeps. */
export type PricedLine = Pick<
  SkuDetails,
  'skuId' | 'productId' | 'vendorId' | 'vendorName' | 'title' | 'options' | 'image' | 'categoryId' | 'currency'
> & { unitPrice: number; quantity: number };

/** A price the shopper saw in the cart that the catalog no longer charges. */
export type PriceChange = { skuId: string; cartPrice: number; price: number; currency: string };

export type Refusal = {
  ok: false;
  reason: 'cart_empty' | 'sku_unavailable' | 'mixed_currencies';
  detail: string;
  skuIds: string[];
};

export type PricedCart =
  | { ok: true; currency: string; lines: PricedLine[]; priceChanges: PriceChange[]; cartRevision: number }
  | Refusal;

/**
 * Loads the cart and prices it from the catalog, never from the cart: the order pays today's
 * price and records every line whose price moved since the cart showed it. Quantities of the same
 * SKU are summed. A SKU the catalog no longer sells, or a cart in two currencies, is refused here,
 * before any stock is held.
 */
export async function priceCart(env: Pick<OrdersEnv, 'CARTS' | 'CATALOG'>, cartId: string): Promise<PricedCart> {
  const cart = env.CARTS.get(env.CARTS.idFromName(cartId));
  const snapshot = await cart.snapshot();
  const quantities = new Map<string, number>();
  const cartPrices = new Map<string, number>();
  for (const line of snapshot.lines) {
    quantities.set(line.skuId, (quantities.get(line.skuId) ?? 0) + line.quantity);
    cartPrices.set(line.skuId, line.price);
  }
  if (quantities.size === 0) return { ok: false, reason: 'cart_empty', detail: 'The cart is empty', skuIds: [] };

  const details = await callCatalog(() => traced(env.CATALOG).skus([...quantities.keys()]));
  const byId = new Map(details.map((d) => [d.skuId, d]));
  const unavailable = [...quantities.keys()].filter((id) => !byId.get(id)?.active);
  if (unavailable.length > 0) {
    return {
      ok: false,
      reason: 'sku_unavailable',
      detail: `No longer for sale: ${unavailable.join(', ')}`,
      skuIds: unavailable,
    };
  }
  const lines: PricedLine[] = [...quantities].map(([skuId, quantity]) => {
    const d = byId.get(skuId);
    if (!d) throw new Error(`unreachable: ${skuId} was checked`);
    return {
      skuId,
      productId: d.productId,
      vendorId: d.vendorId,
      vendorName: d.vendorName,
      title: d.title,
      options: d.options,
      image: d.image,
      categoryId: d.categoryId,
      unitPrice: d.price,
      currency: d.currency,
      quantity,
    };
  });
  const currencies = [...new Set(lines.map((l) => l.currency))];
  if (currencies.length > 1) {
    return {
      ok: false,
      reason: 'mixed_currencies',
      detail: `One order is paid in one currency; this cart mixes ${currencies.join(' and ')}. Check out each currency separately.`,
      skuIds: lines.map((l) => l.skuId),
    };
  }
  const priceChanges = lines.flatMap((l) => {
    const cartPrice = cartPrices.get(l.skuId);
    // The cart's price is in the cart line's currency, which is the SKU's: compare like with like.
    return cartPrice !== undefined && cartPrice !== l.unitPrice
      ? [{ skuId: l.skuId, cartPrice, price: l.unitPrice, currency: l.currency }]
      : [];
  });
  return { ok: true, currency: currencies[0], lines, priceChanges, cartRevision: snapshot.revision };
}
