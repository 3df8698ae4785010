import { WorkerEntrypoint } from 'cloudflare:workers';
import { openApiPaths } from '@linked-all/http';
import { createApp } from './app';

export { Cart } from './cart/cart-object';
export { CheckoutWorkflow } from './checkout/checkout-workflow';
export { Inventory } from './inventory/inventory-object';

const app = createApp();

/**
 * The orders worker. HTTP (`fetch`) serves carts, checkout, orders and the vendor's stock
 * and order routes behind the gateway; `queue` consumes payment-events (resumes checkouts
 * waiting for mobile money); `scheduled` re-sends outbox rows a crash left behind.
 */
export default class OrdersService extends WorkerEntrypoint<OrdersEnv> {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  /** Liveness plus a real round trip to D1. */
  async health() {
    const started = Date.now();
    await this.env.DB.prepare('SELECT 1').first();
    return { service: 'orders', ok: true, d1Ms: Date.now() - started };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}
