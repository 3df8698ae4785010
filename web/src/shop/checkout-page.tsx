import { countryName } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { AddressForm } from './address-form';
import { cartCurrencies } from './cart-page';
import type { Address, Cart, DeliveryQuote, FormError, PaymentOptions } from './types';
import { optionText, PROVIDERS } from './words';

/** What the shopper chose, kept when the form comes back with an error. */
export type CheckoutChoice = { addressId?: string; method?: string; provider?: string; phone?: string };

type Props = PageContext & {
  cart: Cart;
  addresses: Address[];
  /** Payments' answer for this order's total (goods and delivery), currency and delivery country; null when there is nothing to pay. */
  options: PaymentOptions | null;
  /** Logistics' fee to the chosen (or first) address; null before there is an address. */
  delivery?: DeliveryQuote | null;
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
  options,
  delivery = null,
  idempotencyKey,
  choice = {},
  error,
  addressError,
  flash,
  ...ctx
}: Props) {
  const { t, money, list } = useI18n();
  const currencies = cartCurrencies(cart);
  const goods = cart.subtotals[0];
  // What the order will charge: the goods plus the delivery fee, the amount payments' options were asked about.
  const total = goods && delivery?.ok ? { ...goods, amount: goods.amount + delivery.fee } : goods;
  const blocked = cart.lines.some((l) => l.status !== 'available');
  const firstOpen = !options
    ? undefined
    : !options.wallet.unavailable
      ? 'wallet'
      : !options.mobileMoney.unavailable
        ? 'mobile_money'
        : !options.payOnDelivery.unavailable
          ? 'pay_on_delivery'
          : undefined;
  const method = choice.method ?? firstOpen;
  const addressId = choice.addressId ?? addresses[0]?.id;
  return (
    <Layout {...ctx} title={t('shop.checkout.title')} noindex>
      <h1>{t('shop.checkout.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? <Problem error={error} /> : null}
      <section class="panel" aria-labelledby="summary">
        <h2 id="summary">{t('shop.checkout.summary')}</h2>
        <ul class="lines">
          {cart.lines.map((l) => (
            <li>
              {l.quantity} × {l.title ?? l.skuId}
              {Object.keys(l.options).length ? <span class="meta">{optionText(l.options)}</span> : null}
            </li>
          ))}
        </ul>
        {goods && total && currencies.length === 1 ? (
          <>
            {delivery?.ok ? (
              <>
                <p class="row">
                  <span>{t('shop.cart.subtotal')}</span>
                  <span class="amt">{money(goods.amount, goods.currency)}</span>
                </p>
                <p class="row" data-delivery-fee={delivery.fee}>
                  <span>{t('shop.checkout.delivery_to', { city: delivery.city })}</span>
                  <span class="amt">
                    {delivery.free ? t('shop.checkout.delivery_free') : money(delivery.fee, goods.currency)}
                  </span>
                </p>
              </>
            ) : null}
            <p class="sum">
              <span>{t('shop.cart.total')}</span>
              <span class="amt">{money(total.amount, total.currency)}</span>
            </p>
            {delivery && !delivery.ok ? (
              <p class="note err">{t('shop.checkout.delivery_unavailable', { city: delivery.city })}</p>
            ) : null}
            {!delivery ? <p class="meta">{t('shop.checkout.delivery_later')}</p> : null}
          </>
        ) : null}
        <p>
          <a href="/cart">{t('shop.checkout.change_cart')}</a>
        </p>
      </section>
      {cart.lines.length === 0 ? (
        <p class="note">{t('shop.checkout.empty')}</p>
      ) : currencies.length > 1 ? (
        <p class="note err">
          {t('shop.checkout.mixed', { currencies: list(currencies) })} <a href="/cart">{t('shop.checkout.go_to_cart')}</a>
        </p>
      ) : blocked || !total || !options ? (
        <p class="note err">
          {t('shop.checkout.blocked')} <a href="/cart">{t('shop.checkout.go_to_cart')}</a>
        </p>
      ) : (
        <form class="stack" method="post" action="/checkout">
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <fieldset class="panel skus pick">
            <legend>{t('shop.checkout.deliver_to')}</legend>
            {addresses.length === 0 ? <p>{t('shop.checkout.no_address')}</p> : null}
            {addresses.map((a) => (
              <label class="sku">
                <input type="radio" name="addressId" value={a.id} checked={a.id === addressId} required />
                <span>
                  {a.label ? <strong>{a.label}: </strong> : null}
                  {a.landmark}, {a.city}, {countryName(t, a.country)}
                </span>
              </label>
            ))}
          </fieldset>
          {options ? <PayWith options={options} method={method} choice={choice} /> : null}
          <button type="submit" disabled={addresses.length === 0 || !firstOpen}>
            {t('shop.checkout.place', { total: money(total.amount, total.currency) })}
          </button>
        </form>
      )}
      <details class="panel" open={addresses.length === 0 || addressError !== undefined}>
        <summary>{t('shop.checkout.add_address')}</summary>
        {addressError ? <Problem error={addressError} /> : null}
        <AddressForm action="/checkout/address" />
      </details>
    </Layout>
  );
}

/** The ways to pay, each with payments' own limits shown before the choice, and why one is unavailable. */
function PayWith({ options, method, choice }: { options: PaymentOptions; method?: string; choice: CheckoutChoice }) {
  const { t, money } = useI18n();
  const m = (amount: number) => money(amount, options.currency);
  const { wallet, mobileMoney, payOnDelivery: pod } = options;
  const open = mobileMoney.providers.filter((p) => !p.unavailable);
  const bounds = mobileMoney.providers[0];
  const country = options.country ? countryName(t, options.country) : '';
  const podWhy: Record<string, string> = {
    cod_not_offered: t('shop.checkout.pod_not_offered', { country }),
    cod_other_currency: t('shop.checkout.pod_other_currency', { country, currency: options.currency }),
    cod_over_limit: t('shop.checkout.pod_over_limit', { limit: m(pod.maxOrderAmount ?? 0) }),
    cod_too_many_open: t('shop.checkout.pod_too_many', { max: String(pod.maxOpenOrders ?? 0) }),
  };
  return (
    // data-amount: what payments judged these options for (goods and delivery), for tests and support.
    <fieldset class="panel skus pick" data-amount={options.amount}>
      <legend>{t('shop.checkout.pay_with')}</legend>
      <label class="sku">
        <input type="radio" name="method" value="wallet" checked={method === 'wallet'} disabled={wallet.unavailable !== null} />
        <span>
          {t('shop.payment.wallet')}
          <span class="meta">
            {t(wallet.unavailable ? 'shop.checkout.balance_short' : 'shop.checkout.balance', { amount: m(wallet.balance) })}
            {wallet.unavailable ? (
              <>
                {' '}
                <a href="/wallet">{t('shop.checkout.top_up')}</a>
              </>
            ) : null}
          </span>
        </span>
      </label>
      <label class="sku">
        <input
          type="radio"
          name="method"
          value="mobile_money"
          checked={method === 'mobile_money'}
          disabled={mobileMoney.unavailable !== null}
        />
        <span>
          {t('shop.payment.mobile_money')}
          <span class="meta">
            {mobileMoney.unavailable === 'no_provider'
              ? t('shop.checkout.mm_no_provider', { currency: options.currency })
              : mobileMoney.unavailable && bounds
                ? t('shop.checkout.mm_out_of_range', { min: m(bounds.min), max: m(bounds.max) })
                : t('shop.checkout.mobile_money_hint')}
          </span>
        </span>
      </label>
      {open.length ? (
        <div class="sub">
          <label>
            {t('shop.checkout.provider')}
            <select name="provider">
              {open.map((p) => (
                <option value={p.provider} selected={choice.provider === p.provider}>
                  {PROVIDERS[p.provider] ?? p.provider}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('shop.checkout.mobile_money_phone')}
            <input type="tel" name="phone" value={choice.phone} autocomplete="tel" maxlength={20} />
          </label>
        </div>
      ) : null}
      <label class="sku">
        <input
          type="radio"
          name="method"
          value="pay_on_delivery"
          checked={method === 'pay_on_delivery'}
          disabled={pod.unavailable !== null}
        />
        <span>
          {t('shop.payment.pay_on_delivery')}
          <span class="meta">
            {pod.unavailable ? podWhy[pod.unavailable] : t('shop.checkout.pod_hint')}
            {pod.maxOrderAmount !== null && pod.maxOpenOrders !== null ? (
              <>
                {' · '}
                {t('shop.checkout.pod_limits', {
                  limit: m(pod.maxOrderAmount),
                  open: String(pod.openOrders),
                  max: String(pod.maxOpenOrders),
                })}
              </>
            ) : null}
          </span>
        </span>
      </label>
    </fieldset>
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
