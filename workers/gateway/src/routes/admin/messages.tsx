import { traced } from '@linked-all/http';
import { AdminMessagesPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { PagesEnv } from '../../page-response';
import { adminWords, screenContext, sendScreen } from './kit';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Messages sent and failed and what they cost, per channel, country and day: notifications sums its
// deliveries over RPC (behind the console's door, like every console read). Default: the last 7 days.
export const messageRoutes = new Hono<PagesEnv>().get('/messages', async (c) => {
  const now = Date.now();
  const range = { from: c.req.query('from') || isoDay(now - 6 * DAY_MS), to: c.req.query('to') || isoDay(now) };
  const answer = await traced(c.env.NOTIFICATIONS).adminMessageReport(range);
  if (!answer.ok) {
    const error = `${adminWords(c)('admin.error.check')} (${answer.errors.map((e) => e.path).join(', ')})`;
    return sendScreen(c, <AdminMessagesPage {...screenContext(c, error)} report={null} range={range} />, 400);
  }
  return sendScreen(c, <AdminMessagesPage {...screenContext(c)} report={answer.report} range={range} />);
});
