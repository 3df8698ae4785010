import { AuditReason } from '@linked-all/events';
import { log, traced } from '@linked-all/http';
import { type AdminUserDetail, AdminUserPage, AdminUsersPage } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import { notFound, type PageCtx, type PagesEnv } from '../../page-response';
import { adminOf } from './guard';
import { ADMIN_FORM_LIMIT, type AdminFlash, adminWords, done, form, screenContext, sendScreen } from './kit';

const UserId = z.string().regex(/^usr_[0-9a-z]{4,40}$/);
const RECENT_MS = 30 * 86_400_000;

/** Identity's view of the user, and how many orders they placed in the last 30 days (orders). */
async function userDetail(c: PageCtx, userId: string): Promise<AdminUserDetail | null> {
  const [user, orders] = await Promise.all([
    traced(c.env.IDENTITY).adminUser(userId),
    traced(c.env.ORDERS)
      .adminFindOrders({ userIds: [userId] })
      .catch(() => null),
  ]);
  if (!user) return null;
  const since = new Date(Date.now() - RECENT_MS).toISOString();
  return { ...user, recentOrders: orders ? orders.filter((o) => o.createdAt >= since).length : null };
}

async function userScreen(c: PageCtx, userId: string, error?: string) {
  const user = await userDetail(c, userId);
  return user ? <AdminUserPage {...screenContext(c, error)} user={user} /> : null;
}

const FLASH = { lock: 'locked', unlock: 'unlocked' } as const satisfies Record<string, AdminFlash>;

/** Every action needs a reason; a refusal shows the user's screen again with the field named and a 4xx. */
async function prepare(c: PageCtx) {
  const admin = await adminOf(c);
  const t = adminWords(c);
  const id = UserId.safeParse(c.req.param('id'));
  const body = await form(c);
  if (!id.success) return { refusal: notFound(c, t('admin.error.not_found'), { private: true }) };
  const reason = AuditReason.safeParse(body.reason ?? '');
  if (!reason.success) {
    const page = await userScreen(c, id.data, `${t('admin.error.reason')} (reason)`);
    return { refusal: page ? sendScreen(c, page, 400) : notFound(c, t('admin.error.not_found'), { private: true }) };
  }
  return { input: { userId: id.data, actor: admin.userId, reason: reason.data } };
}

/** Lock or unlock: identity writes the lock (and revokes every refresh token) with its audit row in one batch. */
async function lockOrUnlock(c: PageCtx, action: keyof typeof FLASH) {
  const prepared = await prepare(c);
  if ('refusal' in prepared) return prepared.refusal;
  const outcome =
    action === 'lock'
      ? await traced(c.env.IDENTITY).adminLockUser(prepared.input)
      : await traced(c.env.IDENTITY).adminUnlockUser(prepared.input);
  if (!outcome.ok) return notFound(c, adminWords(c)('admin.error.not_found'), { private: true });
  return done(c, `/admin/users/${prepared.input.userId}`, FLASH[action]);
}

/**
 * Force a password reset: identity removes the password and revokes every session (audited), and
 * the one-time code goes to the user's phone through notifications' SMS adapters. A second submit
 * within a minute is the same reset (identity sends no second code).
 */
async function forceReset(c: PageCtx) {
  const prepared = await prepare(c);
  if ('refusal' in prepared) return prepared.refusal;
  const outcome = await traced(c.env.IDENTITY).adminForcePasswordReset(prepared.input);
  if (!outcome.ok) return notFound(c, adminWords(c)('admin.error.not_found'), { private: true });
  const to = `/admin/users/${prepared.input.userId}`;
  if (!outcome.delivery) return done(c, to, 'reset_sent');
  const sent = await traced(c.env.NOTIFICATIONS)
    .sendOtp(outcome.delivery)
    .catch((err: unknown) => ({
      ok: false as const,
      reason: 'unavailable',
      detail: err instanceof Error ? err.message : String(err),
    }));
  if (!sent.ok) {
    // The reset holds (old password gone, sessions revoked); the user can ask for a code at sign-in.
    log('warn', 'forced reset code not sent', { userId: prepared.input.userId, reason: sent.reason });
    return done(c, to, 'reset_unsent');
  }
  return done(c, to, 'reset_sent');
}

export const userRoutes = new Hono<PagesEnv>()
  .get('/users', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const users = q.trim() ? await traced(c.env.IDENTITY).adminFindUsers(q) : null;
    return sendScreen(c, <AdminUsersPage {...screenContext(c)} q={q} users={users} />);
  })
  .get('/users/:id', async (c) => {
    const id = UserId.safeParse(c.req.param('id'));
    const page = id.success ? await userScreen(c, id.data) : null;
    return page ? sendScreen(c, page) : notFound(c, adminWords(c)('admin.error.not_found'), { private: true });
  })
  .post('/users/:id/lock', ADMIN_FORM_LIMIT, (c) => lockOrUnlock(c, 'lock'))
  .post('/users/:id/unlock', ADMIN_FORM_LIMIT, (c) => lockOrUnlock(c, 'unlock'))
  .post('/users/:id/reset', ADMIN_FORM_LIMIT, forceReset);
