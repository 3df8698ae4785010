import type { VendorOrderStatus } from '@linked-all/orders/contract';
import { countryName } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { LiveBar } from './live-bar';
import type { Address, Order, OrderSummary, Parcel, ReturnWindow, ReviewState } from './types';
import {
  cancelReasonText,
  isSettling,
  optionText,
  orderStatusText,
  PROVIDERS,
  paymentText,
  shipmentStatusText,
  vendorStatusText,
} from './words';

/** Seconds between reloads of an order that is still being placed. */
export const SETTLING_REFRESH_SECONDS = 3;

type Props = PageContext & {
  order: Order;
  flash?: string;
  error?: string;
  /** Local dev only: the sandbox payment the shopper can approve here instead of on a phone. */
  sandboxPaymentId?: string | null;
  /** Where it goes: the shopper's saved address (null if since deleted). */
  address?: Address | null;
  /** Logistics' parcels once the order is confirmed: timeline, station and collection code. */
  parcels?: Parcel[];
  /** Payments' return window of each delivered vendor order. */
  returnWindows?: ReturnWindow[];
  /** Each delivered product, reviewed or not yet. */
  reviews?: ReviewState[];
};

const SHIPPED: readonly string[] = ['shipped', 'delivered'] satisfies VendorOrderStatus[];
const DROPPED: readonly string[] = ['rejected', 'cancelled', 'refunded'] satisfies VendorOrderStatus[];

// A payment that was declined, timed out or refused by its method leaves the cart as it was
// (the checkout empties it only once paid): the same cart can be paid another way.
const PAY_AGAIN: readonly string[] = [
  'payment_failed',
  'payment_timeout',
  'insufficient_funds',
  'cod_limit_exceeded',
  'cod_unavailable',
  'checkout_cancelled',
];

/** Cancel is offered while a mobile-money payment waits, or before any package ships. */
export function canCancel(order: Order): boolean {
  if (isSettling(order.status)) return order.payment.method === 'mobile_money' && order.payment.status === 'pending';
  if (order.vendorOrders.some((v) => SHIPPED.includes(v.status))) return false;
  return order.vendorOrders.some((v) => !DROPPED.includes(v.status));
}

