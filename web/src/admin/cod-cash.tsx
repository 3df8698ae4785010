import { type Locale, plural, type Translate } from '@linked-all/i18n';
import { fromMinor, money } from '../vendor/format';
import { ActionForm, when } from './kit';
import type { CollectorCashRow, UncollectedCashRow } from './types';

const HOUR_MS = 3_600_000;
/** The alert cod_cash_overdue's threshold (payments alert-figures.ts): the rows past it are red. */
const OVERDUE_HOURS = 48;

/** How long ago, in whole hours ("3 h"), as the runbook counts it. */
const hoursSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / HOUR_MS));

/**
 * Pay-on-delivery cash out of the platform's hands: what each rider or station agent holds (the
 * age of the oldest collection they have not handed in) with a form to record a remittance, and the
 * delivered parcels whose collection nobody booked. A plain form: it works with JavaScript off.
 */
export function CodCash({
  collectors,
  uncollected,
  locale,
  t,
  now = Date.now(),
}: {
  collectors: CollectorCashRow[];
  uncollected: UncollectedCashRow[];
  locale: Locale;
  t: Translate;
  now?: number;
}) {
  const m = (amount: number, currency: string) => money(locale, amount, currency);
  return (
    <>
      <h2 id="cod">{t('admin.money.cod.title')}</h2>
      {collectors.length === 0 ? (
        <p>{t('admin.money.cod.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.money.cod.collector')}</th>
              <th>{t('admin.money.cod.held')}</th>
              <th>{t('admin.money.cod.oldest')}</th>
              <th>{t('admin.money.cod.remit')}</th>
            </tr>
          </thead>
          <tbody>
            {collectors.map((c) => {
              const hours = c.oldestAt ? hoursSince(c.oldestAt, now) : 0;
              const overdue = hours >= OVERDUE_HOURS;
              return (
                <tr
                  id={`cod-${c.collectorId}-${c.currency}`}
                  class={overdue ? 'note err' : undefined}
                  data-collector={c.collectorId}
                  data-overdue={overdue ? 'yes' : 'no'}
                >
                  <td>
                    <a href={`/admin/users/${c.collectorId}`}>{c.collectorId}</a>
                  </td>
                  <td>
                    {m(c.held, c.currency)}
                    <br />
                    <small>{plural(locale, 'admin.money.cod.collections', c.collections)}</small>
                  </td>
                  <td>
                    {c.oldestAt ? (
                      <>
                        {t('admin.money.cod.age', { hours })}
                        <br />
                        <small>{when(c.oldestAt)}</small>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <ActionForm
                      action={`/admin/money/cod/${c.collectorId}/remit`}
                      label={t('admin.money.cod.record')}
                      t={t}
                      reason
                    >
                      <input type="hidden" name="currency" value={c.currency} />
                      <label>
                        {t('admin.money.cod.amount', { currency: c.currency })}{' '}
                        <input name="amount" required inputmode="decimal" size={10} value={fromMinor(c.held, c.currency)} />
                      </label>{' '}
                    </ActionForm>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {uncollected.map((u) => (
        <p class={u.oldestAt && hoursSince(u.oldestAt, now) >= OVERDUE_HOURS ? 'note err' : 'note'} data-uncollected={u.currency}>
          {plural(locale, 'admin.money.cod.uncollected', u.count, { amount: m(u.amount, u.currency) })}
          {u.oldestAt ? ` ${t('admin.money.cod.since', { time: when(u.oldestAt) })}` : null}
        </p>
      ))}
    </>
  );
}
