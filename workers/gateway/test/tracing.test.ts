// Trace context across every hop (issue 15, Tracing): one checkout request sent to the gateway with
// a client's traceparent → the gateway → orders over HTTP → the checkout Workflow (its run and each
// step) → catalog and payments over Service Binding RPC → the order.confirmed event through a queue.
// Every log line of it, read back from the local log sink (METRICS_DB log_lines, what the console
// reads), carries the SAME trace id, and each hop names the span of the one that caused it.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../catalog/test/seed-catalog';
import { eventually, get } from './helpers';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const SHOPPER = 'usr_tracingshopper';

type Line = {
  service: string;
  message: string;
  spanId: string | null;
  parentSpanId: string | null;
  line: string;
};

let orderId = '';

function metricsDb(): D1Database {
  if (!env.METRICS_DB) throw new Error('the gateway has no METRICS_DB binding');
  return env.METRICS_DB;
}

async function linesOfTrace(): Promise<Line[]> {
  const { results } = await metricsDb()
    .prepare(
      'SELECT service, message, span_id AS spanId, parent_span_id AS parentSpanId, line FROM log_lines WHERE trace_id = ? ORDER BY time, rowid',
    )
    .bind(TRACE_ID)
    .all<Line>();
  return results;
}

const field = (l: Line, name: string): unknown => JSON.parse(l.line)[name];

beforeAll(async () => {
  await seedCatalog(env.CATALOG_DB);
  const token = await mintDevToken({ userId: SHOPPER, role: 'shopper', expiresIn: '30m' });
  const send = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    headers.set('cf-connecting-ip', '10.78.0.1');
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return get(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : undefined });
  };
  const { cartId } = (await (await send('/v1/carts', { method: 'POST' })).json()) as { cartId: string };
  expect((await send(`/v1/carts/${cartId}/items`, { method: 'POST', json: { skuId: 'sku_case', quantity: 1 } })).status).toBe(
    201,
  );
  const placed = await send('/v1/checkout', {
    method: 'POST',
    headers: { 'idempotency-key': 'tracing-0001', traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01` },
    json: { cartId, pickupStationId: 'pks_ng001lagos', payment: { method: 'pay_on_delivery', country: 'NG' } },
  });
  expect(placed.status, await placed.clone().text()).toBe(202);
  orderId = ((await placed.json()) as { orderId: string }).orderId;
  await eventually(async () => {
    const view = (await (await send(`/v1/orders/${orderId}`)).json()) as { status: string };
    expect(view.status).toBe('confirmed');
  }, 30_000);
}, 90_000);

describe('one trace across HTTP, RPC, the Workflow and a queue', () => {
  it('gives every hop the same trace id, each a child span of the hop that called it', async () => {
    const lines = await eventually(async () => {
      const all = await linesOfTrace();
      // The queue hop: logistics consumed order.confirmed (created the shipment) in the same trace.
      expect(all.some((l) => l.service === 'logistics')).toBe(true);
      expect(
        all.some(
          (l) =>
            l.message === 'workflow step' && field(l, 'step') === 'capture the payment, confirm the order and empty the cart',
        ),
      ).toBe(true);
      return all;
    }, 20_000);
    const one = (what: string, match: (l: Line) => boolean): Line => {
      const found = lines.filter(match);
      expect(found.length, `${what} in ${JSON.stringify(lines.map((l) => `${l.service} ${l.message}`))}`).toBeGreaterThan(0);
      return found[0];
    };

    // Gateway: the client's span is its parent.
    const edge = one(
      'the gateway request',
      (l) => l.service === 'gateway' && l.message === 'request' && field(l, 'path') === '/v1/checkout',
    );
    expect(edge.parentSpanId).toBe(CLIENT_SPAN);
    // Orders over HTTP (forwarded with the gateway's traceparent header).
    const ordersRequest = one(
      'the orders request',
      (l) => l.service === 'orders' && l.message === 'request' && field(l, 'path') === '/v1/checkout',
    );
    expect(ordersRequest.parentSpanId).toBe(edge.spanId);
    // The Workflow run was started by that request (its params carried the traceparent).
    const run = one('the workflow run', (l) => l.message === 'workflow run' && field(l, 'orderId') === orderId);
    expect(run.parentSpanId).toBe(ordersRequest.spanId);
    // Its steps are child spans of the run.
    const pricing = one(
      'the pricing step',
      (l) => l.message === 'workflow step' && field(l, 'step') === 'load the cart and price it from the catalog',
    );
    const recording = one(
      'the pay-on-delivery step',
      (l) => l.message === 'workflow step' && field(l, 'step') === 'record the pay-on-delivery order',
    );
    const runSpans = lines.filter((l) => l.message === 'workflow run').map((l) => l.spanId);
    expect(runSpans).toContain(pricing.parentSpanId);
    expect(runSpans).toContain(recording.parentSpanId);
    // Service Binding RPC from inside the steps: catalog and payments answer as child spans of the step.
    const skus = one(
      'catalog.skus over RPC',
      (l) => l.service === 'catalog' && l.message === 'rpc' && field(l, 'method') === 'skus',
    );
    expect(skus.parentSpanId).toBe(pricing.spanId);
    const record = one(
      'payments.record over RPC',
      (l) => l.service === 'payments' && l.message === 'rpc' && field(l, 'method') === 'record',
    );
    expect(record.parentSpanId).toBe(recording.spanId);

    // Every span named as a parent is a span of this trace (or the client's): the tree is connected.
    const spans = new Set([CLIENT_SPAN, ...lines.map((l) => l.spanId)]);
    for (const l of lines.filter((x) => x.parentSpanId && x.service !== 'logistics')) expect(spans).toContain(l.parentSpanId);
  });

  it("lists the order's trace on the console's order page", async () => {
    const admin = await mintDevToken({ userId: 'usr_tracingadmin', role: 'admin' });
    const response = await get(`/admin/orders/${orderId}`, { headers: { cookie: `la_at=${admin}` } });
    const html = await response.text();
    expect(response.status, html.slice(0, 500)).toBe(200);
    expect(html).toContain(`data-trace="${TRACE_ID}"`);
    expect(html).toContain('record the pay-on-delivery order');
    const gz = await new Response(new Blob([html]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    expect(gz.byteLength).toBeLessThanOrEqual(14 * 1024);
  });
});
