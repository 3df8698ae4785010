import type { VendorOrderStatus } from '@linked-all/orders/contract';
import { Layout, Notice, type PageContext } from '../components/layout';
import type { Order, OrderSummary } from './types';
import { cancelReasonText, isSettling, optionText, orderStatusText, PROVIDERS, paymentText, vendorStatusText } from './words';

/** Seconds between reloads of an order that is still being placed. */
export const SETTLING_REFRESH_SECONDS = 3;

type Props = PageContext & {
  order: Order;
  flash?: string;
  error?: string;
  /** Local dev only: the sandbox payment the shopper can approve here instead of on a phone. */
  sandboxPaymentId?: string | null;
};

const SHIPPED: readonly string[] = ['shipped', 'delivered'] satisfies VendorOrderStatus[];
const DROPPED: readonly string[] = ['rejected', 'cancelled', 'refunded'] satisfies VendorOrderStatus[];

/** Cancel is offered while a mobile-money payment waits, or before any package ships. */
export function canCancel(order: Order): boolean {
  if (isSettling(order.status)) return order.payment.method === 'mobile_money' && order.payment.status === 'pending';
  if (order.vendorOrders.some((v) => SHIPPED.includes(v.status))) return false;
  return order.vendorOrders.some((v) => !DROPPED.includes(v.status));
}

const dateText = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `/orders/:id`: status in words, packages per seller, totals, notes; reloads itself while settling. */
export function OrderPage({ order, flash, error, sandboxPaymentId, ...ctx }: Props) {
  const settling = isSettling(order.status);
  const lines = order.vendorOrders.flatMap((v) => v.lines);
  const titleOf = (skuId: string) => {
    const line = lines.find((l) => l.skuId === skuId);
    return line ? `${line.title}${Object.keys(line.options).length ? ` (${optionText(line.options)})` : ''}` : skuId;
  };
  const waitingForPhone = settling && order.payment.method === 'mobile_money' && order.payment.status === 'pending';
  return (
    <Layout {...ctx} title="Your order" noindex refreshSeconds={settling ? SETTLING_REFRESH_SECONDS : undefined}>
      <h1>Your order</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <section class="panel" aria-label="Status">
        <p class="sum">
          <span>Status</span>
          <span data-status={order.status}>{orderStatusText(order.status)}</span>
        </p>
        <p class="meta">
          Order {order.id} · placed {dateText(order.createdAt)}
        </p>
        {settling ? <p class="meta">This page updates itself every few seconds.</p> : null}
        {waitingForPhone ? (
          <p class="note">
            Approve the payment on your phone ({PROVIDERS[order.payment.provider ?? ''] ?? 'mobile money'}). We confirm the order
            as soon as the money arrives.
          </p>
        ) : null}
        {waitingForPhone && sandboxPaymentId ? (
          <form method="post" action={`/orders/${order.id}/approve`}>
            <input type="hidden" name="paymentId" value={sandboxPaymentId} />
            <button type="submit">Approve in the payment sandbox (local dev)</button>
          </form>
        ) : null}
        {order.cancellation ? (
          <div class="note err">
            <p>{cancelReasonText(order.cancellation.reason)}.</p>
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
            <p>Some prices changed since you added the items to your cart; the order uses today's price:</p>
            <ul>
              {order.priceChanges.map((c) => (
                <li>
                  {titleOf(c.skuId)}: was {c.cartPrice.formatted}, now {c.price.formatted}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      {order.vendorOrders.map((v, i) => (
        <section class="panel" aria-label={`Package ${i + 1}`}>
          <h2>
            Package {i + 1} of {order.vendorOrders.length}
            {v.vendorName ? ` · from ${v.vendorName}` : ''}
          </h2>
          <p class="meta">{vendorStatusText(v.status)}</p>
          <ul class="lines">
            {v.lines.map((l) => (
              <li class="row">
                <span>
                  {l.quantity} × {l.title}
                  {Object.keys(l.options).length ? <span class="meta">{optionText(l.options)}</span> : null}
                </span>
                <span>{l.lineTotal.formatted}</span>
              </li>
            ))}
          </ul>
          <p class="sum">
            <span>Package total</span>
            <span>{v.subtotal.formatted}</span>
          </p>
        </section>
      ))}
      <section class="panel" aria-label="Payment">
        {order.total ? (
          <p class="sum">
            <span>Total</span>
            <span>{order.total.formatted}</span>
          </p>
        ) : null}
        <p>Payment: {paymentText(order.payment.method, order.payment.provider)}</p>
        {canCancel(order) ? (
          <form method="post" action={`/orders/${order.id}/cancel`}>
            <button type="submit">Cancel this order</button>
          </form>
        ) : null}
      </section>
      <p>
        <a href="/orders">All my orders</a>
      </p>
    </Layout>
  );
}

type ListProps = PageContext & { orders: OrderSummary[]; nextCursor: string | null; flash?: string };

/** `/orders`: mine, newest first, with a link to older ones; sign out lives here. */
export function OrdersPage({ orders, nextCursor, flash, ...ctx }: ListProps) {
  return (
    <Layout {...ctx} title="My orders" noindex>
      <h1>My orders</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {orders.length === 0 ? (
        <p>
          No orders yet. <a href="/">Start shopping</a>
        </p>
      ) : (
        <ul class="lines">
          {orders.map((o) => (
            <li class="line">
              <div>
                <h3>
                  <a href={`/orders/${o.id}`}>
                    {dateText(o.createdAt)} · {o.items} {o.items === 1 ? 'item' : 'items'}
                  </a>
                </h3>
                <p class="meta">
                  {orderStatusText(o.status)}
                  {o.total ? ` · ${o.total.formatted}` : ''}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <a href={`/orders?cursor=${encodeURIComponent(nextCursor)}`}>Older orders</a>
        </p>
      ) : null}
      <form method="post" action="/signout">
        <button type="submit" class="link">
          Sign out
        </button>
      </form>
    </Layout>
  );
}
