import { AppError } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';
import { parseProviderJson, readJson } from './json';
import { fromMajor, toMajorString } from './limits';
import type { PaymentProvider, ProviderDeps, ProviderStatus } from './provider';

/**
 * MTN MoMo Collection RequestToPay. The `X-Reference-Id` UUID we choose is the idempotency key
 * (a retried request with it is a 409, never a second debit). The callback is unsigned and sent
 * once, so its URL carries a per-charge token and GET /requesttopay/{referenceId} is the fallback.
 */

const MomoCallback = z.object({
  financialTransactionId: z.string().max(100).optional(),
  externalId: z.string().min(1).max(200),
  amount: z.string().max(30),
  currency: z.string().length(3),
  payer: z.object({ partyIdType: z.string(), partyId: z.string() }).optional(),
  status: z.enum(['SUCCESSFUL', 'FAILED', 'PENDING']),
  reason: z.union([z.string(), z.object({ code: z.string() }).loose()]).optional(),
});

const RequestToPayStatus = MomoCallback.extend({ externalId: z.string() });

function momoState(status: 'SUCCESSFUL' | 'FAILED' | 'PENDING') {
  return status === 'SUCCESSFUL' ? 'paid' : status === 'FAILED' ? 'failed' : null;
}

/** MoMo wants the MSISDN without the plus sign. */
export const msisdn = (phone: string) => phone.replace(/^\+/, '');

export function mtnMomo({ env, http }: ProviderDeps): PaymentProvider {
  const base = env.MTN_MOMO_BASE_URL;
  const subscription = { 'ocp-apim-subscription-key': env.MTN_MOMO_SUBSCRIPTION_KEY ?? '' };

  async function token(): Promise<string> {
    const basic = btoa(`${env.MTN_MOMO_API_USER ?? ''}:${env.MTN_MOMO_API_KEY ?? ''}`);
    const response = await http(`${base}/collection/token/`, {
      method: 'POST',
      headers: { ...subscription, authorization: `Basic ${basic}` },
    });
    const body = z.object({ access_token: z.string().min(1) }).safeParse(await readJson(response));
    if (!response.ok || !body.success)
      throw new AppError('upstream_unavailable', `MoMo token request failed (${response.status})`);
    return body.data.access_token;
  }

  const headers = async () => ({
    ...subscription,
    authorization: `Bearer ${await token()}`,
    'x-target-environment': env.MTN_MOMO_TARGET_ENVIRONMENT,
  });

  return {
    name: 'mtn_momo',
    callbackAuth: 'token',

    async startCharge({ charge, phone, callbackUrl }) {
      // Chosen by us and stored before the call (see startCharge in topups.ts), so a retry reuses it.
      const referenceId = charge.providerReference ?? crypto.randomUUID();
      const response = await http(`${base}/collection/v1_0/requesttopay`, {
        method: 'POST',
        headers: {
          ...(await headers()),
          'x-reference-id': referenceId,
          'content-type': 'application/json',
          ...(callbackUrl ? { 'x-callback-url': callbackUrl } : {}),
        },
        body: JSON.stringify({
          amount: toMajorString(charge.amount, charge.currency as CurrencyCode),
          currency: charge.currency,
          externalId: charge.reference,
          payer: { partyIdType: 'MSISDN', partyId: msisdn(phone) },
          payerMessage: charge.orderId ? 'Linked All order' : 'Linked All wallet top-up',
          payeeNote: charge.id,
        }),
      });
      // 409 RESOURCE_ALREADY_EXIST: our earlier attempt with this X-Reference-Id got through.
      if (response.status === 202 || response.status === 409) {
        return {
          status: 'pending',
          providerReference: referenceId,
          instructions: { type: 'approve_on_phone', message: 'Approve the payment in your MoMo menu or app' },
        };
      }
      if (response.status >= 500) throw new AppError('upstream_unavailable', `MoMo answered ${response.status}`);
      const error = z.object({ message: z.string() }).safeParse(await readJson(response));
      return { status: 'failed', message: error.success ? error.data.message : `MoMo refused the request (${response.status})` };
    },

    async queryStatus(charge): Promise<ProviderStatus> {
      if (!charge.providerReference) return { status: 'failed', reason: 'the request never reached MoMo' };
      const response = await http(`${base}/collection/v1_0/requesttopay/${encodeURIComponent(charge.providerReference)}`, {
        headers: await headers(),
      });
      if (response.status === 404) return { status: 'failed', reason: 'MoMo has no such request' };
      const body = RequestToPayStatus.safeParse(await readJson(response));
      if (!response.ok || !body.success || body.data.externalId !== charge.reference) return { status: 'pending' };
      const state = momoState(body.data.status);
      if (state === 'paid')
        return { status: 'paid', amount: fromMajor(body.data.amount, body.data.currency), currency: body.data.currency };
      if (state === 'failed')
        return {
          status: 'failed',
          reason: typeof body.data.reason === 'string' ? body.data.reason : (body.data.reason?.code ?? 'FAILED'),
        };
      return { status: 'pending' };
    },

    async verifyCallback(_raw, _headers, charge) {
      return charge !== undefined;
    },

    parseCallback(raw) {
      const body = parseProviderJson(raw, MomoCallback, 'MTN MoMo');
      return {
        reference: body.externalId,
        event: `requesttopay:${body.status}`,
        final: momoState(body.status),
        transactionId: body.financialTransactionId,
      };
    },
  };
}
