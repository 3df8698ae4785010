import { AppError } from '@linked-all/http';
import { z } from 'zod';
import { parseProviderJson, readJson } from './json';
import type { Charge, FinalState, PaymentProvider, ProviderDeps, ProviderStatus } from './provider';

/**
 * Safaricom Daraja STK push (Lipa na M-Pesa Online). Callbacks are unsigned: the CallBackURL carries
 * a per-charge token, and money only moves after an STK status query agrees.
 */

// Daraja result codes: 0 paid, 1032 cancelled by the user, 1037 the phone could not be reached
// (not final: the shopper may still pay, the status query settles it), 1 and 2001 failed.
export function mpesaResult(code: number): FinalState | null {
  if (code === 0) return 'paid';
  if (code === 1032) return 'cancelled';
  if (code === 1037) return null;
  return 'failed';
}

/** yyyyMMddHHmmss in East Africa Time, as Daraja expects. */
export function darajaTimestamp(now: number): string {
  const eat = new Date(now + 3 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${eat.getUTCFullYear()}${p(eat.getUTCMonth() + 1)}${p(eat.getUTCDate())}${p(eat.getUTCHours())}${p(eat.getUTCMinutes())}${p(eat.getUTCSeconds())}`;
}

/** Password = base64(BusinessShortCode + Passkey + Timestamp). */
export function darajaPassword(shortcode: string, passkey: string, timestamp: string): string {
  return btoa(`${shortcode}${passkey}${timestamp}`);
}

const StkCallback = z.object({
  Body: z.object({
    stkCallback: z.object({
      MerchantRequestID: z.string().min(1).max(100),
      CheckoutRequestID: z.string().min(1).max(100),
      ResultCode: z.coerce.number().int(),
      ResultDesc: z.string().max(500),
      CallbackMetadata: z
        .object({ Item: z.array(z.object({ Name: z.string(), Value: z.union([z.string(), z.number()]).optional() })).max(20) })
        .optional(),
    }),
  }),
});

/** A callback item by `Name`: Daraja's item order is not guaranteed. */
export function callbackItem(items: { Name: string; Value?: string | number }[] | undefined, name: string) {
  return items?.find((i) => i.Name === name)?.Value;
}

const StkResponse = z.object({
  CheckoutRequestID: z.string().min(1),
  ResponseCode: z.string(),
  CustomerMessage: z.string().optional(),
});
const QueryResponse = z.object({ ResultCode: z.coerce.number().int(), ResultDesc: z.string().optional() });
const ErrorResponse = z.object({ errorCode: z.string(), errorMessage: z.string() });

export function mpesa({ env, http, now }: ProviderDeps): PaymentProvider {
  const base = env.MPESA_BASE_URL;
  const shortcode = env.MPESA_SHORTCODE ?? '';

  async function token(): Promise<string> {
    const basic = btoa(`${env.MPESA_CONSUMER_KEY ?? ''}:${env.MPESA_CONSUMER_SECRET ?? ''}`);
    const response = await http(`${base}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${basic}` },
    });
    const body = z.object({ access_token: z.string().min(1) }).safeParse(await readJson(response));
    if (!response.ok || !body.success)
      throw new AppError('upstream_unavailable', `M-Pesa token request failed (${response.status})`);
    return body.data.access_token;
  }

  function credentials() {
    const timestamp = darajaTimestamp(now());
    return {
      BusinessShortCode: shortcode,
      Password: darajaPassword(shortcode, env.MPESA_PASSKEY ?? '', timestamp),
      Timestamp: timestamp,
    };
  }

  async function post(path: string, body: unknown) {
    const response = await http(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { response, json: await readJson(response) };
  }

  return {
    name: 'mpesa',
    callbackAuth: 'token',

    async startCharge({ charge, phone, callbackUrl }) {
      const msisdn = phone.replace(/^\+/, '');
      const { response, json } = await post('/mpesa/stkpush/v1/processrequest', {
        ...credentials(),
        TransactionType: 'CustomerPayBillOnline',
        // Whole shillings: refuseCharge() only lets multiples of 100 cents through.
        Amount: charge.amount / 100,
        PartyA: msisdn,
        PartyB: shortcode,
        PhoneNumber: msisdn,
        CallBackURL: callbackUrl,
        // Daraja caps these at 12 and 13 characters: our id travels as the CheckoutRequestID instead.
        AccountReference: 'LinkedAll',
        TransactionDesc: charge.orderId ? 'Order payment' : 'Wallet topup',
      });
      const ok = StkResponse.safeParse(json);
      if (response.ok && ok.success && ok.data.ResponseCode === '0') {
        return {
          status: 'pending',
          providerReference: ok.data.CheckoutRequestID,
          instructions: { type: 'approve_on_phone', message: ok.data.CustomerMessage ?? 'Enter your M-Pesa PIN on your phone' },
        };
      }
      const error = ErrorResponse.safeParse(json);
      if (response.status >= 500 && !error.success)
        throw new AppError('upstream_unavailable', `M-Pesa answered ${response.status}`);
      return {
        status: 'failed',
        message: error.success ? error.data.errorMessage : `M-Pesa refused the request (${response.status})`,
      };
    },

    async queryStatus(charge: Charge): Promise<ProviderStatus> {
      if (!charge.providerReference) return { status: 'failed', reason: 'the STK push never reached M-Pesa' };
      const { response, json } = await post('/mpesa/stkpushquery/v1/query', {
        ...credentials(),
        CheckoutRequestID: charge.providerReference,
      });
      const result = QueryResponse.safeParse(json);
      if (response.ok && result.success) {
        const state = mpesaResult(result.data.ResultCode);
        // The STK query does not echo the amount: the push was for exactly the charge's amount.
        if (state === 'paid') return { status: 'paid', amount: charge.amount, currency: charge.currency };
        return state
          ? { status: state, reason: result.data.ResultDesc ?? `ResultCode ${result.data.ResultCode}` }
          : { status: 'pending' };
      }
      // "The transaction is being processed" (500.001.1001) and outages alike: ask again later.
      return { status: 'pending' };
    },

    async verifyCallback(_raw, _headers, charge) {
      return charge !== undefined;
    },

    parseCallback(raw) {
      const { stkCallback } = parseProviderJson(raw, StkCallback, 'M-Pesa').Body;
      const receipt = callbackItem(stkCallback.CallbackMetadata?.Item, 'MpesaReceiptNumber');
      return {
        reference: stkCallback.CheckoutRequestID,
        event: `stkCallback:${stkCallback.ResultCode}`,
        final: mpesaResult(stkCallback.ResultCode),
        transactionId: receipt === undefined ? undefined : String(receipt),
      };
    },
  };
}
