import { traced } from '@linked-all/http';
import { ALERT_RULES } from '@linked-all/metrics';
import { AdminAlertsPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { PagesEnv } from '../../page-response';
import { screenContext, sendScreen } from './kit';

/** GET /admin/alerts: what fires now and lately (notifications keeps the log), and the rules themselves. */
export const alertRoutes = new Hono<PagesEnv>().get('/alerts', async (c) => {
  const alerts = await traced(c.env.NOTIFICATIONS)
    .adminAlerts()
    .catch(() => null);
  return sendScreen(
    c,
    <AdminAlertsPage {...screenContext(c)} alerts={alerts ?? []} rules={[...ALERT_RULES]} unavailable={alerts === null} />,
  );
});
