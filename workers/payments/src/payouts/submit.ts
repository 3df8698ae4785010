import { log } from '@linked-all/http';
import { and, eq, lt } from 'drizzle-orm';
import { orm } from '../db/orm';
import { payouts } from '../db/schema';
import { isSandboxed } from '../providers';
import { type B2CResult, mpesaB2C } from './b2c';
import { b2cSandboxHttp } from './b2c-sandbox';
import { applyB2CResult, findPayout, type Payout, payoutByToken, recordSubmission } from './payouts';

type Deps = { env: PaymentsEnv; defer: (work: Promise<unknown>) => void; now?: number };

const RESULT_PATH = /\/v1\/webhooks\/mpesa-b2c\/([0-9a-f]{48})\/result$/;

/** The unguessable result and timeout URLs of one payout. */
export function payoutCallbackUrls(env: Pick<PaymentsEnv, 'CALLBACK_BASE_URL'>, token: string) {
  const base = `${env.CALLBACK_BASE_URL ?? ''}/v1/webhooks/mpesa-b2c/${token}`;
  return { resultUrl: `${base}/result`, timeoutUrl: `${base}/timeout` };
}

/**
 * The sandbox's "POST to ResultURL": the token is read back out of the URL and the result
 * applied exactly as the result route applies one, after the request that caused it answered.
 */
function deliverInProcess(deps: Deps) {
  return (resultUrl: string, result: B2CResult) => {
    const token = RESULT_PATH.exec(new URL(resultUrl).pathname)?.[1];
    deps.defer(
      (async () => {
        const payout = token ? await payoutByToken(deps.env.DB, token) : null;
        if (payout) await applyB2CResult({ db: deps.env.DB }, payout, result);
      })().catch((err) => log('error', 'sandbox B2C result failed', { error: err instanceof Error ? err.message : String(err) })),
    );
  };
}

/**
 * Hands a requested payout to M-Pesa B2C (the sandbox in development and test). A transport
 * failure leaves it `requested` for the cron to resubmit; Daraja refuses a second request with
 * the same OriginatorConversationID, so that never pays twice.
 */
export async function submitPayout(deps: Deps, payout: Payout, resubmission = false): Promise<Payout> {
  const { env } = deps;
  const http = isSandboxed(env) ? b2cSandboxHttp(deliverInProcess(deps)) : (url: string, init: RequestInit) => fetch(url, init);
  const b2c = mpesaB2C(
    {
      baseUrl: env.MPESA_BASE_URL ?? '',
      consumerKey: env.MPESA_CONSUMER_KEY ?? '',
      consumerSecret: env.MPESA_CONSUMER_SECRET ?? '',
      shortcode: env.MPESA_B2C_SHORTCODE ?? '',
      initiatorName: env.MPESA_B2C_INITIATOR_NAME ?? '',
      securityCredential: env.MPESA_B2C_SECURITY_CREDENTIAL ?? '',
    },
    http,
  );
  try {
    const result = await b2c.submit({
      id: payout.id,
      amount: payout.amount,
      phone: payout.phone,
      ...payoutCallbackUrls(env, payout.callbackToken),
    });
    if (resubmission && result.status === 'refused') {
      // The first attempt may have reached M-Pesa (a duplicate is refused): only its result, or
      // an operator, may fail this payout; returning the money now could pay the vendor twice.
      log('error', 'resubmitted payout refused; needs an operator', { payoutId: payout.id, reason: result.reason });
      await orm(env.DB)
        .update(payouts)
        .set({ updatedAt: deps.now ?? Date.now() })
        .where(eq(payouts.id, payout.id));
      return payout;
    }
    return await recordSubmission({ db: env.DB, now: deps.now }, payout, result);
  } catch (err) {
    log('warn', 'payout not submitted; the cron retries', {
      payoutId: payout.id,
      error: err instanceof Error ? err.message : String(err),
    });
    return payout;
  }
}

/** Resubmits payouts a crash or an outage left `requested` for more than `afterMs`. Run from the cron. */
export async function resubmitStalePayouts(deps: Deps, afterMs = 120_000, limit = 20): Promise<number> {
  const now = deps.now ?? Date.now();
  const results = await orm(deps.env.DB)
    .select({ id: payouts.id })
    .from(payouts)
    .where(and(eq(payouts.status, 'requested'), lt(payouts.updatedAt, now - afterMs)))
    .orderBy(payouts.createdAt)
    .limit(limit);
  for (const { id } of results) {
    const payout = await findPayout(deps.env.DB, id);
    if (payout) await submitPayout(deps, payout, true);
  }
  return results.length;
}
