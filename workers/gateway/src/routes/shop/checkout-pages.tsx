import { guardedCall, IdempotencyKey, traced } from '@linked-all/http';
import { AddressView } from '@linked-all/identity/contract';
import type { QuoteAnswer } from '@linked-all/logistics/contract';
import { type CartView as Cart, CheckoutAccepted } from '@linked-all/orders/contract';
import { PaymentOptionsView } from '@linked-all/payments/contract';
import {
  type CheckoutChoice,
  CheckoutPage,
  type DeliveryQuote,
  type FormError,
  isShopCountry,
  normalisePhone,
} from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage } from '../../page-response';
import { callService, isRefusal } from '../../service-client';
import { DEADLINE_MS } from '../../service-deadlines';
import { type Session, setFlash, takeFlash } from '../../session';
import { openCart } from '../../shop-cart';
import { FORM_LIMIT, form, formError, PRIVATE, seeOther, signedIn, status } from './forms';

// Checkout: where to deliver and how to pay, one order per rendered form (its idempotency key).

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

/**
 * What delivery adds to this cart, as the checkout will charge it: logistics' quote per vendor
 * order to the chosen address's country and city, at each vendor's current subtotal (orders'
 * `priceDelivery` asks the same question when the order is placed). Null when nothing can be
 * quoted yet (no address, no lines, a mixed cart); a refusal is shown, not thrown.
 */
async function deliveryFor(c: PageCtx, cart: Cart, address?: AddressView): Promise<DeliveryQuote | null> {
  const [subtotal] = cart.subtotals;
  if (!address || !subtotal || cart.subtotals.length !== 1) return null;
  const perVendor = new Map<string, number>();
  for (const line of cart.lines) {
    if (!line.vendor) continue;
    perVendor.set(line.vendor.id, (perVendor.get(line.vendor.id) ?? 0) + line.lineTotal.amount);
  }
  if (perVendor.size === 0) return null;
  const answer: QuoteAnswer = await guardedCall(
    'logistics',
    { deadlineMs: DEADLINE_MS.read },
    async () =>
      // Awaited here: the RPC stub's union of promises becomes one answer type.
      await traced(c.env.LOGISTICS).quote({
        country: address.country,
        city: address.city,
        method: 'home',
        currency: subtotal.currency,
        items: [...perVendor].map(([vendorId, amount]) => ({ vendorId, subtotal: amount })),
      }),
  );
  if (!answer.ok) return { ok: false, city: address.city };
  return { ok: true, city: address.city, fee: answer.quote.total.amount, free: answer.quote.items.every((i) => i.free) };
}

/**
 * How this order can be paid, from payments (the one place that knows which provider collects
 * which currency and each country's pay-on-delivery rules), for what the shopper will be charged:
 * the goods plus the delivery fee. The country is the chosen delivery address's, or the shop
 * country before there is one. Nothing to pay, nothing to ask.
 */
async function paymentOptionsFor(c: PageCtx, session: Session, cart: Cart, delivery: DeliveryQuote | null, country?: string) {
  const [subtotal] = cart.subtotals;
  // One subtotal per currency: a mixed cart is sent back to the cart page, not paid.
  if (!subtotal || cart.subtotals.length !== 1) return null;
  const amount = subtotal.amount + (delivery?.ok ? delivery.fee : 0);
  const query = new URLSearchParams({ currency: subtotal.currency, amount: String(amount) });
  if (country) query.set('country', country);
  return callService(c, c.env.PAYMENTS, `/v1/wallet/payment-options?${query}`, PaymentOptionsView, { token: session.token });
}

async function showCheckout(c: PageCtx, session: Session, state: CheckoutState = {}, code: ContentfulStatusCode = 200) {
  const [open, addresses] = await Promise.all([
    // A signed-in shopper always has a cart: orders makes it on first use.
    openCart(c, true),
    callService(c, c.env.IDENTITY, '/v1/me/addresses', z.array(AddressView), { token: session.token }),
  ]);
  const chosen = addresses.find((a) => a.id === state.choice?.addressId) ?? addresses[0];
  const delivery = await deliveryFor(c, open.cart, chosen);
  const options = await paymentOptionsFor(c, session, open.cart, delivery, chosen?.country ?? pageContext(c).country);
  return sendPage(
    c,
    <CheckoutPage
      {...pageContext(c)}
      cart={open.cart}
      addresses={addresses}
      options={options}
      delivery={delivery}
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
  const { t } = pageI18nOf(c);
  const body = await form(c);
  const parsed = CheckoutForm.safeParse(body);
  const choice: CheckoutChoice = { addressId: body.addressId, method: body.method, provider: body.provider, phone: body.phone };
  const again = (error: FormError, code: ContentfulStatusCode, key = parsed.data?.idempotencyKey) =>
    showCheckout(c, session, { key, choice, error }, code);
  if (!parsed.success) return again({ message: t('shop.checkout.incomplete') }, 400);
  const { idempotencyKey, addressId, method } = parsed.data;
  if (!addressId) return again({ message: t('shop.checkout.choose_address') }, 400);
  if (!method) return again({ message: t('shop.checkout.choose_method') }, 400);
  try {
    let payment: Record<string, string>;
    if (method === 'mobile_money') {
      // A national number ("0712 345 678") is read in the shop country's plan, as on every phone field.
      const country = pageContext(c).country;
      const typed = parsed.data.phone ?? '';
      const phone = country && isShopCountry(country) ? normalisePhone(typed, country) : null;
      payment = { method, provider: parsed.data.provider ?? '', phone: phone?.ok ? phone.e164 : typed.replace(/[\s()-]/g, '') };
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
      return again({ message: t('shop.checkout.already_placed') }, 409, undefined);
    }
    if (err.status === 404) return again({ message: t('shop.checkout.unknown_address') }, 404);
    return again(formError(c, err), status(err));
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
  if (!parsed.success) {
    return showCheckout(c, session, { addressError: { message: pageI18nOf(c).t('shop.address.fill') } }, 400);
  }
  const { label, ...address } = parsed.data;
  try {
    await callService(c, c.env.IDENTITY, '/v1/me/addresses', AddressView, {
      method: 'POST',
      token: session.token,
      json: { ...address, ...(label ? { label } : {}) },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showCheckout(c, session, { addressError: formError(c, err) }, status(err));
  }
  setFlash(c, 'address_added');
  return seeOther(c, '/checkout');
}

export const checkoutPages = new Hono<PagesEnv>()
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
  );
