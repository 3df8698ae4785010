export {
  ALERT_RULES,
  type AlertEvaluation,
  AlertFigures,
  type AlertRule,
  evaluateAlerts,
  MIN_RATE_SAMPLE,
  rateFigures,
} from './alerts';
export { keepLogLines, LOG_LINES_TABLE, type LogLine, orderLogLines, writeLogLine } from './log-lines';
export { requestMetrics } from './middleware';
export type { Window } from './queries';
export { observeBatch } from './queue';
export {
  type AnalyticsEngineApi,
  analyticsEngineReader,
  type BusinessTotal,
  d1Reader,
  type MetricsReader,
  type RouteStats,
  type TimelinePoint,
} from './reader';
export {
  CACHE_RESULTS,
  CHECKOUT_STAGES,
  type DataPoint,
  MetricPoint,
  type ServiceName,
  statusClass,
  toDataPoint,
} from './schema';
export { analyticsEngineSink, d1Sink, METRICS_DATASET, type MetricsEnv, type MetricsSink, metricsSink } from './sink';
export {
  type DashboardSummary,
  dashboardSummary,
  type Funnel,
  type Gmv,
  type HotSku,
  type ProviderRate,
  type QueueLag,
  type SmsCost,
} from './summary';
