import type { Window } from './queries';
import type { BusinessTotal, MetricsReader, RouteStats, TimelinePoint } from './reader';

export type Funnel = {
  started: number;
  confirmed: number;
  cancelled: number;
  /** confirmed ÷ started, 0 when nothing started. */
  conversion: number;
  cancelledBy: { reason: string; count: number }[];
};
export type ProviderRate = { provider: string; succeeded: number; failed: number; rate: number };
export type Gmv = { country: string; currency: string; orders: number; amount: number };
export type QueueLag = { queue: string; messages: number; retried: number; avgMs: number; maxMs: number };
export type HotSku = { sku: string; held: number; refused: number; perSecond: number };
export type SmsCost = { provider: string; country: string; currency: string; messages: number; costMicros: number };

/** Everything the dashboard shows for one window, computed from the reader's three answers. */
export type DashboardSummary = {
  window: Window;
  seconds: number;
  requests: number;
  perSecond: number;
  errors: number;
  errorRate: number;
  cacheHits: number;
  cacheLookups: number;
  cacheHitRatio: number;
  routes: (RouteStats & { perSecond: number; errorRate: number })[];
  timeline: TimelinePoint[];
  bucketSeconds: number;
  funnel: Funnel;
  payments: ProviderRate[];
  gmv: Gmv[];
  queues: QueueLag[];
  deadLetters: { queue: string; count: number }[];
  hotSkus: HotSku[];
  sms: SmsCost[];
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

function group<T>(
  rows: BusinessTotal[],
  kind: string,
  key: (r: BusinessTotal) => string,
  init: () => T,
  add: (acc: T, r: BusinessTotal) => void,
) {
  const out = new Map<string, T>();
  for (const r of rows) {
    if (r.kind !== kind) continue;
    const k = key(r);
    let acc = out.get(k);
    if (!acc) {
      acc = init();
      out.set(k, acc);
    }
    add(acc, r);
  }
  return out;
}

/** Reads one window's figures: requests counted at the gateway (the public edge), the rest per kind. */
export async function dashboardSummary(reader: MetricsReader, window: Window, bucketSeconds = 60): Promise<DashboardSummary> {
  const [routes, timeline, business] = await Promise.all([
    reader.routes(window),
    reader.timeline(window, bucketSeconds),
    reader.business(window),
  ]);
  const seconds = Math.max(1, (window.untilMs - window.sinceMs) / 1000);
  const edge = routes.filter((r) => r.service === 'gateway');
  const sum = (rows: RouteStats[], f: (r: RouteStats) => number) => rows.reduce((s, r) => s + f(r), 0);
  const requests = sum(edge, (r) => r.requests);
  const errors = sum(edge, (r) => r.errors);
  const cacheHits = sum(edge, (r) => r.cacheHits);
  const cacheLookups = sum(edge, (r) => r.cacheLookups);

  const stage = (name: string) =>
    business.filter((r) => r.kind === 'checkout' && r.name === name).reduce((s, r) => s + r.count, 0);
  const started = stage('started');
  const confirmed = stage('confirmed');
  const cancelledBy = [
    ...group(
      business.filter((r) => r.name === 'cancelled'),
      'checkout',
      (r) => r.label,
      () => ({ count: 0 }),
      (a, r) => {
        a.count += r.count;
      },
    ),
  ].map(([reason, v]) => ({ reason, count: v.count }));

  const payments = [
    ...group(
      business,
      'payment',
      (r) => r.label,
      () => ({ succeeded: 0, failed: 0 }),
      (a, r) => {
        if (r.name === 'succeeded') a.succeeded += r.count;
        else a.failed += r.count;
      },
    ),
  ].map(([provider, v]) => ({ provider, ...v, rate: ratio(v.succeeded, v.succeeded + v.failed) }));

  const gmv = [
    ...group(
      business.filter((r) => r.name === 'confirmed'),
      'checkout',
      (r) => `${r.country} ${r.currency}`,
      () => ({ country: '', currency: '', orders: 0, amount: 0 }),
      (a, r) => {
        a.country = r.country;
        a.currency = r.currency;
        a.orders += r.count;
        a.amount += r.amount;
      },
    ).values(),
  ];

  const queues = [
    ...group(
      business,
      'queue',
      (r) => r.name,
      () => ({ messages: 0, retried: 0, totalMs: 0, maxMs: 0 }),
      (a, r) => {
        a.messages += r.count;
        if (r.label === 'retried') a.retried += r.count;
        a.totalMs += r.value;
        a.maxMs = Math.max(a.maxMs, r.maxValue);
      },
    ),
  ].map(([queue, v]) => ({
    queue,
    messages: v.messages,
    retried: v.retried,
    avgMs: ratio(v.totalMs, v.messages),
    maxMs: v.maxMs,
  }));

  const deadLetters = [
    ...group(
      business,
      'dead_letter',
      (r) => r.name,
      () => ({ count: 0 }),
      (a, r) => {
        a.count += r.count;
      },
    ),
  ].map(([queue, v]) => ({ queue, count: v.count }));

  const hotSkus = [
    ...group(
      business,
      'reservation',
      (r) => r.name,
      () => ({ held: 0, refused: 0 }),
      (a, r) => {
        if (r.label === 'held') a.held += r.count;
        else a.refused += r.count;
      },
    ),
  ]
    .map(([sku, v]) => ({ sku, ...v, perSecond: (v.held + v.refused) / seconds }))
    .sort((a, b) => b.perSecond - a.perSecond)
    .slice(0, 10);

  const sms = [
    ...group(
      business,
      'sms',
      (r) => `${r.name} ${r.country} ${r.currency}`,
      () => ({ provider: '', country: '', currency: '', messages: 0, costMicros: 0 }),
      (a, r) => {
        a.provider = r.name;
        a.country = r.country;
        a.currency = r.currency;
        a.messages += r.count;
        a.costMicros += r.value;
      },
    ).values(),
  ];

  return {
    window,
    seconds,
    requests,
    perSecond: requests / seconds,
    errors,
    errorRate: ratio(errors, requests),
    cacheHits,
    cacheLookups,
    cacheHitRatio: ratio(cacheHits, cacheLookups),
    routes: routes.map((r) => ({ ...r, perSecond: r.requests / seconds, errorRate: ratio(r.errors, r.requests) })),
    timeline,
    bucketSeconds,
    funnel: { started, confirmed, cancelled: stage('cancelled'), conversion: ratio(confirmed, started), cancelledBy },
    payments,
    gmv,
    queues,
    deadLetters,
    hotSkus,
    sms,
  };
}
