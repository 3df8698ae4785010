import { OtpRequested, Phone, TokenPair } from '@linked-all/identity/contract';
import { ResetPasswordPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage, shopCountry } from '../../page-response';
import { callService, isRefusal } from '../../service-client';
import { setFlash, startSession, takeFlash } from '../../session';
import { formCountry, readPhone } from './account-pages';
import { FORM_LIMIT, form, PRIVATE, seeOther, status } from './forms';

// A forgotten password: the phone (national format), the SMS code with a new password, then
// signed in; identity revokes every other session the account had.

const resetPath = (phone: string) => `/signin/forgot?phone=${encodeURIComponent(phone)}`;

function showReset(
  c: PageCtx,
  state: { phone?: string; typedPhone?: string; error?: string } = {},
  code: ContentfulStatusCode = 200,
) {
  return sendPage(
    c,
    <ResetPasswordPage {...pageContext(c)} country={shopCountry(c)} {...state} flash={takeFlash(c)} />,
    code,
    PRIVATE,
  );
}

async function requestResetCode(c: PageCtx) {
  const body = await form(c);
  const phone = readPhone(c, body.phone, formCountry(c, body.country));
  if ('error' in phone) return showReset(c, { typedPhone: body.phone, error: phone.error }, 400);
  try {
    // Same answer whether or not the phone has an account: nobody learns who is registered.
    await callService(c, c.env.IDENTITY, '/v1/auth/otp/request', OtpRequested, { method: 'POST', json: { phone: phone.e164 } });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showReset(c, { phone: phone.e164, error: pageI18nOf(c).t('shop.code.too_many') }, status(err));
  }
  return seeOther(c, resetPath(phone.e164));
}

const ResetForm = z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/), password: z.string().min(8).max(256) });

async function resetPassword(c: PageCtx) {
  const { t } = pageI18nOf(c);
  const body = await form(c);
  const phone = Phone.safeParse(body.phone);
  if (!phone.success) return seeOther(c, '/signin/forgot');
  const parsed = ResetForm.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return showReset(c, { phone: phone.data, error: t(field === 'password' ? 'shop.reset.short' : 'shop.code.wrong') }, 400);
  }
  try {
    const tokens = await callService(c, c.env.IDENTITY, '/v1/auth/password/reset', TokenPair, {
      method: 'POST',
      json: parsed.data,
    });
    startSession(c, tokens);
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showReset(
      c,
      { phone: phone.data, error: t(err.status === 429 ? 'shop.code.too_many' : 'shop.code.wrong') },
      status(err),
    );
  }
  setFlash(c, 'password_reset');
  return seeOther(c, '/account');
}

export const passwordPages = new Hono<PagesEnv>()
  .get('/signin/forgot', (c) => {
    const phone = Phone.safeParse(c.req.query('phone'));
    return showReset(c, phone.success ? { phone: phone.data } : {});
  })
  .post('/signin/forgot', FORM_LIMIT, requestResetCode)
  .post('/signin/forgot/reset', FORM_LIMIT, resetPassword);
