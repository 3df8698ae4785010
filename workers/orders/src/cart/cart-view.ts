import { traced } from '@linked-all/http';
import { type CurrencyCode, formatMoney } from '@linked-all/money';
import type { CartView } from '../../contract';
import { callCatalog } from '../service-calls';
import type { CartState } from './types';

type Env = Pick<OrdersEnv, 'CATALOG' | 'INVENTORY'>;

function price(amount: number, currency: string) {
  const code = currency as CurrencyCode;
  return { amount, currency: code, formatted: formatMoney(amount, code) };
}

/**
 * The cart as the shopper sees it: each line with today's title, price and image from the
 * catalog and today's availability from its Inventory object, flagged when the price moved
 * since the line was added, and a subtotal per currency of what can be bought.
 */
export async function cartView(env: Env, cart: CartState): Promise<CartView> {
  const ids = cart.lines.map((l) => l.skuId);
  const [details, levels] = await Promise.all([
    ids.length > 0 ? callCatalog(() => traced(env.CATALOG).skus(ids)) : Promise.resolve([]),
    Promise.all(ids.map((id) => env.INVENTORY.get(env.INVENTORY.idFromName(id)).level())),
  ]);
  const byId = new Map(details.map((d) => [d.skuId, d]));
  const subtotals = new Map<string, number>();
  const lines = cart.lines.map((line, i) => {
    const d = byId.get(line.skuId);
    const available = levels[i].available;
    const forSale = d?.active === true;
    const unitPrice = d ? d.price : line.price;
    const currency = d ? d.currency : line.currency;
    const status = !forSale ? 'unavailable' : available < line.quantity ? 'insufficient_stock' : 'available';
    if (status === 'available') subtotals.set(currency, (subtotals.get(currency) ?? 0) + unitPrice * line.quantity);
    return {
      skuId: line.skuId,
      productId: d?.productId ?? null,
      title: d?.title ?? null,
      options: d?.options ?? {},
      image: d?.image ?? null,
      vendor: d ? { id: d.vendorId, name: d.vendorName } : null,
      quantity: line.quantity,
      unitPrice: price(unitPrice, currency),
      addedPrice: price(line.price, line.currency),
      priceChanged: unitPrice !== line.price || currency !== line.currency,
      lineTotal: price(unitPrice * line.quantity, currency),
      available: forSale ? available : 0,
      status,
    } as const;
  });
  return {
    id: cart.cartId,
    owner: cart.ownerId === null ? 'guest' : 'user',
    lines,
    subtotals: [...subtotals].map(([currency, amount]) => price(amount, currency)),
    itemCount: cart.lines.reduce((n, l) => n + l.quantity, 0),
    priceChanged: lines.some((l) => l.priceChanged),
    updatedAt: new Date(cart.updatedAt).toISOString(),
    expiresAt: new Date(cart.expiresAt).toISOString(),
  };
}
