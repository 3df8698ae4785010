import { callerOf } from '@linked-all/auth';
import { AppError, describe, keyset, newId, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
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
import { readPreferences, writePreferences } from '../domain/preferences';
import type { NotificationsApp } from '../env';

const InboxRow = z.object({
  id: z.string(),
  template: z.string(),
  class: z.string(),
  body: z.string(),
  status: z.string(),
  channels: z.string(),
  created_at: z.number(),
});

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
      const { results } = await c.env.DB.prepare(
        `SELECT id, template, class, body, status, channels, created_at FROM notifications
          WHERE user_id = ? ${after ? `AND ${after.sql}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
        .bind(userId, ...(after?.args ?? []), limit + 1)
        .all();
      const rows = results.map((r) => InboxRow.parse(r));
      const { page, nextCursor } = keyset.page(rows, limit, (r) => ({ k: r.created_at, id: r.id }));
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
            createdAt: new Date(r.created_at).toISOString(),
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
      const row = await c.env.DB.prepare(
        `INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth
         RETURNING id, created_at`,
      )
        .bind(newId('psub', now), userId, endpoint, keys.p256dh, keys.auth, now)
        .first<{ id: string; created_at: number }>();
      if (!row) throw new AppError('internal', 'push subscription not stored');
      return c.json({ id: row.id, endpoint, createdAt: new Date(row.created_at).toISOString() }, 201);
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
      const res = await c.env.DB.prepare('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?')
        .bind(c.req.valid('json').endpoint, userId)
        .run();
      if (res.meta.changes === 0) throw new AppError('not_found', 'You have no push subscription with that endpoint');
      return c.body(null, 204);
    },
  );
