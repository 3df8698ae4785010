import { MAX_QUANTITY } from '../components/add-to-cart';
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
  const lines = cart?.lines ?? [];
  const currencies = cart ? cartCurrencies(cart) : [];
  const blocked = lines.some((l) => l.status !== 'available');
  return (
    <Layout {...ctx} title="Your cart" noindex>
      <h1>Your cart</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      {!cart || lines.length === 0 ? (
        <>
          <p>Your cart is empty.</p>
          <p>
            <a class="btn" href="/">
              Start shopping
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
          <section class="panel" aria-label="Total">
            {cart.subtotals.map((s) => (
              <p class="sum">
                <span>Subtotal{cart.subtotals.length > 1 ? ` in ${s.currency}` : ''}</span>
                <span>{s.formatted}</span>
              </p>
            ))}
            {currencies.length > 1 ? (
              <p class="note err">
                Your cart has prices in {currencies.join(' and ')}. One checkout pays in one currency: remove the items in the
                other currencies, then buy them in a second checkout.
              </p>
            ) : blocked ? (
              <p class="note">Some items cannot be bought as they are: change or remove them to check out.</p>
            ) : (
              <a class="btn" href="/checkout">
                Checkout
              </a>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

function CartLineItem({ line, saveData }: { line: CartLine; saveData: boolean }) {
  const title = line.title ?? 'An item that is no longer sold';
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
          {line.unitPrice.formatted} each{line.vendor ? ` · ${line.vendor.name}` : ''}
        </p>
        {line.priceChanged ? (
          <p class="low">
            The price changed from {line.addedPrice.formatted} to {line.unitPrice.formatted}.
          </p>
        ) : null}
        {line.status === 'insufficient_stock' ? (
          <p class="low">{line.available > 0 ? `Only ${line.available} left: lower the quantity.` : 'Out of stock now.'}</p>
        ) : line.status === 'unavailable' ? (
          <p class="out">No longer sold: remove it to check out.</p>
        ) : null}
        <p class="price">{line.lineTotal.formatted}</p>
        <form method="post" action={`/cart/items/${line.skuId}`}>
          <label class="sr" for={`q-${line.skuId}`}>
            Quantity of {title}
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
          <button type="submit">Update</button>
          <button type="submit" class="link" formaction={`/cart/items/${line.skuId}/remove`} formnovalidate>
            Remove
          </button>
        </form>
      </div>
    </li>
  );
}
