import { IdempotencyKey } from '@linked-all/http';
import { CURRENCIES, CurrencyCode, fromMajor } from '@linked-all/money';
import {
  DevActionView,
  PaymentOptionsView,
  TopUpAccepted,
  TopUpParams,
  TopUpView,
  WalletView,
} from '@linked-all/payments/contract';
import { type FormError, isShopCountry, normalisePhone, TopUpPage, WalletPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { notFound, type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage } from '../../page-response';
import { callService, isRefusal } from '../../service-client';
import { type Session, takeFlash } from '../../session';
import { FORM_LIMIT, form, formError, PRIVATE, seeOther, signedIn, status } from './forms';
import { isLocalDev } from './order-pages';

// The wallet: balances, movements (refunds as they land), and top-up by a mobile-money prompt
// followed by a page that reloads itself until the provider's answer is in.

/** The shop country's currency (Kenya's when there is none yet): the one a top-up is offered in. */
function homeCurrency(c: PageCtx): CurrencyCode {
  const country = pageContext(c).country ?? 'KE';
  const found = CurrencyCode.options.find((code) => CURRENCIES[code].country === country);
  return found ?? 'KES';
}

type Typed = { amount?: string; provider?: string; phone?: string };

async function showWallet(
  c: PageCtx,
  session: Session,
  state: { typed?: Typed; error?: FormError; key?: string } = {},
  code: ContentfulStatusCode = 200,
) {
  const currency = homeCurrency(c);
  const [wallet, options] = await Promise.all([
    callService(c, c.env.PAYMENTS, '/v1/wallet', WalletView, { token: session.token }),
    // Payments names the providers that collect this currency and one charge's bounds.
    callService(c, c.env.PAYMENTS, `/v1/wallet/payment-options?currency=${currency}&amount=0`, PaymentOptionsView, {
      token: session.token,
    }),
  ]);
  return sendPage(
    c,
    <WalletPage
      {...pageContext(c)}
      balances={wallet.balances}
      movements={wallet.movements}
      topUp={{ currency, providers: options.mobileMoney.providers }}
      idempotencyKey={state.key ?? crypto.randomUUID()}
      typed={state.typed}
      error={state.error}
      flash={takeFlash(c)}
    />,
    code,
    PRIVATE,
  );
}

const TopUpForm = z.object({
  idempotencyKey: IdempotencyKey,
  currency: CurrencyCode,
  provider: z.string().max(20),
  // Major units as people type them: "500", "1,500" is not accepted (ambiguous), "99.50" or "99,50" is.
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,12}([.,]\d{1,2})?$/),
  phone: z.string().max(40),
});

async function startTopUp(c: PageCtx, session: Session) {
  const { t } = pageI18nOf(c);
  const body = await form(c);
  const typed = { amount: body.amount, provider: body.provider, phone: body.phone };
  const parsed = TopUpForm.safeParse(body);
  const again = (error: FormError, code: ContentfulStatusCode) =>
    showWallet(c, session, { typed, error, key: parsed.data?.idempotencyKey }, code);
  if (!parsed.success) return again({ message: t('shop.wallet.check_form') }, 400);
  const { idempotencyKey, currency, provider, amount } = parsed.data;
  // A national number is read in the plan of the country whose currency is topped up.
  const country = CURRENCIES[currency].country;
  const phone = isShopCountry(country) ? normalisePhone(parsed.data.phone, country) : null;
  try {
    const accepted = await callService(c, c.env.PAYMENTS, '/v1/wallet/topups', TopUpAccepted, {
      method: 'POST',
      token: session.token,
      headers: { 'idempotency-key': idempotencyKey },
      json: {
        amount: fromMajor(Number(amount.replace(',', '.')), currency),
        currency,
        provider,
        phone: phone?.ok ? phone.e164 : parsed.data.phone.replace(/[\s()-]/g, ''),
      },
    });
    return seeOther(c, `/wallet/topups/${accepted.topUpId}`);
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return again(formError(c, err), status(err));
  }
}

const noSuchTopUp = (c: PageCtx) => notFound(c, undefined, PRIVATE);

async function showTopUp(c: PageCtx, session: Session, id: string, error?: string, code: ContentfulStatusCode = 200) {
  const params = TopUpParams.safeParse({ topUpId: id });
  if (!params.success) return noSuchTopUp(c);
  let topUp: z.infer<typeof TopUpView>;
  try {
    topUp = await callService(c, c.env.PAYMENTS, `/v1/wallet/topups/${params.data.topUpId}`, TopUpView, { token: session.token });
  } catch (err) {
    // Another shopper's top-up is a missing one.
    if (isRefusal(err, 404)) return noSuchTopUp(c);
    throw err;
  }
  return sendPage(c, <TopUpPage {...pageContext(c)} topUp={topUp} sandbox={isLocalDev(c.env)} error={error} />, code, PRIVATE);
}

async function approveSandboxTopUp(c: PageCtx, session: Session, id: string) {
  const params = TopUpParams.safeParse({ topUpId: id });
  if (!isLocalDev(c.env) || !params.success) return noSuchTopUp(c);
  try {
    await callService(c, c.env.PAYMENTS, `/v1/dev/payments/${params.data.topUpId}/approve`, DevActionView, {
      method: 'POST',
      token: session.token,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.status === 404) return noSuchTopUp(c);
    return showTopUp(c, session, params.data.topUpId, err.message, status(err));
  }
  return seeOther(c, `/wallet/topups/${params.data.topUpId}`);
}

const backToTopUp = (c: PageCtx) => `/wallet/topups/${c.req.param('id')}`;

export const walletPages = new Hono<PagesEnv>()
  .get(
    '/wallet',
    signedIn((c, session) => showWallet(c, session)),
  )
  .post(
    '/wallet/topups',
    FORM_LIMIT,
    signedIn(startTopUp, () => '/wallet'),
  )
  .get(
    '/wallet/topups/:id',
    signedIn((c, session) => showTopUp(c, session, c.req.param('id') ?? '')),
  )
  .post(
    '/wallet/topups/:id/approve',
    FORM_LIMIT,
    signedIn((c, s) => approveSandboxTopUp(c, s, c.req.param('id') ?? ''), backToTopUp),
  );
