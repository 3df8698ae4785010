import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import {
  SandboxPushBrowserView,
  SandboxPushQuery,
  SandboxPushView,
  SandboxSmsQuery,
  SandboxSmsView,
} from '../../contract/schemas';
import type { NotificationsApp } from '../env';
import { newSandboxBrowser, readSandboxPushes } from '../push/sandbox';
import { isSandboxed } from '../sms';
import { readSandboxSms } from '../sms/sandbox';

/** Development/test only: what the sandbox SMS providers "sent". Everywhere else, 404. */
export const devRoutes = new Hono<NotificationsApp>()
  .use(async (c, next) => {
    if (!isSandboxed(c.env)) throw new AppError('route_not_found', `No route for ${c.req.method} ${c.req.path}`);
    return next();
  })
  .get(
    '/sms',
    describe({
      summary: 'Sandbox only: SMS the providers "sent" to a phone, newest first',
      tags: ['dev'],
      response: SandboxSmsView,
    }),
    validate('query', SandboxSmsQuery),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ items: await readSandboxSms(c.env.DB, c.req.valid('query').phone) });
    },
  )
  .post(
    '/push-browsers',
    describe({
      summary: 'Sandbox only: a stand-in browser and its push subscription (register it with POST /v1/me/push-subscriptions)',
      tags: ['dev'],
      response: SandboxPushBrowserView,
      status: 201,
    }),
    async (c) => c.json(await newSandboxBrowser(c.env.DB), 201),
  )
  .get(
    '/push',
    describe({
      summary: 'Sandbox only: the pushes a stand-in browser received, decrypted, newest first',
      tags: ['dev'],
      response: SandboxPushView,
    }),
    validate('query', SandboxPushQuery),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ items: await readSandboxPushes(c.env.DB, c.req.valid('query').endpoint) });
    },
  );
