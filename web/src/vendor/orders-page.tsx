import { plural } from '@linked-all/i18n';
import type { VendorOrderStatus } from '@linked-all/orders/contract';
import { VENDOR_ORDER_STATUSES } from '@linked-all/orders/contract';
import { day, money, optionText, when } from './format';
import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';
import type { ShopOrder, ShopOrderDetail } from './types';

/** "3 items": units to pack, not lines. */
export const linesText = (ctx: VendorContext, order: ShopOrder) =>
  plural(
    ctx.locale,
    'vendor.orders.lines',
    order.lines.reduce((n, l) => n + l.quantity, 0),
  );

/** One order in a list: its number, state, size and value, linking to its detail. */
export function OrderRow({ order, ctx }: { order: ShopOrder; ctx: VendorContext }) {
  const t = wordsFor(ctx);
  return (
    <li class="row">
      <span>
        <a href={`/vendor/orders/${order.id}`}>{t('vendor.orders.order', { id: order.id.slice(-6) })}</a>
        <br />
        <span class="meta">
          {`${linesText(ctx, order)} · ${money(ctx.locale, order.subtotal.amount, order.subtotal.currency)}`}
          {order.confirmedAt ? ` · ${day(ctx.locale, order.confirmedAt)}` : ''}
        </span>
      </span>
      <span class="tag">{t(`vendor.ostatus.${order.status}`)}</span>
    </li>
  );
}

type ListProps = VendorContext & { orders: ShopOrder[]; status?: VendorOrderStatus; nextCursor: string | null };

/** `/vendor/orders`: newest first, filtered by state with plain links. */
export function VendorOrdersPage({ orders, status, nextCursor, ...ctx }: ListProps) {
  const t = wordsFor(ctx);
  const href = (s?: string, cursor?: string) => {
    const q = new URLSearchParams();
    if (s) q.set('status', s);
    if (cursor) q.set('cursor', cursor);
    const text = q.toString();
    return `/vendor/orders${text ? `?${text}` : ''}`;
  };
  return (
    <VendorLayout {...ctx} title={t('vendor.orders.title')} nav>
      <h1>{t('vendor.orders.title')}</h1>
      <nav class="row" aria-label={t('vendor.orders.title')}>
        <a href={href()} aria-current={status ? undefined : 'page'}>
          {t('vendor.orders.all')}
        </a>
        {VENDOR_ORDER_STATUSES.map((s) => (
          <a href={href(s)} aria-current={s === status ? 'page' : undefined}>
            {t(`vendor.ostatus.${s}`)}
          </a>
        ))}
      </nav>
      {orders.length ? (
        <ul class="list">
          {orders.map((o) => (
            <OrderRow order={o} ctx={ctx} />
          ))}
        </ul>
      ) : (
        <p>{t('vendor.orders.none')}</p>
      )}
      {nextCursor ? (
        <p>
          <a href={href(status, nextCursor)}>{t('vendor.orders.older')}</a>
        </p>
      ) : null}
    </VendorLayout>
  );
}

/** What the vendor may do next, by the orders contract's moves. */
const canAccept = (s: VendorOrderStatus) => s === 'pending';
const canReady = (s: VendorOrderStatus) => s === 'accepted';
const canReject = (s: VendorOrderStatus) => s === 'pending' || s === 'accepted' || s === 'ready';

/**
 * `/vendor/orders/:id`: what to pack and where it goes, the actions, and (printed) the packing
 * slip: print CSS hides the forms and navigation, so the same page is the slip.
 */
