import { ProductId } from '@linked-all/catalog/contract';
import { IdempotencyKey, log } from '@linked-all/http';
import { AddressView, TokenPair } from '@linked-all/identity/contract';
import { CartView, CheckoutAccepted, OrderId, OrderList, OrderView } from '@linked-all/orders/contract';
import { DevActionView, WalletView } from '@linked-all/payments/contract';
import {
  BadRequestPage,
  CartPage,
  type CheckoutChoice,
  CheckoutPage,
  type FormError,
  MAX_QUANTITY,
  OrderPage,
  OrdersPage,
  ProductPage,
  SignInPage,
  safeRedirect,
} from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { catalogData } from '../catalog-data';
import { formLimit, notFound, type PageCtx, type PagesEnv, pageContext, sendPage } from '../page-response';
import { callService, isRefusal, NoContent, ServiceProblem } from '../service-client';
import {
  dropGuestCart,
  endSession,
  readGuestCart,
  readRefreshToken,
  readSession,
  type Session,
  setFlash,
  startSession,
  takeFlash,
} from '../session';
import { cartProblemText, changeCart, openCart } from '../shop-cart';

const FORM_LIMIT = formLimit(8 * 1024);
const SkuId = z.string().regex(/^sku_[0-9a-z]{4,40}$/);
const Quantity = z.coerce.number().int().min(1).max(MAX_QUANTITY);
const PRIVATE = { private: true };

const status = (problem: ServiceProblem) => problem.status as ContentfulStatusCode;

/** After a POST: the next page, never cached, by GET (so a reload does not post again). */
function seeOther(c: PageCtx, path: string) {
  c.header('cache-control', 'no-store');
  return c.redirect(safeRedirect(path), 303);
}

/** Pages with private data need a session: without one, sign in first and come back. */
function toSignIn(c: PageCtx, back: string) {
  return seeOther(c, `/signin?next=${encodeURIComponent(back)}`);
}

async function form(c: PageCtx): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

// Form field names as the shopper knows them, for a service's validation errors.
const FIELD_LABELS: Record<string, string> = {
  phone: 'Phone number',
  'payment.phone': 'Mobile money phone number',
  landmark: 'How to find the place',
  city: 'Town or city',
  country: 'Country',
  label: 'Name for it',
  shippingAddressId: 'Delivery address',
};

function formError(problem: ServiceProblem): FormError {
  const fields = Object.entries(problem.fields);
  return {
    message: problem.code === 'validation_failed' ? 'Please check what you entered:' : problem.message,
    fields: Object.fromEntries(fields.map(([path, message]) => [FIELD_LABELS[path] ?? path, message])),
  };
}

// ---- Product → cart ----

const AddForm = z.object({ productId: ProductId, skuId: z.string().optional(), quantity: z.string().optional() });

async function addToCart(c: PageCtx) {
  const fields = AddForm.safeParse(await form(c));
  if (!fields.success) {
    return sendPage(c, <BadRequestPage {...pageContext(c)} message="That form did not name a product." />, 400, PRIVATE);
  }
  const { productId } = fields.data;
  const quantity = Quantity.safeParse(fields.data.quantity);
  const skuId = SkuId.safeParse(fields.data.skuId);
  const chosen = { skuId: fields.data.skuId, quantity: quantity.success ? quantity.data : undefined };
  const again = async (error: string, code: ContentfulStatusCode) => {
    const product = await catalogData(c).getProduct(productId);
    if (!product) return notFound(c, 'This product does not exist or is no longer sold.', PRIVATE);
    return sendPage(c, <ProductPage {...pageContext(c)} product={product} error={error} chosen={chosen} />, code, PRIVATE);
  };
  if (!skuId.success) return again('Choose an option first.', 400);
  if (!quantity.success) return again(`Choose a quantity from 1 to ${MAX_QUANTITY}.`, 400);
  try {
    const open = await openCart(c, true);
    await changeCart(c, open, '/items', { method: 'POST', json: { skuId: skuId.data, quantity: quantity.data } });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return again(cartProblemText(err), status(err));
  }
  setFlash(c, 'added');
  return seeOther(c, '/cart');
}

async function showCart(c: PageCtx, error?: ServiceProblem) {
  const open = await openCart(c, false);
  const page = (
    <CartPage
      {...pageContext(c)}
      cart={open?.cart ?? null}
      flash={takeFlash(c)}
      error={error ? cartProblemText(error) : undefined}
    />
  );
  return sendPage(c, page, error ? status(error) : 200, PRIVATE);
}

