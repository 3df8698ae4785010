import { callerOf } from '@linked-all/auth';
import { describe, IdempotencyKey, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { AddItemBody, CartLineParams, CartParams, CartView, NewCartView, SetQuantityBody } from '../../contract';
import { CART_COOKIE, cartCookie, guestTokenFor } from '../cart/cart-address';
import { addItem, cartAccess, createCart, mergeGuestCart, readCart, removeItem, setQuantity } from '../cart/cart-commands';
import { takeGuestCartQuota } from '../cart/guest-cart-quota';
import { GUEST_CART_TTL_MS } from '../cart/types';
import type { OrdersApp } from '../env';

const doc = { tags: ['carts'], problems: ['not_found' as const] };

/** An add may carry an Idempotency-Key: the same add sent twice (a double-tapped form) adds once. */
const AddItemHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });

function guestToken(c: Context<OrdersApp>, cartId: string) {
  return guestTokenFor(cartId, c.req.header('x-cart-token'), getCookie(c, CART_COOKIE));
}

/** The caller's access to a cart: their user id if signed in, and the guest token if they sent one. */
function accessFor(c: Context<OrdersApp>, cartId: string) {
  return cartAccess(c.get('principal')?.userId ?? null, guestToken(c, cartId));
}

export const cartRoutes = new Hono<OrdersApp>()
  .use(async (c, next) => {
    await next();
    // A cart is personal: no shared cache may keep it.
    c.header('cache-control', 'private, no-store');
  })
  .post(
    '/',
    describe({
      summary: "A new guest cart (with its token, also set as an HttpOnly cookie), or the signed-in caller's own cart",
      ...doc,
      status: 201,
      response: NewCartView,
      problems: ['rate_limited'],
    }),
    async (c) => {
      const userId = c.get('principal')?.userId ?? null;
      if (!userId) await takeGuestCartQuota(c.env.DB, c.req.header('cf-connecting-ip'));
      const { created, cart, cartToken } = await createCart(c.env, userId);
      if (cartToken) c.header('set-cookie', cartCookie(cart.id, cartToken, GUEST_CART_TTL_MS));
      return c.json({ ...cart, cartId: cart.id, ...(cartToken ? { cartToken } : {}) }, created ? 201 : 200);
    },
  )
  .get(
    '/:id',
    describe({ summary: 'A cart with current prices and availability', ...doc, response: CartView }),
    validate('param', CartParams),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await readCart(c.env, id, await accessFor(c, id)));
    },
  )
  .post(
    '/:id/items',
    describe({
      summary: 'Add a quantity of a SKU (summed with its line); an optional Idempotency-Key makes a resend add once',
      ...doc,
      status: 201,
      response: CartView,
      problems: ['not_found', 'conflict', 'out_of_stock'],
    }),
    validate('param', CartParams),
    validate('json', AddItemBody),
    validate('header', AddItemHeaders),
    async (c) => {
      const { id } = c.req.valid('param');
      const { skuId, quantity, shipTo } = c.req.valid('json');
      const requestKey = c.req.valid('header')['idempotency-key'];
      return c.json(await addItem(c.env, id, await accessFor(c, id), skuId, quantity, { requestKey, shipTo }), 201);
    },
  )
  .patch(
    '/:id/items/:skuId',
    describe({
      summary: "Set a line's quantity",
      ...doc,
      response: CartView,
      problems: ['not_found', 'conflict', 'out_of_stock'],
    }),
    validate('param', CartLineParams),
    validate('json', SetQuantityBody),
    async (c) => {
      const { id, skuId } = c.req.valid('param');
      return c.json(await setQuantity(c.env, id, await accessFor(c, id), skuId, c.req.valid('json').quantity));
    },
  )
  .delete(
    '/:id/items/:skuId',
    describe({ summary: 'Remove a line', ...doc, response: CartView }),
    validate('param', CartLineParams),
    async (c) => {
      const { id, skuId } = c.req.valid('param');
      return c.json(await removeItem(c.env, id, await accessFor(c, id), skuId));
    },
  )
  .post(
    '/:id/merge',
    describe({
      summary: "At login: move this guest cart (token required) into the signed-in caller's cart",
      ...doc,
      auth: 'any',
      response: CartView,
      problems: ['unauthenticated', 'not_found', 'conflict'],
    }),
    validate('param', CartParams),
    async (c) => {
      const caller = callerOf(c.get('principal'));
      const { id } = c.req.valid('param');
      const merged = await mergeGuestCart(c.env, id, guestToken(c, id), caller.userId);
      if (getCookie(c, CART_COOKIE)) deleteCookie(c, CART_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
      return c.json(merged);
    },
  );
