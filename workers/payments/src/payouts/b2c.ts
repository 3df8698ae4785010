import { AppError } from '@linked-all/http';
import { z } from 'zod';
import { readJson } from '../providers/json';
import type { ProviderHttp } from '../providers/provider';

/**
 * Safaricom Daraja B2C (BusinessPayment): pays a vendor's M-Pesa number from our shortcode.
 * The request is accepted synchronously; the outcome arrives later at ResultURL (unsigned, so
 * the URL carries a per-payout token) as `Result.ResultCode` (0 = paid).
 */

export const B2CRequest = z
  .object({
    OriginatorConversationID: z.string().min(1).max(100),
    InitiatorName: z.string().min(1),
    SecurityCredential: z.string().min(1),
    CommandID: z.enum(['BusinessPayment', 'SalaryPayment', 'PromotionPayment']),
    // Whole shillings.
    Amount: z.number().int().positive(),
    PartyA: z.string().regex(/^\d{5,7}$/),
    PartyB: z.string().regex(/^254\d{9}$/),
    Remarks: z.string().min(1).max(100),
    QueueTimeOutURL: z.url(),
    ResultURL: z.url(),
    Occasion: z.string().max(100).optional(),
  })
  .strict();
export type B2CRequest = z.infer<typeof B2CRequest>;

const B2CAccepted = z.object({
  ConversationID: z.string().min(1),
  OriginatorConversationID: z.string().min(1),
  ResponseCode: z.string(),
  ResponseDescription: z.string().optional(),
});
const B2CError = z.object({ errorCode: z.string(), errorMessage: z.string() });

const ResultParameter = z.object({ Key: z.string(), Value: z.union([z.string(), z.number()]) });
export const B2CResult = z.object({
  Result: z.object({
    ResultType: z.coerce.number().int(),
    ResultCode: z.coerce.number().int(),
    ResultDesc: z.string().max(500),
    OriginatorConversationID: z.string().min(1).max(100),
    ConversationID: z.string().min(1).max(100),
    TransactionID: z.string().max(100),
    ResultParameters: z.object({ ResultParameter: z.array(ResultParameter).max(30) }).optional(),
  }),
});
export type B2CResult = z.infer<typeof B2CResult>;

export type B2CConfig = {
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  initiatorName: string;
  securityCredential: string;
};

export type SubmitResult = { status: 'submitted'; conversationId: string } | { status: 'refused'; reason: string };

/** The B2C adapter: the same code talks to Daraja (fetch) or to the sandbox (`http`). */
export function mpesaB2C(config: B2CConfig, http: ProviderHttp) {
  async function token(): Promise<string> {
    const response = await http(`${config.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${btoa(`${config.consumerKey}:${config.consumerSecret}`)}` },
    });
    const body = z.object({ access_token: z.string().min(1) }).safeParse(await readJson(response));
    if (!response.ok || !body.success)
      throw new AppError('upstream_unavailable', `M-Pesa token request failed (${response.status})`);
    return body.data.access_token;
  }

  return {
    /** Asks M-Pesa to pay; a refusal is an answer, a transport failure throws (the payout is retried). */
    async submit(payout: {
      id: string;
      amount: number;
      phone: string;
      resultUrl: string;
      timeoutUrl: string;
    }): Promise<SubmitResult> {
      const request: B2CRequest = {
        // Our payout id: Daraja rejects a second request with the same one, so a resubmission never pays twice.
        OriginatorConversationID: payout.id,
        InitiatorName: config.initiatorName,
        SecurityCredential: config.securityCredential,
        CommandID: 'BusinessPayment',
        Amount: payout.amount / 100,
        PartyA: config.shortcode,
        PartyB: payout.phone.replace(/^\+/, ''),
        Remarks: 'Linked All payout',
        QueueTimeOutURL: payout.timeoutUrl,
        ResultURL: payout.resultUrl,
        Occasion: payout.id,
      };
      const response = await http(`${config.baseUrl}/mpesa/b2c/v3/paymentrequest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const json = await readJson(response);
      const accepted = B2CAccepted.safeParse(json);
      if (response.ok && accepted.success && accepted.data.ResponseCode === '0') {
        return { status: 'submitted', conversationId: accepted.data.ConversationID };
      }
      const error = B2CError.safeParse(json);
      if (response.status >= 500 && !error.success)
        throw new AppError('upstream_unavailable', `M-Pesa answered ${response.status}`);
      return {
        status: 'refused',
        reason: error.success ? error.data.errorMessage : `M-Pesa refused the payout (${response.status})`,
      };
    },
  };
}

/** A result parameter by `Key`: Daraja does not promise their order. */
export function resultParameter(result: B2CResult, key: string): string | number | undefined {
  return result.Result.ResultParameters?.ResultParameter.find((p) => p.Key === key)?.Value;
}
