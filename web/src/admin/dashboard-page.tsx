import { formatNumber, intlTag, type Locale, translator } from '@linked-all/i18n';
import type { DashboardSummary } from '@linked-all/metrics';
import { CurrencyCode, formatMoney } from '@linked-all/money';
import { BarList, ColumnChart, Gauge } from './charts';
import { type AdminContext, AdminLayout } from './layout';

/** The windows an operator can pick (minutes). */
export const DASHBOARD_WINDOWS = [5, 15, 60, 360, 1440] as const;

// The dashboard's own few rules: figures in a grid of cards, charts as wide as their card.
const DASHBOARD_CSS =
  '.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem;margin:.6rem 0}' +
  '.card{background:#fff;padding:.5rem .7rem;border:1px solid #ddd}.card b{display:block;font-size:1.4rem}' +
  'section{margin:1.2rem 0}.chart{width:100%;height:auto;background:#fff}.gauge{width:7.5rem;height:1rem;vertical-align:middle}' +
  'td.n,th.n{text-align:end;font-variant-numeric:tabular-nums}';

function money(amount: number, currency: string, locale: Locale, country: string): string {
  const code = CurrencyCode.safeParse(currency);
  return code.success ? formatMoney(amount, code.data, intlTag(locale, country)) : `${amount} ${currency}`;
}

