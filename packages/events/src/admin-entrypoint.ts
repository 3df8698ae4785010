import { installFaultSwitch } from '@linked-all/http';
import type { MetricsEnv } from '@linked-all/metrics';
import type { z } from 'zod';
import { type AuditQuery, listAudit } from './audit';
import { deadLetterQueues, discardDeadLetter, listDeadLetters, replayDeadLetter } from './dead-letters';
import { TracedEntrypoint } from './traced-entrypoint';

/** What the console's methods need of a service: its D1 database, where dead letters and audit rows live. */
type AdminEnv = { DB: D1Database } & MetricsEnv;

/**
 * A service's entrypoint with the console's dead-letter and audit RPC methods, written once, whose
 * methods also run in a caller's trace (`traced`, traced-entrypoint.ts). A
 * worker's default export extends `AdminEntrypoint<Env>('orders')` instead of `WorkerEntrypoint`
 * and defines `queue` (a replay goes through it, so a replayed event is deduped like any other).
 * RPC reaches inherited methods; the fault switch (chaos tests) is installed on them here, since
 * the worker's own `installFaultSwitch` covers only the methods its class declares.
 */
export function AdminEntrypoint<Env extends AdminEnv>(service: string) {
  abstract class ServiceEntrypoint extends TracedEntrypoint<Env>(service) {
    abstract override queue(batch: MessageBatch<unknown>): Promise<void>;

    /** The console's dead letters: each queue's count and oldest, and the oldest messages (of one queue). */
    async adminDeadLetters(queue?: string) {
      return { queues: await deadLetterQueues(this.env.DB), messages: await listDeadLetters(this.env.DB, queue) };
    }

    /** The console replays a dead letter through this service's own queue handler: processed once by event id. */
    adminReplayDeadLetter(messageId: string, actor: string) {
      return replayDeadLetter(this.env.DB, messageId, actor, (batch) => this.queue(batch));
    }

    /** The console drops a dead letter for good, with the reason (audited). */
    adminDiscardDeadLetter(messageId: string, actor: string, reason: string) {
      return discardDeadLetter(this.env.DB, messageId, actor, reason);
    }

    /** The console's audit log: this service's admin writes matching the filter, newest first. */
    adminAudit(query: z.input<typeof AuditQuery>) {
      return listAudit(this.env.DB, service, query);
    }
  }
  installFaultSwitch(ServiceEntrypoint, service);
  return ServiceEntrypoint;
}
