import { AppError } from '@linked-all/http';
import { z } from 'zod';
import type { ShipmentStatus } from '../../contract/enums';
import { secret } from '../domain/secrets';
import type { CourierAdapter, CourierHttp } from './courier';
import { verifyHex } from './hmac';

// A Sendy-style last-mile API: bookings are JSON over HTTPS with a bearer key; status changes
// come back as webhooks signed with HMAC-SHA256 of the raw body (`X-Sendy-Signature: sha256=<hex>`).

export const SENDY_SIGNATURE_HEADER = 'x-sendy-signature';

/** The carrier's statuses, and ours for each (null: not a move we track). */
export const SENDY_STATUSES = {
  rider_assigned: null,
  picked: 'picked_up',
  in_transit: 'in_transit',
  arrived_at_station: 'at_station',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  delivery_failed: 'failed_attempt',
} as const satisfies Record<string, ShipmentStatus | null>;

export const SendyWebhook = z.object({
  event_id: z.string().min(8).max(100),
  event: z.literal('order.status_changed'),
  order_no: z.string().min(3).max(60),
  external_reference: z.string(),
  status: z.enum(Object.keys(SENDY_STATUSES) as [keyof typeof SENDY_STATUSES, ...(keyof typeof SENDY_STATUSES)[]]),
  reason: z.string().max(200).optional(),
  timestamp: z.iso.datetime(),
});
export type SendyWebhook = z.infer<typeof SendyWebhook>;

export const SendyBookingAnswer = z.object({ status: z.literal(true), data: z.object({ order_no: z.string() }) });
const SendyRefusal = z.object({ status: z.literal(false), message: z.string() });

export function sendy(env: LogisticsEnv, http: CourierHttp): CourierAdapter {
  return {
    carrier: 'sendy',
    async book(input) {
      const res = await http(`${env.COURIER_SENDY_BASE_URL}/v2/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret(env.COURIER_SENDY_API_KEY, 'COURIER_SENDY_API_KEY')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          external_reference: input.trackingCode,
          pickup: { merchant_reference: input.vendorId },
          dropoff:
            input.destination.type === 'station'
              ? { type: 'pickup_point', reference: input.destination.stationId }
              : { type: 'address', reference: input.destination.addressId },
          package: { weight_kg: Math.max(0.1, input.weightGrams / 1000) },
        }),
      });
      const body: unknown = await res.json();
      const ok = SendyBookingAnswer.safeParse(body);
      if (ok.success) return { ok: true, carrierRef: ok.data.data.order_no };
      const refused = SendyRefusal.safeParse(body);
      if (refused.success) return { ok: false, message: refused.data.message };
      throw new Error(`sendy answered ${res.status} in an unknown shape`);
    },
    verifyWebhook(raw, headers) {
      const header = headers.get(SENDY_SIGNATURE_HEADER);
      const hex = header?.startsWith('sha256=') ? header.slice(7) : null;
      return verifyHex(secret(env.COURIER_SENDY_WEBHOOK_SECRET, 'COURIER_SENDY_WEBHOOK_SECRET'), raw, hex);
    },
    parseWebhook(raw) {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new AppError('malformed_json', 'The webhook body is not JSON');
      }
      const parsed = SendyWebhook.safeParse(json);
      if (!parsed.success) {
        throw new AppError('validation_failed', 'Not a Sendy status webhook', {
          errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
        });
      }
      const w = parsed.data;
      return { eventId: w.event_id, carrierRef: w.order_no, status: SENDY_STATUSES[w.status], reason: w.reason };
    },
  };
}
