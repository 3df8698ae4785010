import type { WorkflowStepConfig } from 'cloudflare:workers';
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers';
import { traceWorkflowRuns } from '@linked-all/events/traced-workflow';
import { log, traced } from '@linked-all/http';
import { metricsSink } from '@linked-all/metrics';
import { CURRENCIES, CurrencyCode } from '@linked-all/money';
import { relayOrdersOutbox } from '../orders/relay';
import { callPayments } from '../service-calls';
import type { CheckoutParams, PlacedOrder } from './checkout-params';
import { type CreatedOrder, createOrder } from './create-order';
import { HOLD_TTL_MS, orderPayment, PAYMENT_EVENT_TYPE, PAYMENT_WAIT, type PaymentSignal, SHOPPER_CANCELLED } from './payment';
import { priceCart } from './price-cart';
import { type PricedDelivery, priceDelivery } from './price-delivery';
import { cancelCheckout, confirmOrder, markAwaitingPayment, type PaymentStatus, setPaymentStatus } from './settle-order';
import { commitStock, reserveStock, restockStock, type SkuQuantities } from './stock';

// Every step calls something idempotent by the order id, so a retry after a crash repeats nothing.
const RETRY: WorkflowStepConfig = { retries: { limit: 5, delay: '1 second', backoff: 'exponential' }, timeout: '30 seconds' };
// Compensations and the steps after the stock is committed must not give up while a service is
// down for a while (payments unavailable for a minute would otherwise leave the wallet debited and
// the order awaiting payment): 30 tries, exponential from 2 s capped at 10 min, about 4 hours in all.
const PERSIST_MAX_MS = 10 * 60_000;
const PERSIST: WorkflowStepConfig = {
  retries: {
    limit: 30,
    delay: ({ ctx }) => Math.min(2_000 * 2 ** Math.max(0, ctx.attempt - 1), PERSIST_MAX_MS),
  },
  timeout: '30 seconds',
};
const ROLL_FORWARD = PERSIST;
// Pricing delivery comes before anything is reserved or charged: when logistics is down the
// checkout gives up after a few seconds with a reason the shopper can act on (try again later),
// rather than holding the order open for hours.
const QUOTE: WorkflowStepConfig = { retries: { limit: 2, delay: '1 second', backoff: 'constant' }, timeout: '15 seconds' };
const COMPENSATE = PERSIST;

export type CheckoutOutput =
  | { orderId: string; status: 'confirmed' }
  | { orderId: string; status: 'cancelled'; reason: string; skuIds: string[] };

type Compensation = { name: string; run: () => Promise<unknown> };
type Paid = { ok: true; status: PaymentStatus } | { ok: false; reason: string };

/**
 * The checkout saga, one instance per (shopper, Idempotency-Key): price the cart → price each
 * vendor order's delivery (logistics) → create the order with its delivery fees → hold the stock → take (or record) payment → commit the stock → capture → confirm →
 * empty the cart. Each step that changes something elsewhere registers its compensation before
 * it runs (release the holds, void the payment; cancelling the order undoes the order itself); a
 * refusal or a failure runs them newest first, each as its own step, and ends the order
 * `cancelled` with a reason. Committing the stock is the point of no return: the steps after it
 * only roll forward.
 */
