import { can, permissionsOf, SHOP_STAFF_ROLES, ShopStaffRole } from '@linked-all/auth';
import { guardedCall, traced } from '@linked-all/http';
import { InvitationSent, MyVendorView, PayoutPhoneCodeSent, Phone, StaffMember, UserId } from '@linked-all/identity/contract';
import { CurrencyCode } from '@linked-all/money';
import { VendorBalance, VendorPayoutList, VendorPayoutView, VendorStatementView } from '@linked-all/payments/contract';
import { MoneyPage, type RoleChoice, SettingsPage, toMinor } from '@linked-all/web';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, type PageCtx, type PagesEnv, sendPage } from '../page-response';
import { callService, isRefusal, NoContent, ServiceProblem } from '../service-client';
import { deadlineFor } from '../service-deadlines';
import { asVendor, done, form, keyOf, PRIVATE, problemText, refuse, type Vendor, vendorContext, wordsOf } from './vendor-kit';

const FORM_LIMIT = formLimit(8 * 1024);
const Week = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
const PENDING_PHONE_COOKIE = 'la_vphone';

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
  return callService(c, c.env.PAYMENTS, `/v1/vendor/statements?week=${week}`, VendorStatementView, { token: vendor.token });
}

/**
 * Pending and payable now, from payments' balance RPC. The RPC checks the caller's own token
 * (finance permission, open shop) as its HTTP routes do; a refusal comes back as data.
 */
export async function balanceOf(c: PageCtx, vendor: Vendor) {
  const answer = await guardedCall('payments', { deadlineMs: deadlineFor('GET') }, () =>
    Promise.resolve(traced(c.env.PAYMENTS).vendorBalance(vendor.token)),
  );
  if (!answer.ok) throw new ServiceProblem(answer.status, answer.code, answer.detail);
  return VendorBalance.parse(answer.balance);
}

async function moneyPage(c: PageCtx, vendor: Vendor, error?: string) {
  const asked = Week.safeParse(c.req.query('week'));
  const [balance, statement, payouts] = await Promise.all([
    balanceOf(c, vendor),
    thisWeek(c, vendor, asked.success ? asked.data : currentWeek()),
    callService(c, c.env.PAYMENTS, '/v1/vendor/payouts?limit=10', VendorPayoutList, { token: vendor.token }),
  ]);
  return (
    <MoneyPage
      {...vendorContext(c, error)}
      balances={balance.currencies}
      statement={statement}
      payouts={payouts.items}
      payoutPhone={vendor.shop.payoutPhone}
      canPayOut={can(vendor.shop.myRole, 'finance')}
    />
  );
}

async function requestPayout(c: PageCtx, vendor: Vendor) {
  const t = wordsOf(c);
  const body = await form(c);
  const currency = CurrencyCode.safeParse(body.currency);
  const amount = currency.success ? toMinor(body.amount ?? '', currency.data) : null;
  if (!currency.success || !amount) return refuse(c, 400, t('vendor.error.check'), (e) => moneyPage(c, vendor, e));
  try {
    await callService(c, c.env.PAYMENTS, '/v1/vendor/payouts', VendorPayoutView, {
      method: 'POST',
      token: vendor.token,
      // Money leaves here: the form's own key makes a double submit one payout.
      headers: { 'idempotency-key': keyOf(body) },
      // Always to the shop's payout phone, which only the owner changes (confirmed by SMS):
      // a staff member with the finance permission cannot send money elsewhere from the app.
      json: { amount, currency: currency.data, phone: vendor.shop.payoutPhone },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(t, err), (e) => moneyPage(c, vendor, e));
  }
  return done(c, '/vendor/money', 'payout');
}

// ---- Settings: profile, payout phone, staff ----

const ROLE_CHOICES: RoleChoice[] = SHOP_STAFF_ROLES.map((role) => ({
  role,
  permissions: permissionsOf(role),
}));

async function settingsPage(c: PageCtx, vendor: Vendor, error?: string) {
  const staff = await callService(c, c.env.IDENTITY, '/v1/vendors/me/staff', z.array(StaffMember), { token: vendor.token });
  const pending = Phone.safeParse(getCookie(c, PENDING_PHONE_COOKIE));
  return (
    <SettingsPage
      {...vendorContext(c, error)}
      shop={vendor.shop}
      staff={staff}
      isOwner={can(vendor.shop.myRole, 'settings')}
      roles={ROLE_CHOICES}
      pendingPhone={pending.success ? pending.data : undefined}
    />
  );
}

/** Calls identity for a settings form; a refusal shows the settings screen again with the reason. */
async function settingsWrite(c: PageCtx, vendor: Vendor, run: () => Promise<unknown>): Promise<Response | null> {
  try {
    await run();
    return null;
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(wordsOf(c), err), (e) => settingsPage(c, vendor, e));
  }
}

