import { describe } from '@linked-all/http';
import { Hono } from 'hono';
import { PushKeyView } from '../../contract/schemas';
import type { NotificationsApp } from '../env';

// The VAPID public key a browser subscribes with (PushManager.subscribe's applicationServerKey).
// Public: it is in every subscription anyway; it changes only with a key rotation.
export const pushKeyRoutes = new Hono<NotificationsApp>().get(
  '/push/key',
  describe({
    summary: 'The VAPID public key browsers subscribe to Web Push with',
    tags: ['notifications'],
    response: PushKeyView,
  }),
  (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.json(PushKeyView.parse({ publicKey: c.env.VAPID_PUBLIC_KEY }));
  },
);