export class CheckoutWorkflow extends WorkflowEntrypoint<OrdersEnv, CheckoutParams> {
  override async run(event: WorkflowEvent<CheckoutParams>, step: WorkflowStep): Promise<CheckoutOutput> {
    const { orderId, userId, cartId, destination } = event.payload;
    const db = this.env.DB;
    const placed: PlacedOrder | undefined = destination && { userId, paymentMethod: event.payload.payment.method, destination };
    const undo: Compensation[] = [];

    const giveUp = async (reason: string, skuIds: string[] = []): Promise<CheckoutOutput> => {
      for (const c of [...undo].reverse()) await step.do(c.name, COMPENSATE, async () => void (await c.run()));
      await step.do('cancel the order', COMPENSATE, async () => {
        await cancelCheckout(db, { orderId, userId, reason, skuIds });
        // Publish now rather than at the next cron; a failure here leaves the rows for the cron.
        await relayOrdersOutbox(this.env);
        await metricsSink(this.env).write({ kind: 'checkout', service: 'orders', stage: 'cancelled', reason });
      });
      return { orderId, status: 'cancelled', reason, skuIds };
    };

    let pivoted = false;
    try {
      const priced = await step.do('load the cart and price it from the catalog', RETRY, () => priceCart(this.env, cartId));
      if (!priced.ok) return await giveUp(priced.reason, priced.skuIds);

      let delivery: PricedDelivery;
      try {
        delivery = await step.do('price each vendor order’s delivery with logistics', QUOTE, () =>
          priceDelivery(this.env, { orderId, currency: priced.currency, lines: priced.lines, placed }),
        );
      } catch (err) {
        log('warn', 'logistics could not price delivery; cancelling the checkout', {
          orderId,
          error: err instanceof Error ? err.message : String(err),
        });
        return await giveUp('logistics_unavailable');
      }
      if (!delivery.ok) return await giveUp(delivery.reason);

      const order = await step.do('create the order split by vendor', RETRY, () =>
        createOrder(db, {
          orderId,
          currency: priced.currency,
          lines: priced.lines,
          priceChanges: priced.priceChanges,
          delivery,
          placed,
        }),
      );

      const quantities: SkuQuantities = {};
      for (const line of priced.lines) quantities[line.skuId] = (quantities[line.skuId] ?? 0) + line.quantity;
      const skuIds = Object.keys(quantities);
      // Restock, not release: if committing fails part-way (one SKU's hold expired, or the step
      // gave up), the SKUs already committed must come back on hand too. The step keeps its name
      // so instances already running replay it.
      undo.push({ name: 'release the stock holds', run: () => restockStock(this.env, orderId, skuIds) });
      // One step for holding the stock and marking the order: each step is a result the engine
      // persists before the next one starts, and both parts are idempotent by the order id, so a
      // retry after reserving only finds the holds it made.
      const held = await step.do('reserve stock for every SKU and mark the order awaiting payment', RETRY, async () => {
        const reserved = await reserveStock(this.env, orderId, quantities, HOLD_TTL_MS);
        if (reserved.ok) await markAwaitingPayment(db, orderId);
        return reserved;
      });
      if (!held.ok) {
        // reserveStock already released what it held before answering: nothing left to release.
        undo.pop();
        return await giveUp('out_of_stock', held.skuIds);
      }

      const paid = await this.pay(step, event.payload, order, undo);
      if (!paid.ok) return await giveUp(paid.reason);

      const expired = await step.do('commit the stock holds', RETRY, () => commitStock(this.env, orderId, skuIds));
      if (expired.length > 0) return await giveUp('reservation_expired', expired);
      pivoted = true;

      // Capture, confirm and empty the cart roll forward together: each part is idempotent by the
      // order id, so a retry repeats nothing, and one step saves two persisted step writes.
      // Pay on delivery is captured too: no money moves, but payments learns the order stands,
      // which is what later lets a vendor order be refunded (closed) rather than voided.
      const confirmedWith: PaymentStatus = paid.status === 'authorized' ? 'captured' : paid.status;
      await step.do('capture the payment, confirm the order and empty the cart', ROLL_FORWARD, async () => {
        const captured = await callPayments(() => traced(this.env.PAYMENTS).capture({ orderId }));
        if (!captured.ok) throw new Error(`capture refused for ${orderId}: ${captured.reason}`);
        await confirmOrder(db, order, confirmedWith);
        await relayOrdersOutbox(this.env);
        await this.env.CARTS.get(this.env.CARTS.idFromName(cartId)).clear(orderId, priced.cartRevision);
        // GMV by country and currency: the currency's home country (XOF is counted under CI).
        const currency = CurrencyCode.safeParse(order.currency);
        await metricsSink(this.env).write({
          kind: 'checkout',
          service: 'orders',
          stage: 'confirmed',
          currency: order.currency,
          country: currency.success ? CURRENCIES[currency.data].country : 'XX',
          amount: order.total,
        });
      });
      return { orderId, status: 'confirmed' };
    } catch (err) {
      // Stock sold and payment taken: undoing would be worse than an operator finishing the order.
      if (pivoted) throw err;
      log('error', 'checkout failed; compensating', { orderId, error: err instanceof Error ? err.message : String(err) });
      await giveUp('checkout_failed');
      throw err;
    }
  }

