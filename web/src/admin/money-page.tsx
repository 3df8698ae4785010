import { translator } from '@linked-all/i18n';
import { money } from '../vendor/format';
import { CodCash } from './cod-cash';
import { ActionForm, when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { AdminPayout, CollectorCashRow, LedgerCheckView, MoneyFlowRow, PayoutState, UncollectedCashRow } from './types';

const STATES: PayoutState[] = ['requested', 'sent', 'failed'];

/**
 * The ledger's health (debits = credits per currency), money flows per currency, pay-on-delivery
 * cash per rider with the remittance form, payouts with retry of a failed one.
 */
export function AdminMoneyPage({
  check,
  flows,
  unmatched,
  cod,
  payouts,
  state,
  ...ctx
}: AdminContext & {
  check: LedgerCheckView;
  flows: MoneyFlowRow[];
  unmatched: { total: number; lastDay: number };
  cod: { collectors: CollectorCashRow[]; uncollected: UncollectedCashRow[] };
  payouts: AdminPayout[];
  state?: PayoutState;
}) {
  const t = translator(ctx.locale);
  const m = (amount: number, currency: string) => money(ctx.locale, amount, currency);
  const count = (f: { count: number; amount: number }, currency: string) => `${f.count} · ${m(f.amount, currency)}`;
  return (
    <AdminLayout {...ctx} title={t('admin.money.title')}>
      <h2>{t('admin.money.ledger')}</h2>
      <p class={check.balanced ? 'note' : 'note err'} role="status" data-ledger={check.balanced ? 'balanced' : 'unbalanced'}>
        {check.balanced ? t('admin.money.balanced') : t('admin.money.unbalanced')} ({when(check.checkedAt)})
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('admin.money.currency')}</th>
            <th>{t('admin.money.debits')}</th>
            <th>{t('admin.money.credits')}</th>
            <th>{t('admin.money.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {check.currencies.map((c) => (
            <tr class={c.difference === 0 ? undefined : 'note err'}>
              <td>{c.currency}</td>
              <td>{m(c.debits, c.currency)}</td>
              <td>{m(c.credits, c.currency)}</td>
              <td>{c.difference === 0 ? '0' : m(c.difference, c.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {check.unbalancedEntries.length ? (
        <p class="note err">
          {t('admin.money.entries')}: {check.unbalancedEntries.join(', ')}
        </p>
      ) : null}
      <h2>{t('admin.money.flows')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('admin.money.currency')}</th>
            <th>{t('admin.money.wallets')}</th>
            <th>{t('admin.money.pending')}</th>
            <th>{t('admin.money.payable')}</th>
            <th>{t('admin.money.requested')}</th>
            <th>{t('admin.money.sent')}</th>
            <th>{t('admin.money.failed')}</th>
            <th>{t('admin.money.refunds')}</th>
          </tr>
        </thead>
        <tbody>
          {flows.map((f) => (
            <tr>
              <td>{f.currency}</td>
              <td>{m(f.wallets, f.currency)}</td>
              <td>{m(f.vendorPending, f.currency)}</td>
              <td>{m(f.vendorPayable, f.currency)}</td>
              <td>{count(f.payoutsRequested, f.currency)}</td>
              <td>{count(f.payoutsSent, f.currency)}</td>
              <td>{count(f.payoutsFailed, f.currency)}</td>
              <td>{count(f.refunds, f.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class={unmatched.lastDay ? 'note err' : undefined}>
        {t('admin.money.unmatched', { total: unmatched.total, day: unmatched.lastDay })}
      </p>
      <CodCash collectors={cod.collectors} uncollected={cod.uncollected} locale={ctx.locale} t={t} />
      <h2 id="payouts">{t('admin.money.payouts')}</h2>
      <form method="get" action="/admin/money#payouts">
        <select name="payouts">
          <option value="">{t('admin.money.all')}</option>
          {STATES.map((s) => (
            <option value={s} selected={s === state}>
              {t(`admin.money.${s}`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('admin.form.filter')}</button>
      </form>
      {payouts.length === 0 ? (
        <p>{t('admin.money.no_payouts')}</p>
      ) : (
        <table>
          <tbody>
            {payouts.map((p) => (
              <tr id={p.id}>
                <td>
                  {p.id}
                  <br />
                  <small>
                    {p.vendorId} · {p.provider} {p.phone}
                  </small>
                </td>
                <td>{m(p.amount, p.currency)}</td>
                <td>
                  {p.status}
                  {p.failureReason ? <small> · {p.failureReason}</small> : null}
                </td>
                <td>{when(p.createdAt)}</td>
                <td>
                  {p.retriedAs ? (
                    <a href={`#${p.retriedAs}`}>{t('admin.money.retried', { id: p.retriedAs })}</a>
                  ) : p.status === 'failed' ? (
                    <ActionForm action={`/admin/money/payouts/${p.id}/retry`} label={t('admin.money.retry')} t={t} reason />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
