import { createApp } from './app';
import { runAlerts } from './routes/admin/alert-cron';

const app = createApp();

export default {
  fetch: app.fetch,
  // Each minute: the alert rules (docs/operations.md, Alerts and their runbooks).
  scheduled: async (_controller, env) => {
    await runAlerts(env);
  },
} satisfies ExportedHandler<GatewayEnv>;
