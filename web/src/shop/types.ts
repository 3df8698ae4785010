// What the shop pages render of the orders, payments and identity answers: the fields a page
// shows, nothing more. The gateway passes the services' own response types (orders' CartView
// and OrderView, identity's AddressView, payments' WalletView), and tsc checks they fit these.

export type Money = { amount: number; currency: string; formatted: string };

export type CartLine = {
  skuId: string;
  productId: string | null;
  title: string | null;
  options: Record<string, string>;
  image: string | null;
  vendor: { id: string; name: string } | null;
  quantity: number;
  unitPrice: Money;
  addedPrice: Money;
  priceChanged: boolean;
  lineTotal: Money;
  available: number;
  status: 'available' | 'insufficient_stock' | 'unavailable';
};

export type Cart = { id: string; lines: CartLine[]; subtotals: Money[]; itemCount: number };

export type Address = {
  id: string;
  label: string | null;
  landmark: string;
  city: string;
  country: string;
  /** Checkout picks it first (identity lists it first). */
  isDefault?: boolean;
};

export type WalletBalance = { currency: string; balance: number };

export type OrderLine = {
  skuId: string;
  productId: string;
  title: string;
  options: Record<string, string>;
  image: string | null;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
};

export type VendorOrder = {
  id: string;
  vendorId: string;
  vendorName: string | null;
  status: string;
  subtotal: Money;
  lines: OrderLine[];
  /** The promised window as ISO dates (null for orders from before delivery was priced). */
  delivery?: { method: string; window: { earliest: string; latest: string } | null };
};

export type Order = {
  id: string;
  status: string;
  total: Money | null;
  payment: { id: string | null; method: string; provider: string | null; status: string };
  delivery: { shippingAddressId: string | null; pickupStationId: string | null };
  cancellation: { reason: string; skuIds: string[] } | null;
  priceChanges: { skuId: string; cartPrice: Money; price: Money }[];
  vendorOrders: VendorOrder[];
  createdAt: string;
};

export type OrderSummary = {
  id: string;
  status: string;
  total: Money | null;
  items: number;
  createdAt: string;
  /** The first lines' titles and thumbnails. */
  preview: { title: string; image: string | null }[];
};

/** Logistics' parcel of one vendor order, as its shopper sees it (logistics' OrderTracking). */
export type Parcel = {
  vendorOrderId: string;
  status: string;
  station: { name: string; city: string; landmark: string } | null;
  timeline: { status: string; at: string }[];
  collectionCode: string | null;
};

/** A problem from a service, in words for the shopper, with the form fields it names. */
export type FormError = { message: string; fields?: Record<string, string> };

type Refusal =
  | 'balance_too_low'
  | 'no_provider'
  | 'amount_out_of_range'
  | 'cod_not_offered'
  | 'cod_other_currency'
  | 'cod_over_limit'
  | 'cod_too_many_open'
  | null;

/** Payments' answer on how this order can be paid (payments' PaymentOptionsView), each way with why not. */
export type PaymentOptions = {
  currency: string;
  country: string | null;
  amount: number;
  wallet: { balance: number; unavailable: Refusal };
  mobileMoney: { providers: { provider: string; min: number; max: number; unavailable: Refusal }[]; unavailable: Refusal };
  payOnDelivery: { maxOrderAmount: number | null; maxOpenOrders: number | null; openOrders: number; unavailable: Refusal };
};

/**
 * What delivery adds to the cart at checkout, as logistics quotes it to the chosen address: the
 * fee (minor units, the cart's currency) the order will charge, or that it cannot go there.
 */
export type DeliveryQuote = { ok: true; city: string; fee: number; free: boolean } | { ok: false; city: string };

/** When a delivered vendor order can still be returned (payments' return window). */
export type ReturnWindow = { vendorOrderId: string; endsAt: string; open: boolean };

/** Whether each delivered line of an order can still be reviewed, per vendor order and product. */
export type ReviewState = { vendorOrderId: string; productId: string; reviewed: boolean };
