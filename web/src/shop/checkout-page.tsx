import { type CurrencyCode, formatMoney } from '@linked-all/money';
import { COUNTRY_NAMES } from '../components/filters';
import { Layout, Notice, type PageContext } from '../components/layout';
import { cartCurrencies } from './cart-page';
import type { Address, Cart, FormError, WalletBalance } from './types';
import { optionText, PROVIDERS } from './words';

/** What the shopper chose, kept when the form comes back with an error. */
export type CheckoutChoice = { addressId?: string; method?: string; provider?: string; phone?: string };

type Props = PageContext & {
  cart: Cart;
  addresses: Address[];
  wallet: WalletBalance[];
  /** Made when the page is rendered: a double tap or a resent form places one order. */
  idempotencyKey: string;
  choice?: CheckoutChoice;
  error?: FormError;
  /** The add-address form's own error. */
  addressError?: FormError;
  flash?: string;
};

/** `/checkout`: where to deliver, how to pay, one button; an address can be added on the spot. */
export function CheckoutPage({
  cart,
  addresses,
  wallet,
  idempotencyKey,
  choice = {},
  error,
  addressError,
  flash,
  ...ctx
}: Props) {
  const currencies = cartCurrencies(cart);
  const total = cart.subtotals[0];
  const blocked = cart.lines.some((l) => l.status !== 'available');
  const balance = total ? (wallet.find((w) => w.currency === total.currency)?.balance ?? 0) : 0;
  const walletShort = !total || balance < total.amount;
  const method = choice.method ?? (walletShort ? 'pay_on_delivery' : 'wallet');
  const addressId = choice.addressId ?? addresses[0]?.id;
  return (
    <Layout {...ctx} title="Checkout" noindex>
      <h1>Checkout</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? <Problem error={error} /> : null}
      <section class="panel" aria-labelledby="summary">
        <h2 id="summary">Your order</h2>
        <ul class="lines">
          {cart.lines.map((l) => (
            <li>
              {l.quantity} × {l.title ?? l.skuId}
              {Object.keys(l.options).length ? <span class="meta">{optionText(l.options)}</span> : null}
            </li>
          ))}
        </ul>
        {total && currencies.length === 1 ? (
          <p class="sum">
            <span>Total</span>
            <span>{total.formatted}</span>
          </p>
        ) : null}
        <p>
          <a href="/cart">Change the cart</a>
        </p>
      </section>
      {cart.lines.length === 0 ? (
        <p class="note">Your cart is empty: add something first.</p>
      ) : currencies.length > 1 ? (
        <p class="note err">
          Your cart has prices in {currencies.join(' and ')}. One checkout pays in one currency: remove the items in the other
          currencies from <a href="/cart">your cart</a> first.
        </p>
      ) : blocked || !total ? (
        <p class="note err">
          Some items in <a href="/cart">your cart</a> are out of stock or no longer sold: change them first.
        </p>
      ) : (
        <form class="stack" method="post" action="/checkout">
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <fieldset class="panel skus pick">
            <legend>Deliver to</legend>
            {addresses.length === 0 ? <p>You have no saved address yet: add one below.</p> : null}
            {addresses.map((a) => (
              <label class="sku">
                <input type="radio" name="addressId" value={a.id} checked={a.id === addressId} required />
                <span>
                  {a.label ? <strong>{a.label}: </strong> : null}
                  {a.landmark}, {a.city}, {COUNTRY_NAMES[a.country as keyof typeof COUNTRY_NAMES] ?? a.country}
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset class="panel skus pick">
            <legend>Pay with</legend>
            <label class="sku">
              <input type="radio" name="method" value="wallet" checked={method === 'wallet'} disabled={walletShort} />
              <span>
                Wallet
                <span class="meta">
                  Balance {formatMoney(balance, total.currency as CurrencyCode)}
                  {walletShort ? ': too low for this order, choose another way to pay' : ''}
                </span>
              </span>
            </label>
            <label class="sku">
              <input type="radio" name="method" value="mobile_money" checked={method === 'mobile_money'} />
              <span>
                Mobile money
                <span class="meta">You approve the payment on your phone</span>
              </span>
            </label>
            <div class="sub">
              <label>
                Provider
                <select name="provider">
                  {Object.entries(PROVIDERS).map(([value, name]) => (
                    <option value={value} selected={choice.provider === value}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Mobile money phone number
                <input
                  type="tel"
                  name="phone"
                  value={choice.phone}
                  autocomplete="tel"
                  placeholder="+254712345678"
                  maxlength={20}
                />
              </label>
            </div>
            <label class="sku">
              <input type="radio" name="method" value="pay_on_delivery" checked={method === 'pay_on_delivery'} />
              <span>
                Pay on delivery
                <span class="meta">Cash or mobile money to the rider</span>
              </span>
            </label>
          </fieldset>
          <button type="submit" disabled={addresses.length === 0}>
            Place order · {total.formatted}
          </button>
        </form>
      )}
      <details class="panel" open={addresses.length === 0 || addressError !== undefined}>
        <summary>Add a delivery address</summary>
        {addressError ? <Problem error={addressError} /> : null}
        <form class="stack" method="post" action="/checkout/address">
          <label>
            Name for it (optional)
            <input name="label" maxlength={40} placeholder="Home, Shop…" />
          </label>
          <label>
            How to find the place
            <input name="landmark" required minlength={3} maxlength={300} placeholder="Blue gate opposite the market" />
          </label>
          <label>
            Town or city
            <input name="city" required maxlength={100} />
          </label>
          <label>
            Country
            <select name="country" required>
              {Object.entries(COUNTRY_NAMES).map(([code, name]) => (
                <option value={code}>{name}</option>
              ))}
            </select>
          </label>
          <button type="submit">Save address</button>
        </form>
      </details>
    </Layout>
  );
}

/** A service's refusal in words, with the fields it names. */
export function Problem({ error }: { error: FormError }) {
  const fields = Object.entries(error.fields ?? {});
  return (
    <div class="note err" role="alert">
      <p>{error.message}</p>
      {fields.length ? (
        <ul>
          {fields.map(([field, message]) => (
            <li>
              {field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
