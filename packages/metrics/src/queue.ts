import type { ServiceName } from './schema';
import { type MetricsEnv, metricsSink } from './sink';

/**
 * Queue lag and dead letters on the dashboard: one `queue` point per delivered message (how long
 * it waited since it was sent; a redelivery counts as `retried`), and one `dead_letter` point per
 * message a dead-letter queue receives. Called first in a worker's queue handler.
 */
export async function observeBatch(env: MetricsEnv, service: ServiceName, batch: MessageBatch<unknown>, now = Date.now()) {
  const sink = metricsSink(env);
  const dead = batch.queue.endsWith('-dlq');
  await Promise.all(
    batch.messages.map((m) =>
      dead
        ? sink.write({ kind: 'dead_letter', service, queue: batch.queue.replace(/-dlq$/, '') })
        : sink.write({
            kind: 'queue',
            service,
            queue: batch.queue,
            outcome: m.attempts > 1 ? 'retried' : 'delivered',
            lagMs: Math.max(0, now - m.timestamp.getTime()),
          }),
    ),
  );
}
