import { AdminVendorsQuery, VendorParams, VendorView } from '@linked-all/identity/contract';
import { AdminVendorsPage, type VendorStatus } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PageCtx, PagesEnv } from '../../page-response';
import { callService } from '../../service-client';
import { adminOf } from './guard';
import { ADMIN_FORM_LIMIT, type AdminFlash, adminWords, done, form, orAgain, screenContext, sendScreen } from './kit';

const VendorList = z.object({ items: z.array(VendorView), nextCursor: z.string().nullable() });
const Status = AdminVendorsQuery.shape.status.unwrap();

function statusOf(c: PageCtx): VendorStatus {
  const asked = Status.safeParse(c.req.query('status'));
  return asked.success ? asked.data : 'pending';
}

async function vendorsScreen(c: PageCtx, error?: string) {
  const admin = await adminOf(c);
  const status = statusOf(c);
  const cursor = z.string().max(400).safeParse(c.req.query('cursor'));
  const list = await callService(
    c,
    c.env.IDENTITY,
    `/v1/admin/vendors?status=${status}${cursor.success ? `&cursor=${encodeURIComponent(cursor.data)}` : ''}`,
    VendorList,
    { token: admin.token },
  );
  return <AdminVendorsPage {...screenContext(c, error)} vendors={list.items} status={status} next={list.nextCursor} />;
}

const MOVES = { approve: 'approved', suspend: 'suspended', close: 'closed' } as const satisfies Record<string, AdminFlash>;

/** Approve, suspend or close: identity's admin routes do it and write the audit row in the same batch. */
async function moveVendor(c: PageCtx, move: keyof typeof MOVES) {
  const admin = await adminOf(c);
  const id = VendorParams.safeParse({ id: c.req.param('id') });
  const body = await form(c);
  const t = adminWords(c);
  if (!id.success) return sendScreen(c, await vendorsScreen(c, t('admin.error.not_found')), 404);
  if (move !== 'approve' && (body.reason ?? '').trim().length < 3) {
    return sendScreen(c, await vendorsScreen(c, t('admin.error.reason')), 400);
  }
  return orAgain(
    c,
    async () => {
      await callService(c, c.env.IDENTITY, `/v1/admin/vendors/${id.data.id}/${move}`, VendorView, {
        method: 'POST',
        token: admin.token,
        headers: body.key ? { 'idempotency-key': body.key } : {},
        json: move === 'approve' ? undefined : { reason: body.reason?.trim() },
      });
      return done(c, `/admin/vendors?status=${statusOf(c)}`, MOVES[move]);
    },
    (error) => vendorsScreen(c, error),
  );
}

export const vendorRoutes = new Hono<PagesEnv>()
  .get('/vendors', async (c) => sendScreen(c, await vendorsScreen(c)))
  .post('/vendors/:id/approve', ADMIN_FORM_LIMIT, (c) => moveVendor(c, 'approve'))
  .post('/vendors/:id/suspend', ADMIN_FORM_LIMIT, (c) => moveVendor(c, 'suspend'))
  .post('/vendors/:id/close', ADMIN_FORM_LIMIT, (c) => moveVendor(c, 'close'));