/** The operators' dashboard: traffic, latency and errors per route, cache, funnel, payments, GMV, queues, hot SKUs, SMS. */
export function DashboardPage({ ctx, summary, minutes }: { ctx: AdminContext; summary: DashboardSummary; minutes: number }) {
  const t = translator(ctx.locale);
  const n = (v: number, digits = 0) => formatNumber(Number(v.toFixed(digits)), ctx.locale);
  const pct = (v: number) => `${n(v * 100, 1)} %`;
  const s = summary;
  return (
    <AdminLayout {...ctx} title={t('ops.dashboard.title')}>
      <style dangerouslySetInnerHTML={{ __html: DASHBOARD_CSS }} />
      <form method="get" action="/admin">
        <label>
          {t('ops.dashboard.window')}{' '}
          <select name="minutes">
            {DASHBOARD_WINDOWS.map((m) => (
              <option value={String(m)} selected={m === minutes}>
                {t('ops.dashboard.minutes', { minutes: m })}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{t('ops.dashboard.show')}</button>
      </form>

      <section aria-labelledby="traffic">
        <h2 id="traffic">{t('ops.traffic.title')}</h2>
        <div class="cards">
          <p class="card" data-figure="requests">
            {t('ops.traffic.requests')}
            <b>{n(s.requests)}</b>
          </p>
          <p class="card" data-figure="per-second">
            {t('ops.traffic.per_second')}
            <b>{n(s.perSecond, 2)}</b>
          </p>
          <p class="card" data-figure="error-rate">
            {t('ops.traffic.error_rate')}
            <b>{pct(s.errorRate)}</b>
            <Gauge label={t('ops.traffic.error_rate')} ratio={s.errorRate} text={pct(s.errorRate)} alarmAbove={0.01} />
          </p>
          <p class="card" data-figure="cache-hit">
            {t('ops.traffic.cache_hit')}
            <b>{pct(s.cacheHitRatio)}</b>
            <Gauge label={t('ops.traffic.cache_hit')} ratio={s.cacheHitRatio} text={pct(s.cacheHitRatio)} />
          </p>
        </div>
        {s.timeline.length > 0 ? (
          <ColumnChart
            label={t('ops.traffic.timeline', { seconds: s.bucketSeconds })}
            points={s.timeline.map((p) => ({ value: p.requests, alarm: p.errors }))}
          />
        ) : (
          <p>{t('ops.dashboard.empty')}</p>
        )}
      </section>

      <section aria-labelledby="routes">
        <h2 id="routes">{t('ops.routes.title')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ops.routes.service')}</th>
              <th>{t('ops.routes.route')}</th>
              <th class="n">{t('ops.traffic.requests')}</th>
              <th class="n">{t('ops.traffic.per_second')}</th>
              <th class="n">{t('ops.routes.latency')}</th>
              <th class="n">{t('ops.traffic.error_rate')}</th>
            </tr>
          </thead>
          <tbody>
            {s.routes.map((r) => (
              <tr data-route={`${r.service} ${r.route}`}>
                <td>{r.service}</td>
                <td>
                  <code>{r.route}</code>
                </td>
                <td class="n">{n(r.requests)}</td>
                <td class="n">{n(r.perSecond, 2)}</td>
                <td class="n">{`${n(r.p50)} / ${n(r.p95)} / ${n(r.p99)}`}</td>
                <td class="n">{pct(r.errorRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="funnel">
        <h2 id="funnel">{t('ops.funnel.title')}</h2>
        <BarList
          label={t('ops.funnel.title')}
          rows={[
            { name: t('ops.funnel.started'), value: s.funnel.started, text: n(s.funnel.started) },
            { name: t('ops.funnel.confirmed'), value: s.funnel.confirmed, text: n(s.funnel.confirmed) },
            { name: t('ops.funnel.cancelled'), value: s.funnel.cancelled, text: n(s.funnel.cancelled), alarm: true },
          ]}
        />
        <p data-figure="conversion">
          {t('ops.funnel.conversion')}: <b>{pct(s.funnel.conversion)}</b>
        </p>
        {s.funnel.cancelledBy.length > 0 ? (
          <table>
            <tbody>
              {s.funnel.cancelledBy.map((c) => (
                <tr>
                  <td>{`${t('ops.funnel.reason')}: ${c.reason}`}</td>
                  <td class="n">{n(c.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="payments">
        <h2 id="payments">{t('ops.payments.title')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ops.payments.provider')}</th>
              <th class="n">{t('ops.payments.succeeded')}</th>
              <th class="n">{t('ops.payments.failed')}</th>
              <th class="n">{t('ops.payments.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {s.payments.map((p) => (
              <tr data-provider={p.provider}>
                <td>{p.provider}</td>
                <td class="n">{n(p.succeeded)}</td>
                <td class="n">{n(p.failed)}</td>
                <td class="n">
                  <Gauge label={p.provider} ratio={p.rate} text={pct(p.rate)} /> {pct(p.rate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="gmv">
        <h2 id="gmv">{t('ops.gmv.title')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ops.gmv.country')}</th>
              <th class="n">{t('ops.gmv.orders')}</th>
              <th class="n">{t('ops.gmv.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {s.gmv.map((g) => (
              <tr data-gmv={`${g.country} ${g.currency}`}>
                <td>{g.country}</td>
                <td class="n">{n(g.orders)}</td>
                <td class="n">{money(g.amount, g.currency, ctx.locale, g.country)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="queues">
        <h2 id="queues">{t('ops.queues.title')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ops.queues.queue')}</th>
              <th class="n">{t('ops.queues.messages')}</th>
              <th class="n">{t('ops.queues.retried')}</th>
              <th class="n">{t('ops.queues.lag')}</th>
            </tr>
          </thead>
          <tbody>
            {s.queues.map((q) => (
              <tr data-queue={q.queue}>
                <td>{q.queue}</td>
                <td class="n">{n(q.messages)}</td>
                <td class="n">{n(q.retried)}</td>
                <td class="n">{`${n(q.avgMs)} / ${n(q.maxMs)}`}</td>
              </tr>
            ))}
            {s.deadLetters.map((d) => (
              <tr data-dead-letters={d.queue}>
                <td>{`${d.queue} · ${t('ops.queues.dead_letters')}`}</td>
                <td class="n">{n(d.count)}</td>
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="skus">
        <h2 id="skus">{t('ops.skus.title')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ops.skus.sku')}</th>
              <th class="n">{t('ops.skus.held')}</th>
              <th class="n">{t('ops.skus.refused')}</th>
              <th class="n">{t('ops.skus.per_second')}</th>
            </tr>
          </thead>
          <tbody>
            {s.hotSkus.map((k) => (
              <tr data-sku={k.sku}>
                <td>
                  <code>{k.sku}</code>
                </td>
                <td class="n">{n(k.held)}</td>
                <td class="n">{n(k.refused)}</td>
                <td class="n">{n(k.perSecond, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="sms">
        <h2 id="sms">{t('ops.sms.title')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ops.payments.provider')}</th>
              <th class="n">{t('ops.queues.messages')}</th>
              <th class="n">{t('ops.sms.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {s.sms.map((m) => (
              <tr>
                <td>{`${m.provider} · ${m.country}`}</td>
                <td class="n">{n(m.messages)}</td>
                <td class="n">{`${n(m.costMicros / 1_000_000, 4)} ${m.currency}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AdminLayout>
  );
}
