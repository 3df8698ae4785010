import { Hono } from 'hono';
import type { ProviderHttp } from '../providers/provider';
import { B2CRequest, type B2CResult } from './b2c';

/**
 * Daraja's B2C API as the sandbox plays it in development and test: the same JSON in and out,
 * no network. A request to a number ending in 0000 fails like an unregistered M-Pesa customer
 * (ResultCode 2040); any other is paid. The outcome goes to `deliver` (the ResultURL and the
 * Result body), which the caller posts to our result route after answering.
 */
export function b2cSandboxHttp(deliver: (resultUrl: string, result: B2CResult) => void): ProviderHttp {
  const app = new Hono()
    .get('/oauth/v1/generate', (c) => c.json({ access_token: `sandbox-${crypto.randomUUID()}`, expires_in: '3599' }))
    .post('/mpesa/b2c/v3/paymentrequest', async (c) => {
      const parsed = B2CRequest.safeParse(await c.req.json().catch(() => null));
      if (!c.req.header('authorization')?.startsWith('Bearer sandbox-') || !parsed.success) {
        return c.json(
          { requestId: crypto.randomUUID(), errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid request' },
          400,
        );
      }
      const request = parsed.data;
      const conversationId = `AG_${Date.now()}_${crypto.randomUUID().slice(0, 12)}`;
      const failed = request.PartyB.endsWith('0000');
      const transactionId = failed ? '0000000000' : `SBX${crypto.randomUUID().replaceAll('-', '').slice(0, 7).toUpperCase()}`;
      deliver(request.ResultURL, {
        Result: {
          ResultType: 0,
          ResultCode: failed ? 2040 : 0,
          ResultDesc: failed
            ? "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service."
            : 'The service request is processed successfully.',
          OriginatorConversationID: request.OriginatorConversationID,
          ConversationID: conversationId,
          TransactionID: transactionId,
          ResultParameters: failed
            ? undefined
            : {
                ResultParameter: [
                  { Key: 'TransactionAmount', Value: request.Amount },
                  { Key: 'TransactionReceipt', Value: transactionId },
                  { Key: 'ReceiverPartyPublicName', Value: `${request.PartyB} - Sandbox Vendor` },
                  { Key: 'TransactionCompletedDateTime', Value: new Date().toISOString() },
                  { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
                ],
              },
        },
      });
      return c.json({
        ConversationID: conversationId,
        OriginatorConversationID: request.OriginatorConversationID,
        ResponseCode: '0',
        ResponseDescription: 'Accept the service request successfully.',
      });
    });
  return async (url, init) => {
    const { pathname, search } = new URL(url);
    return app.fetch(new Request(`https://sandbox.safaricom.co.ke${pathname}${search}`, init));
  };
}
