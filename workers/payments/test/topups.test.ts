import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { call, problem, shopper } from './fixtures';
import { count, outboxEvents, PHONES, sandboxRow, topUp } from './provider-fixtures';

const post = (token: string | undefined, json: unknown, key = `key-${crypto.randomUUID()}`) =>
  call('/v1/wallet/topups', { method: 'POST', token, json, headers: { 'idempotency-key': key } });

describe('POST /v1/wallet/topups', () => {
  it('starts an M-Pesa STK push and answers 202 pending with instructions for the phone', async () => {
    const me = await shopper();
    const response = await post(me.token, { amount: 50_000, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { topUpId: string };
    expect(body).toEqual({
      topUpId: expect.stringMatching(/^top_/),
      status: 'pending',
      provider: 'mpesa',
      amount: 50_000,
      currency: 'KES',
      instructions: { type: 'approve_on_phone', message: 'Success. Request accepted for processing' },
    });
    // The fake Daraja received the real STK push shape: whole shillings, MSISDN without '+', a tokened callback URL.
    const row = await sandboxRow(body.topUpId);
    const request = JSON.parse(row?.request ?? '{}');
    expect(request).toMatchObject({
      BusinessShortCode: '174379',
      TransactionType: 'CustomerPayBillOnline',
      Amount: 500,
      PartyA: '254712345678',
      PartyB: '174379',
      PhoneNumber: '254712345678',
      AccountReference: 'LinkedAll',
    });
    expect(row?.callbackUrl).toMatch(/^http:\/\/localhost:8787\/v1\/webhooks\/mpesa\/[0-9a-f]{64}$/);
    // Only the token's hash is stored on our side.
    const token = row?.callbackUrl?.split('/').pop();
    expect(await count('SELECT count(*) AS n FROM topups WHERE callback_token_hash = ?', token)).toBe(0);
    expect((await outboxEvents(body.topUpId)).map((e) => e.type)).toEqual(['payment.initiated']);
  });

  it('answers a redirect for Paystack and Flutterwave and a phone prompt for MoMo', async () => {
    const me = await shopper();
    const paystack = await topUp(me.token, { amount: 500_000, currency: 'NGN', provider: 'paystack' });
    expect(paystack.instructions).toMatchObject({
      type: 'redirect',
      url: expect.stringMatching(/^https:\/\/checkout\.paystack\.com\//),
    });
    const flutterwave = await topUp(me.token, { amount: 1_050, currency: 'GHS', provider: 'flutterwave' });
    expect(flutterwave.instructions).toMatchObject({
      type: 'redirect',
      url: expect.stringMatching(/^https:\/\/checkout\.flutterwave\.com\//),
    });
    // Flutterwave speaks major units.
    expect(JSON.parse((await sandboxRow(flutterwave.topUpId))?.request ?? '{}')).toMatchObject({
      amount: '10.50',
      currency: 'GHS',
    });
    const momo = await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo' });
    expect(momo.instructions).toMatchObject({ type: 'approve_on_phone' });
    expect(JSON.parse((await sandboxRow(momo.topUpId))?.request ?? '{}')).toMatchObject({
      amount: '20000',
      currency: 'UGX',
      externalId: momo.topUpId,
      payer: { partyIdType: 'MSISDN', partyId: '256772123456' },
    });
  });

  it('replays the first answer for a repeated Idempotency-Key and pushes one charge to the provider', async () => {
    const me = await shopper();
    const json = { amount: 10_000, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa };
    const first = await post(me.token, json, 'same-key-123');
    const again = await post(me.token, json, 'same-key-123');
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const a = (await first.json()) as { topUpId: string };
    expect(await again.json()).toEqual(a);
    expect(await count('SELECT count(*) AS n FROM topups WHERE user_id = ?', me.userId)).toBe(1);
    await problem(await post(me.token, { ...json, amount: 20_000 }, 'same-key-123'), 409, 'idempotency_conflict');
  });

  it('answers 400 naming the field when the provider does not take the currency, the amount or the phone', async () => {
    const me = await shopper();
    const cases = [
      [{ amount: 10_000, currency: 'NGN', provider: 'mpesa', phone: PHONES.mpesa }, 'currency'],
      [{ amount: 10_000, currency: 'KES', provider: 'mtn_momo', phone: PHONES.mtn_momo }, 'currency'],
      [{ amount: 999, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa }, 'amount'],
      [{ amount: 15_000_001_00, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa }, 'amount'],
      // M-Pesa collects whole shillings only.
      [{ amount: 10_050, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa }, 'amount'],
      [{ amount: 10_000, currency: 'KES', provider: 'mpesa', phone: '+255712345678' }, 'phone'],
      [{ amount: 10_000, currency: 'USD', provider: 'flutterwave', phone: PHONES.flutterwave }, 'currency'],
    ] as const;
    for (const [json, path] of cases) {
      const body = await problem(await post(me.token, json), 400, 'validation_failed');
      expect(body.errors).toEqual([{ path, message: expect.any(String) }]);
    }
    expect(await count('SELECT count(*) AS n FROM topups WHERE user_id = ?', me.userId)).toBe(0);
  });

  it('answers 400 to unknown fields, a float amount, a local phone number and an unknown provider', async () => {
    const me = await shopper();
    const ok = { amount: 10_000, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa };
    for (const json of [
      { ...ok, userId: 'usr_someone_else' },
      { ...ok, amount: 100.5 },
      { ...ok, amount: -100 },
      { ...ok, phone: '0712345678' },
      { ...ok, provider: 'paypal' },
      { ...ok, currency: 'kes' },
      { amount: 10_000 },
    ]) {
      await problem(await post(me.token, json), 400, 'validation_failed');
    }
  });

  it('answers 400 to malformed JSON, 415 to a non-JSON body and 413 to an oversized one', async () => {
    const me = await shopper();
    const send = (body: string, type = 'application/json') =>
      call('/v1/wallet/topups', {
        method: 'POST',
        token: me.token,
        body,
        headers: { 'content-type': type, 'idempotency-key': `k-${crypto.randomUUID()}` },
      });
    await problem(await send('{"amount": 100,'), 400, 'malformed_json');
    await problem(await send('amount=100', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    await problem(await send(JSON.stringify({ amount: 1, pad: 'x'.repeat(40_000) })), 413, 'payload_too_large');
  });

  it('answers 409 provider_refused and marks the charge failed when the provider refuses it', async () => {
    const me = await shopper();
    // MoMo's sandbox, like MoMo, cannot find an 8-digit MSISDN.
    const body = await problem(
      await post(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo', phone: '+25677212' }),
      409,
      'conflict',
    );
    expect(body).toMatchObject({ reason: 'provider_refused', detail: 'Payer not found' });
    const row = await env.DB.prepare('SELECT id, status, failure_reason FROM topups WHERE user_id = ?')
      .bind(me.userId)
      .first<{ id: string; status: string; failure_reason: string }>();
    expect(row).toMatchObject({ status: 'failed', failure_reason: 'provider_refused: Payer not found' });
    expect((await outboxEvents(row?.id ?? '')).map((e) => e.type)).toEqual(['payment.initiated', 'payment.failed']);
  });

  it('answers 503 and keeps the charge pending for the cron when the provider cannot be reached', async () => {
    const me = await shopper();
    // A base URL where Daraja serves nothing: every call fails, as in an outage.
    const ctx = createExecutionContext();
    const response = await createApp().fetch(
      new Request('https://payments.internal/v1/wallet/topups', {
        method: 'POST',
        headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json', 'idempotency-key': 'unreachable-1' },
        body: JSON.stringify({ amount: 10_000, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa }),
      }),
      { ...env, MPESA_BASE_URL: 'https://sandbox.safaricom.co.ke/down' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    await problem(response, 503, 'upstream_unavailable');
    const row = await env.DB.prepare('SELECT status FROM topups WHERE user_id = ?').bind(me.userId).first<string>('status');
    expect(row).toBe('pending');
    // A 5xx frees the Idempotency-Key, so the shopper can simply try again.
    expect(await count('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?', 'unreachable-1')).toBe(0);
  });

  it('answers 401 without a token', async () => {
    await problem(
      await post(undefined, { amount: 10_000, currency: 'KES', provider: 'mpesa', phone: PHONES.mpesa }),
      401,
      'unauthenticated',
    );
  });
});

describe('GET /v1/wallet/topups/:topUpId', () => {
  it('shows me my top-up and its status', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    const response = await call(`/v1/wallet/topups/${topUpId}`, { token: me.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      topUpId,
      status: 'pending',
      provider: 'mpesa',
      amount: 10_000,
      currency: 'KES',
      orderId: null,
      createdAt: expect.any(String),
    });
  });

  it("answers 404 to shopper B asking for shopper A's top-up, as for one that does not exist", async () => {
    const a = await shopper();
    const b = await shopper();
    const { topUpId } = await topUp(a.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    await problem(await call(`/v1/wallet/topups/${topUpId}`, { token: b.token }), 404, 'not_found');
    await problem(await call('/v1/wallet/topups/top_0000000000000000000000000', { token: b.token }), 404, 'not_found');
    await problem(await call('/v1/wallet/topups/not-an-id', { token: b.token }), 400, 'validation_failed');
    await problem(await call(`/v1/wallet/topups/${topUpId}`), 401, 'unauthenticated');
  });
});
