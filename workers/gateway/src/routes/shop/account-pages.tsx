import { AddressView, OtpRequested, Phone, RegisterResponse, TokenPair, UserView } from '@linked-all/identity/contract';
import {
  AccountPage,
  CodePage,
  type FormError,
  isShopCountry,
  normalisePhone,
  RegisterPage,
  type ShopCountry,
  SignInPage,
  safeRedirect,
} from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage, shopCountry } from '../../page-response';
import { callService, isRefusal, NoContent, type ServiceProblem } from '../../service-client';
import { readSession, type Session, setFlash, startSession, takeFlash } from '../../session';
import { FORM_LIMIT, form, formError, PRIVATE, seeOther, signedIn, status } from './forms';
import { mergeGuestCart } from './signin-pages';

// Accounts: register (phone first), sign in by SMS code (also the way back in after a forgotten
// password), and /account with the profile and saved addresses.

/** Identity writes SMS in these languages; other pages' languages get English messages. */
const SMS_LANGUAGES = ['en', 'fr', 'sw'] as const;
const smsLanguage = (locale: string) => SMS_LANGUAGES.find((l) => l === locale) ?? 'en';

/** The country a phone form names, else the shopper's shop country, else Kenya (our largest market). */
export function formCountry(c: PageCtx, value: string | undefined): ShopCountry {
  return isShopCountry(value) ? value : (shopCountry(c) ?? 'KE');
}

/** The phone field in E.164, or the words that say what to type. */
export function readPhone(c: PageCtx, phone: string | undefined, country: ShopCountry): { e164: string } | { error: string } {
  const { t } = pageI18nOf(c);
  const result = normalisePhone(phone ?? '', country);
  if (result.ok) return { e164: result.e164 };
  return {
    error: t('shop.phone.invalid', { country: t(`shop.country.${country}`), example: result.example, code: result.code }),
  };
}

const codePath = (phone: string, next: string) =>
  `/signin/code?phone=${encodeURIComponent(phone)}&next=${encodeURIComponent(next)}`;

// ---- Register ----

const RegisterForm = z.object({
  name: z.string().trim().min(1).max(100),
  password: z.string().min(8).max(256),
  email: z.string().trim().max(254).optional(),
});

