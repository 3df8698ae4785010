// Carts and orders for rendering tests, shaped like the orders service's answers.
import type { CurrencyCode } from '@linked-all/money';
import { price } from '../test-fixtures';
import type { Cart, CartLine, Order, PaymentOptions } from './types';

const TITLES = [
  'Tecno Spark 20 Pro 256GB Smartphone',
  'Oraimo FreePods 4 Wireless Earbuds',
  'Ankara Print Wax Fabric 6 Yards',
  'Solar Lantern with USB Charger',
  'Hisense 32" HD LED Television',
  'Shea Butter Unrefined 500g',
];

export function cartLine(i: number, overrides: Partial<CartLine> = {}, currency: CurrencyCode = 'KES'): CartLine {
  const unit = 149_900 + i * 37_700;
  const quantity = 1 + (i % 3);
  return {
    skuId: `sku_01jc8x3k4m5n6p7q8r9s${String(i).padStart(4, '0')}ab`,
    productId: `prd_01jc8x3k4m5n6p7q8r9s${String(i).padStart(4, '0')}cd`,
    title: `${TITLES[i % TITLES.length]} ${i > 5 ? `(lot ${i})` : ''}`.trim(),
    options: i % 2 ? { colour: 'Black', size: String(38 + i) } : {},
    image: `/v1/images/img/${i}abcdef0123/${i}9876.webp?w=160`,
    vendor: { id: `vnd_01jc8x3k4m5n6p7q8r9s${i}ven`, name: ['Kibanda Electronics', 'Mama Nkechi Stores', 'Nile Home'][i % 3] },
    quantity,
    unitPrice: price(unit, currency),
    addedPrice: price(unit, currency),
    priceChanged: false,
    lineTotal: price(unit * quantity, currency),
    available: 40,
    status: 'available',
    ...overrides,
  };
}

export function cart(lines: CartLine[]): Cart {
  const totals = new Map<string, number>();
  for (const l of lines) {
    if (l.status === 'available') totals.set(l.lineTotal.currency, (totals.get(l.lineTotal.currency) ?? 0) + l.lineTotal.amount);
  }
  return {
    id: 'crt_01jc8x3k4m5n6p7q8r9s0t1v2w',
    lines,
    subtotals: [...totals].map(([currency, amount]) => price(amount, currency as CurrencyCode)),
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
  };
}

export function order(overrides: Partial<Order> = {}): Order {
  const a = cartLine(0);
  const b = cartLine(1);
  const c = cartLine(2);
  const line = (l: CartLine) => ({
    skuId: l.skuId,
    productId: l.productId ?? '',
    title: l.title ?? '',
    options: l.options,
    image: l.image,
    unitPrice: l.unitPrice,
    quantity: l.quantity,
    lineTotal: l.lineTotal,
  });
  const first = a.lineTotal.amount + b.lineTotal.amount;
  return {
    id: 'ord_01jc8x3k4m5n6p7q8r9s0t1v2w',
    status: 'confirmed',
    total: price(first + c.lineTotal.amount, 'KES'),
    payment: { id: 'pay_01jc8x3k4m5n6p7q8r9s0t1v2w', method: 'pay_on_delivery', provider: null, status: 'pay_on_delivery' },
    delivery: { shippingAddressId: 'adr_01jc8x3k4m5n6p7q8r9s0t1v2w', pickupStationId: null },
    cancellation: null,
    priceChanges: [],
    vendorOrders: [
      {
        id: 'vor_01jc8x3k4m5n6p7q8r9s0aaa',
        vendorId: 'vnd_a',
        vendorName: 'Nairobi Gadgets',
        status: 'pending',
        subtotal: price(first, 'KES'),
        lines: [line(a), line(b)],
        delivery: { method: 'home', window: { earliest: '2026-11-25', latest: '2026-11-27' } },
      },
      {
        id: 'vor_01jc8x3k4m5n6p7q8r9s0bbb',
        vendorId: 'vnd_b',
        vendorName: null,
        status: 'accepted',
        subtotal: c.lineTotal,
        lines: [line(c)],
      },
    ],
    createdAt: '2026-11-23T09:30:00.000Z',
    ...overrides,
  };
}

/** Payments' answer for a KES order in Kenya: every way open unless overridden. */
export function paymentOptions(amount: number, overrides: Partial<PaymentOptions> = {}): PaymentOptions {
  const bounds = { min: 1000, max: 15_000_000, unavailable: null };
  return {
    currency: 'KES',
    country: 'KE',
    amount,
    wallet: { balance: amount, unavailable: null },
    mobileMoney: {
      providers: [
        { provider: 'mpesa', ...bounds },
        { provider: 'paystack', ...bounds },
        { provider: 'flutterwave', ...bounds },
      ],
      unavailable: null,
    },
    payOnDelivery: { maxOrderAmount: 3_000_000, maxOpenOrders: 3, openOrders: 0, unavailable: null },
    ...overrides,
  };
}
