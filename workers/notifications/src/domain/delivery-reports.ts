import { statement } from '@linked-all/db';
import { and, eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { deliveries, deliveryReports } from '../db/schema';

/** Records a delivery report once (provider, message, status) and sets the delivery's last known state. */
export async function recordDeliveryReport(
  db: D1Database,
  provider: string,
  report: { id: string; status: string },
  now = Date.now(),
): Promise<boolean> {
  const [, updated] = await db.batch([
    statement(
      db,
      orm(db)
        .insert(deliveryReports)
        .values({ provider, providerMessageId: report.id, status: report.status, body: JSON.stringify(report), receivedAt: now })
        .onConflictDoNothing(),
    ),
    statement(
      db,
      orm(db)
        .update(deliveries)
        .set({ deliveryStatus: report.status, updatedAt: now })
        .where(and(eq(deliveries.provider, provider), eq(deliveries.providerMessageId, report.id))),
    ),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}
