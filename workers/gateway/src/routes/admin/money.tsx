import { AuditReason } from '@linked-all/events';
import { IdempotencyKey, traced } from '@linked-all/http';
import { CurrencyCode, formatMoney } from '@linked-all/money';
import { CollectorId, RemittanceView } from '@linked-all/payments/contract';
import { AdminMoneyPage, type PayoutState, toMinor } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { PageCtx, PagesEnv } from '../../page-response';
import { callService, isRefusal } from '../../service-client';
import { adminContext, adminOf } from './guard';
import { ADMIN_FORM_LIMIT, adminWords, done, form, problemWords, screenContext, sendScreen } from './kit';

const State = z.enum(['requested', 'sent', 'failed']);
const PayoutId = z.string().regex(/^pyt_[0-9a-z]{4,40}$/);

function stateOf(c: PageCtx): PayoutState | undefined {
  const asked = State.safeParse(c.req.query('payouts'));
  return asked.success ? asked.data : undefined;
}

/** Payments computes every figure from its ledger; the console only lays them out. */
async function moneyScreen(c: PageCtx, error?: string) {
  const state = stateOf(c);
  const [check, summary, cod, payouts] = await Promise.all([
    traced(c.env.PAYMENTS).adminLedgerCheck(),
    traced(c.env.PAYMENTS).adminMoney(),
    traced(c.env.PAYMENTS).adminCodCash(),
    traced(c.env.PAYMENTS).adminPayouts({ status: state, limit: 50 }),
  ]);
  return (
    <AdminMoneyPage
      {...screenContext(c, error)}
      check={check}
      flows={summary.flows}
      unmatched={summary.unmatchedCallbacks}
      cod={cod}
      payouts={payouts}
      state={state}
    />
  );
}

const REFUSED = { not_found: 404, not_failed: 409, too_many_retries: 409, insufficient_funds: 409 } as const;

/** Retry a failed payout with a reason: payments makes one new payout per failure and audits it in the same batch. */
async function retry(c: PageCtx) {
  const admin = await adminOf(c);
  const t = adminWords(c);
  const id = PayoutId.safeParse(c.req.param('id'));
  const body = await form(c);
  if (!id.success) return sendScreen(c, await moneyScreen(c, t('admin.error.not_found')), 404);
  const reason = AuditReason.safeParse(body.reason ?? '');
  if (!reason.success) return sendScreen(c, await moneyScreen(c, `${t('admin.error.reason')} (reason)`), 400);
  const outcome = await traced(c.env.PAYMENTS).adminRetryPayout(id.data, admin.userId, reason.data);
  if (!outcome.ok) {
    const words = outcome.reason === 'not_found' ? t('admin.error.not_found') : t(`admin.money.refused.${outcome.reason}`);
    return sendScreen(c, await moneyScreen(c, words), REFUSED[outcome.reason]);
  }
  return done(c, '/admin/money?payouts=requested#payouts', 'payout_retried');
}

// The remittance form as the browser sends it: the amount as the operator types it ("1500.50").
const RemittanceForm = z.object({
  currency: CurrencyCode,
  amount: z.string().max(32),
  reason: AuditReason,
  key: IdempotencyKey,
});

/**
 * A rider or station agent handed in pay-on-delivery cash: the same route API clients call
 * (`POST /v1/admin/cod/collectors/:id/remittances`, problem+json), with the admin's token and the
 * form's own Idempotency-Key, so a double submit is one remittance. A refusal shows the screen
 * again with the reason and the route's status.
 */
async function remit(c: PageCtx) {
  const admin = await adminOf(c);
  const t = adminWords(c);
  const collector = CollectorId.safeParse(c.req.param('collectorId'));
  if (!collector.success) return sendScreen(c, await moneyScreen(c, t('admin.error.not_found')), 404);
  const body = RemittanceForm.safeParse(await form(c));
  const amount = body.success ? toMinor(body.data.amount, body.data.currency) : null;
  if (!body.success || !amount) {
    const fields = body.success ? ['amount'] : [...new Set(body.error.issues.map((i) => String(i.path[0])))];
    const words = fields.includes('reason') ? t('admin.error.reason') : t('admin.error.check');
    return sendScreen(c, await moneyScreen(c, `${words} (${fields.join(', ')})`), 400);
  }
  const { currency, reason, key } = body.data;
  try {
    await callService(c, c.env.PAYMENTS, `/v1/admin/cod/collectors/${collector.data}/remittances`, RemittanceView, {
      method: 'POST',
      token: admin.token,
      headers: { 'idempotency-key': key },
      json: { amount, currency, reason },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    const held = z.number().int().nonnegative().safeParse(err.extra.held);
    const words = held.success
      ? t('admin.money.cod.refused.exceeds_held', { held: formatMoney(held.data, currency, adminContext(c).locale) })
      : err.code === 'idempotency_conflict'
        ? t('admin.money.cod.refused.key_reused')
        : problemWords(t, err);
    return sendScreen(c, await moneyScreen(c, words), err.status as ContentfulStatusCode);
  }
  return done(c, '/admin/money#cod', 'cash_remitted');
}

export const moneyRoutes = new Hono<PagesEnv>()
  .get('/money', async (c) => sendScreen(c, await moneyScreen(c)))
  .post('/money/payouts/:id/retry', ADMIN_FORM_LIMIT, retry)
  .post('/money/cod/:collectorId/remit', ADMIN_FORM_LIMIT, remit);
