import { env } from 'cloudflare:test';
import { PaymentEvent } from '@linked-all/events';
import { describe, expect, it } from 'vitest';
import { processProviderEvent } from '../src/consumers/payment-callbacks';
import { call, ledgerBalance, problem, shopper } from './fixtures';
import {
  callbacksProcessed,
  count,
  flutterwaveSignature,
  outboxEvents,
  paystackSignature,
  sandboxRow,
  settled,
  topUp,
  waitFor,
} from './provider-fixtures';

const postRaw = (path: string, body: string, headers: Record<string, string> = {}, method = 'POST') =>
  call(path, { method, body, headers: { 'content-type': 'application/json', ...headers } });

/** The verify answer of the (fake) provider, as the webhook body carries it. */
async function paystackSuccess(reference: string) {
  const row = await sandboxRow(reference);
  const request = JSON.parse(row?.request ?? '{}');
  return JSON.stringify({
    event: 'charge.success',
    data: {
      id: 302961,
      domain: 'test',
      status: 'success',
      reference,
      amount: Number(row?.amount),
      currency: request.currency,
      channel: 'card',
    },
  });
}

const recorded = (reference: string) => count('SELECT count(*) AS n FROM provider_events WHERE reference = ?', reference);

describe('POST /v1/webhooks/paystack', () => {
  it('credits a top-up exactly once when the same signed event arrives 5 times at once', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 250_000, currency: 'NGN', provider: 'paystack' });
    // The shopper pays on Paystack's page; the webhook is what tells us.
    await env.DB.prepare("UPDATE sandbox_charges SET status = 'paid' WHERE provider = 'paystack' AND provider_reference = ?")
      .bind(topUpId)
      .run();
    const body = await paystackSuccess(topUpId);
    const signature = await paystackSignature(body);
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map(() => postRaw('/v1/webhooks/paystack', body, { 'x-paystack-signature': signature })),
    );
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ received: true });
    }
    expect(await settled(topUpId)).toBe('paid');
    await callbacksProcessed(topUpId);
    expect(await ledgerBalance('shopper_wallet', me.userId, 'NGN')).toBe(250_000);
    expect(await count('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?', `topup:${topUpId}`)).toBe(1);
    expect(await recorded(topUpId)).toBe(1);
    const completed = (await outboxEvents(topUpId)).filter((e) => e.type === 'payment.completed');
    expect(completed).toHaveLength(1);
    expect(PaymentEvent.parse(completed[0])).toMatchObject({
      type: 'payment.completed',
      data: { paymentId: topUpId, userId: me.userId, amount: 250_000, currency: 'NGN', provider: 'paystack' },
    });
  });

  it('moves no money on a correctly signed charge.success that Paystack does not confirm', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    // Signed, but the transaction is still "ongoing" when we verify it: recorded, not fulfilled.
    const body = await paystackSuccess(topUpId);
    expect((await postRaw('/v1/webhooks/paystack', body, { 'x-paystack-signature': await paystackSignature(body) })).status).toBe(
      200,
    );
    expect(await recorded(topUpId)).toBe(1);
    const eventId = await env.DB.prepare('SELECT id FROM provider_events WHERE reference = ?').bind(topUpId).first<string>('id');
    // The consumer asks Paystack, hears "ongoing", and leaves the message for a later retry.
    expect(await processProviderEvent(env, eventId ?? '')).toBe('retry');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'NGN')).toBe(0);
    expect(await env.DB.prepare('SELECT status FROM topups WHERE id = ?').bind(topUpId).first('status')).toBe('pending');
  });

  it('credits nothing when the amount Paystack verifies differs from the charge', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    const body = await paystackSuccess(topUpId);
    // Paystack reports a smaller amount paid than we asked for.
    await env.DB.prepare("UPDATE sandbox_charges SET status = 'paid', amount = '99999' WHERE provider_reference = ?")
      .bind(topUpId)
      .run();
    expect((await postRaw('/v1/webhooks/paystack', body, { 'x-paystack-signature': await paystackSignature(body) })).status).toBe(
      200,
    );
    const outcome = env.DB.prepare('SELECT outcome FROM provider_events WHERE charge_id = ?').bind(topUpId);
    await expect.poll(() => outcome.first('outcome'), { timeout: 15_000 }).toBe('mismatch');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'NGN')).toBe(0);
    expect(await env.DB.prepare('SELECT status FROM topups WHERE id = ?').bind(topUpId).first('status')).toBe('pending');
  });

  it('answers 401 and records nothing when the body was tampered with after signing', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    const body = await paystackSuccess(topUpId);
    const signature = await paystackSignature(body);
    const res = await postRaw('/v1/webhooks/paystack', body.replace('100000', '100000000'), {
      'x-paystack-signature': signature,
    });
    const problemBody = await problem(res, 401, 'unauthenticated');
    expect(problemBody.detail).toBe('The webhook signature is missing or does not match');
    expect(await recorded(topUpId)).toBe(0);
  });

  it('answers 401 to a missing signature, one made with another secret, and one that is not hex', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 100_000, currency: 'NGN', provider: 'paystack' });
    const body = await paystackSuccess(topUpId);
    await problem(await postRaw('/v1/webhooks/paystack', body), 401, 'unauthenticated');
    await problem(
      await postRaw('/v1/webhooks/paystack', body, {
        'x-paystack-signature': await paystackSignature(body, 'sk_test_someone_else'),
      }),
      401,
      'unauthenticated',
    );
    await problem(
      await postRaw('/v1/webhooks/paystack', body, { 'x-paystack-signature': 'z'.repeat(128) }),
      401,
      'unauthenticated',
    );
    expect(await recorded(topUpId)).toBe(0);
  });

  it('records an event for an unknown reference and moves no money', async () => {
    const reference = `unknown-${crypto.randomUUID()}`;
    const body = JSON.stringify({
      event: 'charge.success',
      data: { reference, amount: 5000, currency: 'NGN', status: 'success' },
    });
    expect((await postRaw('/v1/webhooks/paystack', body, { 'x-paystack-signature': await paystackSignature(body) })).status).toBe(
      200,
    );
    expect(await recorded(reference)).toBe(1);
    const outcome = await waitFor(
      () => env.DB.prepare('SELECT outcome FROM provider_events WHERE reference = ?').bind(reference).first<string>('outcome'),
      'the unknown event to be processed',
    );
    expect(outcome).toBe('unknown_reference');
    expect(await count('SELECT count(*) AS n FROM journal_entries WHERE external_ref LIKE ?', `%${reference}%`)).toBe(0);
  });

  it('answers 400 to a correctly signed body that is not a Paystack event, or not JSON', async () => {
    const notEvent = JSON.stringify({ hello: 'world' });
    await problem(
      await postRaw('/v1/webhooks/paystack', notEvent, { 'x-paystack-signature': await paystackSignature(notEvent) }),
      400,
      'validation_failed',
    );
    const notJson = '{"event": "charge.success",';
    await problem(
      await postRaw('/v1/webhooks/paystack', notJson, { 'x-paystack-signature': await paystackSignature(notJson) }),
      400,
      'malformed_json',
    );
  });

  it('answers 413 to an oversized body before reading it', async () => {
    const body = JSON.stringify({ event: 'charge.success', pad: 'x'.repeat(40_000) });
    await problem(
      await postRaw('/v1/webhooks/paystack', body, { 'x-paystack-signature': await paystackSignature(body) }),
      413,
      'payload_too_large',
    );
  });
});

