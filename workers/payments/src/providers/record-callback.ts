import { newId } from '@linked-all/http';
import { and, eq } from 'drizzle-orm';
import type { ProviderName } from '../../contract/enums';
import { orm } from '../db/orm';
import { providerEvents } from '../db/schema';
import type { ParsedCallback } from './provider';

/**
 * Records a verified provider callback once per (provider, reference, event) and says whether
 * it still needs processing. A replay finds the first row: if that one was never processed (a
 * crash between recording and enqueueing), it is handed out again rather than lost.
 */
export async function recordCallback(
  db: D1Database,
  input: { provider: ProviderName; parsed: ParsedCallback; body: string; chargeId: string | null },
  now = Date.now(),
): Promise<{ providerEventId: string; duplicate: boolean; pending: boolean }> {
  const d = orm(db);
  const [inserted, row] = await d.batch([
    d
      .insert(providerEvents)
      .values({
        id: newId('pev', now),
        provider: input.provider,
        reference: input.parsed.reference,
        event: input.parsed.event,
        body: input.body,
        receivedAt: now,
        chargeId: input.chargeId,
      })
      .onConflictDoNothing({ target: [providerEvents.provider, providerEvents.reference, providerEvents.event] }),
    d
      .select({ id: providerEvents.id, processedAt: providerEvents.processedAt })
      .from(providerEvents)
      .where(
        and(
          eq(providerEvents.provider, input.provider),
          eq(providerEvents.reference, input.parsed.reference),
          eq(providerEvents.event, input.parsed.event),
        ),
      ),
  ]);
  const first = row[0];
  return { providerEventId: first.id, duplicate: inserted.meta.changes === 0, pending: first.processedAt === null };
}