  /** Takes the money (wallet, or mobile money into the wallet first) or records pay on delivery. */
  private async pay(step: WorkflowStep, params: CheckoutParams, order: CreatedOrder, undo: Compensation[]): Promise<Paid> {
    const { orderId } = order;
    const payments = this.env.PAYMENTS;
    const db = this.env.DB;
    // Registered before the call: if the call's answer is lost, the void still undoes whatever it did
    // (payments refuses or reverses an authorize that arrives after its void).
    undo.push({
      name: 'void the payment',
      run: async () => {
        const voided = await callPayments(() => traced(payments).void({ orderId, reason: 'checkout_cancelled' }));
        // Anything else (already_captured, not_voidable) means the money did not come back: throw so
        // the step retries and, if it never does, the instance errors for an operator.
        if (!voided.ok) throw new Error(`void refused for ${orderId}: ${voided.reason}`);
        await setPaymentStatus(db, orderId, 'voided');
      },
    });
    const authorize = () =>
      step.do('authorize the wallet payment', RETRY, async (): Promise<Paid> => {
        const result = await callPayments(() => traced(payments).authorize(orderPayment(order)));
        if (!result.ok) return { ok: false, reason: result.reason };
        await setPaymentStatus(db, orderId, 'authorized', result.paymentId);
        return { ok: true, status: 'authorized' };
      });

    const payment = params.payment;
    if (payment.method === 'wallet') return authorize();
    if (payment.method === 'pay_on_delivery') {
      return step.do('record the pay-on-delivery order', RETRY, async (): Promise<Paid> => {
        const result = await callPayments(() => traced(payments).record({ ...orderPayment(order), country: payment.country }));
        if (!result.ok) return { ok: false, reason: result.reason };
        await setPaymentStatus(db, orderId, 'pay_on_delivery', result.paymentId);
        return { ok: true, status: 'pay_on_delivery' };
      });
    }
    const started = await step.do('start the mobile money payment', RETRY, async (): Promise<Paid> => {
      const result = await callPayments(() =>
        traced(payments).initiate({
          orderId,
          userId: order.userId,
          amount: order.total,
          currency: order.currency,
          provider: payment.provider,
          phone: payment.phone,
        }),
      );
      if (!result.ok) return { ok: false, reason: 'payment_failed' };
      await setPaymentStatus(db, orderId, 'pending', result.paymentId);
      return { ok: true, status: 'pending' };
    });
    if (!started.ok) return started;
    let signal: PaymentSignal;
    try {
      const received = await step.waitForEvent<PaymentSignal>('wait for the mobile money payment', {
        type: PAYMENT_EVENT_TYPE,
        timeout: PAYMENT_WAIT.label,
      });
      signal = received.payload;
    } catch {
      // No answer in time. If the money arrives later it stays in the shopper's wallet.
      return { ok: false, reason: 'payment_timeout' };
    }
    if (signal.status === 'failed') {
      // The shopper's own cancel is not a failed payment: the order says what they did.
      return { ok: false, reason: signal.reason === SHOPPER_CANCELLED ? SHOPPER_CANCELLED : 'payment_failed' };
    }
    // The confirmed charge credited the wallet: pay the order from it like a wallet checkout.
    return authorize();
  }
}

// Each run and step logs in the trace of the checkout request that started it (docs/architecture.md, Tracing).
traceWorkflowRuns<CheckoutParams>(CheckoutWorkflow, {
  service: 'orders',
  workflow: 'checkout',
  fields: (p) => ({ orderId: p.orderId }),
});
