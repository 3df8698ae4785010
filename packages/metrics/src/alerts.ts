import { z } from 'zod';
import type { DashboardSummary } from './summary';

// Alert rules (issue 15) as data: each names one figure of the platform's health, a threshold and
// its runbook section (docs/operations.md, "Alerts and their runbooks"). A cron measures the
// figures, `evaluateAlerts` says which rules fire, and the notifications service records and
// announces only the changes (firing → resolved and back), so a standing alert never repeats.

/** The figures the rules read; null when its source did not answer (the rule's state then stays as it was). */
export const AlertFigures = z.object({
  /** Dead letters kept by every service (GET /v1/health → queues.deadLetters). */
  deadLetters: z.number().nullable(),
  /** Age of the oldest unsent outbox row of any service, in ms: the queue backlog's age. */
  oldestUnsentMs: z.number().nullable(),
  /** Failed share of the settled provider (mobile-money and card) payments in the window. */
  callbackFailureRate: z.number().nullable(),
  /** The ledger's imbalance: |credits − debits| summed over currencies, plus unbalanced entries. */
  ledgerImbalance: z.number().nullable(),
  /** Share of gateway answers that were 5xx in the window. */
  errorRate: z.number().nullable(),
  /** Payouts that failed in the last hour (payments). */
  failedPayouts: z.number().nullable(),
  /** Pay-on-delivery vendor orders delivered over 48 h ago whose cash no rider has booked (payments). */
  codCashOverdue: z.number().nullable(),
});
export type AlertFigures = z.infer<typeof AlertFigures>;

export type AlertRule = {
  id: string;
  figure: keyof AlertFigures;
  /** Fires while the figure is above this. */
  above: number;
  /** docs/operations.md's runbook row for it. */
  runbook: string;
};

/** The rules. A threshold change is a one-line change here, reviewed like code. */
export const ALERT_RULES = [
  { id: 'dead_letters', figure: 'deadLetters', above: 0, runbook: 'dead letters' },
  { id: 'queue_backlog_age', figure: 'oldestUnsentMs', above: 5 * 60_000, runbook: 'queue lag' },
  { id: 'payment_callback_failures', figure: 'callbackFailureRate', above: 0.2, runbook: 'payment callback failures' },
  { id: 'ledger_unbalanced', figure: 'ledgerImbalance', above: 0, runbook: 'trial balance ≠ 0' },
  { id: 'error_rate_5xx', figure: 'errorRate', above: 0.01, runbook: '5xx rate' },
  // ≥ 3 failed payouts in an hour: one failure is a vendor's wrong number, three are the provider.
  { id: 'payout_failures', figure: 'failedPayouts', above: 2, runbook: 'payout failures' },
  { id: 'cod_cash_overdue', figure: 'codCashOverdue', above: 0, runbook: 'pay-on-delivery cash overdue' },
] as const satisfies readonly AlertRule[];

/** A rate over fewer events than this is noise, not a signal: the figure counts as 0. */
export const MIN_RATE_SAMPLE = { payments: 5, requests: 50 };

/** One rule's verdict now; `firing: null` = unknown (its figure's source did not answer). */
export type AlertEvaluation = { rule: string; firing: boolean | null; value: number; threshold: number };

/** Which rules fire for these figures. Pure: the cron and the tests call the same function. */
export function evaluateAlerts(figures: AlertFigures, rules: readonly AlertRule[] = ALERT_RULES): AlertEvaluation[] {
  return rules.map((r) => {
    const value = figures[r.figure];
    return { rule: r.id, firing: value === null ? null : value > r.above, value: value ?? 0, threshold: r.above };
  });
}

/** The rate figures out of the dashboard's summary of the last minutes. */
export function rateFigures(summary: DashboardSummary): Pick<AlertFigures, 'callbackFailureRate' | 'errorRate'> {
  const providers = summary.payments.filter((p) => p.provider !== 'wallet');
  const failed = providers.reduce((n, p) => n + p.failed, 0);
  const settled = providers.reduce((n, p) => n + p.failed + p.succeeded, 0);
  return {
    callbackFailureRate: settled >= MIN_RATE_SAMPLE.payments ? failed / settled : 0,
    errorRate: summary.requests >= MIN_RATE_SAMPLE.requests ? summary.errorRate : 0,
  };
}
