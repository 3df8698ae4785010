import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ProductPage } from './pages/product';
import { renderHtml } from './render';
import { CancelOrderPage } from './shop/cancel-page';
import { CartPage } from './shop/cart-page';
import { CheckoutPage } from './shop/checkout-page';
import { cart, cartLine, order, paymentOptions } from './shop/fixtures';
import { OrderPage, OrdersPage } from './shop/order-page';
import { SignInPage } from './shop/signin-page';
import type { Address } from './shop/types';
import { TopUpPage, WalletPage } from './shop/wallet-page';
import { price, productDetail } from './test-fixtures';

const BUDGET = 14 * 1024;
const gzipSize = (html: string) => gzipSync(html, { level: 6 }).length;
const ctx = { saveData: false, path: '/cart' };
const tag = (html: string, pattern: RegExp) => html.match(pattern)?.[0] ?? '';

const ADDRESSES: Address[] = [
  {
    id: 'adr_01jc8x3k4m5n6p7q8r9s0t1aaa',
    label: 'Home',
    landmark: 'Blue gate opposite Gikomba market',
    city: 'Nairobi',
    country: 'KE',
  },
  { id: 'adr_01jc8x3k4m5n6p7q8r9s0t1bbb', label: null, landmark: 'Shop 14, Kariakoo', city: 'Mombasa', country: 'KE' },
];

describe('add to cart on the product page', () => {
  it('offers each option as a radio with price and stock, sold-out options disabled, and a quantity', async () => {
    const product = productDetail();
    const skus = product.skus.map((s, i) => (i === 0 ? { ...s, available: 0 } : s));
    const html = await renderHtml(<ProductPage {...ctx} product={{ ...product, skus }} />);
    const radios = html.match(/<input type="radio" name="skuId"[^>]*>/g) ?? [];
    expect(radios).toHaveLength(3);
    expect(radios[0]).toContain('disabled');
    // The first option that can be bought is chosen already.
    expect(radios[1]).toContain('checked');
    expect(html).toContain('<input type="hidden" name="productId" value="prd_01jc8x3k4m5n6p7q8r9s0t1v2w"/>');
    expect(tag(html, /<input type="number" name="quantity"[^>]*>/)).toMatch(/min="1" max="20"/);
    expect(html).toContain('<button type="submit">Add to cart</button>');
  });

  it('cannot be submitted when every option is sold out', async () => {
    const product = productDetail();
    const html = await renderHtml(
      <ProductPage {...ctx} product={{ ...product, skus: product.skus.map((s) => ({ ...s, available: 0 })) }} />,
    );
    expect(html).toContain('<button type="submit" disabled="">Sold out</button>');
  });

  it('sends a single-option product as a hidden SKU', async () => {
    const product = productDetail();
    const html = await renderHtml(<ProductPage {...ctx} product={{ ...product, skus: [product.skus[0]] }} />);
    expect(html).toContain(`<input type="hidden" name="skuId" value="${product.skus[0].id}"/>`);
    expect(html).not.toContain('type="radio"');
  });

  it('shows why the last try failed and keeps the shopper’s choice', async () => {
    const product = productDetail();
    const html = await renderHtml(
      <ProductPage
        {...ctx}
        product={product}
        error="Only 3 of this option can be in your cart right now."
        chosen={{ skuId: product.skus[1].id, quantity: 7 }}
      />,
    );
    expect(html).toContain('role="alert">Only 3 of this option can be in your cart right now.</p>');
    expect(tag(html, new RegExp(`<input type="radio" name="skuId" value="${product.skus[1].id}"[^>]*>`))).toContain('checked');
    expect(tag(html, /<input type="number" name="quantity"[^>]*>/)).toContain('value="7"');
  });
});

