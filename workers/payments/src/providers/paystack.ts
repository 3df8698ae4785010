import { AppError } from '@linked-all/http';
import { z } from 'zod';
import { fromHex, verifyHmac } from './crypto';
import { parseProviderJson, readJson } from './json';
import { type PaymentProvider, type ProviderDeps, type ProviderStatus, walletEmail } from './provider';

/**
 * Paystack: webhooks signed with `x-paystack-signature` = HMAC-SHA512 (hex) of the raw body under
 * the secret key; a charge is fulfilled only after GET /transaction/verify/:reference says success.
 */

/** The part of a Paystack event we read; Paystack sends many more fields, so this is not strict. */
export const PaystackEvent = z.object({
  event: z.string().min(1).max(100),
  data: z.object({
    id: z.number().optional(),
    reference: z.string().min(1).max(200),
    amount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    status: z.string().optional(),
  }),
});

const Verify = z.object({
  status: z.boolean(),
  message: z.string().optional(),
  data: z
    .object({
      status: z.string(),
      reference: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      gateway_response: z.string().nullish(),
    })
    .nullish(),
});

const Initialize = z.object({
  status: z.literal(true),
  data: z.object({ authorization_url: z.url(), reference: z.string() }),
});

/** True if `signature` is the hex HMAC-SHA512 of the raw body under the secret (constant-time). */
export function verifyPaystackSignature(raw: ArrayBuffer, signature: string | null | undefined, secret: string) {
  return verifyHmac('SHA-512', secret, raw, signature ? fromHex(signature.trim(), 64) : null);
}

/** A synthetic, non-personal email: Paystack requires one, we have no reason to share the shopper's. */
export const paystackEmail = (userId: string) => `${userId}@wallet.linkedall.africa`;

export function paystack({ env, http }: ProviderDeps): PaymentProvider {
  const base = env.PAYSTACK_BASE_URL;
  const auth = { authorization: `Bearer ${env.PAYSTACK_SECRET_KEY ?? ''}` };

  return {
    name: 'paystack',
    callbackAuth: 'signature',

    async startCharge({ charge }) {
      const response = await http(`${base}/transaction/initialize`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          email: walletEmail(charge.userId),
          amount: charge.amount,
          currency: charge.currency,
          reference: charge.reference,
          metadata: { chargeId: charge.id, orderId: charge.orderId },
        }),
      });
      const json = await readJson(response);
      const ok = Initialize.safeParse(json);
      if (response.ok && ok.success) {
        return {
          status: 'pending',
          providerReference: ok.data.data.reference,
          instructions: { type: 'redirect', url: ok.data.data.authorization_url, message: 'Finish the payment on Paystack' },
        };
      }
      if (response.status >= 500) throw new AppError('upstream_unavailable', `Paystack answered ${response.status}`);
      const message = z.object({ message: z.string() }).safeParse(json);
      return {
        status: 'failed',
        message: message.success ? message.data.message : `Paystack refused the request (${response.status})`,
      };
    },

    async queryStatus(charge): Promise<ProviderStatus> {
      const response = await http(`${base}/transaction/verify/${encodeURIComponent(charge.reference)}`, { headers: auth });
      const verified = Verify.safeParse(await readJson(response));
      if (!verified.success || !verified.data.data) {
        // Paystack answers 400 "Transaction reference not found" for a charge it never saw.
        if (response.status === 400 || response.status === 404)
          return { status: 'failed', reason: 'Paystack has no such transaction' };
        return { status: 'pending' };
      }
      const { status, amount, currency, gateway_response } = verified.data.data;
      if (status === 'success') return { status: 'paid', amount, currency };
      if (status === 'failed' || status === 'reversed') return { status: 'failed', reason: gateway_response ?? status };
      // ongoing, pending, processing, queued, abandoned: the shopper can still pay.
      return { status: 'pending' };
    },

    verifyCallback(raw, headers) {
      return verifyPaystackSignature(raw, headers.get('x-paystack-signature'), env.PAYSTACK_SECRET_KEY ?? '');
    },

    parseCallback(raw) {
      const event = parseProviderJson(raw, PaystackEvent, 'Paystack');
      return {
        reference: event.data.reference,
        event: event.event,
        final: event.event === 'charge.success' ? 'paid' : null,
        transactionId: event.data.id === undefined ? undefined : String(event.data.id),
      };
    },
  };
}
