import { log } from '@linked-all/http';
import { and, asc, eq, lt } from 'drizzle-orm';
import { orm } from '../db/orm';
import { shipments } from '../db/schema';
import { returnToVendor } from './handler-actions';

const DAY_MS = 86_400_000;

/**
 * Parcels waiting at a station longer than STATION_HOLD_DAYS go back to the vendor (cron). Each
 * is its own conditional move, so a hand-over racing the cron wins or loses cleanly.
 */
export async function returnUncollected(
  env: Pick<LogisticsEnv, 'DB' | 'ORDERS' | 'STATION_HOLD_DAYS'>,
  now = Date.now(),
): Promise<number> {
  const cutoff = now - Number(env.STATION_HOLD_DAYS) * DAY_MS;
  const due = await orm(env.DB)
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(eq(shipments.status, 'at_station'), lt(shipments.atStationSince, cutoff)))
    .orderBy(asc(shipments.atStationSince))
    .limit(100);
  let returned = 0;
  for (const { id } of due) {
    try {
      if ((await returnToVendor(env, id, 'uncollected', 'cron', now)).applied) returned++;
    } catch (err) {
      // Handed over a moment ago (nothing to send back), or orders could not refund yet (next run).
      log('info', 'uncollected parcel not returned this run', {
        shipmentId: id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return returned;
}
