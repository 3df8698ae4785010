import { traced } from '@linked-all/http';
import { and, count, eq, gt, like, ne, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { notifications } from '../db/schema';
import { callLogistics } from '../service-calls';
import { notifyPhoneWhile } from './notify';
import type { OrderView } from './projection';

// A shopper's collection code again, by USSD or SMS `RESEND`: only for the caller's own order (the
// caller found it in their own rows of order_views), only for a parcel still on its way, and at
// most RESENDS_PER_HOUR times per parcel. The code goes out on the urgent path (never held).

export const RESENDS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

export type ResendOutcome = 'sent' | 'none' | 'limited';

/**
 * Sends the collection code of each open parcel of `order` to the caller's phone. `requestId` (the
 * inbound SMS id, the USSD session) makes a replayed request the same message, sent once.
 */
export async function resendCollectionCode(
  env: NotificationsEnv,
  caller: { userId: string; phone: string; language: string },
  order: OrderView,
  requestId: string,
  now = Date.now(),
): Promise<ResendOutcome> {
  const parcels = await callLogistics(() =>
    traced(env.LOGISTICS).openCollectionCodes({ vendorOrderId: order.vendorOrderId, userId: caller.userId }),
  );
  if (parcels.length === 0) return 'none';
  let sent = 0;
  for (const parcel of parcels) {
    const sourceId = `resend:${parcel.shipmentId}:${requestId}`;
    // Resends of this parcel within the hour, this request's own (a replay) not counted: the limit is
    // read by the message's insert itself, so concurrent requests cannot send a fourth.
    const recent = orm(env.DB)
      .select({ n: count() })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, caller.userId),
          gt(notifications.createdAt, now - HOUR_MS),
          eq(notifications.template, 'notify.sms.collection_code'),
          like(notifications.sourceId, `resend:${parcel.shipmentId}:%`),
          ne(notifications.sourceId, sourceId),
        ),
      );
    const stored = await notifyPhoneWhile(
      env,
      {
        sourceId,
        phone: caller.phone,
        userId: caller.userId,
        language: caller.language,
        template: 'notify.sms.collection_code',
        params: { order: order.ref, code: parcel.code, tracking: parcel.trackingCode },
      },
      sql`${recent} < ${RESENDS_PER_HOUR}`,
      now,
    );
    if (stored) sent++;
  }
  return sent > 0 ? 'sent' : 'limited';
}
