import type { MessageKey } from '@linked-all/i18n';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { Problem } from './checkout-page';
import type { FormError, WalletBalance } from './types';
import { PROVIDERS } from './words';

/** Seconds between reloads of a top-up that waits for the shopper's phone. */
export const TOPUP_REFRESH_SECONDS = 3;

export type WalletMovement = { entryId: string; kind: string; amount: number; currency: string; at: string };

/** Payments' providers for the shop country's currency, with the bounds of one charge. */
export type TopUpProviders = { currency: string; providers: { provider: string; min: number; max: number }[] };

// Ledger entry kinds as a shopper reads them; refunds and returned holds are money coming back.
const MOVEMENT: Record<string, MessageKey> = {
  topup: 'shop.wallet.kind.topup',
  purchase: 'shop.wallet.kind.purchase',
  refund: 'shop.wallet.kind.refund',
  void: 'shop.wallet.kind.void',
};

type Props = PageContext & {
  balances: WalletBalance[];
  movements: WalletMovement[];
  topUp: TopUpProviders;
  /** Made when the page is rendered: a double tap pushes one prompt to the phone. */
  idempotencyKey: string;
  typed?: { amount?: string; provider?: string; phone?: string };
  error?: FormError;
  flash?: string;
};

/** `/wallet`: balance per currency, the last movements (refunds as they land), top up by mobile money. */
export function WalletPage({ balances, movements, topUp, idempotencyKey, typed = {}, error, flash, ...ctx }: Props) {
  const { t, money, date } = useI18n();
  const [first] = topUp.providers;
  return (
    <Layout {...ctx} title={t('shop.wallet.title')} noindex>
      <h1>{t('shop.wallet.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      <section class="panel" aria-labelledby="balances">
        <h2 id="balances">{t('shop.wallet.balances')}</h2>
        {balances.length === 0 ? <p>{t('shop.wallet.empty')}</p> : null}
        {balances.map((b) => (
          <p class="sum" data-currency={b.currency}>
            <span>{b.currency}</span>
            <span class="amt">{money(b.balance, b.currency)}</span>
          </p>
        ))}
      </section>
      <section class="panel" aria-labelledby="topup">
        <h2 id="topup">{t('shop.wallet.top_up', { currency: topUp.currency })}</h2>
        {error ? <Problem error={error} /> : null}
        {first ? (
          <form class="stack" method="post" action="/wallet/topups">
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <input type="hidden" name="currency" value={topUp.currency} />
            <label>
              {t('shop.wallet.amount', { currency: topUp.currency })}
              <input name="amount" inputmode="decimal" required maxlength={15} value={typed.amount} />
              <span class="meta">
                {t('shop.wallet.bounds', { min: money(first.min, topUp.currency), max: money(first.max, topUp.currency) })}
              </span>
            </label>
            <label>
              {t('shop.checkout.provider')}
              <select name="provider">
                {topUp.providers.map((p) => (
                  <option value={p.provider} selected={typed.provider === p.provider}>
                    {PROVIDERS[p.provider] ?? p.provider}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('shop.checkout.mobile_money_phone')}
              <input type="tel" name="phone" autocomplete="tel" required maxlength={20} value={typed.phone} />
            </label>
            <button type="submit">{t('shop.wallet.send_prompt')}</button>
          </form>
        ) : (
          <p class="note">{t('shop.checkout.mm_no_provider', { currency: topUp.currency })}</p>
        )}
      </section>
      <section class="panel" aria-labelledby="movements">
        <h2 id="movements">{t('shop.wallet.movements')}</h2>
        {movements.length === 0 ? <p>{t('shop.wallet.no_movements')}</p> : null}
        <ul class="lines">
          {movements.map((m) => (
            <li class="row" data-kind={m.kind}>
              <span>
                {MOVEMENT[m.kind] ? t(MOVEMENT[m.kind]) : m.kind}
                <span class="meta">{date(m.at)}</span>
              </span>
              <span class="amt">
                {m.amount > 0 ? '+' : ''}
                {money(m.amount, m.currency)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

type TopUpProps = PageContext & {
  topUp: { topUpId: string; status: 'pending' | 'paid' | 'failed'; provider: string; amount: number; currency: string };
  /** Local dev only: approve the sandbox prompt here instead of on a phone. */
  sandbox?: boolean;
  error?: string;
};

/** `/wallet/topups/:id`: reloads itself (no script) until the phone prompt is paid or fails. */
export function TopUpPage({ topUp, sandbox, error, ...ctx }: TopUpProps) {
  const { t, money } = useI18n();
  const amount = money(topUp.amount, topUp.currency);
  const provider = PROVIDERS[topUp.provider] ?? topUp.provider;
  const pending = topUp.status === 'pending';
  return (
    <Layout {...ctx} title={t('shop.wallet.topup_title')} noindex refreshSeconds={pending ? TOPUP_REFRESH_SECONDS : undefined}>
      <h1>{t('shop.wallet.topup_title')}</h1>
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <section class="panel">
        <p class="sum">
          <span>{amount}</span>
          <span data-status={topUp.status}>{t(`shop.wallet.status.${topUp.status}`)}</span>
        </p>
        {pending ? (
          <>
            <p class="note">{t('shop.order.approve_phone', { provider })}</p>
            <p class="meta">{t('shop.order.refreshing')}</p>
          </>
        ) : null}
        {topUp.status === 'paid' ? <p>{t('shop.wallet.paid', { amount })}</p> : null}
        {topUp.status === 'failed' ? <p class="note err">{t('shop.wallet.failed')}</p> : null}
        {pending && sandbox ? (
          <form method="post" action={`/wallet/topups/${topUp.topUpId}/approve`}>
            <button type="submit">{t('shop.order.sandbox_approve')}</button>
          </form>
        ) : null}
      </section>
      <p>
        <a href="/wallet">{t('shop.wallet.back')}</a>
      </p>
    </Layout>
  );
}
