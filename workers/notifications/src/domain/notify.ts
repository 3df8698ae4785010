import { insertWhere } from '@linked-all/db';
import { log, newId } from '@linked-all/http';
import type { Locale, MessageKey } from '@linked-all/i18n';
import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Channel, MessageClass } from '../../contract/enums';
import { orm } from '../db/orm';
import { notifications } from '../db/schema';
import { hubName, hubsWithPages } from '../live/live-hub';
import { hasPushSubscription } from '../push/web-push';
import { contactOf } from './contacts';
import { deliverNotification } from './deliver';
import { messageLocale } from './locale';
import type { Intent } from './mapping';
import { readPreferences } from './preferences';
import { quietUntil } from './quiet-hours';
import { render, type TemplateParams } from './render';

/** A message ready to be stored: already rendered in the reader's language, channels decided. */
export type Draft = {
  sourceId: string;
  template: MessageKey;
  userId: string | null;
  phone: string | null;
  email: string | null;
  locale: Locale;
  class: MessageClass;
  channels: Channel[];
  body: string;
  holdUntil: number | null;
  /** The page the message is about (a push opens it when tapped). */
  link?: string | null;
};

/**
 * Turns one intent of one event into a stored notification and delivers it (or holds it for
 * quiet hours). The (event, template, user) key makes it idempotent: the same event delivered
 * three times finds the same row, and the per-channel claim in deliver.ts sends nothing twice.
 */
export async function notify(
  env: NotificationsEnv,
  sourceId: string,
  intent: Intent,
  now = Date.now(),
  exhausted = false,
): Promise<void> {
  const contact = await contactOf(env, intent.to);
  if (!contact) {
    log('warn', 'no contact for a notification; skipped', { sourceId, template: intent.template, to: intent.to });
    return;
  }
  // Preferences, push subscriptions and an open page: D1 reads in parallel, no Durable Object woken.
  const [prefs, subscribed, open] = await Promise.all([
    readPreferences(env.DB, contact.userId),
    hasPushSubscription(env.DB, contact.userId),
    hubsWithPages(env.DB, [hubName({ userId: contact.userId })]),
  ]);
  if (intent.class === 'marketing' && !prefs.marketing) return;
  const locale = messageLocale(contact.language, contact.phone);
  const urgent = intent.class === 'urgent';
  const channels: Channel[] = [];
  // Cheapest first: an open page (live), then push, before a paid SMS. A code or an urgent message goes by SMS first, since it
  // must reach the phone even with no data bundle; push is its fallback when every SMS provider fails.
  const push = prefs.push && subscribed;
  if (!urgent && open.size > 0) channels.push('live');
  if (push && !urgent) channels.push('push');
  if (intent.sms && (urgent || prefs.sms)) channels.push('sms');
  if (push && urgent) channels.push('push');
  if (contact.email && (urgent || prefs.email)) channels.push('email');
  const holdUntil = urgent
    ? null
    : quietUntil(prefs.quietHours && { ...prefs.quietHours, utcOffsetMinutes: prefs.utcOffsetMinutes }, now);
  const id = await store(
    env.DB,
    {
      sourceId,
      template: intent.template,
      userId: contact.userId,
      phone: contact.phone,
      email: contact.email,
      locale,
      class: intent.class,
      channels,
      body: render(intent.template, intent.params, locale, contact.phone),
      holdUntil,
      link: intent.link ?? null,
    },
    now,
  );
  if (holdUntil === null) await deliverNotification(env, id, { exhausted });
}

const rowOf = (d: Draft, now: number) => ({
  id: newId('ntf', now),
  sourceId: d.sourceId,
  template: d.template,
  userId: d.userId,
  phone: d.phone,
  email: d.email,
  locale: d.locale,
  class: d.class,
  channels: d.channels.join(','),
  body: d.body,
  status: d.holdUntil === null ? 'pending' : 'held',
  holdUntil: d.holdUntil,
  createdAt: now,
  link: d.link ?? null,
});

// A no-op update, not DO NOTHING: RETURNING then answers the id of the row that was there.
const KEEP_EXISTING = {
  target: [notifications.sourceId, notifications.template, notifications.userId],
  set: { sourceId: sql`source_id` },
};

/** Stores a draft once per (source, template, user); answers the id of the row that exists. */
export async function store(db: D1Database, d: Draft, now = Date.now()): Promise<string> {
  const row = await orm(db)
    .insert(notifications)
    .values(rowOf(d, now))
    .onConflictDoUpdate(KEEP_EXISTING)
    .returning({ id: notifications.id })
    .get();
  if (!row) throw new Error('notification upsert returned no row');
  return row.id;
}

type PhoneMessage = {
  sourceId: string;
  phone: string;
  userId: string | null;
  language: string | null;
  template: MessageKey;
  params: TemplateParams;
};

function phoneDraft(input: PhoneMessage): Draft {
  const locale = messageLocale(input.language, input.phone);
  return {
    sourceId: input.sourceId,
    template: input.template,
    userId: input.userId,
    phone: input.phone,
    email: null,
    locale,
    class: 'urgent',
    channels: ['sms'],
    body: render(input.template, input.params, locale, input.phone),
    holdUntil: null,
  };
}

/** Renders and sends a message that has no event behind it (OTP, replies to USSD and SMS). */
export async function notifyPhone(env: NotificationsEnv, input: PhoneMessage, now = Date.now()): Promise<string> {
  const id = await store(env.DB, phoneDraft(input), now);
  await deliverNotification(env, id, { exhausted: false });
  return id;
}

/**
 * `notifyPhone` only while `when` holds, read by the message's own insert (one statement), so
 * concurrent requests cannot overrun a limit; a replay finds its row as `store` does. Answers
 * whether the message was stored.
 */
export async function notifyPhoneWhile(
  env: NotificationsEnv,
  input: PhoneMessage,
  when: SQL,
  now = Date.now(),
): Promise<boolean> {
  const row = await insertWhere(env.DB, notifications, rowOf(phoneDraft(input), now), when)
    .onConflictDoUpdate(KEEP_EXISTING)
    .returning({ id: notifications.id })
    .get();
  if (!row) return false;
  await deliverNotification(env, row.id, { exhausted: false });
  return true;
}

/** Sends what quiet hours held back, once their hours are over (cron). */
export async function releaseHeld(env: NotificationsEnv, now = Date.now()): Promise<number> {
  const results = await orm(env.DB)
    .update(notifications)
    .set({ status: 'pending' })
    .where(and(eq(notifications.status, 'held'), lte(notifications.holdUntil, now)))
    .returning({ id: notifications.id });
  for (const { id } of results) {
    try {
      await deliverNotification(env, id, { exhausted: false });
    } catch (err) {
      log('warn', 'held notification failed; the next channel takes it', {
        id,
        error: err instanceof Error ? err.message : String(err),
      });
      await deliverNotification(env, id, { exhausted: true });
    }
  }
  return results.length;
}

export type { TemplateParams };