describe('cart page', () => {
  it('shows each line with thumb, link, options, unit price, line total and quantity forms', async () => {
    const line = cartLine(1);
    const html = await renderHtml(<CartPage {...ctx} cart={cart([line, cartLine(2)])} flash="Added to your cart." />);
    expect(html).toContain(`<img class="thumb" src="${line.image}" width="64" height="64" alt="" loading="lazy"/>`);
    expect(html).toContain(`<a href="/p/${line.productId}">${line.title}</a>`);
    expect(html).toContain(`Colour: Black, Size: 39 · ${line.unitPrice.formatted} each · Mama Nkechi Stores`);
    expect(html).toContain(`<p class="price">${line.lineTotal.formatted}</p>`);
    expect(html).toContain(`<form method="post" action="/cart/items/${line.skuId}">`);
    expect(html).toContain(`formaction="/cart/items/${line.skuId}/remove" formnovalidate="">Remove</button>`);
    expect(html).toContain('role="status">Added to your cart.</p>');
    expect(html).toContain('<a class="btn" href="/checkout">Checkout</a>');
  });

  it('says when a price moved or stock ran short, and holds back checkout until fixed', async () => {
    const moved = cartLine(0, { priceChanged: true, addedPrice: price(120_000, 'KES') });
    const short = cartLine(1, { status: 'insufficient_stock', available: 1 });
    const html = await renderHtml(<CartPage {...ctx} cart={cart([moved, short])} />);
    expect(html).toContain(`The price changed from ${price(120_000, 'KES').formatted} to ${moved.unitPrice.formatted}.`);
    expect(html).toContain('Only 1 left: lower the quantity.');
    expect(html).not.toContain('href="/checkout"');
  });

  it('tells the shopper plainly that one checkout pays in one currency', async () => {
    const html = await renderHtml(<CartPage {...ctx} cart={cart([cartLine(0), cartLine(1, {}, 'NGN')])} />);
    expect(html).toContain('Your cart has prices in KES and NGN. One checkout pays in one currency');
    expect(html).toContain('Subtotal in KES');
    expect(html).toContain('Subtotal in NGN');
    expect(html).not.toContain('href="/checkout"');
  });

  it('has an empty state', async () => {
    for (const empty of [null, cart([])]) {
      const html = await renderHtml(<CartPage {...ctx} cart={empty} />);
      expect(html).toContain('Your cart is empty.');
      expect(html).not.toContain('href="/checkout"');
    }
  });

  it('loads no thumbnails in data-saver mode', async () => {
    const html = await renderHtml(<CartPage {...ctx} saveData cart={cart([cartLine(0)])} />);
    expect(html).not.toContain('<img');
  });

  it('keeps a cart of 30 lines within 14 KB gzip', async () => {
    const html = await renderHtml(<CartPage {...ctx} cart={cart(Array.from({ length: 30 }, (_, i) => cartLine(i)))} />);
    expect(gzipSize(html)).toBeLessThanOrEqual(BUDGET);
  });
});

describe('sign-in page', () => {
  it('posts e-mail or phone and password, keeping where the shopper was going', async () => {
    const html = await renderHtml(
      <SignInPage
        {...ctx}
        next="/checkout"
        identifier={'"><script>x</script>'}
        error="That e-mail or phone number and password do not match an account."
      />,
    );
    expect(html).toContain('<form class="panel stack" method="post" action="/signin">');
    expect(html).toContain('<input type="hidden" name="next" value="/checkout"/>');
    expect(html).toContain('type="password" name="password" autocomplete="current-password"');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('role="alert">That e-mail or phone number and password do not match an account.</p>');
  });
});

