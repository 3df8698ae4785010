import { nextTraceparent, withTraceparent } from '@linked-all/http';
import { keepLogLines } from '@linked-all/metrics';
import { createApp } from './app';
import { runAlerts } from './routes/admin/alert-cron';

const app = createApp();

export default {
  fetch: app.fetch,
  // Each minute: the alert rules (docs/operations.md, Alerts and their runbooks).
  scheduled: async (_controller, env) => {
    // One trace per run: the figures' RPC calls and the alert lines share it (kept locally too).
    keepLogLines(env, 'gateway');
    await withTraceparent(nextTraceparent(undefined), () => runAlerts(env));
  },
} satisfies ExportedHandler<GatewayEnv>;
