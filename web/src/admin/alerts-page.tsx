import { translator } from '@linked-all/i18n';
import { when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { AlertRuleRow, OperatorAlertRow } from './types';

/** Firing alerts first, then recent ones, and the rules the minute cron evaluates. */
export function AdminAlertsPage({
  alerts,
  rules,
  unavailable,
  ...ctx
}: AdminContext & { alerts: OperatorAlertRow[]; rules: AlertRuleRow[]; unavailable: boolean }) {
  const t = translator(ctx.locale);
  const firing = alerts.filter((a) => a.resolvedAt === null);
  const recent = alerts.filter((a) => a.resolvedAt !== null);
  return (
    <AdminLayout {...ctx} title={t('ops.alerts.title')}>
      {unavailable ? <p class="note err">{t('ops.alerts.unavailable')}</p> : null}
      <h2>{t('ops.alerts.firing')}</h2>
      {firing.length === 0 ? (
        <p class="note">{t('ops.alerts.none')}</p>
      ) : (
        <table>
          <tbody>
            {firing.map((a) => (
              <tr class="note err" data-alert={a.rule}>
                <td>{a.rule}</td>
                <td>
                  {t('ops.alerts.value')}: {a.value} · {t('ops.alerts.threshold')}: {a.threshold}
                </td>
                <td>
                  {t('ops.alerts.since')} {when(a.firedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recent.length ? (
        <>
          <h2>{t('ops.alerts.recent')}</h2>
          <table>
            <tbody>
              {recent.map((a) => (
                <tr>
                  <td>{a.rule}</td>
                  <td>
                    {a.value} → {a.resolvedValue}
                  </td>
                  <td>
                    {when(a.firedAt)} → {t('ops.alerts.resolved')} {a.resolvedAt ? when(a.resolvedAt) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>{t('ops.alerts.rules')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('ops.alerts.rule')}</th>
            <th>{t('ops.alerts.figure')}</th>
            <th>{t('ops.alerts.threshold')}</th>
            <th>{t('ops.alerts.runbook')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr>
              <td>{r.id}</td>
              <td>{r.figure}</td>
              <td>{r.above}</td>
              <td>{r.runbook}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
