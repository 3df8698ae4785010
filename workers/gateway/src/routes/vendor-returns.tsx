import { traced } from '@linked-all/http';
import {
  RETURN_STATUSES,
  ReceiveReturnBody,
  RefuseReturnBody,
  ReturnId,
  ReturnList,
  ReturnView,
} from '@linked-all/orders/contract';
import { VendorErrorPage, VendorReturnPage, VendorReturnsPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, type PageCtx, type PagesEnv, sendPage } from '../page-response';
import { callService, isRefusal } from '../service-client';
import { asVendor, done, form, keyOf, PRIVATE, problemText, refuse, type Vendor, vendorContext, wordsOf } from './vendor-kit';

// The vendor app's returns screen: the shop's own returns (orders scopes every call to the
// token's shop, so another shop's return is a 404 like a missing one), accept, refuse with a
// reason, mark received with the state the items came back in. Writes carry the form's Idempotency-Key: the offline outbox replays
// them and orders answers a replay as the first time.

const FORM_LIMIT = formLimit(8 * 1024);
const ListQuery = z.object({ status: z.enum(RETURN_STATUSES).optional(), cursor: z.string().max(400).optional() });

async function listReturns(c: PageCtx, vendor: Vendor) {
  const query = ListQuery.safeParse(c.req.query());
  const { status, cursor } = query.success ? query.data : {};
  const params = new URLSearchParams({ limit: '20' });
  if (status) params.set('status', status);
  if (cursor) params.set('cursor', cursor);
  const list = await callService(c, c.env.ORDERS, `/v1/vendor/returns?${params}`, ReturnList, { token: vendor.token }).catch(
    // A mangled "older" link starts again at the newest.
    (err) => (cursor && isRefusal(err, 400) ? { items: [], nextCursor: null } : Promise.reject(err)),
  );
  return sendPage(
    c,
    <VendorReturnsPage {...vendorContext(c)} returns={list.items} status={status} nextCursor={list.nextCursor} />,
    200,
    PRIVATE,
  );
}

async function loadReturn(c: PageCtx, vendor: Vendor): Promise<ReturnView | null> {
  const id = ReturnId.safeParse(c.req.param('id'));
  if (!id.success) return null;
  try {
    return await callService(c, c.env.ORDERS, `/v1/vendor/returns/${id.data}`, ReturnView, { token: vendor.token });
  } catch (err) {
    if (isRefusal(err, 400, 404)) return null;
    throw err;
  }
}

async function returnPage(c: PageCtx, vendor: Vendor, error?: string, typedReason?: string) {
  const ret = await loadReturn(c, vendor);
  if (!ret) return <VendorErrorPage {...vendorContext(c)} message={error ?? wordsOf(c)('vendor.error.not_found')} nav />;
  let station: string | null = null;
  if (ret.pickupStationId) {
    const answer = await traced(c.env.LOGISTICS).station(ret.pickupStationId);
    if (answer.ok) station = `${answer.station.name}, ${answer.station.landmark}, ${answer.station.city}`;
  }
  return <VendorReturnPage {...vendorContext(c, error)} ret={ret} station={station} typedReason={typedReason} />;
}

async function showReturn(c: PageCtx, vendor: Vendor) {
  const found = ReturnId.safeParse(c.req.param('id')).success ? await loadReturn(c, vendor) : null;
  if (!found) return refuse(c, 404, wordsOf(c)('vendor.error.not_found'));
  return sendPage(c, await returnPage(c, vendor), 200, PRIVATE);
}

/** Accept, refuse (with a reason the shopper reads) or mark received, once per form (its Idempotency-Key). */
function moveReturn(verb: 'accept' | 'refuse' | 'received') {
  return async (c: PageCtx, vendor: Vendor) => {
    const t = wordsOf(c);
    const id = ReturnId.safeParse(c.req.param('id'));
    if (!id.success) return refuse(c, 404, t('vendor.error.not_found'));
    const body = await form(c);
    let json: unknown;
    if (verb === 'refuse') {
      const reason = RefuseReturnBody.safeParse({ reason: body.reason ?? '' });
      if (!reason.success) {
        return refuse(c, 400, t('returns.vendor.reason_short'), (e) => returnPage(c, vendor, e, body.reason));
      }
      json = reason.data;
    }
    if (verb === 'received') {
      const state = ReceiveReturnBody.safeParse({ condition: body.condition, note: body.note || undefined });
      if (!state.success) return refuse(c, 400, t('returns.condition.required'), (e) => returnPage(c, vendor, e));
      json = state.data;
    }
    try {
      await callService(c, c.env.ORDERS, `/v1/vendor/returns/${id.data}/${verb}`, ReturnView, {
        method: 'POST',
        token: vendor.token,
        headers: { 'idempotency-key': keyOf(body) },
        json,
      });
    } catch (err) {
      if (!isRefusal(err)) throw err;
      let message = problemText(t, err);
      if (err.status === 409 && err.code === 'invalid_transition') {
        // Moved first elsewhere (another device, an admin): say where it is now.
        const now = await loadReturn(c, vendor);
        if (now) message = t('returns.vendor.moved', { status: t(`returns.status.${statusWord(now.status)}`) });
      }
      return refuse(c, err.status as ContentfulStatusCode, message, (e) => returnPage(c, vendor, e, body.reason));
    }
    return done(c, `/vendor/returns/${id.data}`);
  };
}

/** The catalogue's short status words (`refused` and `refunded` have a longer sentence of the same name). */
const statusWord = (s: ReturnView['status']) => (s === 'refused' ? 'refused_short' : s === 'refunded' ? 'refunded_short' : s);

export const vendorReturnRoutes = new Hono<PagesEnv>()
  .get('/returns', asVendor('orders', listReturns))
  .get('/returns/:id', asVendor('orders', showReturn))
  .post('/returns/:id/accept', FORM_LIMIT, asVendor('orders', moveReturn('accept')))
  .post('/returns/:id/refuse', FORM_LIMIT, asVendor('orders', moveReturn('refuse')))
  .post('/returns/:id/received', FORM_LIMIT, asVendor('orders', moveReturn('received')));