/** `/orders/:id`: status in words, packages per seller, totals, notes; reloads itself while settling. */
export function OrderPage({
  order,
  flash,
  error,
  sandboxPaymentId,
  address,
  parcels = [],
  returnWindows = [],
  reviews = [],
  ...ctx
}: Props) {
  const { t, money, date } = useI18n();
  const m = (value: { amount: number; currency: string }) => money(value.amount, value.currency);
  const settling = isSettling(order.status);
  const lines = order.vendorOrders.flatMap((v) => v.lines);
  const titleOf = (skuId: string) => {
    const line = lines.find((l) => l.skuId === skuId);
    return line ? `${line.title}${Object.keys(line.options).length ? ` (${optionText(line.options)})` : ''}` : skuId;
  };
  const waitingForPhone = settling && order.payment.method === 'mobile_money' && order.payment.status === 'pending';
  return (
    <Layout {...ctx} title={t('shop.order.title')} noindex refreshSeconds={settling ? SETTLING_REFRESH_SECONDS : undefined}>
      <h1>{t('shop.order.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      <LiveBar orderId={order.id} path={ctx.path} />
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <section class="panel" aria-label={t('shop.order.status')}>
        <p class="sum">
          <span>{t('shop.order.status')}</span>
          <span data-status={order.status}>{orderStatusText(t, order.status)}</span>
        </p>
        <p class="meta">{t('shop.order.meta', { id: order.id, date: date(order.createdAt) })}</p>
        {settling ? <p class="meta">{t('shop.order.refreshing')}</p> : null}
        {waitingForPhone ? (
          <p class="note">
            {t('shop.order.approve_phone', {
              provider: PROVIDERS[order.payment.provider ?? ''] ?? t('shop.payment.mobile_money'),
            })}
          </p>
        ) : null}
        {waitingForPhone && sandboxPaymentId ? (
          <form method="post" action={`/orders/${order.id}/approve`}>
            <input type="hidden" name="paymentId" value={sandboxPaymentId} />
            <button type="submit">{t('shop.order.sandbox_approve')}</button>
          </form>
        ) : null}
        {order.cancellation ? (
          <div class="note err">
            <p>{cancelReasonText(t, order.cancellation.reason)}.</p>
            {PAY_AGAIN.includes(order.cancellation.reason) ? (
              <p>
                {t('shop.order.pay_another_way_note')} <a href="/checkout">{t('shop.order.pay_another_way')}</a>
              </p>
            ) : null}
            {order.cancellation.skuIds.length ? (
              <ul>
                {order.cancellation.skuIds.map((skuId) => (
                  <li>{titleOf(skuId)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {order.priceChanges.length ? (
          <div class="note">
            <p>{t('shop.order.price_changes')}</p>
            <ul>
              {order.priceChanges.map((c) => (
                <li>{t('shop.order.price_change', { title: titleOf(c.skuId), was: m(c.cartPrice), now: m(c.price) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      {address ? (
        <section class="panel" aria-labelledby="to">
          <h2 id="to">{t('shop.order.deliver_to')}</h2>
          <p>
            {address.label ? <strong>{address.label}: </strong> : null}
            {address.landmark}, {address.city}, {countryName(t, address.country)}
          </p>
        </section>
      ) : null}
      {order.vendorOrders.map((v, i) => (
        <section class="panel">
          <h2>
            {v.vendorName
              ? t('shop.order.package_from', { n: i + 1, total: order.vendorOrders.length, vendor: v.vendorName })
              : t('shop.order.package', { n: i + 1, total: order.vendorOrders.length })}
          </h2>
          <p class="meta">{vendorStatusText(t, v.status)}</p>
          {v.delivery?.window ? (
            <p>
              {t('shop.order.window', { earliest: date(v.delivery.window.earliest), latest: date(v.delivery.window.latest) })}
            </p>
          ) : null}
          <ParcelView parcel={parcels.find((p) => p.vendorOrderId === v.id)} dropped={DROPPED.includes(v.status)} />
          {v.status === 'delivered' ? <ReturnLine orderId={order.id} vendorOrderId={v.id} windows={returnWindows} /> : null}
          <ul class="lines">
            {v.lines.map((l) => (
              <li class="row">
                <span>
                  {l.quantity} × {l.title}
                  {Object.keys(l.options).length ? <span class="meta">{optionText(l.options)}</span> : null}
                </span>
                <span class="amt">{m(l.lineTotal)}</span>
              </li>
            ))}
          </ul>
          {reviews
            .filter((r) => r.vendorOrderId === v.id)
            .map((r) => (
              <ReviewForm
                orderId={order.id}
                review={r}
                title={v.lines.find((l) => l.productId === r.productId)?.title ?? r.productId}
              />
            ))}
          <p class="sum">
            <span>{t('shop.order.package_total')}</span>
            <span class="amt">{m(v.subtotal)}</span>
          </p>
        </section>
      ))}
      <section class="panel">
        {order.total ? (
          <p class="sum">
            <span>{t('shop.order.total')}</span>
            <span class="amt">{m(order.total)}</span>
          </p>
        ) : null}
        <p>{t('shop.order.payment', { method: paymentText(t, order.payment.method, order.payment.provider) })}</p>
        {canCancel(order) ? (
          // A secondary action: the next page says what happens to the money and asks to confirm.
          <p>
            <a href={`/orders/${order.id}/cancel`}>{t('shop.order.cancel')}</a>
          </p>
        ) : null}
      </section>
      <p>
        <a href="/orders">{t('shop.order.all')}</a>
      </p>
    </Layout>
  );
}

/** Until when a delivered vendor order can be returned (and the way to the return form while it can). */
function ReturnLine({ orderId, vendorOrderId, windows }: { orderId: string; vendorOrderId: string; windows: ReturnWindow[] }) {
  const { t, date } = useI18n();
  const window = windows.find((w) => w.vendorOrderId === vendorOrderId);
  if (window && !window.open) return <p class="meta">{t('shop.order.return_closed', { date: date(window.endsAt) })}</p>;
  return (
    <p>
      {window ? (
        <span data-return-until={window.endsAt}>{t('shop.order.return_until', { date: date(window.endsAt) })} </span>
      ) : null}
      <a href={`/orders/${orderId}/returns/new?vendorOrder=${vendorOrderId}`}>{t('shop.order.return_item')}</a>
    </p>
  );
}

/** One delivered product: "reviewed", or a small form (1–5 stars, a few words) that works with JavaScript off. */
function ReviewForm({ orderId, review, title }: { orderId: string; review: ReviewState; title: string }) {
  const { t } = useI18n();
  if (review.reviewed) {
    return (
      <p class="meta" data-reviewed={review.productId}>
        {title}: {t('shop.review.reviewed')}
      </p>
    );
  }
  return (
    <details class="review">
      <summary>
        {t('shop.review.title')}: {title}
      </summary>
      <form class="stack" method="post" action={`/orders/${orderId}/reviews`}>
        <input type="hidden" name="vendorOrderId" value={review.vendorOrderId} />
        <input type="hidden" name="productId" value={review.productId} />
        <fieldset class="stars">
          <legend>{t('shop.review.stars')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label>
              <input type="radio" name="rating" value={String(n)} required /> {n}
            </label>
          ))}
        </fieldset>
        <label>
          {t('shop.review.text')}
          <textarea name="body" rows={3} required minlength={3} maxlength={2000} />
        </label>
        <button type="submit">{t('shop.review.send')}</button>
      </form>
    </details>
  );
}

/**
 * A parcel's state, station, collection code and timeline, newest step last. A package the order
 * dropped (cancelled, refused, refunded) shows its parcel as cancelled even before logistics has
 * heard of it, and never a code to collect it with.
 */
function ParcelView({ parcel, dropped }: { parcel?: Parcel; dropped: boolean }) {
  const { t, date } = useI18n();
  if (!parcel) return null;
  const status = dropped ? 'cancelled' : parcel.status;
  return (
    <>
      <p class="meta" data-parcel={status}>
        {shipmentStatusText(t, status)}
      </p>
      {parcel.station ? (
        <p>
          {t('shop.order.station', { station: `${parcel.station.name}, ${parcel.station.landmark}, ${parcel.station.city}` })}
        </p>
      ) : null}
      {parcel.collectionCode && status !== 'cancelled' ? (
        <p class="note">
          {t('shop.order.collection_code')} <strong data-code>{parcel.collectionCode}</strong>
        </p>
      ) : null}
      {parcel.timeline.length ? (
        <ol class="meta" aria-label={t('shop.order.timeline')}>
          {parcel.timeline.map((step) => (
            <li>
              {shipmentStatusText(t, step.status)} · {date(step.at)}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

type ListProps = PageContext & { orders: OrderSummary[]; nextCursor: string | null; flash?: string };

/** `/orders`: mine, newest first, with a link to older ones; sign out lives here. */
export function OrdersPage({ orders, nextCursor, flash, ...ctx }: ListProps) {
  const { t, money, date, plural } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.orders.title')} noindex>
      <h1>{t('shop.orders.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      <LiveBar path={ctx.path} />
      {orders.length === 0 ? (
        <p>
          {t('shop.orders.empty')} <a href="/">{t('shop.cart.start')}</a>
        </p>
      ) : (
        <ul class="lines">
          {orders.map((o) => (
            <li class="line">
              {o.preview[0]?.image && !ctx.saveData ? (
                <img class="thumb" src={o.preview[0].image} width={64} height={64} alt="" loading="lazy" />
              ) : (
                <span class="thumb" />
              )}
              <div>
                <h3>
                  <a href={`/orders/${o.id}`}>{o.preview.map((l) => l.title).join(', ') || date(o.createdAt)}</a>
                </h3>
                <p class="meta">
                  {date(o.createdAt)} · {plural('common.items', o.items)}
                </p>
                <p class="meta">
                  {orderStatusText(t, o.status)}
                  {o.total ? ` · ${money(o.total.amount, o.total.currency)}` : ''}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/wallet">{t('shop.nav.wallet')}</a>
      </p>
      {nextCursor ? (
        <p>
          <a href={`/orders?cursor=${encodeURIComponent(nextCursor)}`}>{t('shop.orders.older')}</a>
        </p>
      ) : null}
      <form method="post" action="/signout">
        <button type="submit" class="link">
          {t('shop.orders.sign_out')}
        </button>
      </form>
    </Layout>
  );
}