async function changeLine(c: PageCtx, skuIdParam: string, change: 'update' | 'remove') {
  const skuId = SkuId.safeParse(skuIdParam);
  if (!skuId.success) return notFound(c, 'That item is not in your cart.', PRIVATE);
  const quantity = change === 'update' ? Quantity.safeParse((await form(c)).quantity) : null;
  if (quantity && !quantity.success) {
    return showCart(c, new ServiceProblem(400, 'validation_failed', 'quantity'));
  }
  try {
    const open = await openCart(c, false);
    if (!open) return seeOther(c, '/cart');
    await changeCart(
      c,
      open,
      `/items/${skuId.data}`,
      quantity ? { method: 'PATCH', json: { quantity: quantity.data } } : { method: 'DELETE' },
    );
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showCart(c, err);
  }
  setFlash(c, change === 'update' ? 'updated' : 'removed');
  return seeOther(c, '/cart');
}

// ---- Sign in / out ----

const SignInForm = z.object({
  identifier: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  next: z.string().max(2000).optional(),
});

const nextPath = (value: string | undefined) => safeRedirect(value);

async function signIn(c: PageCtx) {
  const body = await form(c);
  const next = nextPath(body.next);
  const fields = SignInForm.safeParse(body);
  const again = (error: string, code: ContentfulStatusCode) =>
    sendPage(c, <SignInPage {...pageContext(c)} next={next} identifier={body.identifier} error={error} />, code, PRIVATE);
  if (!fields.success) return again('Enter your e-mail or phone number and your password.', 400);
  const { identifier, password } = fields.data;
  // A phone is typed with spaces and dashes; identity wants it in E.164.
  const login = identifier.includes('@')
    ? { email: identifier, password }
    : { phone: identifier.replace(/[\s()-]/g, ''), password };
  let pair: TokenPair;
  try {
    pair = await callService(c, c.env.IDENTITY, '/v1/auth/login', TokenPair, { method: 'POST', json: login });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.status === 400) {
      return again('Enter an e-mail address, or a phone number with its country code like +254712345678.', 400);
    }
    if (err.status === 401) return again('That e-mail or phone number and password do not match an account.', 401);
    return again(err.message, status(err));
  }
  startSession(c, pair);
  await mergeGuestCart(c, pair.accessToken);
  return seeOther(c, next);
}

/** What a guest put in their cart follows them into their account. */
async function mergeGuestCart(c: PageCtx, token: string) {
  const guest = readGuestCart(c);
  if (!guest) return;
  try {
    await callService(c, c.env.ORDERS, `/v1/carts/${encodeURIComponent(guest.id)}/merge`, CartView, {
      method: 'POST',
      token,
      headers: { 'x-cart-token': guest.token },
    });
  } catch (err) {
    // An expired or already merged guest cart has nothing left to bring; signing in still succeeds.
    log('warn', 'guest cart not merged', { requestId: c.get('requestId'), error: String(err) });
  }
  dropGuestCart(c);
}

async function signOut(c: PageCtx) {
  // Signing out always clears this browser, even if identity cannot be reached to revoke.
  const session = await readSession(c).catch(() => null);
  const refreshToken = readRefreshToken(c);
  if (refreshToken) {
    await callService(c, c.env.IDENTITY, '/v1/auth/logout', NoContent, {
      method: 'POST',
      token: session?.token,
      json: { refreshToken },
    }).catch((err) => log('warn', 'logout not recorded', { requestId: c.get('requestId'), error: String(err) }));
  }
  endSession(c);
  setFlash(c, 'signed_out');
  return seeOther(c, '/signin');
}

// ---- Checkout ----

const CheckoutForm = z.object({
  idempotencyKey: IdempotencyKey,
  addressId: z
    .string()
    .regex(/^adr_[0-9a-z]{4,40}$/, 'Choose a delivery address')
    .optional(),
  method: z.enum(['wallet', 'mobile_money', 'pay_on_delivery']).optional(),
  provider: z.string().max(20).optional(),
  phone: z.string().max(40).optional(),
});

type CheckoutState = { key?: string; choice?: CheckoutChoice; error?: FormError; addressError?: FormError };

