import { newId } from '@linked-all/http';
import type { ProviderName } from '../../contract/enums';
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
  const [inserted, row] = await db.batch<{ id: string; processed_at: number | null }>([
    db
      .prepare(
        `INSERT INTO provider_events (id, provider, reference, event, body, received_at, charge_id) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (provider, reference, event) DO NOTHING`,
      )
      .bind(newId('pev', now), input.provider, input.parsed.reference, input.parsed.event, input.body, now, input.chargeId),
    db
      .prepare('SELECT id, processed_at FROM provider_events WHERE provider = ? AND reference = ? AND event = ?')
      .bind(input.provider, input.parsed.reference, input.parsed.event),
  ]);
  const first = row.results[0];
  return { providerEventId: first.id, duplicate: inserted.meta.changes === 0, pending: first.processed_at === null };
}