describe('checkout page', () => {
  const lines = [cartLine(0), cartLine(1)];
  const total = cart(lines).subtotals[0];

  it('offers saved addresses, wallet, mobile money and pay on delivery, with an idempotency key', async () => {
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={cart(lines)}
        addresses={ADDRESSES}
        options={paymentOptions(total.amount)}
        idempotencyKey="0b8f5a1e-7c0d-4f59-9d9e-6a3c2b1f0e11"
      />,
    );
    expect(html).toContain('<input type="hidden" name="idempotencyKey" value="0b8f5a1e-7c0d-4f59-9d9e-6a3c2b1f0e11"/>');
    expect(html.match(/name="addressId"/g)).toHaveLength(2);
    expect(html).toContain('Blue gate opposite Gikomba market, Nairobi, Kenya');
    expect(tag(html, /<input type="radio" name="method" value="wallet"[^>]*>/)).toContain('checked');
    expect(html).toContain('value="mobile_money"');
    expect(html).toContain('<option value="mpesa">M-Pesa</option>');
    expect(html).toContain('value="pay_on_delivery"');
    expect(html).toContain(`Place order · ${total.formatted}`);
  });

  it('says when the wallet is too low and does not let it be chosen', async () => {
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={cart(lines)}
        addresses={ADDRESSES}
        options={paymentOptions(total.amount, { wallet: { balance: 5, unavailable: 'balance_too_low' } })}
        idempotencyKey="key-000000001"
      />,
    );
    const wallet = tag(html, /<input type="radio" name="method" value="wallet"[^>]*>/);
    expect(wallet).toContain('disabled');
    expect(wallet).not.toContain('checked');
    expect(html).toContain('too low for this order, choose another way to pay');
    expect(html).toContain('<a href="/wallet">Top up your wallet</a>');
    // The first way that can take the order is chosen for the shopper.
    expect(tag(html, /<input type="radio" name="method" value="mobile_money"[^>]*>/)).toContain('checked');
  });

  it('offers for EGP only what works for EGP: mobile money disabled with the reason, no provider to pick', async () => {
    const egp = cart([cartLine(0, {}, 'EGP')]);
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={egp}
        addresses={ADDRESSES}
        options={paymentOptions(egp.subtotals[0].amount, {
          currency: 'EGP',
          country: 'EG',
          wallet: { balance: 0, unavailable: 'balance_too_low' },
          mobileMoney: { providers: [], unavailable: 'no_provider' },
          payOnDelivery: { maxOrderAmount: 1_000_000, maxOpenOrders: 3, openOrders: 1, unavailable: null },
        })}
        idempotencyKey="key-000000001"
      />,
    );
    expect(tag(html, /<input type="radio" name="method" value="mobile_money"[^>]*>/)).toContain('disabled');
    expect(html).toContain('No mobile-money provider collects EGP');
    expect(html).not.toContain('<select name="provider">');
    expect(tag(html, /<input type="radio" name="method" value="pay_on_delivery"[^>]*>/)).toContain('checked');
    expect(html).toMatch(/up to EGP\s10,000\.00 per order; 1 of 3 unpaid orders open/);
  });

  it('shows pay on delivery disabled with the limit when the cart is above it', async () => {
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={cart(lines)}
        addresses={ADDRESSES}
        options={paymentOptions(total.amount, {
          wallet: { balance: 0, unavailable: 'balance_too_low' },
          payOnDelivery: { maxOrderAmount: 3_000_000, maxOpenOrders: 3, openOrders: 0, unavailable: 'cod_over_limit' },
        })}
        idempotencyKey="key-000000001"
      />,
    );
    const pod = tag(html, /<input type="radio" name="method" value="pay_on_delivery"[^>]*>/);
    expect(pod).toContain('disabled');
    expect(pod).not.toContain('checked');
    expect(html).toMatch(/Unavailable: this order is above the Ksh\s30,000\.00 limit/);
    expect(tag(html, /<input type="radio" name="method" value="mobile_money"[^>]*>/)).toContain('checked');
  });

  it('asks for an address first when there is none, with the add-address form open', async () => {
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={cart(lines)}
        addresses={[]}
        options={paymentOptions(total.amount)}
        idempotencyKey="key-000000001"
      />,
    );
    expect(html).toContain('You have no saved address yet: add one below.');
    expect(html).toContain('<details class="panel" open="">');
    expect(html).toContain('<form class="stack" method="post" action="/checkout/address">');
    expect(tag(html, /<button type="submit"[^>]*>Place order/)).toContain('disabled');
  });

  it('refuses a mixed-currency cart in words, with no order form', async () => {
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={cart([cartLine(0), cartLine(1, {}, 'NGN')])}
        addresses={ADDRESSES}
        options={paymentOptions(total.amount)}
        idempotencyKey="key-000000001"
      />,
    );
    expect(html).toContain('Your cart has prices in KES and NGN. One checkout pays in one currency');
    expect(html).not.toContain('action="/checkout"');
  });

  it('shows a refusal with the fields it names, and keeps the choice', async () => {
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={cart(lines)}
        addresses={ADDRESSES}
        options={paymentOptions(total.amount)}
        idempotencyKey="key-000000001"
        choice={{ addressId: ADDRESSES[1].id, method: 'mobile_money', provider: 'paystack', phone: '+23350000' }}
        error={{
          message: 'Please check what you entered:',
          fields: { 'Mobile money phone number': 'E.164, e.g. +2348012345678' },
        }}
      />,
    );
    expect(html).toContain('<li>Mobile money phone number: E.164, e.g. +2348012345678</li>');
    expect(tag(html, new RegExp(`<input type="radio" name="addressId" value="${ADDRESSES[1].id}"[^>]*>`))).toContain('checked');
    expect(tag(html, /<input type="radio" name="method" value="mobile_money"[^>]*>/)).toContain('checked');
    expect(html).toContain('<option value="paystack" selected="">Paystack</option>');
    expect(html).toContain('value="+23350000"');
  });

  it('stays within 14 KB gzip with 20 lines and 5 addresses', async () => {
    const many = cart(Array.from({ length: 20 }, (_, i) => cartLine(i)));
    const addresses = Array.from({ length: 5 }, (_, i) => ({ ...ADDRESSES[i % 2], id: `adr_01jc8x3k4m5n6p7q8r9s0t1${i}aa` }));
    const html = await renderHtml(
      <CheckoutPage
        {...ctx}
        cart={many}
        addresses={addresses}
        options={paymentOptions(total.amount)}
        idempotencyKey="key-000000001"
      />,
    );
    expect(gzipSize(html)).toBeLessThanOrEqual(BUDGET);
  });
});

