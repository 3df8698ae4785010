import { statement } from '@linked-all/db';
import { AppError, log } from '@linked-all/http';
import { translator } from '@linked-all/i18n';
import { metricsSink } from '@linked-all/metrics';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { CHANNELS, type Channel, MESSAGE_CLASSES, SMS_PROVIDERS } from '../../contract/enums';
import { orm } from '../db/orm';
import { deliveries, notifications } from '../db/schema';
import { sendEmail } from '../email/http-email';
import { liveHubOf } from '../live/live-hub';
import { pushToUser } from '../push/web-push';
import { secret } from '../secrets';
import { providerHttp, smsProviders } from '../sms';
import { smsSegments } from '../sms/segments';
import { countryOfPhone } from './locale';
import { COST_CURRENCY, EMAIL_PRICE_MICROS, smsCostMicros } from './prices';

const Stored = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  template: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  locale: z.enum(['en', 'fr', 'sw', 'ar', 'pt']),
  class: z.enum(MESSAGE_CLASSES),
  channels: z.string().transform((s) => (s === '' ? [] : s.split(',').map((c) => z.enum(CHANNELS).parse(c)))),
  body: z.string(),
  status: z.string(),
  link: z.string().nullable(),
});
type Stored = z.infer<typeof Stored>;

// `retry: false`: a best-effort channel (push) that failed hands the message to the next channel at
// once instead of holding it back through the queue's retries.
type Sent = Pick<
  typeof deliveries.$inferInsert,
  'provider' | 'providerMessageId' | 'segments' | 'encoding' | 'costMicros' | 'costCurrency'
>;
type Outcome = { ok: true; fields: Sent } | { ok: false; error: string; retry?: false };

/**
 * The cascade for one stored notification: its channels, cheapest first; the first that delivers
 * ends it. Each channel is claimed once (deliveries' primary key), so a channel never sends one
 * message twice, whatever the queue redelivers. A channel that fails throws, and the queue retries
 * with back-off; once retries are spent (`exhausted`: the dead-letter path or a held message),
 * a failed channel is passed over for the next one.
 */
export async function deliverNotification(env: NotificationsEnv, id: string, opts: { exhausted: boolean }): Promise<void> {
  const db = orm(env.DB);
  const row = await db.select().from(notifications).where(eq(notifications.id, id)).get();
  if (!row) return;
  const n = Stored.parse(row);
  if (n.status === 'sent' || n.status === 'held' || n.status === 'skipped') return;
  for (const channel of n.channels) {
    const existing = (
      await db
        .select({ status: deliveries.status })
        .from(deliveries)
        .where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, channel)))
        .get()
    )?.status;
    // 'sending' with no answer (a crash mid-send) is never resent: at most once per channel.
    if (existing === 'sent' || existing === 'sending') return;
    if (existing === 'failed' && opts.exhausted) continue;
    // The country (of the phone) goes with every try, so the console counts failures per country too.
    // The claim is one upsert: a new row, or a failed one taken again; a row sending or sent returns nothing.
    const claimed = await db
      .insert(deliveries)
      .values({
        notificationId: id,
        channel,
        status: 'sending',
        attempts: 1,
        updatedAt: Date.now(),
        country: (n.phone && countryOfPhone(n.phone)) ?? null,
      })
      .onConflictDoUpdate({
        target: [deliveries.notificationId, deliveries.channel],
        set: { status: 'sending', attempts: sql`${deliveries.attempts} + 1`, updatedAt: sql`excluded.updated_at` },
        setWhere: eq(deliveries.status, 'failed'),
      })
      .returning({ attempts: deliveries.attempts })
      .get();
    if (!claimed) return;
    const outcome = await send(env, n, channel);
    if (outcome.ok) {
      const f = outcome.fields;
      await env.DB.batch([
        statement(
          env.DB,
          db
            .update(deliveries)
            .set({
              status: 'sent',
              provider: f.provider,
              providerMessageId: f.providerMessageId,
              segments: f.segments ?? null,
              encoding: f.encoding ?? null,
              costMicros: f.costMicros ?? null,
              costCurrency: f.costCurrency ?? null,
              error: null,
              updatedAt: Date.now(),
            })
            .where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, channel))),
        ),
        statement(env.DB, db.update(notifications).set({ status: 'sent' }).where(eq(notifications.id, id))),
      ]);
      return;
    }
    await db
      .update(deliveries)
      .set({ status: 'failed', error: outcome.error, updatedAt: Date.now() })
      .where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, channel)));
    log('warn', 'notification channel failed', { id, channel, error: outcome.error, exhausted: opts.exhausted });
    if (!opts.exhausted && outcome.retry !== false)
      throw new AppError('upstream_unavailable', `${channel} failed: ${outcome.error}`);
  }
  await db
    .update(notifications)
    .set({ status: n.channels.length === 0 ? 'skipped' : 'failed' })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')));
}

