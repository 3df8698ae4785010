import type { Carrier, ShipmentStatus } from '../../contract/enums';

/** What we ask a carrier to move: ids and the parcel, never the shopper's name or phone. */
export type BookingInput = {
  trackingCode: string;
  vendorId: string;
  destination: { type: 'station'; stationId: string } | { type: 'address'; addressId: string };
  weightGrams: number;
};

export type BookingResult = { ok: true; carrierRef: string } | { ok: false; message: string };

/** A carrier's status webhook, read: `eventId` is unique per carrier (replays are recorded once). */
export type CourierEvent = {
  eventId: string;
  carrierRef: string;
  /** Our status for the carrier's, or null for statuses we do not track (e.g. "rider_assigned"). */
  status: ShipmentStatus | null;
  /** A failed delivery's reason, as the carrier says it. */
  reason?: string;
};

/** One adapter per carrier; the same code talks to the real API or to the in-worker sandbox. */
export interface CourierAdapter {
  readonly carrier: Carrier;
  /** Books a pickup. Never throws for a refusal; a transport failure throws. */
  book(input: BookingInput): Promise<BookingResult>;
  /** Whether a webhook is the carrier's own, on the raw bytes before anything parses them. */
  verifyWebhook(raw: ArrayBuffer, headers: Headers): Promise<boolean>;
  /** Reads a verified webhook; throws a 400 AppError when it is not the carrier's shape. */
  parseWebhook(raw: string): CourierEvent;
}

/** How adapters reach a carrier: `fetch` in staging/production, the sandbox in development/test. */
export type CourierHttp = (url: string, init: RequestInit) => Promise<Response>;
