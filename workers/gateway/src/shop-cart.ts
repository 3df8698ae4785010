import { CartView, NewCartView } from '@linked-all/orders/contract';
import { isShopCountry, MAX_QUANTITY, type PageI18n } from '@linked-all/web';
import type { PageCtx } from './page-response';
import { callService, isRefusal, type ServiceCall, ServiceProblem } from './service-client';
import { dropGuestCart, keepGuestCart, readGuestCart, readSession } from './session';

/** How a request proves it may use a cart: the shopper's token, or a guest cart's secret token. */
type CartAuth = Pick<ServiceCall, 'token' | 'headers'>;
export type OpenCart = { cart: CartView; auth: CartAuth };

/**
 * The shopper's cart as orders shows it: a signed-in shopper's own cart (orders creates it on
 * first use), else the guest cart in the cookie. A guest cart that expired or is not theirs is
 * forgotten; with `create`, a guest without one gets a new one (and the cookie).
 */
export async function openCart(c: PageCtx, create: true): Promise<OpenCart>;
export async function openCart(c: PageCtx, create: false): Promise<OpenCart | null>;
export async function openCart(c: PageCtx, create: boolean): Promise<OpenCart | null> {
  const orders = c.env.ORDERS;
  const session = await readSession(c);
  if (session) {
    const auth = { token: session.token };
    return { cart: await callService(c, orders, '/v1/carts', CartView, { method: 'POST', ...auth }), auth };
  }
  const guest = readGuestCart(c);
  if (guest) {
    const auth = { headers: { 'x-cart-token': guest.token } };
    try {
      return { cart: await callService(c, orders, `/v1/carts/${encodeURIComponent(guest.id)}`, CartView, auth), auth };
    } catch (err) {
      if (!isRefusal(err, 400, 404)) throw err;
      dropGuestCart(c);
    }
  }
  if (!create) return null;
  const created = await callService(c, orders, '/v1/carts', NewCartView, { method: 'POST' });
  if (!created.cartToken) throw new ServiceProblem(503, 'upstream_unavailable', 'orders gave a guest cart without its token');
  keepGuestCart(c, created.cartId, created.cartToken);
  return { cart: created, auth: { headers: { 'x-cart-token': created.cartToken } } };
}

/** A change to a line of the cart (`/items…` of `/v1/carts/:id`), answering the new cart. */
export function changeCart(c: PageCtx, open: OpenCart, path: string, call: ServiceCall) {
  return callService(c, c.env.ORDERS, `/v1/carts/${open.cart.id}${path}`, CartView, { ...open.auth, ...call });
}

/** A cart refusal in the shopper's words. */
export function cartProblemText(t: PageI18n['t'], problem: ServiceProblem): string {
  if (problem.extra.reason === 'not_deliverable') {
    const name = (code: unknown) => (isShopCountry(code) ? t(`shop.country.${code}`) : String(code));
    return t('shop.cart.problem.not_deliverable', { from: name(problem.extra.shipsFrom), to: name(problem.extra.shipTo) });
  }
  if (problem.code === 'out_of_stock') {
    const available = Number(problem.extra.available);
    return available > 0 ? t('shop.cart.problem.only', { count: available }) : t('shop.cart.problem.sold_out');
  }
  if (problem.code === 'validation_failed') return t('shop.add.quantity_range', { max: MAX_QUANTITY });
  if (problem.code === 'not_found') return t('shop.cart.problem.not_found');
  if (/not for sale/.test(problem.message)) return t('shop.cart.problem.not_sold');
  if (/At most \d+ of one SKU/.test(problem.message)) return t('shop.cart.problem.max', { max: MAX_QUANTITY });
  return problem.message;
}
