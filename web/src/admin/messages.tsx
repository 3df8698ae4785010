import { type Locale, translator } from '@linked-all/i18n';
import type { MessageReport } from '@linked-all/notifications/contract';
import { type AdminContext, AdminLayout } from './layout';

type Row = MessageReport['rows'][number];
type Total = { key: string; sent: number; failed: number; segments: number; costMicros: number };

/** Adds the report's cells up by one of its keys (channel, country or day), in the key's order. */
function totalsBy(rows: Row[], key: (r: Row) => string): Total[] {
  const totals = new Map<string, Total>();
  for (const r of rows) {
    const k = key(r);
    const t = totals.get(k) ?? { key: k, sent: 0, failed: 0, segments: 0, costMicros: 0 };
    t.sent += r.sent;
    t.failed += r.failed;
    t.segments += r.segments;
    t.costMicros += r.costMicros;
    totals.set(k, t);
  }
  return [...totals.values()].sort((a, b) => a.key.localeCompare(b.key));
}

// An SMS costs a fraction of a cent: four decimals, below any currency's minor unit.
const cost = (micros: number, currency: string, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(
    micros / 1_000_000,
  );

/** `/admin/messages`: messages sent and failed, SMS segments and their cost, per channel, country and day. */
export function AdminMessagesPage({
  report,
  range,
  ...ctx
}: AdminContext & { report: MessageReport | null; range: { from: string; to: string } }) {
  const t = translator(ctx.locale);
  const table = (caption: string, head: string, totals: Total[], label: (k: string) => string = (k) => k) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>{head}</th>
          <th>{t('notify.admin.messages.sent')}</th>
          <th>{t('notify.admin.messages.failed')}</th>
          <th>{t('notify.admin.messages.segments')}</th>
          <th>{t('notify.admin.messages.cost')}</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((x) => (
          <tr data-key={x.key}>
            <td>{label(x.key)}</td>
            <td>{x.sent}</td>
            <td>{x.failed}</td>
            <td>{x.segments}</td>
            <td>{cost(x.costMicros, report?.currency ?? 'USD', ctx.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <AdminLayout {...ctx} title={t('notify.admin.messages.title')}>
      <form method="get" action="/admin/messages">
        <label>
          {t('notify.admin.messages.from')} <input name="from" type="date" value={range.from} />
        </label>{' '}
        <label>
          {t('notify.admin.messages.to')} <input name="to" type="date" value={range.to} />
        </label>{' '}
        <button type="submit">{t('notify.admin.messages.show')}</button>
      </form>
      {report ? <p>{t('notify.admin.messages.range', { from: report.from, to: report.to })}</p> : null}
      {report && report.rows.length === 0 ? <p>{t('notify.admin.messages.empty')}</p> : null}
      {report && report.rows.length > 0 ? (
        <>
          {table(
            t('notify.admin.messages.by_channel'),
            t('notify.admin.messages.channel'),
            totalsBy(report.rows, (r) => r.channel),
          )}
          {table(
            t('notify.admin.messages.by_country'),
            t('notify.admin.messages.country'),
            totalsBy(report.rows, (r) => r.country),
            (k) => (k === 'XX' ? t('notify.admin.messages.unknown_country') : k),
          )}
          {table(
            t('notify.admin.messages.by_day'),
            t('notify.admin.messages.day'),
            totalsBy(report.rows, (r) => r.day),
          )}
        </>
      ) : null}
    </AdminLayout>
  );
}