describe('POST /v1/webhooks/flutterwave', () => {
  async function completed(txRef: string, status = 'successful') {
    const row = await env.DB.prepare(
      "SELECT transaction_id, amount, currency FROM sandbox_charges WHERE provider = 'flutterwave' AND provider_reference = ?",
    )
      .bind(txRef)
      .first<{ transaction_id: string; amount: string; currency: string }>();
    return JSON.stringify({
      event: 'charge.completed',
      data: {
        id: Number(row?.transaction_id),
        tx_ref: txRef,
        flw_ref: 'FLW-MOCK-1',
        amount: Number(row?.amount),
        currency: row?.currency,
        status,
      },
    });
  }

  it('accepts the flutterwave-signature scheme and credits once after verifying the transaction', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 50_000, currency: 'GHS', provider: 'flutterwave' });
    await env.DB.prepare("UPDATE sandbox_charges SET status = 'paid' WHERE provider = 'flutterwave' AND provider_reference = ?")
      .bind(topUpId)
      .run();
    const body = await completed(topUpId);
    const res = await postRaw('/v1/webhooks/flutterwave', body, { 'flutterwave-signature': await flutterwaveSignature(body) });
    expect(res.status).toBe(200);
    expect(await settled(topUpId)).toBe('paid');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'GHS')).toBe(50_000);
  });

  it('accepts the legacy verif-hash scheme', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 200_000, currency: 'NGN', provider: 'flutterwave' });
    await env.DB.prepare("UPDATE sandbox_charges SET status = 'failed' WHERE provider = 'flutterwave' AND provider_reference = ?")
      .bind(topUpId)
      .run();
    const body = await completed(topUpId, 'failed');
    const res = await postRaw('/v1/webhooks/flutterwave', body, { 'verif-hash': env.FLUTTERWAVE_SECRET_HASH ?? '' });
    expect(res.status).toBe(200);
    expect(await settled(topUpId)).toBe('failed');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'NGN')).toBe(0);
    const failed = (await outboxEvents(topUpId)).filter((e) => e.type === 'payment.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ paymentId: topUpId, reason: 'Declined' });
  });

  it('answers 401 and records nothing for a tampered body, a wrong hash, or a good hash beside a bad signature', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 50_000, currency: 'GHS', provider: 'flutterwave' });
    const body = await completed(topUpId);
    const signature = await flutterwaveSignature(body);
    const hash = env.FLUTTERWAVE_SECRET_HASH ?? '';
    const tampered = body.replace('"successful"', '"successful" ').replace('50000', '5000000');
    await problem(
      await postRaw('/v1/webhooks/flutterwave', tampered, { 'flutterwave-signature': signature }),
      401,
      'unauthenticated',
    );
    await problem(await postRaw('/v1/webhooks/flutterwave', body, { 'verif-hash': `${hash}x` }), 401, 'unauthenticated');
    await problem(await postRaw('/v1/webhooks/flutterwave', body, { 'verif-hash': hash.slice(0, -1) }), 401, 'unauthenticated');
    await problem(
      await postRaw('/v1/webhooks/flutterwave', tampered, { 'verif-hash': hash, 'flutterwave-signature': signature }),
      401,
      'unauthenticated',
    );
    await problem(
      await postRaw('/v1/webhooks/flutterwave', body, { 'flutterwave-signature': 'not base64 !!' }),
      401,
      'unauthenticated',
    );
    await problem(await postRaw('/v1/webhooks/flutterwave', body), 401, 'unauthenticated');
    expect(await recorded(topUpId)).toBe(0);
  });
});