async function inviteStaff(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const phone = (body.phone ?? '').replace(/[\s()-]/g, '');
  const role = ShopStaffRole.safeParse(body.role ?? 'manager');
  if (!role.success) return refuse(c, 400, wordsOf(c)('vendor.error.check'), (e) => settingsPage(c, vendor, e));
  const refused = await settingsWrite(c, vendor, () =>
    callService(c, c.env.IDENTITY, '/v1/vendors/me/staff', InvitationSent, {
      method: 'POST',
      token: vendor.token,
      json: { phone, role: role.data },
    }),
  );
  return refused ?? done(c, '/vendor/settings', 'invited');
}

async function removeStaff(c: PageCtx, vendor: Vendor) {
  const userId = UserId.safeParse(c.req.param('userId'));
  if (!userId.success) return refuse(c, 404, wordsOf(c)('vendor.error.not_found'));
  const refused = await settingsWrite(c, vendor, () =>
    callService(c, c.env.IDENTITY, `/v1/vendors/me/staff/${userId.data}`, NoContent, { method: 'DELETE', token: vendor.token }),
  );
  return refused ?? done(c, '/vendor/settings', 'removed');
}

async function saveProfile(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const refused = await settingsWrite(c, vendor, () =>
    callService(c, c.env.IDENTITY, '/v1/vendors/me', MyVendorView, {
      method: 'PATCH',
      token: vendor.token,
      json: { businessName: (body.businessName ?? '').trim() },
    }),
  );
  return refused ?? done(c, '/vendor/settings', 'profile');
}

async function askPayoutPhone(c: PageCtx, vendor: Vendor) {
  const phone = ((await form(c)).phone ?? '').replace(/[\s()-]/g, '');
  const refused = await settingsWrite(c, vendor, () =>
    callService(c, c.env.IDENTITY, '/v1/vendors/me/payout-phone', PayoutPhoneCodeSent, {
      method: 'POST',
      token: vendor.token,
      json: { phone },
    }),
  );
  if (refused) return refused;
  // Only which number waits for its code (no secret): the screen shows the code field for it.
  setCookie(c, PENDING_PHONE_COOKIE, phone, { path: '/vendor', maxAge: 600, httpOnly: true, sameSite: 'Lax' });
  return done(c, '/vendor/settings', 'code_sent');
}

async function confirmPayoutPhone(c: PageCtx, vendor: Vendor) {
  const body = await form(c);
  const refused = await settingsWrite(c, vendor, () =>
    callService(c, c.env.IDENTITY, '/v1/vendors/me/payout-phone/confirm', MyVendorView, {
      method: 'POST',
      token: vendor.token,
      json: { phone: (body.phone ?? '').replace(/[\s()-]/g, ''), code: (body.code ?? '').trim() },
    }),
  );
  if (refused) return refused;
  deleteCookie(c, PENDING_PHONE_COOKIE, { path: '/vendor' });
  return done(c, '/vendor/settings', 'payout_phone');
}

const page = (build: (c: PageCtx, vendor: Vendor) => ReturnType<typeof moneyPage>) => async (c: PageCtx, vendor: Vendor) =>
  sendPage(c, await build(c, vendor), 200, PRIVATE);

export const vendorMoneyRoutes = new Hono<PagesEnv>()
  .get('/money', asVendor('finance', page(moneyPage)))
  .post('/payouts', FORM_LIMIT, asVendor('finance', requestPayout))
  // Every member sees the shop's settings and staff; changing them is the owner's.
  .get('/settings', asVendor(null, page(settingsPage)))
  .post('/settings/profile', FORM_LIMIT, asVendor('settings', saveProfile))
  .post('/settings/payout-phone', FORM_LIMIT, asVendor('settings', askPayoutPhone))
  .post('/settings/payout-phone/confirm', FORM_LIMIT, asVendor('settings', confirmPayoutPhone))
  .post('/staff', FORM_LIMIT, asVendor('staff', inviteStaff))
  .post('/staff/:userId/remove', FORM_LIMIT, asVendor('staff', removeStaff));