describe('order page', () => {
  it('offers to pay the same cart another way after a declined payment', async () => {
    const html = await renderHtml(
      <OrderPage {...ctx} order={order({ status: 'cancelled', cancellation: { reason: 'payment_failed', skuIds: [] } })} />,
    );
    expect(html).toContain('<a href="/checkout">Pay another way</a>');
    const byShopper = await renderHtml(
      <OrderPage {...ctx} order={order({ status: 'cancelled', cancellation: { reason: 'cancelled_by_shopper', skuIds: [] } })} />,
    );
    expect(byShopper).not.toContain('Pay another way');
  });

  it('refreshes itself while the order is being placed, and not after', async () => {
    const pending = await renderHtml(<OrderPage {...ctx} order={order({ status: 'pending', vendorOrders: [] })} />);
    expect(pending).toContain('<meta http-equiv="refresh" content="3"/>');
    expect(pending).toContain('data-status="pending">Placing your order</span>');
    const confirmed = await renderHtml(<OrderPage {...ctx} order={order()} />);
    expect(confirmed).not.toContain('http-equiv="refresh"');
    expect(confirmed).toContain('data-status="confirmed">Confirmed</span>');
  });

  it('shows the split per seller with lines and totals, the payment, and a cancel button', async () => {
    const o = order();
    const html = await renderHtml(<OrderPage {...ctx} order={o} />);
    expect(html).toContain('Package 1 of 2 · from Nairobi Gadgets');
    expect(html).toContain('Package 2 of 2');
    expect(html).toContain('Accepted by the seller');
    expect(html).toContain(`${o.vendorOrders[0].lines[0].quantity} × ${o.vendorOrders[0].lines[0].title}`);
    expect(html).toContain(`<span>Total</span><span class="amt">${o.total?.formatted}</span>`);
    // Money never breaks mid-number at 240 px (the body wraps anywhere; amounts stay whole).
    expect(html).toContain('.amt,.price{white-space:nowrap}');
    expect(html).toContain('Payment: Pay on delivery');
    expect(html).toContain('Delivery between Nov 25, 2026 and Nov 27, 2026');
    // Cancel is a link to a confirmation page, not a one-tap button.
    expect(html).toContain(`<a href="/orders/${o.id}/cancel">Cancel this order</a>`);
    expect(html).not.toContain(`action="/orders/${o.id}/cancel"`);
  });

  it('shows the address, the station, the timeline and the collection code of each parcel', async () => {
    const o = order();
    const html = await renderHtml(
      <OrderPage
        {...ctx}
        order={o}
        address={ADDRESSES[0]}
        parcels={[
          {
            vendorOrderId: o.vendorOrders[0].id,
            status: 'in_transit',
            station: { name: 'Westlands Hub', city: 'Nairobi', landmark: 'Behind Sarit Centre' },
            timeline: [
              { status: 'awaiting_pickup', at: '2026-11-23T10:00:00.000Z' },
              { status: 'in_transit', at: '2026-11-24T08:00:00.000Z' },
            ],
            collectionCode: '482913',
          },
        ]}
      />,
    );
    expect(html).toContain('Delivering to');
    expect(html).toContain('Blue gate opposite Gikomba market, Nairobi, Kenya');
    expect(html).toContain('Collect at Westlands Hub, Behind Sarit Centre, Nairobi');
    expect(html).toContain('<strong data-code="true">482913</strong>');
    expect(html).toContain('<li>Waiting for the courier · Nov 23, 2026</li><li>On the way · Nov 24, 2026</li>');
  });

  it('links a delivered package to its return form, and no other', async () => {
    const o = order();
    const delivered = {
      ...o,
      status: 'delivered',
      vendorOrders: [{ ...o.vendorOrders[0], status: 'delivered' }, o.vendorOrders[1]],
    };
    const html = await renderHtml(<OrderPage {...ctx} order={delivered} />);
    expect(html).toContain(`<a href="/orders/${o.id}/returns/new?vendorOrder=${o.vendorOrders[0].id}">Return an item</a>`);
    expect(html).not.toContain(`vendorOrder=${o.vendorOrders[1].id}`);
  });

  it('offers no cancel once a package has shipped', async () => {
    const o = order();
    const shipped = {
      ...o,
      status: 'partially_shipped',
      vendorOrders: [{ ...o.vendorOrders[0], status: 'shipped' }, o.vendorOrders[1]],
    };
    const html = await renderHtml(<OrderPage {...ctx} order={shipped} />);
    expect(html).toContain('Partly on its way');
    expect(html).not.toContain('/cancel"');
  });

  it('names the items that ran out of stock, and notes changed prices', async () => {
    const o = order();
    const line = o.vendorOrders[1].lines[0];
    const html = await renderHtml(
      <OrderPage
        {...ctx}
        order={{
          ...o,
          status: 'cancelled',
          cancellation: { reason: 'out_of_stock', skuIds: [line.skuId] },
          priceChanges: [{ skuId: line.skuId, cartPrice: price(100_000, 'KES'), price: line.unitPrice }],
        }}
      />,
    );
    expect(html).toContain('Some items ran out of stock before we could hold them.');
    expect(html).toContain(`<li>${line.title}</li>`);
    expect(html).toContain(`${line.title}: was ${price(100_000, 'KES').formatted}, now ${line.unitPrice.formatted}`);
  });

  it('asks for approval on the phone, with the sandbox button only when given a payment id', async () => {
    const waiting = order({
      status: 'awaiting_payment',
      payment: { id: 'top_01jc8x3k4m5n6p7q8r9s0t1v2w', method: 'mobile_money', provider: 'mpesa', status: 'pending' },
    });
    const plain = await renderHtml(<OrderPage {...ctx} order={waiting} />);
    expect(plain).toContain('Approve the payment on your phone (M-Pesa)');
    expect(plain).not.toContain('/approve"');
    expect(plain).toContain(`href="/orders/${waiting.id}/cancel"`);
    const dev = await renderHtml(<OrderPage {...ctx} order={waiting} sandboxPaymentId="top_01jc8x3k4m5n6p7q8r9s0t1v2w" />);
    expect(dev).toContain(`<form method="post" action="/orders/${waiting.id}/approve">`);
  });

  it('lists my orders with status and total, a link to older ones and sign out', async () => {
    const html = await renderHtml(
      <OrdersPage
        {...ctx}
        orders={[
          {
            id: 'ord_01jc8x3k4m5n6p7q8r9s0t1v2w',
            status: 'awaiting_payment',
            total: price(250_000, 'KES'),
            items: 3,
            createdAt: '2026-11-23T09:30:00.000Z',
            preview: [
              { title: 'Tecno Spark 20 Pro', image: 'https://img.example/tecno.jpg' },
              { title: 'Oraimo FreePods 4', image: null },
            ],
          },
        ]}
        nextCursor="a&b=c"
      />,
    );
    expect(html).toContain('<a href="/orders/ord_01jc8x3k4m5n6p7q8r9s0t1v2w">Tecno Spark 20 Pro, Oraimo FreePods 4</a>');
    expect(html).toContain('<img class="thumb" src="https://img.example/tecno.jpg"');
    expect(html).toContain('Nov 23, 2026 · 3 items');
    expect(html).toContain(`Waiting for your payment · ${price(250_000, 'KES').formatted}`);
    expect(html).toContain('<a href="/orders?cursor=a%26b%3Dc">Older orders</a>');
    expect(html).toContain('<form method="post" action="/signout">');
  });
});

