import { z } from 'zod';

/**
 * The one data-point schema every worker writes. Analytics Engine stores a point as `blob1..20`
 * (strings), `double1..20` (numbers) and one sampling `index1`; the encoding below gives every
 * kind the same columns so one query shape reads them all:
 *   blob1 kind · blob2 service · blob3 name · blob4 label · blob5 label2 · blob6 label3 (currency
 *   or cache result) · blob7 country · double1 value (latency, count, lag, cost) · double2 amount
 *   (minor units, HTTP status, quantity, segments)
 */
export const METRIC_KINDS = ['request', 'checkout', 'payment', 'sms', 'queue', 'dead_letter', 'reservation'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

const Service = z.enum(['gateway', 'catalog', 'identity', 'payments', 'orders', 'logistics', 'notifications', 'media']);
export type ServiceName = z.infer<typeof Service>;

export const CACHE_RESULTS = ['HIT', 'MISS', 'STALE', 'BYPASS', 'NONE'] as const;
export const CHECKOUT_STAGES = ['started', 'confirmed', 'cancelled'] as const;

export const MetricPoint = z.discriminatedUnion('kind', [
  /** One per HTTP request a worker answered. */
  z.object({
    kind: z.literal('request'),
    service: Service,
    route: z.string(),
    method: z.string(),
    status: z.number().int(),
    cache: z.enum(CACHE_RESULTS),
    latencyMs: z.number().nonnegative(),
    country: z.string().default('XX'),
  }),
  /** The checkout funnel; `confirmed` carries the order's total (GMV by country and currency). */
  z.object({
    kind: z.literal('checkout'),
    service: Service,
    stage: z.enum(CHECKOUT_STAGES),
    reason: z.string().default(''),
    country: z.string().default('XX'),
    currency: z.string().default(''),
    amount: z.number().int().default(0),
  }),
  /** A payment attempt's outcome per provider (wallet, mpesa, …). */
  z.object({
    kind: z.literal('payment'),
    service: Service,
    provider: z.string(),
    outcome: z.enum(['succeeded', 'failed']),
    currency: z.string(),
    amount: z.number().int(),
  }),
  /** What one SMS cost (millionths of the provider's currency). */
  z.object({
    kind: z.literal('sms'),
    service: Service,
    provider: z.string(),
    country: z.string(),
    currency: z.string(),
    costMicros: z.number().int().nonnegative(),
    segments: z.number().int().nonnegative(),
  }),
  /** One per queue message handled: how long it waited since it was sent. */
  z.object({
    kind: z.literal('queue'),
    service: Service,
    queue: z.string(),
    outcome: z.enum(['delivered', 'retried']),
    lagMs: z.number().nonnegative(),
  }),
  /** A message that exhausted its retries and was kept in `dead_letters`. */
  z.object({ kind: z.literal('dead_letter'), service: Service, queue: z.string() }),
  /** An Inventory object's reservation (hot SKUs: reservations per second per SKU). */
  z.object({
    kind: z.literal('reservation'),
    service: Service,
    sku: z.string(),
    outcome: z.enum(['held', 'refused']),
    quantity: z.number().int().nonnegative(),
  }),
]);
export type MetricPoint = z.input<typeof MetricPoint>;

/** The columns of one encoded point, exactly what `writeDataPoint` takes. */
export type DataPoint = { indexes: [string]; blobs: string[]; doubles: number[] };

/** The HTTP status class a request point is grouped by (`2xx`, `5xx`, …). */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

type Columns = {
  name: string;
  label?: string;
  label2?: string;
  label3?: string;
  country?: string;
  value: number;
  amount?: number;
};

function columns(p: z.output<typeof MetricPoint>): Columns {
  switch (p.kind) {
    case 'request':
      return {
        name: p.route,
        label: p.method,
        label2: statusClass(p.status),
        label3: p.cache,
        country: p.country,
        value: p.latencyMs,
        amount: p.status,
      };
    case 'checkout':
      return { name: p.stage, label: p.reason, label3: p.currency, country: p.country, value: 1, amount: p.amount };
    case 'payment':
      return { name: p.outcome, label: p.provider, label3: p.currency, value: 1, amount: p.amount };
    case 'sms':
      return { name: p.provider, label3: p.currency, country: p.country, value: p.costMicros, amount: p.segments };
    case 'queue':
      return { name: p.queue, label: p.outcome, value: p.lagMs };
    case 'dead_letter':
      return { name: p.queue, value: 1 };
    case 'reservation':
      return { name: p.sku, label: p.outcome, value: 1, amount: p.quantity };
  }
}

/** Encodes a point into Analytics Engine's columns (see the layout above). */
export function toDataPoint(input: MetricPoint): DataPoint {
  const p = MetricPoint.parse(input);
  const c = columns(p);
  // The kind is the sampling index: Analytics Engine samples per index, so rare business events are
  // never sampled together with (and drowned by) the request stream.
  return {
    indexes: [p.kind],
    blobs: [p.kind, p.service, c.name, c.label ?? '', c.label2 ?? '', c.label3 ?? '', c.country ?? ''],
    doubles: [c.value, c.amount ?? 0],
  };
}
