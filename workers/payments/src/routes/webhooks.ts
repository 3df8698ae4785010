import { AppError, describe } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { WebhookAck } from '../../contract';
import type { ProviderName } from '../../contract/enums';
import { findChargeByToken, findTopUp } from '../domain/topups';
import type { PaymentsApp } from '../env';
import { providerFor } from '../providers';
import { sha256Hex } from '../providers/crypto';
import type { Charge } from '../providers/provider';
import { recordCallback } from '../providers/record-callback';

// Provider callbacks carry no bearer token: the signature over the raw bytes (Paystack, Flutterwave)
// or the per-charge token in the URL (M-Pesa, MoMo) is the authentication, checked before the body
// is parsed, so a forged body is never even read as JSON. Processing happens on payment-callbacks:
// providers time out slow endpoints and retry, so we only verify, record, enqueue and answer.

const TOKEN = /^[0-9a-f]{64}$/;

function receive(name: ProviderName) {
  return async (c: Context<PaymentsApp>) => {
    const provider = providerFor(name, c.env);
    const raw = await c.req.arrayBuffer();
    let charge: Charge | undefined;
    if (provider.callbackAuth === 'token') {
      const token = c.req.param('token') ?? '';
      // Looked up by its SHA-256: the index sees a hash the caller cannot steer, so timing tells nothing.
      charge = TOKEN.test(token) ? ((await findChargeByToken(c.env.DB, name, await sha256Hex(token))) ?? undefined) : undefined;
    }
    if (!(await provider.verifyCallback(raw, c.req.raw.headers, charge))) {
      throw new AppError('unauthenticated', 'The webhook signature is missing or does not match');
    }
    const body = new TextDecoder().decode(raw);
    const parsed = provider.parseCallback(body);
    const chargeId = charge?.id ?? (await findTopUp(c.env.DB, name, parsed.reference))?.id ?? null;
    const recorded = await recordCallback(c.env.DB, { provider: name, parsed, body, chargeId });
    if (recorded.pending)
      await c.env.PAYMENT_CALLBACKS.send({ providerEventId: recorded.providerEventId }, { contentType: 'json' });
    return c.json({ received: true as const });
  };
}

const doc = (summary: string) =>
  describe({
    summary,
    tags: ['webhooks'],
    response: WebhookAck,
    problems: ['unauthenticated', 'malformed_json', 'payload_too_large'],
  });

export const webhookRoutes = new Hono<PaymentsApp>()
  .post('/paystack', doc('Paystack event (x-paystack-signature: hex HMAC-SHA512 of the raw body)'), receive('paystack'))
  .post(
    '/flutterwave',
    doc('Flutterwave event (flutterwave-signature: base64 HMAC-SHA256 of the raw body, or the legacy verif-hash)'),
    receive('flutterwave'),
  )
  .post(
    '/mpesa/:token',
    doc('M-Pesa STK callback (unsigned: the per-charge token in the path authenticates it)'),
    receive('mpesa'),
  )
  // MoMo asks callback hosts to accept both PUT and POST.
  .on(
    ['POST', 'PUT'],
    '/mtn_momo/:token',
    doc('MTN MoMo RequestToPay callback (unsigned: per-charge token in the path)'),
    receive('mtn_momo'),
  );
