import { log } from '@linked-all/http';
import { TokenPair } from '@linked-all/identity/contract';
import { CartView } from '@linked-all/orders/contract';
import { normalisePhone, SignInPage, safeRedirect } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage, shopCountry } from '../../page-response';
import { callService, isRefusal, NoContent } from '../../service-client';
import {
  dropGuestCart,
  endSession,
  readGuestCart,
  readRefreshToken,
  readSession,
  setFlash,
  startSession,
  takeFlash,
} from '../../session';
import { FORM_LIMIT, form, PRIVATE, seeOther, status } from './forms';

// Sign in with a password, sign out; a guest's cart follows them into their account.

const SignInForm = z.object({
  identifier: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  next: z.string().max(2000).optional(),
});

const nextPath = (value: string | undefined) => safeRedirect(value);

async function signIn(c: PageCtx) {
  const { t } = pageI18nOf(c);
  const body = await form(c);
  const next = nextPath(body.next);
  const fields = SignInForm.safeParse(body);
  const again = (error: string, code: ContentfulStatusCode) =>
    sendPage(
      c,
      <SignInPage {...pageContext(c)} next={next} identifier={body.identifier} error={error} country={shopCountry(c)} />,
      code,
      PRIVATE,
    );
  if (!fields.success) return again(t('shop.signin.missing'), 400);
  const { identifier, password } = fields.data;
  // A phone is typed as at home (0712 345 678); identity wants it in E.164, read in the shop country.
  const phone = normalisePhone(identifier, shopCountry(c) ?? 'KE');
  const login = identifier.includes('@')
    ? { email: identifier, password }
    : { phone: phone.ok ? phone.e164 : identifier.replace(/[\s()-]/g, ''), password };
  let pair: TokenPair;
  try {
    pair = await callService(c, c.env.IDENTITY, '/v1/auth/login', TokenPair, { method: 'POST', json: login });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.status === 400) return again(t('shop.signin.bad_format'), 400);
    if (err.status === 401) return again(t('shop.signin.mismatch'), 401);
    return again(err.message, status(err));
  }
  startSession(c, pair);
  await mergeGuestCart(c, pair.accessToken);
  return seeOther(c, next);
}

/** What a guest put in their cart follows them into their account. */
export async function mergeGuestCart(c: PageCtx, token: string) {
  const guest = readGuestCart(c);
  if (!guest) return;
  try {
    await callService(c, c.env.ORDERS, `/v1/carts/${encodeURIComponent(guest.id)}/merge`, CartView, {
      method: 'POST',
      token,
      headers: { 'x-cart-token': guest.token },
    });
  } catch (err) {
    // An expired or already merged guest cart has nothing left to bring; signing in still succeeds.
    log('warn', 'guest cart not merged', { requestId: c.get('requestId'), error: String(err) });
  }
  dropGuestCart(c);
}

async function signOut(c: PageCtx) {
  // Signing out always clears this browser, even if identity cannot be reached to revoke.
  const session = await readSession(c).catch(() => null);
  const refreshToken = readRefreshToken(c);
  if (refreshToken) {
    await callService(c, c.env.IDENTITY, '/v1/auth/logout', NoContent, {
      method: 'POST',
      token: session?.token,
      json: { refreshToken },
    }).catch((err) => log('warn', 'logout not recorded', { requestId: c.get('requestId'), error: String(err) }));
  }
  endSession(c);
  setFlash(c, 'signed_out');
  return seeOther(c, '/signin');
}

export const signInPages = new Hono<PagesEnv>()
  .get('/signin', async (c) => {
    const next = nextPath(c.req.query('next'));
    if (await readSession(c)) return seeOther(c, next);
    const page = <SignInPage {...pageContext(c)} next={next} flash={takeFlash(c)} country={shopCountry(c)} />;
    return sendPage(c, page, 200, PRIVATE);
  })
  .post('/signin', FORM_LIMIT, signIn)
  .post('/signout', FORM_LIMIT, signOut);
