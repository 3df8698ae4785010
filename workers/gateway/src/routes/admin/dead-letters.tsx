import { AdminDeadLettersPage, type DeadLetterRow, type DeadQueueRow } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PageCtx, PagesEnv } from '../../page-response';
import { adminOf } from './guard';
import { ADMIN_FORM_LIMIT, adminWords, done, form, screenContext, sendScreen } from './kit';

// The services that keep dead letters (packages/events' dead_letters table); each answers the console over RPC.
const SERVICES = ['catalog', 'orders', 'payments', 'logistics', 'notifications'] as const;
type Service = (typeof SERVICES)[number];
const ServiceName = z.enum(SERVICES);
// Queue message ids are opaque strings of the platform: bounded, printable, no slashes.
const MessageId = z.string().regex(/^[\w.:-]{1,128}$/);

function binding(c: PageCtx, service: Service) {
  return {
    catalog: c.env.CATALOG,
    orders: c.env.ORDERS,
    payments: c.env.PAYMENTS,
    logistics: c.env.LOGISTICS,
    notifications: c.env.NOTIFICATIONS,
  }[service];
}

async function deadLettersScreen(c: PageCtx, error?: string) {
  const answers = await Promise.allSettled(SERVICES.map((s) => binding(c, s).adminDeadLetters()));
  const queues: DeadQueueRow[] = [];
  const messages: DeadLetterRow[] = [];
  answers.forEach((a, i) => {
    const service = SERVICES[i] ?? 'catalog';
    if (a.status !== 'fulfilled') return;
    queues.push(...a.value.queues.map((q) => ({ service, ...q })));
    messages.push(...a.value.messages.map((m) => ({ service, ...m })));
  });
  messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const missing = SERVICES.filter((_, i) => answers[i]?.status === 'rejected');
  const open = MessageId.safeParse(c.req.query('open'));
  return (
    <AdminDeadLettersPage
      {...screenContext(c, error)}
      queues={queues}
      messages={messages.slice(0, 100)}
      open={open.success ? open.data : undefined}
      missing={missing}
    />
  );
}

/** Replay (idempotent: the service's consumer processes an event once) or discard with a reason; both audited by the service. */
async function act(c: PageCtx, action: 'replay' | 'discard') {
  const admin = await adminOf(c);
  const t = adminWords(c);
  const service = ServiceName.safeParse(c.req.param('service'));
  const id = MessageId.safeParse(c.req.param('id'));
  const body = await form(c);
  if (!service.success || !id.success) return sendScreen(c, await deadLettersScreen(c, t('admin.error.not_found')), 404);
  const target = binding(c, service.data);
  if (action === 'discard') {
    const reason = (body.reason ?? '').trim();
    if (reason.length < 3) return sendScreen(c, await deadLettersScreen(c, t('admin.error.reason')), 400);
    const gone = await target.adminDiscardDeadLetter(id.data, admin.userId, reason);
    if (!gone) return sendScreen(c, await deadLettersScreen(c, t('admin.error.not_found')), 404);
    return done(c, '/admin/dead-letters', 'discarded');
  }
  const outcome = await target.adminReplayDeadLetter(id.data, admin.userId);
  if (outcome === 'not_found') return sendScreen(c, await deadLettersScreen(c, t('admin.error.not_found')), 404);
  if (outcome === 'failed') return sendScreen(c, await deadLettersScreen(c, t('admin.dead.failed')), 409);
  // Replayed now or before: either way the message was handled once.
  return done(c, '/admin/dead-letters', 'replayed');
}

export const deadLetterRoutes = new Hono<PagesEnv>()
  .get('/dead-letters', async (c) => sendScreen(c, await deadLettersScreen(c)))
  .post('/dead-letters/:service/:id/replay', ADMIN_FORM_LIMIT, (c) => act(c, 'replay'))
  .post('/dead-letters/:service/:id/discard', ADMIN_FORM_LIMIT, (c) => act(c, 'discard'));
