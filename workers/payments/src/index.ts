import { backlog, recordDeadLetters } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { installFaultSwitch, openApiPaths } from '@linked-all/http';
import { metricsSink, observeBatch } from '@linked-all/metrics';
import type { z } from 'zod';
import { InitiateInput, OrderPaymentInput, parseRpc } from '../contract';
import { alertFigures } from './alert-figures';
import { createApp } from './app';
import { runCheckoutJobs } from './checkout/jobs';
import { checkoutRpc, type OrderPayment } from './checkout/rpc';
import { codCash } from './cod-cash/held-cash';
import { type AdminPayoutsQuery, adminPayouts, ledgerCheck, moneySummary, retryPayout } from './console-money';
import { consumePaymentCallbacks } from './consumers/payment-callbacks';
import { paymentSteps } from './domain/admin-timeline';
import { trialBalance } from './domain/balances';
import { reconcile } from './domain/reconcile';
import { relayPaymentsOutbox } from './domain/relay';
import { submitPayout } from './payouts/submit';
import { sweepStuckPayouts } from './payouts/sweep';
import { initiateCharge } from './providers/initiate';
import { vendorBalanceForToken } from './vendor-money/balance';
import { vendorPermissionRefusal } from './vendor-money/permission-guard';

const app = createApp();

/**
 * The payments worker. HTTP (`fetch`) serves /v1/wallet, /v1/admin/ledger and the
 * provider webhooks behind the gateway; `queue` processes verified provider callbacks
 * (payment-callbacks); `scheduled` reconciles stuck charges, checks the trial balance and
 * re-sends outbox rows a crash left behind.
 */
export default class PaymentsService extends AdminEntrypoint<PaymentsEnv>('payments') {
  override async fetch(request: Request) {
    return (await vendorPermissionRefusal(request, this.env, this.ctx)) ?? app.fetch(request, this.env, this.ctx);
  }

  override async queue(batch: MessageBatch<unknown>) {
    await observeBatch(this.env, 'payments', batch);
    if (batch.queue.endsWith('-dlq')) return recordDeadLetters(batch, this.env.DB);
    return consumePaymentCallbacks(batch, this.env);
  }

  override async scheduled() {
    await reconcile(this.env);
    await runCheckoutJobs(this.env, (work) => this.ctx.waitUntil(work));
    await sweepStuckPayouts(this.env);
    await relayPaymentsOutbox(this.env);
  }

  // Checkout (docs/checkout.md): plain data in and out, idempotent by the keys documented there.

  /** Wallet payment of an order: wallet → each vendor's pending + commission, one entry per order. */
  async authorize(input: OrderPayment) {
    const answer = await checkoutRpc.authorize(this.env, input);
    // Malformed input is refused by authorize; it is no payment attempt to count.
    const payment = OrderPaymentInput.safeParse(input);
    if (payment.success) {
      await metricsSink(this.env).write({
        kind: 'payment',
        service: 'payments',
        provider: 'wallet',
        outcome: answer.ok ? 'succeeded' : 'failed',
        currency: payment.data.currency,
        amount: payment.data.amount,
      });
    }
    return answer;
  }

  /** The order is confirmed; from now on only `refund` undoes the payment. */
  capture(input: Parameters<typeof checkoutRpc.capture>[1]) {
    return checkoutRpc.capture(this.env, input);
  }

  /** Compensation before capture: reverses the authorization once. */
  void(input: Parameters<typeof checkoutRpc.void>[1]) {
    return checkoutRpc.void(this.env, input);
  }

  /** After capture: a vendor order's (or the whole order's) amount back to the wallet. */
  async refund(input: Parameters<typeof checkoutRpc.refund>[1]) {
    const result = await checkoutRpc.refund(this.env, input);
    this.ctx.waitUntil(relayPaymentsOutbox(this.env));
    return result;
  }

  /** Returns: when the vendor order's return window closes (its release date). */
  returnWindow(input: Parameters<typeof checkoutRpc.returnWindow>[1]) {
    return checkoutRpc.returnWindow(this.env, input);
  }

