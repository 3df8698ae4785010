import { AppError, traced } from '@linked-all/http';
import { CURRENCIES, type CurrencyCode } from '@linked-all/money';
import type { CartView } from '../../contract';
import { MAX_LINE_QUANTITY } from '../../contract';
import { callCatalog } from '../service-calls';
import { hashCartToken, newGuestCart, userCartId } from './cart-address';
import { cartView } from './cart-view';
import type { CartAccess, CartResult, CartState, LineInput } from './types';

type Env = Pick<OrdersEnv, 'CARTS' | 'CATALOG' | 'INVENTORY'>;

const isCurrencyCode = (code: string): code is CurrencyCode => code in CURRENCIES;

export const cartOf = (env: Pick<OrdersEnv, 'CARTS'>, cartId: string) => env.CARTS.get(env.CARTS.idFromName(cartId));

const inventoryOf = (env: Pick<OrdersEnv, 'INVENTORY'>, skuId: string) => env.INVENTORY.get(env.INVENTORY.idFromName(skuId));

/** Who asks for a cart: the signed-in user (if any) and the guest token they sent (if any). */
export async function cartAccess(userId: string | null, token: string | null): Promise<CartAccess> {
  return { userId, tokenHash: token ? await hashCartToken(token) : null };
}

/** Turns the Cart object's refusals into problems; a cart the caller may not see is "not found". */
function unwrap(cartId: string, result: CartResult): CartState {
  if (result.ok) return result.cart;
  switch (result.reason) {
    case 'not_found':
      throw new AppError('not_found', `You have no cart ${cartId}`);
    case 'no_line':
      throw new AppError('not_found', `The cart has no line for ${result.skuId}`);
    case 'too_many_lines':
      throw new AppError('conflict', `A cart holds at most ${result.max} different SKUs`);
    case 'over_limit':
      if (result.quantity > MAX_LINE_QUANTITY) {
        throw new AppError('conflict', `At most ${MAX_LINE_QUANTITY} of one SKU per cart; this would make ${result.quantity}`, {
          skuId: result.skuId,
        });
      }
      throw new AppError(
        'out_of_stock',
        `Only ${result.limit} of ${result.skuId} available; this would make ${result.quantity}`,
        {
          skuId: result.skuId,
          available: result.limit,
        },
      );
  }
}

/** A SKU that is for sale, its price, and the most one cart line may hold of it right now. */
async function sellable(env: Env, skuId: string) {
  const [[details], level] = await Promise.all([
    callCatalog(() => traced(env.CATALOG).skus([skuId])),
    inventoryOf(env, skuId).level(),
  ]);
  if (!details) throw new AppError('not_found', `There is no SKU ${skuId}`);
  if (!details.active) throw new AppError('conflict', `${skuId} is not for sale`, { skuId });
  return { details, limit: Math.min(MAX_LINE_QUANTITY, level.available) };
}

/** A signed-in caller gets (and on first use creates) their own cart; a guest a new one with a token. */
export async function createCart(env: Env, userId: string | null) {
  if (userId) {
    const cartId = await userCartId(userId);
    const result = await cartOf(env, cartId).create(cartId, userId, null);
    const cart = unwrap(cartId, result);
    return { created: result.ok && result.created === true, cart: await cartView(env, cart), cartToken: undefined };
  }
  const { cartId, cartToken } = newGuestCart();
  const cart = unwrap(cartId, await cartOf(env, cartId).create(cartId, null, await hashCartToken(cartToken)));
  return { created: true, cart: await cartView(env, cart), cartToken };
}

export async function readCart(env: Env, cartId: string, access: CartAccess): Promise<CartView> {
  return cartView(env, unwrap(cartId, await cartOf(env, cartId).read(access)));
}

/** Where a SKU ships from: sellers deliver within their own country, the country of their prices' currency. */
function shipsFrom(currency: string): string | undefined {
  return isCurrencyCode(currency) ? CURRENCIES[currency].country : undefined;
}

