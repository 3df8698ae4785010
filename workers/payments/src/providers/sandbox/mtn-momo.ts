import { Hono } from 'hono';
import { insertSandboxCharge, type SandboxRow, sandboxCharge } from './store';
import type { FakeProvider, SandboxApp } from './types';

/** Fake MTN MoMo Collection: token, RequestToPay, its status, and the one-shot callback. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requestToPay(row: SandboxRow) {
  const status =
    row.status === 'paid' ? 'SUCCESSFUL' : row.status === 'pending' || row.status === 'timeout' ? 'PENDING' : 'FAILED';
  return {
    ...(row.transactionId ? { financialTransactionId: row.transactionId } : {}),
    externalId: row.request.externalId,
    amount: row.amount,
    currency: row.currency,
    payer: { partyIdType: 'MSISDN', partyId: row.phone },
    payerMessage: row.request.payerMessage,
    payeeNote: row.request.payeeNote,
    status,
    ...(status === 'FAILED' ? { reason: row.status === 'cancelled' ? 'EXPIRED' : 'APPROVAL_REJECTED' } : {}),
  };
}

const routes: SandboxApp = new Hono<{ Bindings: PaymentsEnv }>()
  .post('/collection/token/', (c) => {
    const expected = `Basic ${btoa(`${c.env.MTN_MOMO_API_USER ?? ''}:${c.env.MTN_MOMO_API_KEY ?? ''}`)}`;
    if (
      c.req.header('ocp-apim-subscription-key') !== c.env.MTN_MOMO_SUBSCRIPTION_KEY ||
      c.req.header('authorization') !== expected
    ) {
      return c.json({ error: 'login_failed' }, 401);
    }
    return c.json({ access_token: `sbx.${crypto.randomUUID()}`, token_type: 'access_token', expires_in: 3600 });
  })
  .use('/collection/v1_0/*', async (c, next) => {
    if (
      c.req.header('ocp-apim-subscription-key') !== c.env.MTN_MOMO_SUBSCRIPTION_KEY ||
      !/^Bearer \S+$/.test(c.req.header('authorization') ?? '')
    ) {
      return c.json({ statusCode: 401, message: 'Access denied due to invalid subscription key.' }, 401);
    }
    if (c.req.header('x-target-environment') !== c.env.MTN_MOMO_TARGET_ENVIRONMENT) {
      return c.json({ code: 'NOT_ALLOWED_TARGET_ENVIRONMENT', message: 'Access to target environment is forbidden.' }, 403);
    }
    return next();
  })
  .post('/collection/v1_0/requesttopay', async (c) => {
    const referenceId = c.req.header('x-reference-id') ?? '';
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const payer = body?.payer as { partyIdType?: string; partyId?: string } | undefined;
    if (!UUID.test(referenceId)) return c.json({ code: 'INVALID_REFERENCE_ID', message: 'Reference id is not a UUID' }, 400);
    if (
      !body ||
      !/^\d+(\.\d+)?$/.test(String(body.amount)) ||
      typeof body.currency !== 'string' ||
      typeof body.externalId !== 'string'
    ) {
      return c.json({ code: 'INVALID_PARAMETER', message: 'Invalid request parameters' }, 400);
    }
    if (payer?.partyIdType !== 'MSISDN' || !/^\d{9,15}$/.test(payer.partyId ?? '')) {
      return c.json({ code: 'PAYER_NOT_FOUND', message: 'Payer not found' }, 400);
    }
    const inserted = await insertSandboxCharge(c.env.DB, {
      provider: 'mtn_momo',
      providerReference: referenceId,
      transactionId: null,
      amount: String(body.amount),
      currency: body.currency,
      phone: payer.partyId ?? null,
      callbackUrl: c.req.header('x-callback-url') ?? null,
      request: body,
    });
    if (!inserted)
      return c.json({ code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id. Creation for resource failed.' }, 409);
    return c.body(null, 202);
  })
  .get('/collection/v1_0/requesttopay/:referenceId', async (c) => {
    const row = await sandboxCharge(c.env.DB, 'mtn_momo', c.req.param('referenceId'));
    if (!row) return c.json({ code: 'RESOURCE_NOT_FOUND', message: 'Requested resource was not found.' }, 404);
    return c.json(requestToPay(row));
  });

export const fakeMtnMomo: FakeProvider = {
  routes,
  outcome(action) {
    if (action === 'approve') return { status: 'paid', transactionId: String(crypto.getRandomValues(new Uint32Array(1))[0]) };
    // MoMo expires an unanswered request: a final FAILED, unlike M-Pesa's 1037.
    return { status: action === 'decline' ? 'failed' : 'cancelled', transactionId: null };
  },
  async callback(_env, row) {
    if (!row.callbackUrl || row.status === 'pending' || row.status === 'timeout') return null;
    // MoMo calls back with PUT (its docs ask callback hosts to allow PUT and POST).
    return {
      url: row.callbackUrl,
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(requestToPay(row)),
    };
  },
};
