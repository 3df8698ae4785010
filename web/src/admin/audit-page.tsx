import { translator } from '@linked-all/i18n';
import { when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { AuditFilter, AuditRow } from './types';

/** The audit log: every admin write of every service, newest first, filterable. Missing services are named. */
export function AuditPage({
  rows,
  filter,
  missing,
  ...ctx
}: AdminContext & { rows: AuditRow[]; filter: AuditFilter; missing: string[] }) {
  const t = translator(ctx.locale);
  const field = (name: keyof AuditFilter, label: string, type = 'text') => (
    <label>
      {label} <input name={name} type={type} value={filter[name] ?? ''} size={14} />
    </label>
  );
  return (
    <AdminLayout {...ctx} title={t('admin.audit.title')}>
      <form method="get" action="/admin/audit">
        {field('actor', t('admin.audit.actor'))} {field('action', t('admin.audit.action'))}{' '}
        {field('target', t('admin.audit.target'))} {field('from', t('admin.audit.from'), 'date')}{' '}
        {field('to', t('admin.audit.to'), 'date')} <button type="submit">{t('admin.form.filter')}</button>
      </form>
      {missing.length ? <p class="note err">{t('admin.audit.missing', { services: missing.join(', ') })}</p> : null}
      {rows.length === 0 ? (
        <p>{t('admin.audit.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.audit.when')}</th>
              <th>{t('admin.audit.actor')}</th>
              <th>{t('admin.audit.action')}</th>
              <th>{t('admin.audit.target')}</th>
              <th>{t('admin.audit.reason')}</th>
              <th>{t('admin.audit.service')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{when(r.at)}</td>
                <td>
                  <a href={`/admin/audit?actor=${encodeURIComponent(r.actor)}`}>{r.actor}</a>
                </td>
                <td>{r.action}</td>
                <td>
                  <a href={`/admin/audit?target=${encodeURIComponent(r.target)}`}>{r.target}</a>
                </td>
                <td>{r.reason ?? ''}</td>
                <td>{r.service}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
