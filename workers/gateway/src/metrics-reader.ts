import { AppError } from '@linked-all/http';
import { analyticsEngineReader, d1Reader, METRICS_DATASET, type MetricsReader } from '@linked-all/metrics';
import { z } from 'zod';

// Secrets of staging and production (`wrangler secret put`): an API token with Account Analytics Read.
const AnalyticsApi = z.object({
  CF_ACCOUNT_ID: z.string().min(1),
  ANALYTICS_API_TOKEN: z.string().min(1),
  ANALYTICS_DATASET: z.string().min(1).default(METRICS_DATASET),
});

/**
 * Where the console reads metrics: the local sink's D1 table in development and tests (the dev
 * stack has no Analytics Engine SQL), the Analytics Engine SQL API elsewhere.
 */
export function metricsReader(env: GatewayEnv): MetricsReader {
  if (env.METRICS_DB && (env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test')) return d1Reader(env.METRICS_DB);
  const api = AnalyticsApi.safeParse(env);
  if (!api.success)
    throw new AppError('upstream_unavailable', 'Metrics are not configured: set CF_ACCOUNT_ID and ANALYTICS_API_TOKEN');
  return analyticsEngineReader({
    accountId: api.data.CF_ACCOUNT_ID,
    apiToken: api.data.ANALYTICS_API_TOKEN,
    dataset: api.data.ANALYTICS_DATASET,
  });
}
