import { traced } from '@linked-all/http';
import type { DeliveryPayee } from '@linked-all/payments/contract';
import { eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { orders } from '../db/schema';
import { callIdentity, callLogistics } from '../service-calls';
import type { PlacedOrder } from './checkout-params';
import type { PricedLine } from './price-cart';

export type { DeliveryPayee };

/** One vendor order's delivery as logistics priced it: the fee, who carries it, the promised window. */
export type VendorDelivery = {
  vendorId: string;
  fee: number;
  payee: DeliveryPayee;
  window: { earliest: string; latest: string };
};

export type PricedDelivery =
  | { ok: true; method: 'home' | 'station'; vendors: VendorDelivery[] }
  | { ok: false; reason: 'delivery_unavailable'; detail: string };

type Destination = { country: string; city: string; method: 'home' | 'station' };

/**
 * Prices each vendor order's delivery with logistics' `quote()`: to the shopper's address (its
 * country and city, from identity) or to the pickup station (logistics'), in the order's currency.
 * A place we do not deliver to, or one priced in another currency, is a refusal the checkout
 * cancels the order with; a logistics outage throws (AppError `upstream_unavailable`), so the step
 * retries and then gives up, before anything is reserved or charged.
 */
export async function priceDelivery(
  env: Pick<OrdersEnv, 'DB' | 'IDENTITY' | 'LOGISTICS'>,
  input: { orderId: string; currency: string; lines: PricedLine[]; placed?: PlacedOrder },
): Promise<PricedDelivery> {
  const order = input.placed
    ? {
        userId: input.placed.userId,
        addressId: input.placed.destination.shippingAddressId,
        stationId: input.placed.destination.pickupStationId,
      }
    : await orm(env.DB)
        .select({ userId: orders.userId, addressId: orders.shippingAddressId, stationId: orders.pickupStationId })
        .from(orders)
        .where(eq(orders.id, input.orderId))
        .get();
  if (!order) throw new Error(`order ${input.orderId} was never placed`);
  const destination = await destinationOf(env, order);
  if (!destination.ok) return destination;

  const subtotals = new Map<string, number>();
  for (const l of input.lines) subtotals.set(l.vendorId, (subtotals.get(l.vendorId) ?? 0) + l.unitPrice * l.quantity);
  // The catalog keeps no weights yet: each vendor order is quoted at logistics' default (one kilogram).
  const answer = await callLogistics(() =>
    traced(env.LOGISTICS).quote({
      country: destination.country,
      city: destination.city,
      method: destination.method,
      currency: input.currency,
      items: [...subtotals].map(([vendorId, subtotal]) => ({ vendorId, subtotal })),
    }),
  );
  if (!answer.ok) return { ok: false, reason: 'delivery_unavailable', detail: answer.detail };
  return {
    ok: true,
    method: destination.method,
    vendors: answer.quote.items.map((item) => ({
      vendorId: item.vendorId,
      fee: item.fee.amount,
      payee: item.deliveredBy === 'vendor' ? 'vendor' : 'logistics',
      window: { earliest: item.window.from, latest: item.window.to },
    })),
  };
}

async function destinationOf(
  env: Pick<OrdersEnv, 'IDENTITY' | 'LOGISTICS'>,
  order: { userId: string; addressId: string | null; stationId: string | null },
): Promise<({ ok: true } & Destination) | { ok: false; reason: 'delivery_unavailable'; detail: string }> {
  if (order.stationId) {
    const stationId = order.stationId;
    const answer = await callLogistics(() => traced(env.LOGISTICS).station(stationId));
    if (!answer.ok) return { ok: false, reason: 'delivery_unavailable', detail: answer.detail };
    return { ok: true, country: answer.station.country, city: answer.station.city, method: 'station' };
  }
  const addressId = order.addressId;
  if (!addressId) throw new Error('an order has an address or a station (CHECK in migrations/orders)');
  const address = await callIdentity(() => traced(env.IDENTITY).address(order.userId, addressId));
  if (!address) return { ok: false, reason: 'delivery_unavailable', detail: `Address ${addressId} is gone` };
  return { ok: true, country: address.country, city: address.city, method: 'home' };
}
