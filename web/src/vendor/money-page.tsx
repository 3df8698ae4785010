import { fromMinor, money, when } from './format';
import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';
import type { Balance, Payout, Statement } from './types';

type Props = VendorContext & {
  /** Pending and payable now, per currency (payments' balance). */
  balances: Balance[];
  /** The statement of the week shown. */
  statement: Statement;
  payouts: Payout[];
  /** Payouts go to the shop's payout phone only (the owner changes it, confirmed by SMS). */
  payoutPhone: string;
  canPayOut: boolean;
};

/** `/vendor/money`: pending and payable balances, a payout, the week's statement, past payouts. */
export function MoneyPage({ balances, statement, payouts, payoutPhone, canPayOut, ...ctx }: Props) {
  const t = wordsFor(ctx);
  const m = (amount: number, currency: string) => money(ctx.locale, amount, currency);
  return (
    <VendorLayout {...ctx} title={t('vendor.money.title')} nav>
      <h1>{t('vendor.money.title')}</h1>
      {balances.map((c) => (
        <section class="panel">
          <p>
            <span class="meta">{t('vendor.money.pending')}</span>
            <br />
            <span class="big">{m(c.pending, c.currency)}</span>
          </p>
          <p>
            <span class="meta">{t('vendor.money.payable')}</span>
            <br />
            <span class="big">{m(c.payable, c.currency)}</span>
          </p>
          {canPayOut && c.payable > 0 ? (
            <form class="stack" method="post" action="/vendor/payouts">
              <KeyField />
              <input type="hidden" name="currency" value={c.currency} />
              <label>
                {`${t('vendor.money.amount')} (${c.currency})`}
                <input name="amount" value={fromMinor(c.payable, c.currency)} inputmode="decimal" required maxlength={16} />
              </label>
              <p class="meta">{`${t('vendor.money.phone')}: ${payoutPhone}`}</p>
              <button type="submit">{t('vendor.money.request')}</button>
            </form>
          ) : null}
        </section>
      ))}
      <h2>{t('vendor.money.statement', { week: statement.week })}</h2>
      <form class="row" method="get" action="/vendor/money">
        <label>
          {t('vendor.money.week')} <input type="week" name="week" value={statement.week} />
        </label>
        <button type="submit" class="alt">
          {t('vendor.money.show')}
        </button>
      </form>
      {statement.currencies.map((c) => (
        <table>
          <tbody>
            <tr>
              <td>{t('vendor.money.gross')}</td>
              <td class="num">{m(c.grossSales, c.currency)}</td>
            </tr>
            <tr>
              <td>{t('vendor.money.commission')}</td>
              <td class="num">{m(-c.commission, c.currency)}</td>
            </tr>
            <tr>
              <td>{t('vendor.money.refunds')}</td>
              <td class="num">{m(-c.refunds, c.currency)}</td>
            </tr>
            <tr>
              <td>{t('vendor.money.paid_out')}</td>
              <td class="num">{m(-c.payouts, c.currency)}</td>
            </tr>
          </tbody>
        </table>
      ))}
      <h2>{t('vendor.money.payouts')}</h2>
      {payouts.length ? (
        <ul class="list">
          {payouts.map((p) => (
            <li class="row">
              <span>
                {m(p.amount, p.currency)}
                <br />
                <span class="meta">{`${p.phone} · ${when(ctx.locale, p.createdAt)}`}</span>
              </span>
              <span class="tag">{t(`vendor.payout.${p.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('vendor.money.none')}</p>
      )}
    </VendorLayout>
  );
}
