import { AppError } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';
import { equalsConstantTime, fromBase64, verifyHmac } from './crypto';
import { parseProviderJson, readJson } from './json';
import { fromMajor, toMajorString } from './limits';
import {
  type Charge,
  type ParsedCallback,
  type PaymentProvider,
  type ProviderDeps,
  type ProviderStatus,
  walletEmail,
} from './provider';

/**
 * Flutterwave v3. Two webhook schemes exist and both are accepted: the legacy `verif-hash` header
 * (the dashboard's secret hash itself, compared in constant time) and `flutterwave-signature`
 * (base64 HMAC-SHA256 of the raw body under the same secret hash). Amounts travel in major units.
 */

const ChargeCompleted = z.object({
  event: z.string().min(1).max(100),
  data: z.object({
    id: z.number().int(),
    tx_ref: z.string().min(1).max(200),
    amount: z.number().nonnegative(),
    currency: z.string().length(3),
    status: z.string().min(1).max(50),
  }),
});

const Transaction = z.object({
  status: z.string(),
  data: z
    .object({
      id: z.number(),
      tx_ref: z.string(),
      amount: z.number(),
      currency: z.string(),
      status: z.string(),
      processor_response: z.string().nullish(),
    })
    .nullish(),
});

export function flutterwave({ env, http }: ProviderDeps): PaymentProvider {
  const base = env.FLUTTERWAVE_BASE_URL;
  const auth = { authorization: `Bearer ${env.FLUTTERWAVE_SECRET_KEY ?? ''}` };
  const secretHash = env.FLUTTERWAVE_SECRET_HASH ?? '';

  function fromTransaction(charge: Charge, json: z.infer<typeof Transaction>): ProviderStatus {
    const tx = json.data;
    if (!tx || tx.tx_ref !== charge.reference) return { status: 'pending' };
    if (tx.status === 'successful') return { status: 'paid', amount: fromMajor(tx.amount, tx.currency), currency: tx.currency };
    if (tx.status === 'failed' || tx.status === 'cancelled')
      return { status: tx.status === 'failed' ? 'failed' : 'cancelled', reason: tx.processor_response ?? tx.status };
    return { status: 'pending' };
  }

  return {
    name: 'flutterwave',
    callbackAuth: 'signature',

    async startCharge({ charge, phone }) {
      const response = await http(`${base}/v3/payments`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          tx_ref: charge.reference,
          amount: toMajorString(charge.amount, charge.currency as CurrencyCode),
          currency: charge.currency,
          redirect_url: `${env.CALLBACK_BASE_URL}/wallet`,
          customer: { email: walletEmail(charge.userId), phonenumber: phone },
          meta: { chargeId: charge.id, orderId: charge.orderId },
        }),
      });
      const json = await readJson(response);
      const ok = z.object({ status: z.literal('success'), data: z.object({ link: z.url() }) }).safeParse(json);
      if (response.ok && ok.success) {
        return {
          status: 'pending',
          providerReference: charge.reference,
          instructions: { type: 'redirect', url: ok.data.data.link, message: 'Finish the payment on Flutterwave' },
        };
      }
      if (response.status >= 500) throw new AppError('upstream_unavailable', `Flutterwave answered ${response.status}`);
      const message = z.object({ message: z.string() }).safeParse(json);
      return {
        status: 'failed',
        message: message.success ? message.data.message : `Flutterwave refused the request (${response.status})`,
      };
    },

    async queryStatus(charge, hint?: ParsedCallback) {
      // By id when a verified webhook named it (GET /transactions/:id/verify), else by our tx_ref.
      const url = hint?.transactionId
        ? `${base}/v3/transactions/${encodeURIComponent(hint.transactionId)}/verify`
        : `${base}/v3/transactions/verify_by_reference?tx_ref=${encodeURIComponent(charge.reference)}`;
      const response = await http(url, { headers: auth });
      const json = Transaction.safeParse(await readJson(response));
      if (!json.success) return { status: 'pending' };
      if (!json.data.data && (response.status === 400 || response.status === 404) && !hint?.transactionId) {
        return { status: 'failed', reason: 'Flutterwave has no such transaction' };
      }
      return fromTransaction(charge, json.data);
    },

    async verifyCallback(raw, headers) {
      if (!secretHash) return false;
      const signature = headers.get('flutterwave-signature');
      const legacy = headers.get('verif-hash');
      if (signature === null && legacy === null) return false;
      // Every scheme present must hold: a good legacy hash cannot vouch for a bad signature.
      if (signature !== null && !(await verifyHmac('SHA-256', secretHash, raw, fromBase64(signature.trim())))) return false;
      if (legacy !== null && !(await equalsConstantTime(legacy, secretHash))) return false;
      return true;
    },

    parseCallback(raw) {
      const { event, data } = parseProviderJson(raw, ChargeCompleted, 'Flutterwave');
      const final =
        event !== 'charge.completed' ? null : data.status === 'successful' ? 'paid' : data.status === 'failed' ? 'failed' : null;
      return { reference: data.tx_ref, event: `${event}:${data.status}`, final, transactionId: String(data.id) };
    },
  };
}
