import { InvitationSent, StaffMember, UserId } from '@linked-all/identity/contract';
import { CurrencyCode } from '@linked-all/money';
import { MoneyPage, SettingsPage, toMinor } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, type PageCtx, type PagesEnv, sendPage } from '../page-response';
import { callService, isRefusal, NoContent } from '../service-client';
import {
  asVendor,
  done,
  form,
  keyOf,
  ownerOnly,
  PRIVATE,
  problemText,
  refuse,
  type Vendor,
  vendorContext,
  wordsOf,
} from './vendor-kit';

const FORM_LIMIT = formLimit(8 * 1024);

// GAP: payments' contract does not export its vendor statement and payout views yet; these are
// the fields the money screen reads of those answers.
const Statement = z.object({
  week: z.string(),
  currencies: z.array(
    z.object({
      currency: CurrencyCode,
      grossSales: z.number().int(),
      commission: z.number().int(),
      sales: z.number().int(),
      refunds: z.number().int(),
      payouts: z.number().int(),
      closingPending: z.number().int(),
      closingPayable: z.number().int(),
    }),
  ),
});
const Payout = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: CurrencyCode,
  phone: z.string(),
  status: z.enum(['requested', 'submitted', 'completed', 'failed']),
  createdAt: z.iso.datetime(),
});
const PayoutList = z.object({ items: z.array(Payout), nextCursor: z.string().nullable() });
const Week = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);

/** The ISO 8601 week of a moment, as payments names statements ("2026-W49"). */
export function currentWeek(now = new Date()): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the week's year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function thisWeek(c: PageCtx, vendor: Vendor, week: string) {
  return callService(c, c.env.PAYMENTS, `/v1/vendor/statements?week=${week}`, Statement, { token: vendor.token });
}

async function showMoney(c: PageCtx, vendor: Vendor, error?: string, code: ContentfulStatusCode = 200) {
  const asked = Week.safeParse(c.req.query('week'));
  const [statement, payouts] = await Promise.all([
    thisWeek(c, vendor, asked.success ? asked.data : currentWeek()),
    callService(c, c.env.PAYMENTS, '/v1/vendor/payouts?limit=10', PayoutList, { token: vendor.token }),
  ]);
  return sendPage(
    c,
    <MoneyPage
      {...vendorContext(c, error)}
      statement={statement}
      payouts={payouts.items}
      payoutPhone={vendor.shop.payoutPhone}
      canPayOut={vendor.shop.myRole === 'owner'}
    />,
    code,
    PRIVATE,
  );
}

async function requestPayout(c: PageCtx, vendor: Vendor) {
  const t = wordsOf(c);
  const body = await form(c);
  const currency = CurrencyCode.safeParse(body.currency);
  const amount = currency.success ? toMinor(body.amount ?? '', currency.data) : null;
  const phone = (body.phone ?? '').replace(/[\s()-]/g, '');
  if (!currency.success || !amount) return refuse(c, 400, t('vendor.error.check'), (e) => moneyPage(c, vendor, e));
  try {
    await callService(c, c.env.PAYMENTS, '/v1/vendor/payouts', Payout, {
      method: 'POST',
      token: vendor.token,
      // Money leaves here: the form's own key makes a double submit one payout.
      headers: { 'idempotency-key': keyOf(body) },
      json: { amount, currency: currency.data, ...(phone ? { phone } : {}) },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(t, err), (e) => moneyPage(c, vendor, e));
  }
  return done(c, '/vendor/money', 'payout');
}

async function moneyPage(c: PageCtx, vendor: Vendor, error: string) {
  const [statement, payouts] = await Promise.all([
    thisWeek(c, vendor, currentWeek()),
    callService(c, c.env.PAYMENTS, '/v1/vendor/payouts?limit=10', PayoutList, { token: vendor.token }),
  ]);
  return (
    <MoneyPage
      {...vendorContext(c, error)}
      statement={statement}
      payouts={payouts.items}
      payoutPhone={vendor.shop.payoutPhone}
      canPayOut={vendor.shop.myRole === 'owner'}
    />
  );
}

async function showSettings(c: PageCtx, vendor: Vendor, error?: string, code: ContentfulStatusCode = 200) {
  const staff = await callService(c, c.env.IDENTITY, '/v1/vendors/me/staff', z.array(StaffMember), { token: vendor.token });
  return sendPage(c, <SettingsPage {...vendorContext(c, error)} shop={vendor.shop} staff={staff} />, code, PRIVATE);
}

async function inviteStaff(c: PageCtx, vendor: Vendor) {
  const t = wordsOf(c);
  const phone = ((await form(c)).phone ?? '').replace(/[\s()-]/g, '');
  try {
    await callService(c, c.env.IDENTITY, '/v1/vendors/me/staff', InvitationSent, {
      method: 'POST',
      token: vendor.token,
      json: { phone },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showSettings(c, vendor, problemText(t, err), err.status as ContentfulStatusCode);
  }
  return done(c, '/vendor/settings', 'invited');
}

async function removeStaff(c: PageCtx, vendor: Vendor) {
  const t = wordsOf(c);
  const userId = UserId.safeParse(c.req.param('userId'));
  if (!userId.success) return refuse(c, 404, t('vendor.error.not_found'));
  try {
    await callService(c, c.env.IDENTITY, `/v1/vendors/me/staff/${userId.data}`, NoContent, {
      method: 'DELETE',
      token: vendor.token,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showSettings(c, vendor, problemText(t, err), err.status as ContentfulStatusCode);
  }
  return done(c, '/vendor/settings', 'removed');
}

export const vendorMoneyRoutes = new Hono<PagesEnv>()
  .get(
    '/money',
    asVendor((c, v) => showMoney(c, v)),
  )
  .post('/payouts', FORM_LIMIT, asVendor(ownerOnly(requestPayout)))
  .get(
    '/settings',
    asVendor((c, v) => showSettings(c, v)),
  )
  .post('/staff', FORM_LIMIT, asVendor(ownerOnly(inviteStaff)))
  .post('/staff/:userId/remove', FORM_LIMIT, asVendor(ownerOnly(removeStaff)));
