import { describe, expect, it } from 'vitest';
import { ALERT_RULES, type AlertFigures, evaluateAlerts } from './alerts';

const calm: AlertFigures = {
  deadLetters: 0,
  oldestUnsentMs: 1_000,
  callbackFailureRate: 0,
  ledgerImbalance: 0,
  errorRate: 0.001,
  failedPayouts: 0,
  codCashOverdue: 0,
};

describe('evaluateAlerts', () => {
  it('fires no rule on a calm platform, one per figure over its threshold', () => {
    expect(evaluateAlerts(calm).filter((e) => e.firing)).toEqual([]);
    const bad = evaluateAlerts({ ...calm, ledgerImbalance: 7, errorRate: 0.05 });
    expect(bad.filter((e) => e.firing)).toEqual([
      { rule: 'ledger_unbalanced', firing: true, value: 7, threshold: 0 },
      { rule: 'error_rate_5xx', firing: true, value: 0.05, threshold: 0.01 },
    ]);
  });

  it('leaves a rule unknown when its figure could not be measured', () => {
    const unknown = evaluateAlerts({ ...calm, deadLetters: null });
    expect(unknown.find((e) => e.rule === 'dead_letters')).toEqual({
      rule: 'dead_letters',
      firing: null,
      value: 0,
      threshold: 0,
    });
  });

  it('has one rule per figure, each with a runbook', () => {
    expect(new Set(ALERT_RULES.map((r) => r.figure)).size).toBe(Object.keys(calm).length);
    for (const r of ALERT_RULES) expect(r.runbook.length).toBeGreaterThan(0);
  });
});
