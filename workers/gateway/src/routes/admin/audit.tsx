import { type AuditEntry, AuditQuery } from '@linked-all/events';
import { type AuditFilter, AuditPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { PageCtx, PagesEnv } from '../../page-response';
import { adminWords, screenContext, sendScreen } from './kit';

// Every service keeps the audit rows of its own admin writes (written in the write's batch); the
// console asks each over RPC and merges them, newest first.
const SERVICES = ['identity', 'catalog', 'orders', 'payments', 'logistics', 'notifications'] as const;

function auditOf(c: PageCtx, service: (typeof SERVICES)[number], query: AuditQuery): Promise<AuditEntry[]> {
  const binding = {
    identity: c.env.IDENTITY,
    catalog: c.env.CATALOG,
    orders: c.env.ORDERS,
    payments: c.env.PAYMENTS,
    logistics: c.env.LOGISTICS,
    notifications: c.env.NOTIFICATIONS,
  }[service];
  return binding.adminAudit(query);
}

/** The audit log merged from every service; a service that does not answer is named, not a failure of the page. */
export async function mergedAudit(c: PageCtx, query: AuditQuery) {
  const answers = await Promise.allSettled(SERVICES.map((s) => auditOf(c, s, query)));
  const rows = answers
    .flatMap((a) => (a.status === 'fulfilled' ? a.value : []))
    .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
    .slice(0, query.limit);
  const missing = SERVICES.filter((_, i) => answers[i]?.status === 'rejected');
  return { rows, missing };
}

export const auditRoutes = new Hono<PagesEnv>().get('/audit', async (c) => {
  // Empty fields of the GET form are no filter.
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ''));
  const filter: AuditFilter = { actor: raw.actor, action: raw.action, target: raw.target, from: raw.from, to: raw.to };
  const query = AuditQuery.safeParse(raw);
  if (!query.success) {
    const fields = query.error.issues.map((i) => i.path.join('.')).join(', ');
    const error = `${adminWords(c)('admin.error.check')} (${fields})`;
    return sendScreen(c, <AuditPage {...screenContext(c, error)} rows={[]} filter={filter} missing={[]} />, 400);
  }
  const { rows, missing } = await mergedAudit(c, query.data);
  return sendScreen(c, <AuditPage {...screenContext(c)} rows={rows} filter={filter} missing={missing} />);
});
