import { log } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import type { ProviderName } from '../../contract/enums';
import { failTopUp, recordCharge, setProviderReference } from '../domain/topups';
import { randomToken, sha256Hex } from './crypto';
import { providerFor } from './index';
import { refuseCharge } from './limits';
import type { Charge, Instructions } from './provider';

/** Longer than a provider call can take: a younger charge without the provider's id may still be being pushed. */
const PUSH_IN_FLIGHT_MS = 30_000;

export type InitiateInput = {
  userId: string;
  provider: ProviderName;
  amount: number;
  currency: CurrencyCode;
  phone: string;
  orderId?: string;
};

export type InitiateResult =
  | { ok: true; charge: Charge; instructions: Instructions | null; created: boolean }
  | {
      ok: false;
      reason: 'unsupported_currency' | 'amount_out_of_range' | 'invalid_phone' | 'provider_refused' | 'provider_unavailable';
      detail: string;
      chargeId?: string;
    };

/**
 * Starts a provider charge: records it (with payment.initiated), then asks the provider to
 * collect. Refusals are returned, never thrown, so the RPC can hand them to the saga as data.
 */
export async function initiateCharge(env: PaymentsEnv, input: InitiateInput, now = Date.now()): Promise<InitiateResult> {
  const refusal = refuseCharge(input.provider, input.amount, input.currency, input.phone);
  if (refusal) return { ok: false, ...refusal };
  const provider = providerFor(input.provider, env);
  // Unsigned providers call back to a URL only they and we know; we keep only its hash.
  const token = provider.callbackAuth === 'token' ? randomToken() : null;
  const { charge, created } = await recordCharge(
    env.DB,
    {
      userId: input.userId,
      provider: input.provider,
      amount: input.amount,
      currency: input.currency,
      orderId: input.orderId,
      // MoMo's X-Reference-Id is ours to choose: stored first, so a retried request reuses it.
      providerReference: input.provider === 'mtn_momo' ? crypto.randomUUID() : undefined,
      callbackTokenHash: token ? await sha256Hex(token) : undefined,
    },
    now,
  );
  if (!created) {
    // No provider id on a charge old enough that its push must have finished: the first request
    // crashed before the push, or its answer was lost. Re-pushing could charge an M-Pesa shopper
    // twice (Daraja has no idempotency key), so say unavailable: the saga retries, and the cron
    // settles the charge (a verified callback restores the id; none means it never left us).
    if (charge.status === 'pending' && !charge.providerReference && now - charge.createdAt >= PUSH_IN_FLIGHT_MS) {
      log('warn', 'replayed initiate for a charge the provider never acknowledged', {
        chargeId: charge.id,
        provider: charge.provider,
      });
      return {
        ok: false,
        reason: 'provider_unavailable',
        detail: `${charge.provider} has not acknowledged this payment yet; try again`,
        chargeId: charge.id,
      };
    }
    return { ok: true, charge, instructions: null, created: false };
  }

  const callbackUrl = token ? `${env.CALLBACK_BASE_URL}/v1/webhooks/${input.provider}/${token}` : null;
  let started: Awaited<ReturnType<typeof provider.startCharge>>;
  try {
    started = await provider.startCharge({ charge, phone: input.phone, callbackUrl });
  } catch (err) {
    // The request may still have reached the provider: the charge stays pending and the
    // reconciliation cron asks the provider about it, so money paid is never lost.
    log('warn', 'provider unreachable while starting a charge', {
      chargeId: charge.id,
      provider: input.provider,
      error: err instanceof Error ? err.message : String(err),
    });
    return {
      ok: false,
      reason: 'provider_unavailable',
      detail: `${input.provider} could not be reached; try again`,
      chargeId: charge.id,
    };
  }
  if (started.status === 'failed') {
    await failTopUp(env.DB, charge, `provider_refused: ${started.message}`);
    return { ok: false, reason: 'provider_refused', detail: started.message, chargeId: charge.id };
  }
  if (started.providerReference !== charge.providerReference) {
    await setProviderReference(env.DB, charge.id, started.providerReference, now);
  }
  return {
    ok: true,
    charge: { ...charge, providerReference: started.providerReference },
    instructions: started.instructions,
    created: true,
  };
}
