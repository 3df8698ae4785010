import { callerOf } from '@linked-all/auth';
import { bound } from '@linked-all/db';
import { AppError, describe, keyset, newId, validate } from '@linked-all/http';
import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  InboxPage,
  InboxQuery,
  NotificationView,
  PreferencesBody,
  PreferencesView,
  PushSubscriptionBody,
  PushSubscriptionView,
  PushUnsubscribeBody,
} from '../../contract/schemas';
import { orm } from '../db/orm';
import { notifications, pushSubscriptions } from '../db/schema';
import { readPreferences, writePreferences } from '../domain/preferences';
import type { NotificationsApp } from '../env';

export const meRoutes = new Hono<NotificationsApp>()
  .get(
    '/notifications',
    describe({
      summary: 'My notifications, newest first (cursor paging)',
      tags: ['notifications'],
      auth: 'any',
      response: InboxPage,
    }),
    validate('query', InboxQuery),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const { limit, cursor } = c.req.valid('query');
      const after = keyset.after(cursor, 'created_at');
      const rows = await orm(c.env.DB)
        .select({
          id: notifications.id,
          template: notifications.template,
          class: notifications.class,
          body: notifications.body,
          status: notifications.status,
          channels: notifications.channels,
          createdAt: notifications.createdAt,
        })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), after ? bound(after) : undefined))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit + 1);
      const { page, nextCursor } = keyset.page(rows, limit, (r) => ({ k: r.createdAt, id: r.id }));
      c.header('cache-control', 'private, no-store');
      return c.json({
        items: page.map((r) =>
          NotificationView.parse({
            id: r.id,
            template: r.template,
            class: r.class,
            body: r.body,
            status: r.status,
            channels: r.channels === '' ? [] : r.channels.split(','),
            createdAt: new Date(r.createdAt).toISOString(),
          }),
        ),
        nextCursor,
      });
    },
  )
  .get(
    '/notification-preferences',
    describe({ summary: 'My notification preferences', tags: ['notifications'], auth: 'any', response: PreferencesView }),
    async (c) => c.json(await readPreferences(c.env.DB, callerOf(c.get('principal')).userId)),
  )
  .put(
    '/notification-preferences',
    describe({
      summary: 'Replace my notification preferences (channels, marketing, quiet hours)',
      tags: ['notifications'],
      auth: 'any',
      response: PreferencesView,
    }),
    validate('json', PreferencesBody),
    async (c) => c.json(await writePreferences(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('json'))),
  )
  .post(
    '/push-subscriptions',
    describe({
      summary: "Register this browser's Web Push subscription",
      tags: ['notifications'],
      auth: 'any',
      response: PushSubscriptionView,
      status: 201,
    }),
    validate('json', PushSubscriptionBody),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const { endpoint, keys } = c.req.valid('json');
      const now = Date.now();
      // An endpoint belongs to one browser: registering it again (any user) moves it to the caller.
      const row = await orm(c.env.DB)
        .insert(pushSubscriptions)
        .values({ id: newId('psub', now), userId, endpoint, p256dh: keys.p256dh, auth: keys.auth, createdAt: now })
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: { userId: sql`excluded.user_id`, p256dh: sql`excluded.p256dh`, auth: sql`excluded.auth` },
        })
        .returning({ id: pushSubscriptions.id, createdAt: pushSubscriptions.createdAt })
        .get();
      if (!row) throw new AppError('internal', 'push subscription not stored');
      return c.json({ id: row.id, endpoint, createdAt: new Date(row.createdAt).toISOString() }, 201);
    },
  )
  .delete(
    '/push-subscriptions',
    describe({
      summary: 'Remove one of my push subscriptions',
      tags: ['notifications'],
      auth: 'any',
      status: 204,
      problems: ['not_found'],
    }),
    validate('json', PushUnsubscribeBody),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const res = await orm(c.env.DB)
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.endpoint, c.req.valid('json').endpoint), eq(pushSubscriptions.userId, userId)));
      if (res.meta.changes === 0) throw new AppError('not_found', 'You have no push subscription with that endpoint');
      return c.body(null, 204);
    },
  );
