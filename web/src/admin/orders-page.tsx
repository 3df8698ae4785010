import { translator } from '@linked-all/i18n';
import { money } from '../vendor/format';
import { ActionForm, when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { AdminOrderDetail, FoundOrderRow, TraceLogRow } from './types';

/** Search by order id, vendor order id, phone, e-mail or tracking code; the orders found. */
export function AdminOrdersPage({ q, orders, ...ctx }: AdminContext & { q: string; orders: FoundOrderRow[] | null }) {
  const t = translator(ctx.locale);
  return (
    <AdminLayout {...ctx} title={t('admin.orders.title')}>
      <form method="get" action="/admin/orders">
        <label>
          {t('admin.orders.search')} <input name="q" value={q} size={28} required />
        </label>{' '}
        <button type="submit">{t('admin.orders.find')}</button>
      </form>
      {orders === null ? null : orders.length === 0 ? (
        <p>{t('admin.orders.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.orders.order')}</th>
              <th>{t('admin.orders.placed')}</th>
              <th>{t('admin.orders.status')}</th>
              <th>{t('admin.orders.total')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr>
                <td>
                  <a href={`/admin/orders/${o.id}`}>{o.id}</a>
                </td>
                <td>{when(o.createdAt)}</td>
                <td>{o.status}</td>
                <td>{o.currency ? money(ctx.locale, o.total, o.currency) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** One order: its vendor orders (each cancellable with a reason while not shipped) and the timeline of every event. */
export function AdminOrderPage({
  order,
  missing,
  logs,
  ...ctx
}: AdminContext & { order: AdminOrderDetail; missing: string[]; logs: TraceLogRow[] | null }) {
  const t = translator(ctx.locale);
  return (
    <AdminLayout {...ctx} title={`${t('admin.orders.order')} ${order.id}`}>
      <p>
        {t('admin.orders.status')}: <b>{order.status}</b> · {order.paymentMethod} ({order.paymentStatus}) ·{' '}
        {t('admin.orders.total')}: {order.currency ? money(ctx.locale, order.total, order.currency) : ''} ·{' '}
        {t('admin.orders.placed')}: {when(order.createdAt)} · <a href={`/admin/audit?target=${order.userId}`}>{order.userId}</a>
      </p>
      <h2>{t('admin.orders.vendor_orders')}</h2>
      <table>
        <tbody>
          {order.vendorOrders.map((v) => (
            <tr id={v.id}>
              <td>
                {v.id}
                <br />
                <small>{v.vendorName ?? v.vendorId}</small>
              </td>
              <td>{v.status}</td>
              <td>{money(ctx.locale, v.amount, v.currency)}</td>
              <td>
                {v.cancellable ? (
                  <ActionForm
                    action={`/admin/orders/${order.id}/vendor-orders/${v.id}/cancel`}
                    label={t('admin.orders.cancel_refund')}
                    t={t}
                    reason
                  />
                ) : (
                  <a href={`/admin/audit?target=${v.id}`}>{t('admin.nav.audit')}</a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('admin.orders.timeline')}</h2>
      {missing.length ? <p class="note err">{t('admin.audit.missing', { services: missing.join(', ') })}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t('admin.audit.when')}</th>
            <th>{t('admin.orders.source')}</th>
            <th>{t('admin.orders.event')}</th>
            <th>{t('admin.audit.actor')}</th>
            <th>{t('admin.audit.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {order.timeline.map((e) => (
            <tr>
              <td>{when(e.at)}</td>
              <td>{e.source}</td>
              <td>{e.what}</td>
              <td>{e.who}</td>
              <td>{e.why ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TraceLogs logs={logs} t={t} />
    </AdminLayout>
  );
}

/** The log lines of the order's traces, each with its span and its parent's; null = they are in Workers Logs. */
function TraceLogs({ logs, t }: { logs: TraceLogRow[] | null; t: ReturnType<typeof translator> }) {
  return (
    <>
      <h2>{t('admin.orders.logs')}</h2>
      {logs === null ? (
        <p class="note">{t('admin.orders.logs_elsewhere')}</p>
      ) : logs.length === 0 ? (
        <p>{t('admin.orders.logs_none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.audit.when')}</th>
              <th>{t('admin.orders.source')}</th>
              <th>{t('admin.orders.event')}</th>
              <th>{t('admin.orders.span')}</th>
            </tr>
          </thead>
          <tbody>
            {logs.map((l) => (
              <tr data-trace={l.traceId} class={l.level === 'error' || l.level === 'warn' ? 'err' : undefined}>
                <td>{l.at.slice(11, 23)}</td>
                <td>{l.service}</td>
                <td>
                  <b>{l.message}</b> <small>{l.detail}</small>
                </td>
                <td>
                  <small>
                    {l.spanId} ← {l.parentSpanId}
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
