import { Hono } from 'hono';
import { hmac, toHex } from '../crypto';
import { insertSandboxCharge, type SandboxRow, sandboxCharge } from './store';
import type { FakeProvider, SandboxApp } from './types';

/** Fake Paystack: initialize, verify, and the signed charge.success webhook. */

// Paystack's transaction statuses for our sandbox states; a timed-out checkout is "abandoned".
const STATUS = { pending: 'ongoing', timeout: 'abandoned', paid: 'success', failed: 'failed', cancelled: 'abandoned' } as const;

function transaction(row: SandboxRow) {
  return {
    id: Number(row.transactionId),
    domain: 'test',
    status: STATUS[row.status],
    reference: row.providerReference,
    amount: Number(row.amount),
    currency: row.currency,
    gateway_response:
      row.status === 'paid' ? 'Successful' : row.status === 'failed' ? 'Declined' : 'The transaction was not completed',
    paid_at: row.status === 'paid' ? new Date().toISOString() : null,
    channel: 'mobile_money',
    metadata: row.request.metadata ?? null,
    customer: { email: row.request.email },
  };
}

const routes: SandboxApp = new Hono<{ Bindings: PaymentsEnv }>()
  .use('/transaction/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${c.env.PAYSTACK_SECRET_KEY ?? ''}`) {
      return c.json({ status: false, message: 'Invalid key' }, 401);
    }
    return next();
  })
  .post('/transaction/initialize', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const amount = Number(body?.amount);
    if (
      !body ||
      typeof body.email !== 'string' ||
      !Number.isInteger(amount) ||
      amount <= 0 ||
      typeof body.reference !== 'string'
    ) {
      return c.json({ status: false, message: 'Invalid transaction parameters' }, 400);
    }
    const accessCode = crypto.randomUUID().slice(0, 14);
    const inserted = await insertSandboxCharge(c.env.DB, {
      provider: 'paystack',
      providerReference: body.reference,
      transactionId: String(crypto.getRandomValues(new Uint32Array(1))[0]),
      amount: String(amount),
      currency: String(body.currency ?? 'NGN'),
      phone: null,
      callbackUrl: null,
      request: body,
    });
    if (!inserted) return c.json({ status: false, message: 'Duplicate Transaction Reference' }, 400);
    return c.json({
      status: true,
      message: 'Authorization URL created',
      data: {
        authorization_url: `https://checkout.paystack.com/${accessCode}`,
        access_code: accessCode,
        reference: body.reference,
      },
    });
  })
  .get('/transaction/verify/:reference', async (c) => {
    const row = await sandboxCharge(c.env.DB, 'paystack', c.req.param('reference'));
    if (!row)
      return c.json(
        { status: false, message: 'Transaction reference not found', type: 'validation_error', code: 'transaction_not_found' },
        400,
      );
    return c.json({ status: true, message: 'Verification successful', data: transaction(row) });
  });

export const fakePaystack: FakeProvider = {
  routes,
  outcome(action, row) {
    if (action === 'approve') return { status: 'paid', transactionId: row.transactionId };
    return { status: action === 'decline' ? 'failed' : 'timeout', transactionId: null };
  },
  async callback(env, row) {
    // Paystack only notifies success; a declined or abandoned charge is found by verifying it.
    if (row.status !== 'paid') return null;
    const body = JSON.stringify({ event: 'charge.success', data: transaction(row) });
    const signature = toHex(await hmac('SHA-512', env.PAYSTACK_SECRET_KEY ?? '', body));
    return {
      url: `${env.CALLBACK_BASE_URL}/v1/webhooks/paystack`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paystack-signature': signature },
      body,
    };
  },
};
