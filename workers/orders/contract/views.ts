import { idPattern } from '@linked-all/http';
import { z } from 'zod';
import { ORDER_STATUSES, VENDOR_ORDER_STATUSES } from './statuses';

// What the orders API answers about orders: the shopper's and the vendor's views.

export const OrderId = z.string().regex(idPattern('ord'), 'Expected an order id like ord_…');
export const VendorOrderId = z.string().regex(idPattern('vor'), 'Expected a vendor order id like vor_…');

export const MoneyView = z.object({ amount: z.number().int(), currency: z.string(), formatted: z.string() });

export const LineView = z.object({
  skuId: z.string(),
  productId: z.string(),
  title: z.string(),
  options: z.record(z.string(), z.string()),
  image: z.string().nullable(),
  unitPrice: MoneyView,
  quantity: z.number().int(),
  lineTotal: MoneyView,
});

/**
 * A vendor order's delivery as the checkout priced it with logistics: `fee` in minor units of
 * `currency` (the order's), the promised window as ISO dates (null for orders from before
 * delivery was priced), the pickup station when it goes to one.
 */
export const DeliveryView = z.object({
  method: z.enum(['home', 'station']),
  fee: z.number().int(),
  currency: z.string(),
  window: z.object({ earliest: z.iso.date(), latest: z.iso.date() }).nullable(),
  pickupStationId: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

const VendorOrderBase = z.object({
  id: z.string(),
  orderId: z.string(),
  vendorId: z.string(),
  status: z.enum(VENDOR_ORDER_STATUSES),
  /** The goods; the shopper pays `subtotal.amount + delivery.fee` for this vendor order. */
  subtotal: MoneyView,
  delivery: DeliveryView,
  lines: z.array(LineView),
  confirmedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});

/**
 * What a vendor needs to ship: where it goes (as ids: the address is identity's, the station
 * logistics'), and whether the rider collects money at the door (the vendor order's subtotal) or
 * it was paid before.
 */
export const VendorShipping = z.object({
  method: z.enum(['home', 'station']),
  shippingAddressId: z.string().nullable(),
  pickupStationId: z.string().nullable(),
  payment: z.enum(['prepaid', 'pay_on_delivery']),
  collect: MoneyView,
});

export const VendorOrderView = VendorOrderBase.extend({ shipping: VendorShipping });

/** Vendor order statuses after which the vendor no longer needs to know where the buyer lives. */
export const CLOSED_VENDOR_ORDER_STATUSES = ['delivered', 'rejected', 'cancelled', 'refunded'] as const;

/**
 * GET /v1/vendor/orders/:id: where the parcel goes, in words. The shopper's address (identity's)
 * only while the vendor order is open — null once it is delivered, rejected, cancelled or refunded;
 * a pickup station is a public place and is always shown.
 */
export const VendorDestination = z.object({
  address: z.object({ landmark: z.string(), city: z.string(), country: z.string() }).nullable(),
  station: z.object({ id: z.string(), name: z.string(), landmark: z.string(), city: z.string() }).nullable(),
});
/** Who to hand the parcel to: first name and phone, only while the vendor order is open. */
export const VendorBuyer = z.object({ firstName: z.string(), phone: z.string() });
export const VendorOrderDetail = VendorOrderView.extend({ destination: VendorDestination, buyer: VendorBuyer.nullable() });

export const OrderView = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATUSES),
  currency: z.string().nullable(),
  /** Goods plus every vendor order's delivery fee. */
  total: MoneyView.nullable(),
  // `id` is the payments service's id (null until the saga reached payments): the checkout page reads it.
  payment: z.object({ id: z.string().nullable(), method: z.string(), provider: z.string().nullable(), status: z.string() }),
  delivery: z.object({ shippingAddressId: z.string().nullable(), pickupStationId: z.string().nullable() }),
  cancellation: z.object({ reason: z.string(), skuIds: z.array(z.string()) }).nullable(),
  priceChanges: z.array(z.object({ skuId: z.string(), cartPrice: MoneyView, price: MoneyView })),
  // `vendorName`: the shop's name when the order was priced (null for orders from before it was kept).
  vendorOrders: z.array(VendorOrderBase.omit({ orderId: true, confirmedAt: true }).extend({ vendorName: z.string().nullable() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderSummary = OrderView.pick({
  id: true,
  status: true,
  total: true,
  payment: true,
  createdAt: true,
  updatedAt: true,
}).extend({
  items: z.number().int(),
  /** The first few lines' titles and thumbnails, so a list of orders says what was bought. */
  preview: z.array(LineView.pick({ title: true, image: true })),
});

/** GET /v1/orders: newest first, keyset-paged. */
export const OrderList = z.object({ items: z.array(OrderSummary), nextCursor: z.string().nullable() });
export type OrderList = z.infer<typeof OrderList>;
