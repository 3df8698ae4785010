import { expect } from 'vitest';
import { z } from 'zod';
import type { CheckoutBody } from '../contract';
import { fundWallet, homeAddressOf, postCheckout, settledOrder, shopperToken, userCartWith } from './fixtures';

/** The order page's fields the tests read after a checkout; the rest passes through untouched. */
const PlacedOrder = z
  .object({
    id: z.string(),
    status: z.string(),
    vendorOrders: z.array(
      z.object({ id: z.string(), vendorId: z.string(), vendorName: z.string().nullable(), status: z.string() }).passthrough(),
    ),
  })
  .passthrough();

export type Placement = {
  userId: string;
  /** The Idempotency-Key of the checkout. */
  key: string;
  lines: { skuId: string; quantity: number }[];
  /** The wallet unless named. */
  payment?: CheckoutBody['payment'];
  /** The shopper's home address unless a pickup station is named. */
  pickupStationId?: string;
  /** What a wallet checkout tops the wallet up with first (1,000,000 unless named); other payments fund nothing. */
  fund?: number;
};

/**
 * The preamble of the orders tests: a shopper with a token (and, paying by wallet, a funded
 * wallet), their cart with `lines`, POST /v1/checkout (202), and the order once its saga settled.
 */
export async function placeOrder(p: Placement) {
  const token = await shopperToken(p.userId);
  const payment = p.payment ?? { method: 'wallet' };
  if (payment.method === 'wallet') await fundWallet(token, p.fund ?? 1_000_000);
  const cartId = await userCartWith(p.userId, p.lines);
  const destination = p.pickupStationId ? { pickupStationId: p.pickupStationId } : { shippingAddressId: homeAddressOf(p.userId) };
  const res = await postCheckout(token, p.key, { cartId, ...destination, payment });
  expect(res.status).toBe(202);
  const { orderId } = z.object({ orderId: z.string() }).parse(await res.json());
  const order = PlacedOrder.parse(await settledOrder(token, orderId));
  return { token, cartId, orderId, order };
}

/** `placeOrder`, and the checkout confirmed it. */
export async function confirmedOrder(p: Placement) {
  const placed = await placeOrder(p);
  expect(placed.order.status).toBe('confirmed');
  return placed;
}
