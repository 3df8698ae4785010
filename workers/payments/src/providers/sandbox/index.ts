import { AppError } from '@linked-all/http';
import { Hono } from 'hono';
import type { ProviderName } from '../../../contract/enums';
import type { ProviderHttp } from '../provider';
import { fakeFlutterwave } from './flutterwave';
import { fakeMpesa } from './mpesa';
import { fakeMtnMomo } from './mtn-momo';
import { fakePaystack } from './paystack';
import { type SandboxRow, sandboxCharge, settleSandboxCharge } from './store';
import type { Callback, FakeProvider, SandboxAction } from './types';

export type { Callback, SandboxAction } from './types';

/**
 * The fake providers of development and test: their HTTP APIs answer in-process (no network),
 * with the real request and response JSON, and their state lives in D1 (sandbox_charges).
 */
const FAKES: Record<ProviderName, FakeProvider> = {
  mpesa: fakeMpesa,
  mtn_momo: fakeMtnMomo,
  paystack: fakePaystack,
  flutterwave: fakeFlutterwave,
};

// Paths do not collide across providers, so one app serves every provider's base URL.
const sandbox = new Hono<{ Bindings: PaymentsEnv }>();
for (const fake of Object.values(FAKES)) sandbox.route('/', fake.routes);
sandbox.notFound((c) => c.json({ message: `The sandbox has no ${c.req.method} ${c.req.path}` }, 404));

/** A `fetch` for provider base URLs that the sandbox answers. */
export function sandboxHttp(env: PaymentsEnv): ProviderHttp {
  return async (url, init) => sandbox.fetch(new Request(url, init), env);
}

/**
 * The shopper acts on a charge at the provider (approves it on the phone, declines it, lets it
 * time out). Returns the callback the provider sends, or null when it sends none.
 */
export async function actOnSandboxCharge(
  env: PaymentsEnv,
  provider: ProviderName,
  providerReference: string,
  action: SandboxAction,
  now = Date.now(),
): Promise<{ row: SandboxRow; callback: Callback | null }> {
  const fake = FAKES[provider];
  const row = await sandboxCharge(env.DB, provider, providerReference);
  if (!row) throw new AppError('not_found', 'The provider has no record of this payment');
  const outcome = fake.outcome(action, row);
  const settled = await settleSandboxCharge(env.DB, row, outcome.status, outcome.transactionId, now);
  if (!settled) throw new AppError('conflict', `The payment is already ${row.status} at the provider`);
  return { row: settled, callback: await fake.callback(env, settled, now) };
}
