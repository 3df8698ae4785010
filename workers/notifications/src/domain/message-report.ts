import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { CHANNELS } from '../../contract/enums';
import type { MessageReport, MessageReportQuery } from '../../contract/schemas';
import { orm } from '../db/orm';
import { deliveries, notifications } from '../db/schema';
import { COST_CURRENCY } from './prices';

const DAY_MS = 86_400_000;

// The aggregates come back as SQLite computed them; the row is checked once, channel included.
const Row = z.object({
  day: z.string(),
  channel: z.enum(CHANNELS),
  country: z.string(),
  sent: z.number(),
  failed: z.number(),
  segments: z.number(),
  costMicros: z.number(),
});

/**
 * Messages sent and failed, SMS segments and cost per (day, channel, country) for the console, by
 * the day each message was created (UTC). A delivery still `sending` counts in neither column.
 */
export async function messageReport(db: D1Database, query: MessageReportQuery): Promise<MessageReport> {
  const start = Date.parse(`${query.from}T00:00:00Z`);
  const end = Date.parse(`${query.to}T00:00:00Z`) + DAY_MS;
  const day = sql<string>`date(${notifications.createdAt} / 1000, 'unixepoch')`.as('day');
  const country = sql<string>`COALESCE(${deliveries.country}, 'XX')`.as('country');
  const sent = sql`${deliveries.status} = 'sent'`;
  const results = await orm(db)
    .select({
      day,
      channel: deliveries.channel,
      country,
      sent: sql<number>`SUM(${sent})`,
      failed: sql<number>`SUM(${deliveries.status} = 'failed')`,
      segments: sql<number>`COALESCE(SUM(CASE WHEN ${sent} THEN ${deliveries.segments} END), 0)`,
      costMicros: sql<number>`COALESCE(SUM(CASE WHEN ${sent} THEN ${deliveries.costMicros} END), 0)`,
    })
    .from(notifications)
    .innerJoin(deliveries, eq(deliveries.notificationId, notifications.id))
    .where(and(gte(notifications.createdAt, start), lt(notifications.createdAt, end)))
    // By name, as the report always grouped: SQLite reads a GROUP BY name as the column first, an ORDER BY name as the alias.
    .groupBy(sql`day`, deliveries.channel, sql`country`)
    .orderBy(sql`day`, deliveries.channel, sql`country`);
  return { from: query.from, to: query.to, currency: COST_CURRENCY, rows: results.map((r) => Row.parse(r)) };
}