async function showCheckout(c: PageCtx, session: Session, state: CheckoutState = {}, code: ContentfulStatusCode = 200) {
  const [open, addresses, wallet] = await Promise.all([
    // A signed-in shopper always has a cart: orders makes it on first use.
    openCart(c, true),
    callService(c, c.env.IDENTITY, '/v1/me/addresses', z.array(AddressView), { token: session.token }),
    callService(c, c.env.PAYMENTS, '/v1/wallet', WalletView, { token: session.token }),
  ]);
  return sendPage(
    c,
    <CheckoutPage
      {...pageContext(c)}
      cart={open.cart}
      addresses={addresses}
      wallet={wallet.balances}
      idempotencyKey={state.key ?? crypto.randomUUID()}
      choice={state.choice}
      error={state.error}
      addressError={state.addressError}
      flash={takeFlash(c)}
    />,
    code,
    PRIVATE,
  );
}

async function placeOrder(c: PageCtx, session: Session) {
  const body = await form(c);
  const parsed = CheckoutForm.safeParse(body);
  const choice: CheckoutChoice = { addressId: body.addressId, method: body.method, provider: body.provider, phone: body.phone };
  const again = (error: FormError, code: ContentfulStatusCode, key = parsed.data?.idempotencyKey) =>
    showCheckout(c, session, { key, choice, error }, code);
  if (!parsed.success) return again({ message: 'The form was incomplete: check it and try again.' }, 400);
  const { idempotencyKey, addressId, method } = parsed.data;
  if (!addressId) return again({ message: 'Choose a delivery address (or add one below).' }, 400);
  if (!method) return again({ message: 'Choose how to pay.' }, 400);
  try {
    let payment: Record<string, string>;
    if (method === 'mobile_money') {
      payment = { method, provider: parsed.data.provider ?? '', phone: (parsed.data.phone ?? '').replace(/[\s()-]/g, '') };
    } else if (method === 'pay_on_delivery') {
      // Pay-on-delivery limits are per country: the country of the chosen address.
      const address = await callService(c, c.env.IDENTITY, `/v1/me/addresses/${addressId}`, AddressView, {
        token: session.token,
      });
      payment = { method, country: address.country };
    } else {
      payment = { method };
    }
    const open = await openCart(c, true);
    const placed = await callService(c, c.env.ORDERS, '/v1/checkout', CheckoutAccepted, {
      method: 'POST',
      token: session.token,
      headers: { 'idempotency-key': idempotencyKey },
      json: { cartId: open.cart.id, shippingAddressId: addressId, payment },
    });
    return seeOther(c, `/orders/${placed.orderId}`);
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.code === 'idempotency_conflict') {
      // This form was already used for another choice: a fresh form, so this one is a new order.
      return again(
        { message: 'This checkout was already placed with other choices. Check them and place the order again.' },
        409,
        undefined,
      );
    }
    if (err.status === 404) return again({ message: 'Choose one of your delivery addresses.' }, 404);
    return again(formError(err), status(err));
  }
}

const AddressForm = z.object({
  label: z.string().trim().max(40).optional(),
  landmark: z.string().trim().max(300),
  city: z.string().trim().max(100),
  country: z.string().max(2),
});

