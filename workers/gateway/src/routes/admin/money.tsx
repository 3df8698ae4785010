import { AuditReason } from '@linked-all/events';
import { traced } from '@linked-all/http';
import { AdminMoneyPage, type PayoutState } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PageCtx, PagesEnv } from '../../page-response';
import { adminOf } from './guard';
import { ADMIN_FORM_LIMIT, adminWords, done, form, screenContext, sendScreen } from './kit';

const State = z.enum(['requested', 'sent', 'failed']);
const PayoutId = z.string().regex(/^pyt_[0-9a-z]{4,40}$/);

function stateOf(c: PageCtx): PayoutState | undefined {
  const asked = State.safeParse(c.req.query('payouts'));
  return asked.success ? asked.data : undefined;
}

/** Payments computes every figure from its ledger; the console only lays them out. */
async function moneyScreen(c: PageCtx, error?: string) {
  const state = stateOf(c);
  const [check, summary, payouts] = await Promise.all([
    traced(c.env.PAYMENTS).adminLedgerCheck(),
    traced(c.env.PAYMENTS).adminMoney(),
    traced(c.env.PAYMENTS).adminPayouts({ status: state, limit: 50 }),
  ]);
  return (
    <AdminMoneyPage
      {...screenContext(c, error)}
      check={check}
      flows={summary.flows}
      unmatched={summary.unmatchedCallbacks}
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

export const moneyRoutes = new Hono<PagesEnv>()
  .get('/money', async (c) => sendScreen(c, await moneyScreen(c)))
  .post('/money/payouts/:id/retry', ADMIN_FORM_LIMIT, retry);
