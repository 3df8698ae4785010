import { WorkflowEntrypoint } from 'cloudflare:workers';

/** One instance per checkout Idempotency-Key. */
export class CheckoutWorkflow extends WorkflowEntrypoint<OrdersEnv, unknown> {
  override async run() {}
}
