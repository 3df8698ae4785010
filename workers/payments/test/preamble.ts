import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { runCheckoutJobs } from '../src/checkout/jobs';
import { fund } from './checkout-fixtures';

// The setup the payments tests share (the worker's RPC, the clock, the cron, a funded shopper,
// the status reads), so each test file states only what its own story needs. The builders of
// orders, vendors and tokens stay in checkout-fixtures.ts and fixtures.ts, re-exported here.
export * from './checkout-fixtures';
export * from './fixtures';

/** The worker's RPC entrypoint, as orders calls it. */
export const payments = exports.default;

export const DAY = 24 * 60 * 60 * 1000;

/** Runs the checkout cron's jobs (releases, stuck voids) as of `now`. */
export const jobs = (now = Date.now()) => runCheckoutJobs(env, () => {}, now);

/** A fresh shopper id with `amount` in the wallet (credited as a confirmed top-up). */
export async function fundedShopper(amount: number, currency: CurrencyCode = 'KES'): Promise<string> {
  const userId = newId('usr');
  await fund(userId, amount, currency);
  return userId;
}

/** The order payment's status as stored. */
export const paymentStatus = (orderId: string) =>
  env.DB.prepare('SELECT status FROM payments WHERE order_id = ?').bind(orderId).first('status');

/** A vendor order's payment status as stored. */
export const vendorOrderStatus = (vendorOrderId: string) =>
  env.DB.prepare('SELECT status FROM vendor_order_payments WHERE vendor_order_id = ?').bind(vendorOrderId).first('status');
