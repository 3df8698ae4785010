import type { ProviderName } from '../../contract/enums';
import { flutterwave } from './flutterwave';
import { mpesa } from './mpesa';
import { mtnMomo } from './mtn-momo';
import { paystack } from './paystack';
import type { PaymentProvider, ProviderDeps, ProviderHttp } from './provider';
import { sandboxHttp } from './sandbox';

const ADAPTERS: Record<ProviderName, (deps: ProviderDeps) => PaymentProvider> = {
  mpesa,
  mtn_momo: mtnMomo,
  paystack,
  flutterwave,
};

/** Only these environments have a sandbox; everywhere else the adapters call the real APIs. */
export function isSandboxed(env: Pick<PaymentsEnv, 'ENVIRONMENT'>): boolean {
  return env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
}

/** The adapter for a provider, wired to the sandbox in development/test and to `fetch` elsewhere. */
export function providerFor(name: ProviderName, env: PaymentsEnv, now: () => number = Date.now): PaymentProvider {
  const http: ProviderHttp = isSandboxed(env) ? sandboxHttp(env) : (url, init) => fetch(url, init);
  return ADAPTERS[name]({ env, http, now });
}
