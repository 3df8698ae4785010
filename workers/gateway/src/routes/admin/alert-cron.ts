import { log, traced } from '@linked-all/http';
import { type AlertEvaluation, type AlertFigures, dashboardSummary, evaluateAlerts, rateFigures } from '@linked-all/metrics';
import { healthReport } from '../../health';
import { metricsReader } from '../../metrics-reader';

// The alert cron (issue 15), run each minute by the gateway's `scheduled`: the gateway is the one
// worker that reaches every service and the metrics. It measures the figures, evaluates the rules
// (packages/metrics ALERT_RULES) and hands the verdicts to notifications, which records and
// announces the changes of state only.

/** Rates are read over this window: long enough for a sample, short enough to resolve soon after a fix. */
const RATE_WINDOW_MS = 5 * 60_000;

const settled = <T>(answer: PromiseSettledResult<T>): T | null => (answer.status === 'fulfilled' ? answer.value : null);

/** Today's figures; a source that does not answer gives null figures, so its rules keep their state. */
export async function alertFigures(env: GatewayEnv, now = Date.now()): Promise<AlertFigures> {
  const [health, ledger, summary, money] = await Promise.allSettled([
    healthReport(env),
    traced(env.PAYMENTS).adminLedgerCheck(),
    dashboardSummary(metricsReader(env), { sinceMs: now - RATE_WINDOW_MS, untilMs: now + 1 }, 60),
    traced(env.PAYMENTS).adminAlertFigures(),
  ]);
  const h = settled(health);
  const l = settled(ledger);
  const s = settled(summary);
  const m = settled(money);
  // A service that did not answer hides its backlog: an unknown, not a zero.
  const complete = h && Object.values(h.services).every((svc) => svc.ok);
  const rates = s ? rateFigures(s) : { callbackFailureRate: null, errorRate: null };
  return {
    deadLetters: complete ? h.queues.deadLetters : null,
    oldestUnsentMs: complete ? h.queues.oldestUnsentMs : null,
    ledgerImbalance: l ? l.currencies.reduce((n, c) => n + Math.abs(c.difference), 0) + l.unbalancedEntries.length : null,
    ...rates,
    failedPayouts: m ? m.failedPayoutsLastHour : null,
    codCashOverdue: m ? m.codCashOverdue : null,
  };
}

/** One run of the cron: figures → verdicts → notifications. Answers the verdicts and the changes. */
export async function runAlerts(env: GatewayEnv, now = Date.now()) {
  const figures = await alertFigures(env, now);
  const verdicts: AlertEvaluation[] = evaluateAlerts(figures);
  const changes = await traced(env.NOTIFICATIONS).operatorAlerts(verdicts);
  for (const c of changes) log(c.state === 'firing' ? 'error' : 'info', `alert ${c.state}`, { rule: c.rule, value: c.value });
  return { figures, verdicts, changes };
}
