import { MAX_QUANTITY } from '../components/add-to-cart';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import type { Cart, CartLine } from './types';
import { optionText } from './words';

type Props = PageContext & {
  /** Null when the shopper has no cart yet (or it expired). */
  cart: Cart | null;
  /** What just happened ("Added to your cart"). */
  flash?: string;
  /** Why the last change failed, in words. */
  error?: string;
};

/** The currencies of a cart's lines, in order of first appearance. */
export function cartCurrencies(cart: Cart): string[] {
  return [...new Set(cart.lines.map((l) => l.unitPrice.currency))];
}

/** `/cart`: lines with their price, stock and price-change notices, quantity forms, subtotals, checkout. */
export function CartPage({ cart, flash, error, ...ctx }: Props) {
  const { t, money, list } = useI18n();
  const lines = cart?.lines ?? [];
  const currencies = cart ? cartCurrencies(cart) : [];
  const blocked = lines.some((l) => l.status !== 'available');
  return (
    <Layout {...ctx} title={t('shop.cart.title')} noindex>
      <h1>{t('shop.cart.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      {!cart || lines.length === 0 ? (
        <>
          <p>{t('shop.cart.empty')}</p>
          <p>
            <a class="btn" href="/">
              {t('shop.cart.start')}
            </a>
          </p>
        </>
      ) : (
        <>
          <ul class="lines">
            {lines.map((line) => (
              <CartLineItem line={line} saveData={ctx.saveData} />
            ))}
          </ul>
          <section class="panel" aria-label={t('shop.cart.total')}>
            {cart.subtotals.map((s) => (
              <p class="sum">
                <span>
                  {cart.subtotals.length > 1 ? t('shop.cart.subtotal_in', { currency: s.currency }) : t('shop.cart.subtotal')}
                </span>
                <span class="amt">{money(s.amount, s.currency)}</span>
              </p>
            ))}
            {currencies.length > 1 ? (
              <p class="note err">{t('shop.cart.mixed', { currencies: list(currencies) })}</p>
            ) : blocked ? (
              <p class="note">{t('shop.cart.blocked')}</p>
            ) : (
              <a class="btn" href="/checkout">
                {t('shop.cart.checkout')}
              </a>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

function CartLineItem({ line, saveData }: { line: CartLine; saveData: boolean }) {
  const { t, money, number } = useI18n();
  const title = line.title ?? t('shop.cart.gone');
  const options = optionText(line.options);
  return (
    <li class="line">
      {line.image && !saveData ? (
        <img class="thumb" src={line.image} width={64} height={64} alt="" loading="lazy" />
      ) : (
        <span class="thumb" />
      )}
      <div>
        <h3>{line.productId ? <a href={`/p/${line.productId}`}>{title}</a> : title}</h3>
        <p class="meta">
          {options ? `${options} · ` : ''}
          {t('shop.cart.each', { price: money(line.unitPrice.amount, line.unitPrice.currency) })}
          {line.vendor ? ` · ${line.vendor.name}` : ''}
        </p>
        {line.priceChanged ? (
          <p class="low">
            {t('shop.cart.price_changed', {
              was: money(line.addedPrice.amount, line.addedPrice.currency),
              now: money(line.unitPrice.amount, line.unitPrice.currency),
            })}
          </p>
        ) : null}
        {line.status === 'insufficient_stock' ? (
          <p class="low">
            {line.available > 0 ? t('shop.cart.only_left', { count: number(line.available) }) : t('shop.cart.out_now')}
          </p>
        ) : line.status === 'unavailable' ? (
          <p class="out">{t('shop.cart.unavailable')}</p>
        ) : null}
        <p class="price">{money(line.lineTotal.amount, line.lineTotal.currency)}</p>
        <form method="post" action={`/cart/items/${line.skuId}`}>
          <label class="sr" for={`q-${line.skuId}`}>
            {t('shop.cart.quantity_of', { title })}
          </label>
          <input
            id={`q-${line.skuId}`}
            type="number"
            name="quantity"
            value={String(line.quantity)}
            min="1"
            max={String(MAX_QUANTITY)}
            inputmode="numeric"
            required
          />
          <button type="submit">{t('shop.cart.update')}</button>
          <button type="submit" class="link" formaction={`/cart/items/${line.skuId}/remove`} formnovalidate>
            {t('shop.cart.remove')}
          </button>
        </form>
      </div>
    </li>
  );
}
