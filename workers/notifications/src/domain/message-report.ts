import { z } from 'zod';
import { CHANNELS } from '../../contract/enums';
import type { MessageReport, MessageReportQuery } from '../../contract/schemas';
import { COST_CURRENCY } from './prices';

const DAY_MS = 86_400_000;

const Row = z.object({
  day: z.string(),
  channel: z.enum(CHANNELS),
  country: z.string(),
  sent: z.number(),
  failed: z.number(),
  segments: z.number(),
  cost_micros: z.number(),
});

/**
 * Messages sent and failed, SMS segments and cost per (day, channel, country) for the console, by
 * the day each message was created (UTC). A delivery still `sending` counts in neither column.
 */
export async function messageReport(db: D1Database, query: MessageReportQuery): Promise<MessageReport> {
  const start = Date.parse(`${query.from}T00:00:00Z`);
  const end = Date.parse(`${query.to}T00:00:00Z`) + DAY_MS;
  const { results } = await db
    .prepare(
      `SELECT date(n.created_at / 1000, 'unixepoch') AS day, d.channel, COALESCE(d.country, 'XX') AS country,
              SUM(d.status = 'sent') AS sent, SUM(d.status = 'failed') AS failed,
              COALESCE(SUM(CASE WHEN d.status = 'sent' THEN d.segments END), 0) AS segments,
              COALESCE(SUM(CASE WHEN d.status = 'sent' THEN d.cost_micros END), 0) AS cost_micros
         FROM notifications n JOIN deliveries d ON d.notification_id = n.id
        WHERE n.created_at >= ? AND n.created_at < ?
        GROUP BY day, d.channel, country ORDER BY day, d.channel, country`,
    )
    .bind(start, end)
    .all();
  return {
    from: query.from,
    to: query.to,
    currency: COST_CURRENCY,
    rows: results.map((r) => {
      const row = Row.parse(r);
      return {
        day: row.day,
        channel: row.channel,
        country: row.country,
        sent: row.sent,
        failed: row.failed,
        segments: row.segments,
        costMicros: row.cost_micros,
      };
    }),
  };
}
