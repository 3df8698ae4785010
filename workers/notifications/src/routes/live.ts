import { callerOf, requireActiveShop, vendorOf } from '@linked-all/auth';
import { AppError, describe } from '@linked-all/http';
import { Hono } from 'hono';
import type { NotificationsApp } from '../env';
import { openLiveSocket } from '../live/live-hub';
import { shopStanding } from '../shop-standing';

// Open pages subscribe here (through the gateway, which turns the page's session cookie into the
// bearer token): the socket joins the hub of the signed-in user, or of the vendor's shop.

function requireUpgrade(request: Request) {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    throw new AppError('upgrade_required', 'Open this address as a WebSocket (Upgrade: websocket)', {
      headers: { upgrade: 'websocket' },
    });
  }
}

export const liveRoutes = new Hono<NotificationsApp>()
  .get(
    '/me/live',
    describe({
      summary: "A WebSocket of my orders' and shipments' changes, for open pages",
      tags: ['notifications'],
      auth: 'any',
      status: 101,
      problems: ['upgrade_required'],
    }),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      requireUpgrade(c.req.raw);
      return openLiveSocket(c.env, { userId }, c.req.raw);
    },
  )
  .get(
    '/vendor/live',
    describe({
      summary: "A WebSocket of my shop's new orders, for the vendor app",
      tags: ['notifications'],
      auth: 'vendor',
      status: 101,
      problems: ['upgrade_required'],
    }),
    requireActiveShop(shopStanding),
    async (c) => {
      const vendorId = vendorOf(c.get('principal'));
      requireUpgrade(c.req.raw);
      return openLiveSocket(c.env, { vendorId }, c.req.raw);
    },
  );