async function register(c: PageCtx) {
  const { t, locale } = pageI18nOf(c);
  const body = await form(c);
  const next = safeRedirect(body.next);
  const country = formCountry(c, body.country);
  const typed = { phone: body.phone, name: body.name, email: body.email };
  const again = (error: string, code: ContentfulStatusCode) =>
    sendPage(c, <RegisterPage {...pageContext(c)} country={country} typed={typed} error={error} next={next} />, code, PRIVATE);
  const phone = readPhone(c, body.phone, country);
  if ('error' in phone) return again(phone.error, 400);
  const fields = RegisterForm.safeParse(body);
  if (!fields.success) return again(t('shop.register.missing'), 400);
  const { name, password, email } = fields.data;
  let registered: z.output<typeof RegisterResponse>;
  try {
    registered = await callService(c, c.env.IDENTITY, '/v1/auth/register', RegisterResponse, {
      method: 'POST',
      json: { phone: phone.e164, name, password, language: smsLanguage(locale), ...(email ? { email } : {}) },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.code === 'conflict') return again(t('shop.register.taken'), 409);
    if (err.fields.email) return again(t('shop.register.bad_email'), 400);
    return again(err.message, status(err));
  }
  const pair = TokenPair.safeParse(registered);
  if (pair.success) {
    startSession(c, pair.data);
    await mergeGuestCart(c, pair.data.accessToken);
  }
  // The phone is checked by a code, as every SMS sign-in is; the shopper is already signed in.
  await sendCode(c, phone.e164).catch(() => undefined);
  setFlash(c, 'registered');
  return seeOther(c, codePath(phone.e164, next));
}

// ---- Sign in by SMS code ----

function sendCode(c: PageCtx, phone: string) {
  return callService(c, c.env.IDENTITY, '/v1/auth/otp/request', OtpRequested, { method: 'POST', json: { phone } });
}

const codeRefusal = (c: PageCtx, err: ServiceProblem) =>
  pageI18nOf(c).t(err.status === 429 ? 'shop.code.too_many' : 'shop.code.wrong');

async function requestCode(c: PageCtx) {
  const body = await form(c);
  const next = safeRedirect(body.next);
  // The code page's "send a new code" posts the E.164 phone; the sign-in form a national one.
  const given = Phone.safeParse(body.phone);
  const phone = given.success && !body.country ? { e164: given.data } : readPhone(c, body.phone, formCountry(c, body.country));
  if ('error' in phone) return seeOtherWithError(c, next, phone.error);
  try {
    await sendCode(c, phone.e164);
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showCode(c, phone.e164, next, codeRefusal(c, err), status(err));
  }
  setFlash(c, 'code_sent');
  return seeOther(c, codePath(phone.e164, next));
}

/** A phone the sign-in page cannot read: the sign-in page again, saying what to type. */
function seeOtherWithError(c: PageCtx, next: string, error: string) {
  const page = <SignInPage {...pageContext(c)} next={next} error={error} country={shopCountry(c)} />;
  return sendPage(c, page, 400, PRIVATE);
}

function showCode(c: PageCtx, phone: string, next: string, error?: string, code: ContentfulStatusCode = 200) {
  return sendPage(
    c,
    <CodePage {...pageContext(c)} phone={phone} next={next} error={error} flash={takeFlash(c)} />,
    code,
    PRIVATE,
  );
}

const VerifyForm = z.object({ phone: Phone, code: z.string().trim() });

async function verifyCode(c: PageCtx) {
  const { t } = pageI18nOf(c);
  const body = await form(c);
  const next = safeRedirect(body.next);
  const fields = VerifyForm.safeParse(body);
  if (!fields.success) return seeOther(c, '/signin');
  const { phone, code } = fields.data;
  if (!/^[0-9]{6}$/.test(code)) return showCode(c, phone, next, t('shop.code.format'), 400);
  let pair: TokenPair;
  try {
    pair = await callService(c, c.env.IDENTITY, '/v1/auth/otp/verify', TokenPair, { method: 'POST', json: { phone, code } });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showCode(c, phone, next, codeRefusal(c, err), status(err));
  }
  startSession(c, pair);
  await mergeGuestCart(c, pair.accessToken);
  setFlash(c, 'signed_in');
  return seeOther(c, next);
}

// ---- Account ----

async function showAccount(
  c: PageCtx,
  session: Session,
  addressError?: FormError,
  code: ContentfulStatusCode = 200,
  passwordError?: string,
) {
  const [user, addresses] = await Promise.all([
    callService(c, c.env.IDENTITY, '/v1/me', UserView, { token: session.token }),
    callService(c, c.env.IDENTITY, '/v1/me/addresses', z.array(AddressView), { token: session.token }),
  ]);
  return sendPage(
    c,
    <AccountPage
      {...pageContext(c)}
      user={user}
      addresses={addresses}
      country={shopCountry(c) ?? 'KE'}
      flash={takeFlash(c)}
      addressError={addressError}
      passwordError={passwordError}
    />,
    code,
    PRIVATE,
  );
}

const AddressForm = z.object({
  label: z.string().trim().max(40).optional(),
  landmark: z.string().trim().max(300),
  city: z.string().trim().max(100),
  country: z.string().max(2),
});

async function addAccountAddress(c: PageCtx, session: Session) {
  const parsed = AddressForm.safeParse(await form(c));
  if (!parsed.success) return showAccount(c, session, { message: pageI18nOf(c).t('shop.address.fill') }, 400);
  const { label, ...address } = parsed.data;
  try {
    await callService(c, c.env.IDENTITY, '/v1/me/addresses', AddressView, {
      method: 'POST',
      token: session.token,
      json: { ...address, ...(label ? { label } : {}) },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showAccount(c, session, formError(c, err), status(err));
  }
  setFlash(c, 'address_added');
  return seeOther(c, '/account');
}

const PasswordForm = z.object({ currentPassword: z.string().min(1).max(256), password: z.string().min(8).max(256) });

/**
 * Identity checks the current password (with the sign-in's progressive waits), ends every session
 * and access token of the account, and answers a new pair: this page carries on signed in with it.
 */
async function changeAccountPassword(c: PageCtx, session: Session) {
  const { t } = pageI18nOf(c);
  const parsed = PasswordForm.safeParse(await form(c));
  const refused = (message: string, code: ContentfulStatusCode) => showAccount(c, session, undefined, code, message);
  if (!parsed.success) {
    const short = parsed.error.issues.some((i) => i.path[0] === 'password');
    return refused(t(short ? 'shop.reset.short' : 'shop.account.password_wrong'), 400);
  }
  let pair: TokenPair;
  try {
    pair = await callService(c, c.env.IDENTITY, '/v1/me/password', TokenPair, {
      method: 'PUT',
      token: session.token,
      json: parsed.data,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.status === 403) return refused(t('shop.account.password_wrong'), 403);
    if (err.status === 429) return refused(t('shop.account.password_wait'), 429);
    if (err.fields.password) return refused(t('shop.reset.short'), 400);
    return refused(err.message, status(err));
  }
  startSession(c, pair);
  setFlash(c, 'password_reset');
  return seeOther(c, '/account');
}

const AddressId = z.string().regex(/^adr_[0-9a-z]{4,40}$/);

async function editAccountAddress(c: PageCtx, session: Session) {
  const id = AddressId.safeParse(c.req.param('id'));
  if (!id.success) return seeOther(c, '/account');
  const parsed = AddressForm.safeParse(await form(c));
  if (!parsed.success) return showAccount(c, session, { message: pageI18nOf(c).t('shop.address.fill') }, 400);
  const { label, ...address } = parsed.data;
  try {
    await callService(c, c.env.IDENTITY, `/v1/me/addresses/${id.data}`, AddressView, {
      method: 'PUT',
      token: session.token,
      json: { ...address, ...(label ? { label } : {}) },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showAccount(c, session, formError(c, err), status(err));
  }
  setFlash(c, 'address_updated');
  return seeOther(c, '/account');
}

async function defaultAccountAddress(c: PageCtx, session: Session) {
  const id = AddressId.safeParse(c.req.param('id'));
  if (!id.success) return seeOther(c, '/account');
  try {
    await callService(c, c.env.IDENTITY, `/v1/me/addresses/${id.data}/default`, AddressView, {
      method: 'POST',
      token: session.token,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showAccount(c, session, formError(c, err), status(err));
  }
  setFlash(c, 'default_address');
  return seeOther(c, '/account');
}

async function deleteAccountAddress(c: PageCtx, session: Session) {
  const id = AddressId.safeParse(c.req.param('id'));
  if (id.success) {
    await callService(c, c.env.IDENTITY, `/v1/me/addresses/${id.data}`, NoContent, {
      method: 'DELETE',
      token: session.token,
    }).catch((err) => {
      // Already gone is what the shopper wanted.
      if (!isRefusal(err, 404)) throw err;
    });
  }
  setFlash(c, 'address_deleted');
  return seeOther(c, '/account');
}

export const accountPages = new Hono<PagesEnv>()
  .get('/register', async (c) => {
    const next = safeRedirect(c.req.query('next'), '/account');
    if (await readSession(c)) return seeOther(c, next);
    const page = <RegisterPage {...pageContext(c)} country={shopCountry(c) ?? 'KE'} next={next} />;
    return sendPage(c, page, 200, PRIVATE);
  })
  .post('/register', FORM_LIMIT, register)
  .post('/signin/code', FORM_LIMIT, requestCode)
  .get('/signin/code', async (c) => {
    const phone = Phone.safeParse(c.req.query('phone'));
    if (!phone.success) return seeOther(c, '/signin');
    return showCode(c, phone.data, safeRedirect(c.req.query('next')));
  })
  .post('/signin/code/verify', FORM_LIMIT, verifyCode)
  .get(
    '/account',
    signedIn((c, session) => showAccount(c, session)),
  )
  .post(
    '/account/addresses',
    FORM_LIMIT,
    signedIn(addAccountAddress, () => '/account'),
  )
  .post(
    '/account/addresses/:id',
    FORM_LIMIT,
    signedIn(editAccountAddress, () => '/account'),
  )
  .post(
    '/account/addresses/:id/default',
    FORM_LIMIT,
    signedIn(defaultAccountAddress, () => '/account'),
  )
  .post(
    '/account/password',
    FORM_LIMIT,
    signedIn(changeAccountPassword, () => '/account'),
  )
  .post(
    '/account/addresses/:id/delete',
    FORM_LIMIT,
    signedIn(deleteAccountAddress, () => '/account'),
  );
