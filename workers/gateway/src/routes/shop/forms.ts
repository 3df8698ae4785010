import { type FormError, MAX_QUANTITY, type MessageKey, safeRedirect } from '@linked-all/web';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, type PageCtx, pageContext, pageI18nOf } from '../../page-response';
import type { ServiceProblem } from '../../service-client';
import { readSession, type Session } from '../../session';

// What every shop page flow shares: reading a form, answering after a POST, and the signed-in guard.

export const FORM_LIMIT = formLimit(8 * 1024);
export const SkuId = z.string().regex(/^sku_[0-9a-z]{4,40}$/);
export const Quantity = z.coerce.number().int().min(1).max(MAX_QUANTITY);
/** Pages with the shopper's own data: never stored by any cache. */
export const PRIVATE = { private: true };

export const status = (problem: ServiceProblem) => problem.status as ContentfulStatusCode;

/** After a POST: the next page, never cached, by GET (so a reload does not post again). */
export function seeOther(c: PageCtx, path: string) {
  c.header('cache-control', 'no-store');
  return c.redirect(safeRedirect(path), 303);
}

/** Pages with private data need a session: without one, sign in first and come back. */
export function toSignIn(c: PageCtx, back: string) {
  return seeOther(c, `/signin?next=${encodeURIComponent(back)}`);
}

/** The form's text fields (a file field is not text, and no shop form has one). */
export async function form(c: PageCtx): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

// Form field names as the shopper knows them, for a service's validation errors.
const FIELD_LABELS: Record<string, MessageKey> = {
  phone: 'shop.field.phone',
  'payment.phone': 'shop.checkout.mobile_money_phone',
  landmark: 'shop.address.landmark',
  city: 'shop.address.city',
  country: 'shop.address.country',
  label: 'shop.address.label',
  shippingAddressId: 'shop.field.delivery_address',
};

/** A service's refusal as the form shows it, with the fields it names in the shopper's words. */
export function formError(c: PageCtx, problem: ServiceProblem): FormError {
  const { t } = pageI18nOf(c);
  const label = (path: string) => {
    const key = FIELD_LABELS[path];
    return key ? t(key) : path;
  };
  return {
    message: problem.code === 'validation_failed' ? t('shop.form.check_entered') : problem.message,
    fields: Object.fromEntries(Object.entries(problem.fields).map(([path, message]) => [label(path), message])),
  };
}

/** Runs a page handler for a signed-in shopper, or sends them to sign in and back. */
export function signedIn(handler: (c: PageCtx, session: Session) => Promise<Response>, back?: (c: PageCtx) => string) {
  return async (c: PageCtx) => {
    const session = await readSession(c);
    if (!session) return toSignIn(c, back ? back(c) : pageContext(c).path);
    return handler(c, session);
  };
}
