import { z } from 'zod';

// Id patterns of logistics' things, for anyone who validates them (orders' checkout, the gateway).
export const PickupStationId = z.string().regex(/^pks_[0-9a-z]{4,40}$/, 'Expected a pickup station id like pks_…');
export const ShipmentId = z.string().regex(/^shp_[0-9a-z]{4,40}$/, 'Expected a shipment id like shp_…');
/** LA-XXXX-XXXX in Crockford base32 (no I, L, O, U): readable over the phone. */
export const TrackingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^LA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'Expected a tracking code like LA-7F3K-9QXM');
export const CollectionCode = z.string().regex(/^[0-9]{6}$/, 'Expected the 6-digit collection code');
