import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';
import { canCancel } from './order-page';
import type { Order } from './types';
import { isSettling } from './words';

type Props = PageContext & { order: Order; error?: string };

/**
 * `/orders/:id/cancel`: what cancelling does to the money, then one button to confirm. Money
 * already taken (wallet or mobile money) goes back to the wallet; a phone prompt still waiting is
 * withdrawn; pay on delivery was never charged.
 */
export function CancelOrderPage({ order, error, ...ctx }: Props) {
  const { t, money } = useI18n();
  const paid = order.payment.method !== 'pay_on_delivery' && !isSettling(order.status);
  const waiting = order.payment.method === 'mobile_money' && order.payment.status === 'pending';
  const total = order.total ? money(order.total.amount, order.total.currency) : '';
  return (
    <Layout {...ctx} title={t('shop.cancel.title')} noindex>
      <h1>{t('shop.cancel.title')}</h1>
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      {canCancel(order) ? (
        <section class="panel">
          <p data-money={waiting ? 'withdrawn' : paid ? 'refund' : 'none'}>
            {waiting
              ? t('shop.cancel.money_pending')
              : paid
                ? t('shop.cancel.money_refund', { amount: total })
                : t('shop.cancel.money_none')}
          </p>
          <form method="post" action={`/orders/${order.id}/cancel`}>
            <button type="submit">{t('shop.cancel.confirm')}</button>
          </form>
        </section>
      ) : (
        <p class="note">{t('shop.cancel.cannot')}</p>
      )}
      <p>
        <a href={`/orders/${order.id}`}>{t('shop.cancel.keep')}</a>
      </p>
    </Layout>
  );
}
