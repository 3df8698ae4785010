// The Cart object's RPC shapes. Plain data: refusals are answers, never thrown.

/** A line as the cart stores it: the price and currency are what the shopper saw when adding it. */
export type StoredLine = { skuId: string; quantity: number; price: number; currency: string; addedAt: number };

export type CartState = {
  cartId: string;
  ownerId: string | null;
  lines: StoredLine[];
  updatedAt: number;
  expiresAt: number;
};

/** Who is asking: the signed-in user, and the guest token they sent (hashed). */
export type CartAccess = { userId: string | null; tokenHash: string | null };

/** One SKU to add or merge, with the most this cart may hold of it (min of the line limit and stock). */
export type LineInput = { skuId: string; quantity: number; price: number; currency: string; limit: number };

export type CartRefusal =
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'no_line'; skuId: string }
  | { ok: false; reason: 'too_many_lines'; max: number }
  | { ok: false; reason: 'over_limit'; skuId: string; quantity: number; limit: number };

export type CartResult = { ok: true; cart: CartState } | CartRefusal;

export type Snapshot = {
  cartId: string;
  ownerId: string | null;
  lines: { skuId: string; quantity: number; price: number; currency: string }[];
  revision: number;
};

export const MAX_LINES = 50;
/** An untouched cart is deleted after this long: guests rarely come back after a month. */
export const GUEST_CART_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A signed-in shopper's cart is kept a season. */
export const USER_CART_TTL_MS = 90 * 24 * 60 * 60 * 1000;
