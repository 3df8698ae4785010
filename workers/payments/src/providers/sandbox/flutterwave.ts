import { Hono } from 'hono';
import { hmac, toBase64 } from '../crypto';
import { insertSandboxCharge, type SandboxRow, sandboxCharge, sandboxChargeByTransaction } from './store';
import type { FakeProvider, SandboxApp } from './types';

/** Fake Flutterwave v3: hosted payments, verify by id or tx_ref, and the charge.completed webhook. */

const STATUS = { pending: 'pending', timeout: 'pending', paid: 'successful', failed: 'failed', cancelled: 'cancelled' } as const;

function transaction(row: SandboxRow) {
  const amount = Number(row.amount);
  return {
    id: Number(row.transactionId),
    tx_ref: row.providerReference,
    flw_ref: `FLW-MOCK-${row.transactionId}`,
    amount,
    currency: row.currency,
    charged_amount: amount,
    app_fee: 0,
    merchant_fee: 0,
    processor_response: row.status === 'paid' ? 'Approved' : row.status === 'failed' ? 'Declined' : 'Pending',
    status: STATUS[row.status],
    payment_type: 'mobilemoney',
    created_at: new Date().toISOString(),
    customer: row.request.customer ?? null,
  };
}

const notFound = { status: 'error', message: 'No transaction was found for this id', data: null };

const routes: SandboxApp = new Hono<{ Bindings: PaymentsEnv }>()
  .use('/v3/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${c.env.FLUTTERWAVE_SECRET_KEY ?? ''}`) {
      return c.json({ status: 'error', message: 'Invalid authorization key', data: null }, 401);
    }
    return next();
  })
  .post('/v3/payments', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const amount = Number(body?.amount);
    if (!body || typeof body.tx_ref !== 'string' || !(amount > 0) || typeof body.currency !== 'string') {
      return c.json({ status: 'error', message: 'Invalid payment parameters', data: null }, 400);
    }
    await insertSandboxCharge(c.env.DB, {
      provider: 'flutterwave',
      providerReference: body.tx_ref,
      transactionId: String(crypto.getRandomValues(new Uint32Array(1))[0]),
      amount: String(body.amount),
      currency: body.currency,
      phone: null,
      callbackUrl: null,
      request: body,
    });
    return c.json({
      status: 'success',
      message: 'Hosted Link',
      data: { link: `https://checkout.flutterwave.com/v3/hosted/pay/${crypto.randomUUID().slice(0, 20)}` },
    });
  })
  .get('/v3/transactions/verify_by_reference', async (c) => {
    const row = await sandboxCharge(c.env.DB, 'flutterwave', c.req.query('tx_ref') ?? '');
    return row
      ? c.json({ status: 'success', message: 'Transaction fetched successfully', data: transaction(row) })
      : c.json(notFound, 400);
  })
  .get('/v3/transactions/:id/verify', async (c) => {
    const row = await sandboxChargeByTransaction(c.env.DB, 'flutterwave', c.req.param('id'));
    return row
      ? c.json({ status: 'success', message: 'Transaction fetched successfully', data: transaction(row) })
      : c.json(notFound, 400);
  });

export const fakeFlutterwave: FakeProvider = {
  routes,
  outcome(action, row) {
    if (action === 'timeout') return { status: 'timeout', transactionId: null };
    return { status: action === 'approve' ? 'paid' : 'failed', transactionId: row.transactionId };
  },
  async callback(env, row) {
    if (row.status !== 'paid' && row.status !== 'failed') return null;
    const body = JSON.stringify({ event: 'charge.completed', data: transaction(row), 'event.type': 'MOBILEMONEY_TRANSACTION' });
    const secretHash = env.FLUTTERWAVE_SECRET_HASH ?? '';
    return {
      url: `${env.CALLBACK_BASE_URL}/v1/webhooks/flutterwave`,
      method: 'POST',
      // Both schemes, as an account migrating from v3 webhooks receives them.
      headers: {
        'content-type': 'application/json',
        'verif-hash': secretHash,
        'flutterwave-signature': toBase64(await hmac('SHA-256', secretHash, body)),
      },
      body,
    };
  },
};
