import { Hono } from 'hono';
import { darajaPassword, darajaTimestamp } from '../mpesa';
import { insertSandboxCharge, sandboxCharge } from './store';
import type { FakeProvider, SandboxApp } from './types';

/** Fake Safaricom Daraja: OAuth, STK push, STK query, and the stkCallback it posts back. */

const badRequest = (field: string) => ({
  requestId: crypto.randomUUID(),
  errorCode: '400.002.02',
  errorMessage: `Bad Request - Invalid ${field}`,
});

// The result codes and descriptions Daraja uses for each final state.
const RESULTS = {
  paid: { code: 0, desc: 'The service request is processed successfully.' },
  cancelled: { code: 1032, desc: 'Request cancelled by user' },
  timeout: { code: 1037, desc: 'DS timeout user cannot be reached' },
  failed: { code: 2001, desc: 'The initiator information is invalid.' },
} as const;

function receiptNumber() {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => chars[b % chars.length]).join('');
}

const routes: SandboxApp = new Hono<{ Bindings: PaymentsEnv }>()
  .get('/oauth/v1/generate', (c) => {
    const expected = `Basic ${btoa(`${c.env.MPESA_CONSUMER_KEY ?? ''}:${c.env.MPESA_CONSUMER_SECRET ?? ''}`)}`;
    if (c.req.query('grant_type') !== 'client_credentials' || c.req.header('authorization') !== expected) {
      return c.json(
        { requestId: crypto.randomUUID(), errorCode: '400.008.01', errorMessage: 'Invalid Authentication passed' },
        400,
      );
    }
    return c.json({ access_token: `sbx${crypto.randomUUID().replaceAll('-', '')}`, expires_in: '3599' });
  })
  .use('/mpesa/*', async (c, next) => {
    if (!/^Bearer \S+$/.test(c.req.header('authorization') ?? '')) {
      return c.json({ requestId: crypto.randomUUID(), errorCode: '404.001.03', errorMessage: 'Invalid Access Token' }, 401);
    }
    return next();
  })
  .post('/mpesa/stkpush/v1/processrequest', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body) return c.json(badRequest('JSON'), 400);
    const shortcode = c.env.MPESA_SHORTCODE ?? '';
    const timestamp = String(body.Timestamp ?? '');
    if (body.BusinessShortCode !== shortcode) return c.json(badRequest('BusinessShortCode'), 400);
    if (!/^\d{14}$/.test(timestamp) || body.Password !== darajaPassword(shortcode, c.env.MPESA_PASSKEY ?? '', timestamp)) {
      return c.json(badRequest('Password'), 400);
    }
    if (body.TransactionType !== 'CustomerPayBillOnline') return c.json(badRequest('TransactionType'), 400);
    if (!Number.isInteger(body.Amount) || (body.Amount as number) < 1) return c.json(badRequest('Amount'), 400);
    // Safaricom lines only: 2547XXXXXXXX or 2541XXXXXXXX.
    if (typeof body.PhoneNumber !== 'string' || !/^254[17]\d{8}$/.test(body.PhoneNumber) || body.PartyA !== body.PhoneNumber) {
      return c.json(badRequest('PhoneNumber'), 400);
    }
    if (body.PartyB !== shortcode) return c.json(badRequest('PartyB'), 400);
    if (typeof body.CallBackURL !== 'string' || !/^https?:\/\/\S+$/.test(body.CallBackURL))
      return c.json(badRequest('CallBackURL'), 400);
    if (typeof body.AccountReference !== 'string' || body.AccountReference.length > 12)
      return c.json(badRequest('AccountReference'), 400);
    if (typeof body.TransactionDesc !== 'string' || body.TransactionDesc.length > 13)
      return c.json(badRequest('TransactionDesc'), 400);
    const day = timestamp.slice(0, 8);
    const MerchantRequestID = `${crypto.getRandomValues(new Uint32Array(1))[0]}-${crypto.getRandomValues(new Uint32Array(1))[0]}-1`;
    const CheckoutRequestID = `ws_CO_${day.slice(6, 8)}${day.slice(4, 6)}${day.slice(0, 4)}${timestamp.slice(8)}${crypto.randomUUID().slice(0, 8)}`;
    await insertSandboxCharge(c.env.DB, {
      provider: 'mpesa',
      providerReference: CheckoutRequestID,
      transactionId: null,
      amount: String(body.Amount),
      currency: 'KES',
      phone: body.PhoneNumber,
      callbackUrl: body.CallBackURL,
      request: { ...body, Password: undefined, MerchantRequestID },
    });
    return c.json({
      MerchantRequestID,
      CheckoutRequestID,
      ResponseCode: '0',
      ResponseDescription: 'Success. Request accepted for processing',
      CustomerMessage: 'Success. Request accepted for processing',
    });
  })
  .post('/mpesa/stkpushquery/v1/query', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const shortcode = c.env.MPESA_SHORTCODE ?? '';
    if (
      !body ||
      body.BusinessShortCode !== shortcode ||
      body.Password !== darajaPassword(shortcode, c.env.MPESA_PASSKEY ?? '', String(body.Timestamp))
    ) {
      return c.json(badRequest('Password'), 400);
    }
    const row = await sandboxCharge(c.env.DB, 'mpesa', String(body.CheckoutRequestID ?? ''));
    if (!row) return c.json(badRequest('CheckoutRequestID'), 400);
    if (row.status === 'pending') {
      return c.json(
        { requestId: crypto.randomUUID(), errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' },
        500,
      );
    }
    const result = RESULTS[row.status];
    return c.json({
      ResponseCode: '0',
      ResponseDescription: 'The service request has been accepted successsfully',
      MerchantRequestID: row.request.MerchantRequestID,
      CheckoutRequestID: row.providerReference,
      ResultCode: String(result.code),
      ResultDesc: result.desc,
    });
  });

export const fakeMpesa: FakeProvider = {
  routes,
  outcome(action) {
    if (action === 'approve') return { status: 'paid', transactionId: receiptNumber() };
    return { status: action === 'decline' ? 'cancelled' : 'timeout', transactionId: null };
  },
  async callback(_env, row, now) {
    if (!row.callbackUrl || row.status === 'pending') return null;
    const result = RESULTS[row.status];
    const stkCallback: Record<string, unknown> = {
      MerchantRequestID: row.request.MerchantRequestID,
      CheckoutRequestID: row.providerReference,
      ResultCode: result.code,
      ResultDesc: result.desc,
    };
    if (row.status === 'paid') {
      // Item order is not guaranteed by Daraja (readers look items up by Name); Balance comes without a Value.
      stkCallback.CallbackMetadata = {
        Item: [
          { Name: 'Amount', Value: Number(row.amount) },
          { Name: 'MpesaReceiptNumber', Value: row.transactionId },
          { Name: 'Balance' },
          { Name: 'TransactionDate', Value: Number(darajaTimestamp(now)) },
          { Name: 'PhoneNumber', Value: Number(row.phone) },
        ],
      };
    }
    return {
      url: row.callbackUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Body: { stkCallback } }),
    };
  },
};
