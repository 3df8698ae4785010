import { Hono } from 'hono';
import { secret } from '../domain/secrets';
import type { CourierHttp } from './courier';
import { signHex } from './hmac';
import { SENDY_SIGNATURE_HEADER, type SendyWebhook } from './sendy';

/**
 * The fake carrier of development and test: its booking API answers in-process (no network) with
 * the real request and response JSON, and `sandboxWebhook` builds the signed status webhook the
 * carrier would send, for the dev route, the tests and the benchmark to POST to the real route.
 */
const sandbox = new Hono<{ Bindings: LogisticsEnv }>()
  .post('/v2/orders', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${c.env.COURIER_SENDY_API_KEY ?? ''}`) {
      return c.json({ status: false, message: 'Invalid API key' }, 401);
    }
    const body = await c.req.json<{ external_reference?: string }>();
    if (!body.external_reference) return c.json({ status: false, message: 'external_reference is required' }, 422);
    return c.json({ status: true, data: { order_no: `SND${crypto.randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}` } });
  })
  .notFound((c) => c.json({ status: false, message: `The sandbox has no ${c.req.method} ${c.req.path}` }, 404));

/** A `fetch` for the carrier's base URL that the sandbox answers. */
export function sandboxCourierHttp(env: LogisticsEnv): CourierHttp {
  return async (url, init) => sandbox.fetch(new Request(url, init), env);
}

/** The carrier's signed webhook for a status change, as raw body and headers. */
export async function sandboxWebhook(
  env: Pick<LogisticsEnv, 'COURIER_SENDY_WEBHOOK_SECRET'>,
  change: Pick<SendyWebhook, 'order_no' | 'external_reference' | 'status'> & { event_id?: string; reason?: string },
): Promise<{ body: string; headers: Record<string, string> }> {
  const payload: SendyWebhook = {
    event_id: change.event_id ?? `evt_${crypto.randomUUID()}`,
    event: 'order.status_changed',
    order_no: change.order_no,
    external_reference: change.external_reference,
    status: change.status,
    ...(change.reason ? { reason: change.reason } : {}),
    timestamp: new Date().toISOString(),
  };
  const body = JSON.stringify(payload);
  const signature = await signHex(secret(env.COURIER_SENDY_WEBHOOK_SECRET, 'COURIER_SENDY_WEBHOOK_SECRET'), body);
  return { body, headers: { 'content-type': 'application/json', [SENDY_SIGNATURE_HEADER]: `sha256=${signature}` } };
}