export function VendorOrderPage({ order, slip, ...ctx }: VendorContext & { order: ShopOrderDetail; slip?: boolean }) {
  const t = wordsFor(ctx);
  const { shipping, destination, buyer, delivery } = order;
  return (
    <VendorLayout {...ctx} title={t(slip ? 'vendor.orders.slip' : 'vendor.orders.order', { id: order.id.slice(-6) })} nav={!slip}>
      <h1>{t('vendor.orders.order', { id: order.id })}</h1>
      <p>
        <span class="tag">{t(`vendor.ostatus.${order.status}`)}</span>
        {order.confirmedAt ? (
          <span class="meta"> {t('vendor.orders.confirmed', { date: when(ctx.locale, order.confirmedAt) })}</span>
        ) : null}
      </p>
      <section class="panel">
        <h2>{t('vendor.orders.to_pack')}</h2>
        <table>
          <tbody>
            {order.lines.map((line) => (
              <tr>
                <td>
                  {line.title}
                  {Object.keys(line.options).length ? <div class="meta">{optionText(line.options)}</div> : null}
                  <div class="meta">{line.skuId}</div>
                </td>
                <td class="num">{`${t('vendor.orders.qty')} ${line.quantity}`}</td>
                <td class="num">{money(ctx.locale, line.lineTotal.amount, line.lineTotal.currency)}</td>
              </tr>
            ))}
            <tr>
              <th colspan={2}>{t('vendor.orders.subtotal')}</th>
              <th class="num">{money(ctx.locale, order.subtotal.amount, order.subtotal.currency)}</th>
            </tr>
          </tbody>
        </table>
        <h2>{t('vendor.orders.delivery')}</h2>
        <p>
          {destination.station
            ? t('vendor.orders.station_at', destination.station)
            : destination.address
              ? t('vendor.orders.home_at', destination.address)
              : shipping.method === 'station'
                ? t('vendor.orders.station', { id: shipping.pickupStationId ?? '—' })
                : t('vendor.orders.home', { id: shipping.shippingAddressId ?? '—' })}
        </p>
        {buyer ? (
          <p>
            {t('vendor.orders.hand_to', { name: buyer.firstName })} <a href={`tel:${buyer.phone}`}>{buyer.phone}</a>
          </p>
        ) : null}
        {delivery && delivery.fee > 0 ? (
          <p class="meta">
            {t('vendor.orders.delivery_fee', { amount: money(ctx.locale, delivery.fee, delivery.currency) })}
            {delivery.window
              ? ` · ${t('vendor.orders.window', { from: day(ctx.locale, delivery.window.earliest), to: day(ctx.locale, delivery.window.latest) })}`
              : ''}
          </p>
        ) : null}
        <p>
          <strong>
            {shipping.payment === 'pay_on_delivery'
              ? t('vendor.orders.collect', { amount: money(ctx.locale, shipping.collect.amount, shipping.collect.currency) })
              : t('vendor.orders.prepaid')}
          </strong>
        </p>
        <p class="meta">{`${t('vendor.orders.packed_by')}: ____________`}</p>
      </section>
      {slip ? (
        <p class="noprint">
          <button type="button" data-print>
            {t('vendor.orders.print')}
          </button>{' '}
          <a href={`/vendor/orders/${order.id}`}>{t('vendor.orders.order', { id: order.id.slice(-6) })}</a>
        </p>
      ) : (
        <OrderActions order={order} ctx={ctx} />
      )}
    </VendorLayout>
  );
}

function OrderActions({ order, ctx }: { order: ShopOrder; ctx: VendorContext }) {
  const t = wordsFor(ctx);
  const action = (verb: string) => `/vendor/orders/${order.id}/${verb}`;
  return (
    <>
      <div class="row noprint">
        {canAccept(order.status) ? (
          <form method="post" action={action('accept')}>
            <KeyField />
            <button type="submit">{t('vendor.orders.accept')}</button>
          </form>
        ) : null}
        {canReady(order.status) ? (
          <form method="post" action={action('ready')}>
            <KeyField />
            <button type="submit">{t('vendor.orders.ready')}</button>
          </form>
        ) : null}
        <a class="btn alt" href={`/vendor/orders/${order.id}?print=1`}>
          {t('vendor.orders.slip')}
        </a>
      </div>
      {canReject(order.status) ? (
        <form class="panel stack" method="post" action={action('reject')}>
          <KeyField />
          <label>
            {t('vendor.orders.reason')}
            <input name="reason" required minlength={3} maxlength={200} />
          </label>
          <button type="submit" class="alt">
            {t('vendor.orders.reject')}
          </button>
        </form>
      ) : null}
    </>
  );
}