async function addAddress(c: PageCtx, session: Session) {
  const parsed = AddressForm.safeParse(await form(c));
  if (!parsed.success) return showCheckout(c, session, { addressError: { message: 'Fill in the address form.' } }, 400);
  const { label, ...address } = parsed.data;
  try {
    await callService(c, c.env.IDENTITY, '/v1/me/addresses', AddressView, {
      method: 'POST',
      token: session.token,
      json: { ...address, ...(label ? { label } : {}) },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showCheckout(c, session, { addressError: formError(err) }, status(err));
  }
  setFlash(c, 'address_added');
  return seeOther(c, '/checkout');
}

// ---- Orders ----

/** Sandbox payment controls exist only where payments runs its provider sandboxes. */
const isLocalDev = (env: GatewayEnv) => env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';

async function showOrder(c: PageCtx, session: Session, id: string, error?: ServiceProblem) {
  const orderId = OrderId.safeParse(id);
  if (!orderId.success) return notFound(c, 'There is no such order among yours.', PRIVATE);
  let order: OrderView;
  try {
    order = await callService(c, c.env.ORDERS, `/v1/orders/${orderId.data}`, OrderView, { token: session.token });
  } catch (err) {
    if (isRefusal(err, 400, 404)) return notFound(c, 'There is no such order among yours.', PRIVATE);
    throw err;
  }
  return sendPage(
    c,
    <OrderPage
      {...pageContext(c)}
      order={order}
      flash={takeFlash(c)}
      error={error?.message}
      sandboxPaymentId={isLocalDev(c.env) ? order.payment.id : null}
    />,
    error ? status(error) : 200,
    PRIVATE,
  );
}

async function cancelOrder(c: PageCtx, session: Session, id: string) {
  const orderId = OrderId.safeParse(id);
  if (!orderId.success) return notFound(c, 'There is no such order among yours.', PRIVATE);
  try {
    await callService(c, c.env.ORDERS, `/v1/orders/${orderId.data}/cancel`, OrderView, { method: 'POST', token: session.token });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showOrder(c, session, orderId.data, err);
  }
  setFlash(c, 'cancelled');
  return seeOther(c, `/orders/${orderId.data}`);
}

async function approveSandboxPayment(c: PageCtx, session: Session, id: string) {
  const orderId = OrderId.safeParse(id);
  const paymentId = z
    .string()
    .regex(/^top_[0-9a-z]{4,40}$/)
    .safeParse((await form(c)).paymentId);
  if (!isLocalDev(c.env) || !orderId.success || !paymentId.success) return notFound(c, undefined, PRIVATE);
  try {
    await callService(c, c.env.PAYMENTS, `/v1/dev/payments/${paymentId.data}/approve`, DevActionView, {
      method: 'POST',
      token: session.token,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showOrder(c, session, orderId.data, err);
  }
  setFlash(c, 'approved');
  return seeOther(c, `/orders/${orderId.data}`);
}

async function listOrders(c: PageCtx, session: Session) {
  const cursor = c.req.query('cursor');
  const query = (withCursor: boolean) =>
    callService(
      c,
      c.env.ORDERS,
      `/v1/orders?limit=20${withCursor && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      OrderList,
      {
        token: session.token,
      },
    );
  // An old or mangled "older orders" link starts again at the newest.
  const list = await query(true).catch((err) => (cursor && isRefusal(err, 400) ? query(false) : Promise.reject(err)));
  return sendPage(
    c,
    <OrdersPage {...pageContext(c)} orders={list.items} nextCursor={list.nextCursor} flash={takeFlash(c)} />,
    200,
    PRIVATE,
  );
}

/** Runs a page handler for a signed-in shopper, or sends them to sign in and back. */
function signedIn(handler: (c: PageCtx, session: Session) => Promise<Response>, back?: (c: PageCtx) => string) {
  return async (c: PageCtx) => {
    const session = await readSession(c);
    if (!session) return toSignIn(c, back ? back(c) : pageContext(c).path);
    return handler(c, session);
  };
}

export const shopPageRoutes = new Hono<PagesEnv>()
  .use(async (c, next) => {
    // Form posts from another site are refused outright (the cookies are SameSite=Lax as well).
    if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site') {
      return sendPage(c, <BadRequestPage {...pageContext(c)} message="That form came from another website." />, 403, PRIVATE);
    }
    return next();
  })
  .get('/cart', (c) => showCart(c))
  .post('/cart/items', FORM_LIMIT, addToCart)
  .post('/cart/items/:skuId', FORM_LIMIT, (c) => changeLine(c, c.req.param('skuId'), 'update'))
  .post('/cart/items/:skuId/remove', FORM_LIMIT, (c) => changeLine(c, c.req.param('skuId'), 'remove'))
  .get('/signin', async (c) => {
    const next = nextPath(c.req.query('next'));
    if (await readSession(c)) return seeOther(c, next);
    return sendPage(c, <SignInPage {...pageContext(c)} next={next} flash={takeFlash(c)} />, 200, PRIVATE);
  })
  .post('/signin', FORM_LIMIT, signIn)
  .post('/signout', FORM_LIMIT, signOut)
  .get(
    '/checkout',
    signedIn((c, session) => showCheckout(c, session)),
  )
  .post(
    '/checkout',
    FORM_LIMIT,
    signedIn(placeOrder, () => '/checkout'),
  )
  .post(
    '/checkout/address',
    FORM_LIMIT,
    signedIn(addAddress, () => '/checkout'),
  )
  .get('/orders', signedIn(listOrders))
  .get(
    '/orders/:id',
    signedIn((c, session) => showOrder(c, session, c.req.param('id') ?? '')),
  )
  .post(
    '/orders/:id/cancel',
    FORM_LIMIT,
    signedIn(
      (c, s) => cancelOrder(c, s, c.req.param('id') ?? ''),
      (c) => `/orders/${c.req.param('id')}`,
    ),
  )
  .post(
    '/orders/:id/approve',
    FORM_LIMIT,
    signedIn(
      (c, s) => approveSandboxPayment(c, s, c.req.param('id') ?? ''),
      (c) => `/orders/${c.req.param('id')}`,
    ),
  );
