import { log } from '@linked-all/http';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { ProviderName } from '../../contract/enums';
import { orm } from '../db/orm';
import { providerEvents } from '../db/schema';
import { relayPaymentsOutbox } from '../domain/relay';
import { providerFor } from '../providers';
import { settleCharge } from '../providers/settle';

/** What the webhook route enqueues on payment-callbacks: only the id of the recorded event. */
export const CallbackMessage = z.object({ providerEventId: z.string().min(1).max(100) });
export type CallbackMessage = z.infer<typeof CallbackMessage>;

/**
 * Processes one recorded provider event. Intermediate and unknown-reference events are only
 * recorded; a final one settles its charge by what the provider's status API says (never by the
 * callback alone). 'retry' means the provider does not agree yet: ask again later.
 */
export async function processProviderEvent(
  env: PaymentsEnv,
  providerEventId: string,
  now = Date.now(),
): Promise<'done' | 'retry'> {
  const row = await orm(env.DB)
    .select({
      id: providerEvents.id,
      provider: providerEvents.provider,
      body: providerEvents.body,
      chargeId: providerEvents.chargeId,
      processedAt: providerEvents.processedAt,
    })
    .from(providerEvents)
    .where(eq(providerEvents.id, providerEventId))
    .get();
  if (!row) {
    log('warn', 'callback message for an unknown provider event', { providerEventId });
    return 'done';
  }
  if (row.processedAt !== null) return 'done';
  const provider = ProviderName.parse(row.provider);
  const parsed = providerFor(provider, env).parseCallback(row.body);
  let outcome: string;
  if (!row.chargeId) outcome = 'unknown_reference';
  else if (!parsed.final) outcome = 'recorded';
  else {
    const settled = await settleCharge(env, row.chargeId, parsed, now);
    if (settled === 'pending') return 'retry';
    outcome = settled;
  }
  await orm(env.DB)
    .update(providerEvents)
    .set({ processedAt: now, outcome })
    .where(and(eq(providerEvents.id, row.id), isNull(providerEvents.processedAt)));
  return 'done';
}

/** The payment-callbacks consumer: each message is retried on its own, with back-off, then dead-lettered. */
export async function consumePaymentCallbacks(batch: MessageBatch<unknown>, env: PaymentsEnv): Promise<void> {
  for (const message of batch.messages) {
    const body = CallbackMessage.safeParse(message.body);
    if (!body.success) {
      // Retrying cannot make it valid.
      log('error', 'dropping malformed payment-callbacks message', { messageId: message.id });
      message.ack();
      continue;
    }
    try {
      const result = await processProviderEvent(env, body.data.providerEventId);
      if (result === 'retry') message.retry({ delaySeconds: Math.min(300, 5 * 2 ** message.attempts) });
      else message.ack();
    } catch (err) {
      log('error', 'payment callback failed', {
        providerEventId: body.data.providerEventId,
        attempt: message.attempts,
        error: err instanceof Error ? err.message : String(err),
      });
      message.retry({ delaySeconds: Math.min(300, 2 ** message.attempts) });
    }
  }
  await relayPaymentsOutbox(env);
}
