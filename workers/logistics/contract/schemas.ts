import { z } from 'zod';
import { DELIVERY_METHODS, FAILED_ATTEMPT_REASONS, PAYMENT_METHODS, SHIPMENT_STATUSES } from './enums';
import { CollectionCode, PickupStationId, ShipmentId } from './ids';

// Requests, answers and views of logistics: what its routes validate and answer, and what its
// RPC methods take and give. Other workers import these through the package's contract entry.

export const Country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. KE');
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217, e.g. KES');
const VendorId = z.string().regex(/^vnd_[0-9a-z]{4,40}$/, 'Expected a vendor id like vnd_…');
const City = z.string().trim().min(2).max(60);

export const MoneyView = z.object({ amount: z.number().int(), currency: z.string(), formatted: z.string() });

const HOURS = /^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$/;
const Day = z.string().regex(HOURS, 'Expected opening hours like 08:00-19:00').nullable();
/** Opening hours per weekday, local time; null = closed that day. */
export const OpeningHours = z.object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }).strict();
export type OpeningHours = z.infer<typeof OpeningHours>;

export const PickupStationView = z.object({
  id: z.string(),
  country: z.string(),
  city: z.string(),
  name: z.string(),
  landmark: z.string(),
  openingHours: OpeningHours,
  capacity: z.number().int(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  active: z.boolean(),
  /** Only when the query asked `near=`. */
  distanceKm: z.number().optional(),
});
export type PickupStationView = z.infer<typeof PickupStationView>;

export const StationsQuery = z
  .object({
    country: Country.optional(),
    city: City.optional(),
    near: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'Expected near=lat,lng like -1.2921,36.8219')
      .refine((v) => {
        const [lat, lng] = v.split(',').map(Number);
        return Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
      }, 'Latitude within ±90, longitude within ±180')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const StationParams = z.object({ id: PickupStationId });

export const NewStationBody = z
  .object({
    country: Country,
    city: City,
    name: z.string().trim().min(2).max(80),
    landmark: z.string().trim().min(5).max(200),
    openingHours: OpeningHours,
    capacity: z.number().int().min(1).max(100_000),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict(),
  })
  .strict();
export const StationPatchBody = NewStationBody.partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change', path: ['name'] });

/** One vendor order to price. `weightGrams` defaults to one kilogram when the catalog has no weight. */
export const QuoteItem = z
  .object({
    vendorId: VendorId,
    subtotal: z.number().int().nonnegative(),
    weightGrams: z.number().int().min(1).max(200_000).default(1000),
  })
  .strict();

/** A delivery quote for a cart or an order: one fee and window per vendor order. */
export const QuoteInput = z
  .object({
    country: Country,
    city: City,
    method: z.enum(DELIVERY_METHODS),
    currency: Currency,
    items: z.array(QuoteItem).min(1).max(50),
  })
  .strict();
export type QuoteInput = z.input<typeof QuoteInput>;

/** GET /v1/delivery/quote: one vendor order, as query parameters. */
export const QuoteQuery = z
  .object({
    country: Country,
    city: City,
    method: z.enum(DELIVERY_METHODS),
    currency: Currency,
    vendorId: VendorId,
    subtotal: z.coerce.number().int().nonnegative(),
    weightGrams: z.coerce.number().int().min(1).max(200_000).default(1000),
  })
  .strict();

export const QuoteLine = z.object({
  vendorId: z.string(),
  fee: MoneyView,
  /** True when the vendor's free-delivery threshold covers it (the vendor pays the carrier). */
  free: z.boolean(),
  /** The promised delivery window, as calendar dates (UTC). */
  window: z.object({ from: z.iso.date(), to: z.iso.date() }),
  /** Who carries the parcel, and so who is paid the fee: the platform's logistics or the vendor itself. */
  deliveredBy: z.enum(['platform', 'vendor']),
});
export const Quote = z.object({
  country: z.string(),
  city: z.string(),
  method: z.enum(DELIVERY_METHODS),
  items: z.array(QuoteLine),
  total: MoneyView,
});
export type Quote = z.infer<typeof Quote>;

export const TimelineEntry = z.object({ status: z.enum(SHIPMENT_STATUSES), at: z.iso.datetime() });

/** What anyone holding the tracking code may see: no name, phone or address. */
export const PublicTracking = z.object({
  trackingCode: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  method: z.enum(DELIVERY_METHODS),
  /** A pickup station is a public place: its name and city are shown; a home address never is. */
  station: z.object({ name: z.string(), city: z.string() }).nullable(),
  timeline: z.array(TimelineEntry),
});
export type PublicTracking = z.infer<typeof PublicTracking>;

/** A shipment as its shopper, rider, station agent or an admin sees it. */
export const ShipmentView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  orderId: z.string(),
  vendorOrderId: z.string(),
  vendorId: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  method: z.enum(DELIVERY_METHODS),
  shippingAddressId: z.string().nullable(),
  station: PickupStationView.pick({ id: true, name: true, city: true, landmark: true }).nullable(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  /** What to collect on delivery (0 when prepaid), and whether it was. */
  collect: MoneyView,
  codCollected: z.boolean(),
  riderId: z.string().nullable(),
  failedAttempts: z.number().int(),
  /** 'return': the shopper's parcel going back to the vendor, for `returnId` (null on deliveries). */
  kind: z.enum(['delivery', 'return']),
  returnId: z.string().nullable(),
  timeline: z.array(TimelineEntry),
  updatedAt: z.iso.datetime(),
});
export type ShipmentView = z.infer<typeof ShipmentView>;

/** The shopper's view of one order's delivery: each shipment, and the collection code to give. */
export const OrderTracking = z.object({
  orderId: z.string(),
  shipments: z.array(ShipmentView.extend({ collectionCode: CollectionCode.nullable() })),
});

export const ShipmentParams = z.object({ id: ShipmentId });
export const HandOverBody = z.object({ code: CollectionCode }).strict();
/** A return dropped at a station: the agent types the code the shopper shows (their return's collection code). */
export const DropOffBody = z.object({ code: CollectionCode }).strict();
export const FailedAttemptBody = z
  .object({ reason: z.enum(FAILED_ATTEMPT_REASONS), note: z.string().trim().max(300).optional() })
  .strict();
export const CollectCashBody = z.object({ method: z.enum(['cash', 'mobile_money']).default('cash') }).strict();
export const AssignRiderBody = z
  .object({ riderId: z.string().regex(/^usr_[0-9a-z]{4,40}$/, 'Expected a user id like usr_…') })
  .strict();
