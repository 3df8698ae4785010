import { backlog, recordDeadLetters } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { AppError, installFaultSwitch, openApiPaths } from '@linked-all/http';
import { observeBatch } from '@linked-all/metrics';
import { sql } from 'drizzle-orm';
import type { ConfirmedCursor } from '../contract';
import { createApp } from './app';
import { pruneGuestCartQuota } from './cart/guest-cart-quota';
import { consumePaymentEvents } from './consumers/payment-events';
import { orm } from './db/orm';
import { findOrders, type OrderSearch, orderWithHistory } from './orders/admin-orders';
import { finishAbandonedDrops } from './orders/drop-vendor-order';
import { readConfirmedOrders } from './orders/read-confirmed';
import { readPurchase } from './orders/read-purchase';
import { relayOrdersOutbox } from './orders/relay';
import { markDelivered, markReturned, markShipped, vendorMove } from './orders/vendor-actions';

export { Cart } from './cart/cart-object';
export { CheckoutWorkflow } from './checkout/checkout-workflow';
export { Inventory } from './inventory/inventory-object';

const app = createApp();

/**
 * The orders worker. HTTP (`fetch`) serves carts, checkout, orders and the vendor's stock
 * and order routes behind the gateway; `queue` consumes payment-events (resumes checkouts
 * waiting for mobile money); `scheduled` finishes drops a crash left claimed and re-sends outbox rows a crash left behind.
 */
export default class OrdersService extends AdminEntrypoint<OrdersEnv>('orders') {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  override async queue(batch: MessageBatch<unknown>) {
    await observeBatch(this.env, 'orders', batch);
    if (batch.queue.endsWith('-dlq')) return recordDeadLetters(batch, this.env.DB);
    return consumePaymentEvents(batch, this.env);
  }

  override async scheduled() {
    await finishAbandonedDrops(this.env);
    await relayOrdersOutbox(this.env);
    await pruneGuestCartQuota(this.env.DB);
  }

  /** Logistics: the vendor order left the vendor. Idempotent; refusals are answers (an AppError does not cross RPC). */
  async markShipped(vendorOrderId: string) {
    return this.logisticsMove(() => markShipped(this.env.DB, vendorOrderId));
  }

  /** Logistics: the shopper has it; payments starts the return window. Idempotent. */
  async markDelivered(vendorOrderId: string) {
    return this.logisticsMove(() => markDelivered(this.env, vendorOrderId));
  }

  /** Logistics: the parcel went back to the vendor; the shopper is refunded and the stock restocked. Idempotent. */
  async markReturned(vendorOrderId: string) {
    return this.logisticsMove(() => markReturned(this.env, vendorOrderId));
  }

  private async logisticsMove(move: () => Promise<{ status: string }>) {
    try {
      const { status } = await move();
      this.ctx.waitUntil(relayOrdersOutbox(this.env));
      return { ok: true as const, status };
    } catch (err) {
      if (err instanceof AppError) return { ok: false as const, reason: err.code, detail: err.message };
      throw err;
    }
  }

  /**
   * Notifications: a vendor accepted by SMS (`ACCEPT <code>`), the same move as the vendor app's
   * accept. Notifications has checked that the phone is the shop's owner or staff with the orders
   * permission; this checks the vendor order is that shop's. `applied` is false when it was already
   * accepted. Refusals are answers (not_found, invalid_transition).
   */
  async vendorAccept(input: { vendorOrderId: string; vendorId: string }) {
    try {
      const { applied } = await vendorMove(this.env.DB, {
        vendorOrderId: String(input.vendorOrderId),
        vendorId: String(input.vendorId),
        to: 'accepted',
      });
      return { ok: true as const, applied };
    } catch (err) {
      if (err instanceof AppError) return { ok: false as const, reason: err.code, detail: err.message };
      throw err;
    }
  }

  /** Catalog: who bought this vendor order's products and whether it was delivered (reviews need both). */
  async purchase(vendorOrderId: string) {
    return readPurchase(this.env.DB, vendorOrderId);
  }

  /** Catalog: orders confirmed since its cursor, with their products (what is bought together). */
  async confirmedOrders(after: ConfirmedCursor | null, limit: number) {
    return readConfirmedOrders(this.env.DB, after, Math.min(Math.max(limit, 1), 500));
  }

  /** Liveness plus a real round trip to D1. */
  async health() {
    const started = Date.now();
    await orm(this.env.DB).get(sql`SELECT 1`);
    return { ...(await backlog(this.env.DB)), service: 'orders', ok: true, d1Ms: Date.now() - started };
  }

  /** The console: orders by id, vendor order id or shopper ids (identity found them by phone). */
  adminFindOrders(search: OrderSearch) {
    return findOrders(this.env.DB, search);
  }

  /** The console: one order, whose it is, and every status move of it and its vendor orders. */
  adminOrder(orderId: string) {
    return orderWithHistory(this.env.DB, orderId);
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(OrdersService, 'orders');