describe('cancel confirmation page', () => {
  it('says a paid order goes back to the wallet, and posts the cancel only from its button', async () => {
    const paid = order({ payment: { id: 'pay_x', method: 'wallet', provider: null, status: 'captured' } });
    const html = await renderHtml(<CancelOrderPage {...ctx} order={paid} />);
    expect(html).toContain(`The ${paid.total?.formatted} you paid goes back to your wallet as soon as the order is cancelled.`);
    expect(html).toContain(
      `<form method="post" action="/orders/${paid.id}/cancel"><button type="submit">Yes, cancel the order</button>`,
    );
    expect(html).toContain(`<a href="/orders/${paid.id}">No, keep my order</a>`);
  });

  it('says nothing is charged for pay on delivery or a phone prompt still waiting', async () => {
    expect(await renderHtml(<CancelOrderPage {...ctx} order={order()} />)).toContain('You have paid nothing for this order');
    const waiting = order({
      status: 'awaiting_payment',
      payment: { id: 'top_x', method: 'mobile_money', provider: 'mpesa', status: 'pending' },
    });
    expect(await renderHtml(<CancelOrderPage {...ctx} order={waiting} />)).toContain('nothing will be charged');
  });

  it('offers no button once the order cannot be cancelled', async () => {
    const o = order({ status: 'cancelled' });
    const gone = { ...o, vendorOrders: o.vendorOrders.map((v) => ({ ...v, status: 'cancelled' })) };
    const html = await renderHtml(<CancelOrderPage {...ctx} order={gone} />);
    expect(html).toContain('This order can no longer be cancelled.');
    expect(html).not.toContain('<form method="post" action="/orders/');
  });
});