async function send(env: NotificationsEnv, n: Stored, channel: Channel): Promise<Outcome> {
  if (channel === 'sms') {
    if (!n.phone) return { ok: false, error: 'no phone number' };
    const { encoding, segments } = smsSegments(n.body);
    const providers = smsProviders(env);
    const errors: string[] = [];
    // The first provider that accepts the message sends it; the next is the fallback.
    for (const name of SMS_PROVIDERS) {
      const result = await providers[name].send(n.phone, n.body);
      if (result.ok) {
        // SMS cost on the dashboard: what the provider said this message cost, when it said.
        await metricsSink(env).write({
          kind: 'sms',
          service: 'notifications',
          provider: name,
          country: countryOfPhone(n.phone) ?? 'XX',
          currency: result.costCurrency ?? '',
          costMicros: result.costMicros ?? 0,
          segments,
        });
        return {
          ok: true,
          fields: {
            provider: name,
            providerMessageId: result.providerMessageId,
            segments,
            encoding,
            // Our price list, not the provider's answer: one currency for every country (prices.ts).
            costMicros: smsCostMicros(name, countryOfPhone(n.phone), segments),
            costCurrency: COST_CURRENCY,
          },
        };
      }
      errors.push(result.error);
    }
    return { ok: false, error: errors.join('; ') };
  }
  if (channel === 'email') {
    if (!n.email) return { ok: false, error: 'no e-mail address' };
    const result = await sendEmail(
      { baseUrl: env.EMAIL_API_BASE_URL, apiKey: secret(env.EMAIL_API_KEY, 'EMAIL_API_KEY'), from: env.EMAIL_FROM },
      providerHttp(env),
      { to: n.email, subject: translator(n.locale)('notify.email.subject'), text: n.body },
    );
    return result.ok
      ? {
          ok: true,
          fields: {
            provider: 'email',
            providerMessageId: result.providerMessageId,
            costMicros: EMAIL_PRICE_MICROS,
            costCurrency: COST_CURRENCY,
          },
        }
      : result;
  }
  if (channel === 'live') {
    if (!n.userId) return { ok: false, error: 'no user', retry: false };
    const pages = await liveHubOf(env, { userId: n.userId }).broadcast({ kind: 'notification', body: n.body });
    return pages > 0
      ? // (provider, provider_message_id) is unique: the id names the notification, not only a count.
        { ok: true, fields: { provider: 'live', providerMessageId: `${n.id}: ${pages} page(s)` } }
      : { ok: false, error: 'the page closed', retry: false };
  }
  if (channel === 'push') {
    if (!n.userId) return { ok: false, error: 'no user to push to', retry: false };
    const t = translator(n.locale);
    const result = await pushToUser(
      env,
      providerHttp(env),
      n.userId,
      { title: t('notify.push.title'), body: n.body, ...(n.link ? { url: n.link } : {}) },
      n.class === 'urgent' ? 'high' : 'normal',
    );
    return result.ok
      ? { ok: true, fields: { provider: 'webpush', providerMessageId: `${n.id}: ${result.devices} device(s)` } }
      : { ok: false, error: result.error, retry: false };
  }
  return { ok: false, error: `${channel} is not available yet` };
}