describe('POST /v1/webhooks/mpesa/:token', () => {
  it('answers 401 and records nothing for a token that is not the charge’s', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    const row = await sandboxRow(topUpId);
    const checkout = JSON.parse(row?.request ?? '{}');
    const body = JSON.stringify({
      Body: {
        stkCallback: {
          MerchantRequestID: checkout.MerchantRequestID,
          CheckoutRequestID: 'ws_CO_x',
          ResultCode: 0,
          ResultDesc: 'ok',
        },
      },
    });
    const realToken = row?.callbackUrl?.split('/').pop() ?? '';
    const guessed = `${realToken.slice(0, -1)}${realToken.endsWith('0') ? '1' : '0'}`;
    await problem(await postRaw(`/v1/webhooks/mpesa/${guessed}`, body), 401, 'unauthenticated');
    await problem(await postRaw('/v1/webhooks/mpesa/short', body), 401, 'unauthenticated');
    // A charge's token is not valid for another provider's route.
    await problem(await postRaw(`/v1/webhooks/mtn_momo/${realToken}`, body), 401, 'unauthenticated');
    await problem(await postRaw('/v1/webhooks/mpesa', body), 404, 'route_not_found');
    expect(
      await count("SELECT count(*) AS n FROM provider_events WHERE provider IN ('mpesa', 'mtn_momo') AND body = ?", body),
    ).toBe(0);
  });

  it('credits once when Daraja delivers the same success callback 5 times at once', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 150_000, currency: 'KES', provider: 'mpesa' });
    // Approve without delivery, then replay the exact callback Daraja would send.
    const approved = await call(`/v1/dev/payments/${topUpId}/approve?callback=drop`, { method: 'POST', token: me.token });
    expect(approved.status).toBe(200);
    const row = await sandboxRow(topUpId);
    const checkout = JSON.parse(row?.request ?? '{}');
    const checkoutRequestId = await env.DB.prepare('SELECT provider_reference FROM topups WHERE id = ?')
      .bind(topUpId)
      .first<string>('provider_reference');
    const body = JSON.stringify({
      Body: {
        stkCallback: {
          MerchantRequestID: checkout.MerchantRequestID,
          CheckoutRequestID: checkoutRequestId,
          ResultCode: 0,
          ResultDesc: 'The service request is processed successfully.',
          CallbackMetadata: {
            Item: [
              { Name: 'PhoneNumber', Value: 254712345678 },
              { Name: 'Amount', Value: 1500 },
              { Name: 'MpesaReceiptNumber', Value: 'NLJ7RT61SV' },
            ],
          },
        },
      },
    });
    const path = new URL(row?.callbackUrl ?? '').pathname;
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => postRaw(path, body)));
    for (const r of responses) expect(r.status).toBe(200);
    expect(await settled(topUpId)).toBe('paid');
    await callbacksProcessed(topUpId);
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(150_000);
    expect(await count('SELECT count(*) AS n FROM provider_events WHERE charge_id = ?', topUpId)).toBe(1);
    expect((await outboxEvents(topUpId)).filter((e) => e.type === 'payment.completed')).toHaveLength(1);
  });

  it('answers 400 to a tokened body that is not an STK callback', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    const path = new URL((await sandboxRow(topUpId))?.callbackUrl ?? '').pathname;
    await problem(await postRaw(path, JSON.stringify({ Body: {} })), 400, 'validation_failed');
    await problem(await postRaw(path, 'not json'), 400, 'malformed_json');
    expect(await recorded(topUpId)).toBe(0);
  });
});

describe('PUT /v1/webhooks/mtn_momo/:token', () => {
  it('answers 401 and records nothing for a wrong token', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo' });
    const body = JSON.stringify({
      externalId: topUpId,
      amount: '20000',
      currency: 'UGX',
      status: 'SUCCESSFUL',
      financialTransactionId: '1',
    });
    await problem(await postRaw(`/v1/webhooks/mtn_momo/${'a'.repeat(64)}`, body, {}, 'PUT'), 401, 'unauthenticated');
    expect(await recorded(topUpId)).toBe(0);
  });
});