  /** Returns: one return's goods (and with the last one the delivery fee) back to the wallet, once per return. */
  async refundReturn(input: Parameters<typeof checkoutRpc.refundReturn>[1]) {
    const result = await checkoutRpc.refundReturn(this.env, input);
    this.ctx.waitUntil(relayPaymentsOutbox(this.env));
    return result;
  }

  /** Returns: a return is being opened; the vendor order's release waits for it (refused once released). */
  holdRelease(input: Parameters<typeof checkoutRpc.holdRelease>[1]) {
    return checkoutRpc.holdRelease(this.env, input);
  }

  /** Returns: the return was refused or never opened; its hold on the release ends. */
  dropReleaseHold(input: Parameters<typeof checkoutRpc.dropReleaseHold>[1]) {
    return checkoutRpc.dropReleaseHold(this.env, input);
  }

  /**
   * Mobile money for an order: starts a provider charge whose confirmation credits the shopper's
   * wallet and emits payment.completed { orderId }. Idempotent by orderId; refusals are data.
   */
  async initiate(input: unknown) {
    const parsed = parseRpc(InitiateInput, input);
    if (!parsed.ok) return parsed;
    const result = await initiateCharge(this.env, parsed.data);
    this.ctx.waitUntil(relayPaymentsOutbox(this.env));
    if (!result.ok) return { ok: false as const, reason: result.reason, detail: result.detail };
    return { ok: true as const, paymentId: result.charge.id, status: result.charge.status, instructions: result.instructions };
  }

  /** Pay on delivery: checks the country's limits; no money moves. */
  record(input: Parameters<typeof checkoutRpc.record>[1]) {
    return checkoutRpc.record(this.env, input);
  }

  /** The rider collected a pay-on-delivery vendor order (cash or mobile money). */
  collect(input: Parameters<typeof checkoutRpc.collect>[1]) {
    return checkoutRpc.collect(this.env, input);
  }

  /** A vendor order was delivered: its return window starts. */
  delivered(input: Parameters<typeof checkoutRpc.delivered>[1]) {
    return checkoutRpc.delivered(this.env, input);
  }

  /** The vendor app's balance: pending and payable now, for the shop of the caller's own token (finance permission). */
  vendorBalance(accessToken: string) {
    return vendorBalanceForToken(this.env, accessToken);
  }

  /** Liveness plus a real round trip to D1 and whether the books balance. */
  async health() {
    const started = Date.now();
    const { balanced } = await trialBalance(this.env.DB);
    return { ...(await backlog(this.env.DB)), service: 'payments', ok: true, d1Ms: Date.now() - started, balanced };
  }

  /** The console's order timeline: every ledger entry about the order. */
  adminPaymentSteps(orderId: string) {
    return paymentSteps(this.env.DB, orderId);
  }

  /** The console's money screen and the alert rule on it: debits = credits per currency (console-money.ts). */
  adminLedgerCheck() {
    return ledgerCheck(this.env.DB);
  }

  /** The alert cron's figures: failed payouts in the last hour, pay-on-delivery cash overdue (alert-figures.ts). */
  adminAlertFigures() {
    return alertFigures(this.env.DB);
  }

  /** The console's money flows per currency: wallets, vendor pending/payable, payouts, refunds, unmatched callbacks. */
  adminMoney() {
    return moneySummary(this.env.DB);
  }

  /** The console's pay-on-delivery cash: per collector held and oldest unremitted, and parcels never collected. */
  adminCodCash() {
    return codCash(this.env.DB);
  }

  /** The console's payouts, newest first, optionally of one state. */
  adminPayouts(query: z.input<typeof AdminPayoutsQuery>) {
    return adminPayouts(this.env.DB, query);
  }

  /** The console retries a failed payout once (audited; the same answer when asked again), then submits it. */
  async adminRetryPayout(payoutId: string, actor: string, reason: string) {
    const outcome = await retryPayout(this.env.DB, { payoutId, actor, reason });
    if (!outcome.ok) return outcome;
    if (outcome.created) await submitPayout({ env: this.env, defer: (work) => this.ctx.waitUntil(work) }, outcome.payout);
    this.ctx.waitUntil(relayPaymentsOutbox(this.env));
    return { ok: true as const, payoutId: outcome.payout.id, created: outcome.created };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(PaymentsService, 'payments');
