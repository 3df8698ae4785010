import { WorkerEntrypoint } from 'cloudflare:workers';
import { openApiPaths } from '@linked-all/http';
import { createApp } from './app';
import { trialBalance } from './domain/balances';
import { relayPaymentsOutbox } from './domain/relay';

const app = createApp();

/**
 * The payments worker. HTTP (`fetch`) serves /v1/wallet, /v1/admin/ledger and the
 * provider webhooks behind the gateway; `scheduled` re-sends outbox rows a crash left behind.
 */
export default class PaymentsService extends WorkerEntrypoint<PaymentsEnv> {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  override async scheduled() {
    await relayPaymentsOutbox(this.env);
  }

  /** Liveness plus a real round trip to D1 and whether the books balance. */
  async health() {
    const started = Date.now();
    const { balanced } = await trialBalance(this.env.DB);
    return { service: 'payments', ok: true, d1Ms: Date.now() - started, balanced };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}
