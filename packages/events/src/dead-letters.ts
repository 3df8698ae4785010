import { auditStatement } from './audit';

// The operators' view of a service's dead letters (the `dead_letters` shared table that
// recordDeadLetters fills): counts per queue, a message, and replay or discard, audited.

/** Per dead-letter queue: how many messages wait and since when. */
export type DeadLetterQueue = { queue: string; count: number; oldest: string };

/** One kept message; `body` is the JSON text the queue delivered. */
export type DeadLetter = { messageId: string; queue: string; attempts: number; receivedAt: string; body: string };

/** Each dead-letter queue of this service with its count and oldest message. */
export async function deadLetterQueues(db: D1Database): Promise<DeadLetterQueue[]> {
  const { results } = await db
    .prepare('SELECT queue, count(*) AS n, min(received_at) AS oldest FROM dead_letters GROUP BY queue ORDER BY queue')
    .all<{ queue: string; n: number; oldest: number }>();
  return results.map((r) => ({ queue: r.queue, count: r.n, oldest: new Date(r.oldest).toISOString() }));
}

/** The oldest messages of one queue (or of all), up to 50. */
export async function listDeadLetters(db: D1Database, queue?: string): Promise<DeadLetter[]> {
  const { results } = await db
    .prepare(
      `SELECT message_id, queue, attempts, received_at, body FROM dead_letters ${queue ? 'WHERE queue = ?' : ''}
        ORDER BY received_at, message_id LIMIT 50`,
    )
    .bind(...(queue ? [queue] : []))
    .all<{ message_id: string; queue: string; attempts: number; received_at: number; body: string }>();
  return results.map((r) => ({
    messageId: r.message_id,
    queue: r.queue,
    attempts: r.attempts,
    receivedAt: new Date(r.received_at).toISOString(),
    body: r.body,
  }));
}

/** What a replay did: handled again (or skipped as already processed), already replayed before, or failed and kept. */
export type ReplayOutcome = 'replayed' | 'already_replayed' | 'failed' | 'not_found';

/**
 * Takes the message out of `dead_letters` (one DELETE: of two replays at once, one gets it) with
 * its audit row in the same batch, then hands it to the service's own queue handler as a batch of
 * one on the queue it came from. The handler's consumer dedupes on the event id
 * (`processed_events`), so an event replayed twice — or dead-lettered twice — is processed once.
 * A handler that fails again puts the message back.
 */
export async function replayDeadLetter(
  db: D1Database,
  messageId: string,
  actor: string,
  handle: (batch: MessageBatch<unknown>) => Promise<void>,
  now = Date.now(),
): Promise<ReplayOutcome> {
  const row = await db
    .prepare('SELECT queue, body, attempts, received_at FROM dead_letters WHERE message_id = ?')
    .bind(messageId)
    .first<{ queue: string; body: string; attempts: number; received_at: number }>();
  if (!row) return (await replayedBefore(db, messageId)) ? 'already_replayed' : 'not_found';
  const [taken] = await db.batch([
    db.prepare('DELETE FROM dead_letters WHERE message_id = ?').bind(messageId),
    // changes() is the DELETE's, just before in this batch: the row is written only by the replay that took the message.
    auditStatement(
      db,
      { actor, action: 'dead_letter.replay', target: messageId, detail: { queue: row.queue } },
      {
        now,
        when: { sql: 'changes() = 1', args: [] },
      },
    ),
  ]);
  if (taken.meta.changes === 0) return 'already_replayed';
  let acked = false;
  const message: Message<unknown> = {
    id: messageId,
    timestamp: new Date(row.received_at),
    body: JSON.parse(row.body),
    attempts: row.attempts + 1,
    ack: () => {
      acked = true;
    },
    retry: () => {
      acked = false;
    },
  };
  const batch: MessageBatch<unknown> = {
    queue: row.queue.replace(/-dlq$/, ''),
    messages: [message],
    // A batch of one, taken from the table rather than a backlog.
    metadata: { metrics: { backlogCount: 1, backlogBytes: row.body.length, oldestMessageTimestamp: message.timestamp } },
    ackAll: () => message.ack(),
    retryAll: () => message.retry(),
  };
  await handle(batch).catch(() => {
    acked = false;
  });
  if (acked) return 'replayed';
  await db
    .prepare('INSERT OR IGNORE INTO dead_letters (message_id, queue, body, attempts, received_at) VALUES (?, ?, ?, ?, ?)')
    .bind(messageId, row.queue, row.body, row.attempts + 1, row.received_at)
    .run();
  return 'failed';
}

async function replayedBefore(db: D1Database, messageId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 FROM admin_audit WHERE target = ? AND action = 'dead_letter.replay'")
    .bind(messageId)
    .first();
  return row !== null;
}

/** Drops a message for good, with the reason, audited in the same batch. False if it was not there. */
export async function discardDeadLetter(db: D1Database, messageId: string, actor: string, reason: string, now = Date.now()) {
  const [taken] = await db.batch([
    db.prepare('DELETE FROM dead_letters WHERE message_id = ?').bind(messageId),
    auditStatement(
      db,
      { actor, action: 'dead_letter.discard', target: messageId, reason },
      {
        now,
        when: { sql: 'changes() = 1', args: [] },
      },
    ),
  ]);
  return taken.meta.changes === 1;
}
