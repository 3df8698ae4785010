import { requireRoleOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { AdminVendorsQuery, SuspendBody, VendorParams, VendorView } from '../../contract';
import { relayIdentityOutbox } from '../domain/relay';
import { approveVendor, closeVendor, listVendors, suspendVendor } from '../domain/vendors';
import type { IdentityApp } from '../env';
import { identityContext } from './auth';

/** The admin acting (the guard below has checked the role): the audit row's actor. */
const adminId = (c: Context<IdentityApp>) => requireRoleOf(c.get('principal'), 'admin').userId;

const admin = { auth: 'admin' as const, tags: ['admin'], problems: ['forbidden' as const] };

export const adminRoutes = new Hono<IdentityApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .get(
    '/vendors',
    describe({
      summary: 'Vendors by status, oldest first',
      ...admin,
      response: z.object({ items: z.array(VendorView), nextCursor: z.string().nullable() }),
    }),
    validate('query', AdminVendorsQuery),
    async (c) => c.json(await listVendors(c.env.DB, c.req.valid('query'))),
  )
  .post(
    '/vendors/:id/approve',
    describe({
      summary: 'Approve a pending or suspended vendor',
      ...admin,
      response: VendorView,
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', VendorParams),
    async (c) => {
      const vendor = await approveVendor(identityContext(c), c.req.valid('param').id, adminId(c));
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      return c.json(vendor);
    },
  )
  .post(
    '/vendors/:id/suspend',
    describe({
      summary: 'Suspend an approved vendor',
      ...admin,
      response: VendorView,
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', VendorParams),
    validate('json', SuspendBody),
    async (c) => {
      const vendor = await suspendVendor(identityContext(c), c.req.valid('param').id, c.req.valid('json').reason, adminId(c));
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      return c.json(vendor);
    },
  )
  .post(
    '/vendors/:id/close',
    describe({
      summary: 'Close a suspended vendor for good',
      ...admin,
      response: VendorView,
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', VendorParams),
    validate('json', SuspendBody),
    async (c) => {
      const vendor = await closeVendor(identityContext(c), c.req.valid('param').id, c.req.valid('json').reason, adminId(c));
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      return c.json(vendor);
    },
  );
