import { dashboardSummary } from '@linked-all/metrics';
import { DASHBOARD_WINDOWS, DashboardPage } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import { metricsReader } from '../../metrics-reader';
import { type PagesEnv, sendPage } from '../../page-response';
import { adminContext } from './guard';

// A window the form does not offer falls back to the default rather than erroring: it is a page.
const Minutes = z.coerce
  .number()
  .int()
  .refine((m) => DASHBOARD_WINDOWS.some((w) => w === m))
  .catch(15);

/** Buckets of the timeline: about 60 columns whatever the window. */
const bucketSeconds = (minutes: number) => Math.max(5, Math.round((minutes * 60) / 60));

/** GET /admin: the dashboard, read from metrics (Analytics Engine SQL, or the local sink in development). */
export const dashboardRoutes = new Hono<PagesEnv>().get('/', async (c) => {
  const minutes = Minutes.parse(c.req.query('minutes'));
  const untilMs = Date.now() + 1;
  const summary = await dashboardSummary(
    metricsReader(c.env),
    { sinceMs: untilMs - minutes * 60_000, untilMs },
    bucketSeconds(minutes),
  );
  return sendPage(c, <DashboardPage ctx={adminContext(c)} summary={summary} minutes={minutes} />, 200, { private: true });
});