describe('wallet pages', () => {
  const topUp = { currency: 'KES', providers: [{ provider: 'mpesa', min: 1000, max: 15_000_000 }] };

  it("shows balances, movements with refunds, and the top-up form with payments' bounds", async () => {
    const html = await renderHtml(
      <WalletPage
        {...ctx}
        balances={[{ currency: 'KES', balance: 150_000 }]}
        movements={[
          { entryId: 'e2', kind: 'refund', amount: 50_000, currency: 'KES', at: '2026-11-24T08:00:00.000Z' },
          { entryId: 'e1', kind: 'topup', amount: 100_000, currency: 'KES', at: '2026-11-23T08:00:00.000Z' },
        ]}
        topUp={topUp}
        idempotencyKey="key-000000001"
      />,
    );
    expect(html).toMatch(/<span>KES<\/span><span class="amt">Ksh\s?1,500\.00<\/span>/);
    expect(html).toMatch(
      /data-kind="refund"><span>Refund<span class="meta">Nov 24, 2026<\/span><\/span><span class="amt">\+Ksh\s?500\.00/,
    );
    expect(html).toMatch(/From Ksh\s?10\.00 to Ksh\s?150,000\.00/);
    expect(html).toContain('<option value="mpesa">M-Pesa</option>');
    expect(html).toContain('name="idempotencyKey" value="key-000000001"');
    expect(gzipSize(html)).toBeLessThanOrEqual(BUDGET);
  });

  it('says when no provider collects the currency, with no form', async () => {
    const html = await renderHtml(
      <WalletPage {...ctx} balances={[]} movements={[]} topUp={{ currency: 'EGP', providers: [] }} idempotencyKey="k" />,
    );
    expect(html).toContain('No mobile-money provider collects EGP');
    expect(html).not.toContain('action="/wallet/topups"');
  });

  it('reloads itself while the prompt waits, and stops once paid', async () => {
    const pending = { topUpId: 'top_abcd1234', status: 'pending' as const, provider: 'mpesa', amount: 50_000, currency: 'KES' };
    const waiting = await renderHtml(<TopUpPage {...ctx} topUp={pending} sandbox />);
    expect(waiting).toContain('<meta http-equiv="refresh" content="3"/>');
    expect(waiting).toContain('Approve the payment on your phone (M-Pesa)');
    expect(waiting).toContain('action="/wallet/topups/top_abcd1234/approve"');
    const paid = await renderHtml(<TopUpPage {...ctx} topUp={{ ...pending, status: 'paid' }} />);
    expect(paid).not.toContain('http-equiv="refresh"');
    expect(paid).toMatch(/Ksh\s?500\.00 was added to your wallet\./);
  });
});