/**
 * Adds to a line; `requestKey` (the client's Idempotency-Key) makes a resent add count once, and
 * `shipTo` refuses at once an item that could not be delivered there (not after the order is placed).
 */
export async function addItem(
  env: Env,
  cartId: string,
  access: CartAccess,
  skuId: string,
  quantity: number,
  options: { requestKey?: string; shipTo?: string } = {},
) {
  const { requestKey, shipTo } = options;
  const cart = cartOf(env, cartId);
  // Access first, so a stranger learns nothing about the SKU or its stock through this cart.
  unwrap(cartId, await cart.read(access));
  const { details, limit } = await sellable(env, skuId);
  const from = shipsFrom(details.currency);
  if (shipTo && from && from !== shipTo) {
    throw new AppError('conflict', `${skuId} ships from ${from} and cannot be delivered to ${shipTo}`, {
      skuId,
      reason: 'not_deliverable',
      shipsFrom: from,
      shipTo,
    });
  }
  const input: LineInput = { skuId, quantity, price: details.price, currency: details.currency, limit };
  return cartView(env, unwrap(cartId, await cart.addItem(access, input, requestKey)));
}

export async function setQuantity(env: Env, cartId: string, access: CartAccess, skuId: string, quantity: number) {
  const cart = cartOf(env, cartId);
  const current = unwrap(cartId, await cart.read(access));
  if (!current.lines.some((l) => l.skuId === skuId)) throw new AppError('not_found', `The cart has no line for ${skuId}`);
  const { limit } = await sellable(env, skuId);
  return cartView(env, unwrap(cartId, await cart.setQuantity(access, skuId, quantity, limit)));
}

export async function removeItem(env: Env, cartId: string, access: CartAccess, skuId: string) {
  return cartView(env, unwrap(cartId, await cartOf(env, cartId).removeItem(access, skuId)));
}

/**
 * At login: the guest cart's lines move into the user's cart (quantities summed, capped at the
 * line limit and today's stock; SKUs no longer for sale are left out), then the guest cart is
 * emptied. Idempotent: the merge is keyed by the guest cart's id and last change, so a retry
 * after a crash between the two steps adds nothing twice.
 */
export async function mergeGuestCart(env: Env, guestCartId: string, guestToken: string | null, userId: string) {
  const cartId = await userCartId(userId);
  if (guestCartId === cartId) throw new AppError('conflict', 'This is already your cart');
  const guestAccess = await cartAccess(null, guestToken);
  const guest = cartOf(env, guestCartId);
  const source = unwrap(guestCartId, await guest.read(guestAccess));
  if (source.ownerId !== null) throw new AppError('not_found', `You have no cart ${guestCartId}`);
  const ids = source.lines.map((l) => l.skuId);
  const [details, levels] = await Promise.all([
    ids.length > 0 ? callCatalog(() => traced(env.CATALOG).skus(ids)) : Promise.resolve([]),
    Promise.all(ids.map((id) => inventoryOf(env, id).level())),
  ]);
  const byId = new Map(details.map((d) => [d.skuId, d]));
  const inputs: LineInput[] = source.lines.flatMap((line, i) => {
    const d = byId.get(line.skuId);
    if (!d?.active) return [];
    // The price the guest saw stays the line's added price, so a change since is still flagged.
    const limit = Math.min(MAX_LINE_QUANTITY, levels[i].available);
    return [{ skuId: line.skuId, quantity: line.quantity, price: line.price, currency: line.currency, limit }];
  });
  const target = cartOf(env, cartId);
  unwrap(cartId, await target.create(cartId, userId, null));
  const merged = unwrap(
    cartId,
    await target.mergeFrom({ userId, tokenHash: null }, `${guestCartId}@${source.updatedAt}`, inputs),
  );
  unwrap(guestCartId, await guest.empty(guestAccess));
  return cartView(env, merged);
}
