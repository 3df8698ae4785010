// Returns on the pages (issue 11, item 8): the shopper's return form and status page, the vendor
// app's returns screen, with JavaScript off, against the real services (orders, payments,
// logistics, identity) behind the gateway's Service Bindings.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog, VENDOR_A, VENDOR_B } from '../../catalog/test/seed-catalog';
import { eventually, get, problem } from './helpers';

const BUDGET = 14 * 1024;
const LAGOS_STATION = 'pks_ng001lagos';

const USERS = {
  shopperA: { id: 'usr_rpshoppera', phone: '+2348110000001', role: 'shopper' as const },
  shopperB: { id: 'usr_rpshopperb', phone: '+2348110000002', role: 'shopper' as const },
  ownerA: { id: 'usr_rpownera', phone: '+2348110000003', role: 'vendor' as const, vendorId: VENDOR_A },
  staffA: {
    id: 'usr_rpstaffa',
    phone: '+2348110000004',
    role: 'vendor' as const,
    vendorId: VENDOR_A,
    vendorRole: 'orders' as const,
  },
  ownerB: { id: 'usr_rpownerb', phone: '+2348110000005', role: 'vendor' as const, vendorId: VENDOR_B },
};
type Who = keyof typeof USERS;
const tokens = {} as Record<Who, string>;

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Page weights measured by the tests, for the report. */
const weights: Record<string, number> = {};

/** A browser with JavaScript off, signed in as `who` (the session cookie holds the access token). */
function browser(who: Who) {
  const headers = (extra: Record<string, string> = {}) => ({ cookie: `la_at=${tokens[who]}`, ...extra });
  return {
    open: (path: string, extra: Record<string, string> = {}) => get(path, { headers: headers(extra), redirect: 'manual' }),
    post: (path: string, fields: Record<string, string>, extra: Record<string, string> = {}) =>
      get(path, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/x-www-form-urlencoded', ...extra }),
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      }),
    /** The form as `enctype="multipart/form-data"` sends it, with a file in `photo`. */
    postWithPhoto: (path: string, fields: Record<string, string>, photo: File) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      body.append('photo', photo);
      return get(path, { method: 'POST', headers: headers(), body, redirect: 'manual' });
    },
  };
}

// A real 1×1 PNG: the catalog's image pipeline decodes it and stores every width in R2.
const PNG_1X1 = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (ch) => ch.charCodeAt(0),
);

async function page(response: Response, status = 200, name?: string): Promise<string> {
  const html = await response.text();
  expect(response.status, html.slice(0, 1500)).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const size = await gzipSize(html);
  expect(size).toBeLessThanOrEqual(BUDGET);
  if (name) weights[name] = Math.max(weights[name] ?? 0, size);
  return html;
}

function redirected(response: Response, location: RegExp): string {
  expect(response.status).toBe(303);
  const to = response.headers.get('location') ?? '';
  expect(to).toMatch(location);
  return to;
}

async function api<T>(who: Who, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const response = await get(path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function seedIdentity(db: D1Database) {
  const now = Date.now();
  const user = db.prepare(
    'INSERT INTO users (id, phone, name, role, vendor_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const vendor = db.prepare(
    'INSERT INTO vendors (id, business_name, country, currency, payout_phone, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const staff = db.prepare('INSERT INTO vendor_staff (vendor_id, user_id, role, created_at) VALUES (?, ?, ?, ?)');
  await db.batch([
    ...Object.entries(USERS).map(([who, u]) =>
      user.bind(u.id, u.phone, `Returns ${who}`, u.role, 'vendorId' in u ? u.vendorId : null, now, now),
    ),
    vendor.bind(VENDOR_A, 'Lagos Gadgets', 'NG', 'NGN', USERS.ownerA.phone, 'approved', now, now),
    vendor.bind(VENDOR_B, 'Abidjan Mode', 'CI', 'XOF', USERS.ownerB.phone, 'approved', now, now),
    staff.bind(VENDOR_A, USERS.ownerA.id, 'owner', now),
    staff.bind(VENDOR_A, USERS.staffA.id, 'orders', now),
    staff.bind(VENDOR_B, USERS.ownerB.id, 'owner', now),
  ]);
}

/** Shopper A's wallet order of three phone cases, delivered at home (vendor accepted and packed; orders' own moves for the trip). */
async function deliveredOrder() {
  const { topUpId } = await api<{ topUpId: string }>('shopperA', '/v1/wallet/topups', {
    method: 'POST',
    headers: { 'idempotency-key': 'returns-pages-topup' },
    json: { amount: 5_000_000, currency: 'NGN', provider: 'paystack', phone: '+2348012345678' },
  });
  await api('shopperA', `/v1/dev/payments/${topUpId}/approve`, { method: 'POST' });
  await eventually(async () => {
    const wallet = await api<{ balances: { currency: string; balance: number }[] }>('shopperA', '/v1/wallet');
    expect(wallet.balances.find((b) => b.currency === 'NGN')?.balance).toBeGreaterThanOrEqual(5_000_000);
  }, 20_000);
  const address = await api<{ id: string }>('shopperA', '/v1/me/addresses', {
    method: 'POST',
    json: { landmark: 'Blue gate opposite the market', city: 'Lagos', country: 'NG' },
  });
  const { cartId } = await api<{ cartId: string }>('shopperA', '/v1/carts', { method: 'POST' });
  await api('shopperA', `/v1/carts/${cartId}/items`, { method: 'POST', json: { skuId: 'sku_case', quantity: 3 } });
  const { orderId } = await api<{ orderId: string }>('shopperA', '/v1/checkout', {
    method: 'POST',
    headers: { 'idempotency-key': 'returns-pages-checkout' },
    json: { cartId, shippingAddressId: address.id, payment: { method: 'wallet' } },
  });
  const order = await eventually(async () => {
    const view = await api<{ status: string; vendorOrders: { id: string }[] }>('shopperA', `/v1/orders/${orderId}`);
    expect(view.status).toBe('confirmed');
    return view;
  }, 30_000);
  const vendorOrderId = order.vendorOrders[0]?.id ?? '';
  for (const verb of ['accept', 'ready']) {
    await api('ownerA', `/v1/vendor/orders/${vendorOrderId}/${verb}`, {
      method: 'POST',
      headers: { 'idempotency-key': `returns-pages-${verb}` },
    });
  }
  expect(await env.ORDERS.markShipped(vendorOrderId)).toMatchObject({ ok: true });
  expect(await env.ORDERS.markDelivered(vendorOrderId)).toMatchObject({ ok: true });
  return { orderId, vendorOrderId };
}

let orderId = '';
let vendorOrderId = '';
let newPath = '';

beforeAll(async () => {
  await seedCatalog(env.CATALOG_DB);
  await seedIdentity(env.IDENTITY_DB);
  for (const who of Object.keys(USERS) as Who[]) {
    const u = USERS[who];
    tokens[who] = await mintDevToken({
      userId: u.id,
      role: u.role,
      vendorId: 'vendorId' in u ? u.vendorId : undefined,
      vendorRole: 'vendorRole' in u ? u.vendorRole : undefined,
      expiresIn: '30m',
    });
  }
  ({ orderId, vendorOrderId } = await deliveredOrder());
  newPath = `/orders/${orderId}/returns/new?vendorOrder=${vendorOrderId}`;
}, 90_000);

const validForm = (key: string, fields: Record<string, string> = {}) => ({
  vendorOrderId,
  key,
  qty_sku_case: '1',
  reason: 'damaged',
  note: 'The corner is cracked',
  method: 'station',
  pickupStationId: LAGOS_STATION,
  ...fields,
});

// One delivered order walks through every case in order (a few seconds each on a busy machine).
describe('returns on the pages', { timeout: 60_000 }, () => {
  let firstReturn = '';

  it('links a delivered package to its return form, which offers the units, reasons, a rider or a Lagos station', async () => {
    const a = browser('shopperA');
    expect(await page(await a.open(`/orders/${orderId}`))).toContain(`href="${newPath.replace('&', '&amp;')}"`);
    const html = await page(await a.open(newPath), 200, 'shop: return form');
    expect(html).toMatch(/name="qty_sku_case"[^>]*max="3"/);
    expect(html).toContain('value="changed_mind"');
    expect(html).toContain('Arrived damaged');
    expect(html).toContain('value="home"');
    expect(html).toContain(`value="${LAGOS_STATION}"`);
    expect(html).toMatch(/name="key" value="[0-9a-f-]{36}"/);
    // Arabic: right to left, its own words.
    const ar = await page(await a.open(`${newPath}&lang=ar`), 200, 'shop: return form (ar)');
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain('إرجاع منتجات');
  });

  it('sends the form back with a message per field for bad input, keeping what was typed', async () => {
    const a = browser('shopperA');
    const empty = await page(await a.post(`/orders/${orderId}/returns`, { vendorOrderId, key: 'rp-bad-00001' }), 400);
    expect(empty).toContain('Choose at least one item to return.');
    expect(empty).toContain('Choose a reason.');
    expect(empty).toContain('Choose how it goes back.');
    const tooMany = await page(
      await a.post(`/orders/${orderId}/returns`, validForm('rp-bad-00002', { qty_sku_case: '5', pickupStationId: '' })),
      400,
    );
    expect(tooMany).toContain('You can return at most 3 of this item.');
    expect(tooMany).toContain('Choose the station where you will drop it.');
    expect(tooMany).toContain('The corner is cracked');
    // Orders' own check (a station that does not exist) comes back on the form too, never a 500.
    const unknown = await page(
      await a.post(`/orders/${orderId}/returns`, validForm('rp-bad-00003', { pickupStationId: 'pks_nosuchplace' })),
      400,
    );
    expect(unknown).toContain('No such pickup station');
    // The API answers the same mistakes as problem+json naming the field.
    const apiBad = await get(`/v1/orders/${orderId}/returns`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.shopperA}`,
        'content-type': 'application/json',
        'idempotency-key': 'rp-api-bad-0001',
      },
      body: JSON.stringify({ vendorOrderId, lines: [], reason: 'bored', method: 'home' }),
    });
    const body = await problem(apiBad, 400, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'lines' }), expect.objectContaining({ path: 'reason' })]),
    );
  });

  it('refuses a photo that is not a JPEG, PNG or WebP image with a page error on the field, and asks nothing', async () => {
    const a = browser('shopperA');
    const form = await page(await a.open(newPath));
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toMatch(/<input type="file" name="photo" accept="image\/\*" capture/);
    const text = new File(['not a picture'], 'note.txt', { type: 'text/plain' });
    const html = await page(await a.postWithPhoto(`/orders/${orderId}/returns`, validForm('rp-photo-0001'), text), 400);
    expect(html).toContain('The photo must be a JPEG, PNG or WebP image of at most 5 MB.');
    const count = await env.ORDERS_DB.prepare('SELECT count(*) AS n FROM returns WHERE vendor_order_id = ?')
      .bind(vendorOrderId)
      .first('n');
    expect(count).toBe(0);
  });

  it('asks once per form (a double submit lands on the same return) and shows its steps', async () => {
    const a = browser('shopperA');
    const photo = new File([PNG_1X1], 'parcel.png', { type: 'image/png' });
    const to = redirected(
      await a.postWithPhoto(`/orders/${orderId}/returns`, validForm('rp-ask-000001'), photo),
      new RegExp(`^/orders/${orderId}/returns/ret_[0-9a-z]+\\?sent=1$`),
    );
    expect(redirected(await a.post(`/orders/${orderId}/returns`, validForm('rp-ask-000001')), /ret_/)).toBe(to);
    firstReturn = /ret_[0-9a-z]+/.exec(to)?.[0] ?? '';
    const html = await page(await a.open(to), 200, 'shop: return status');
    expect(html).toContain('Your request was sent to the shop.');
    expect(html).toContain('data-status="requested"');
    expect(html).toContain('1 × ');
    expect(html).toMatch(/data-step="requested" data-done="1"/);
    expect(html).toMatch(/data-step="dropped" data-done="0"/);
    expect(html).toContain('Drop it at ');
  });

  it('shows another shopper a 404 page for the order’s return form, status and post', async () => {
    const b = browser('shopperB');
    await page(await b.open(newPath), 404);
    await page(await b.open(`/orders/${orderId}/returns/${firstReturn}`), 404);
    await page(await b.post(`/orders/${orderId}/returns`, validForm('rp-other-0001')), 404);
  });

  it('lets the vendor app list and accept it (staff too, through the outbox once), and hides it from another shop', async () => {
    const owner = browser('ownerA');
    const list = await page(await owner.open('/vendor/returns'), 200, 'vendor: returns list');
    expect(list).toContain(`href="/vendor/returns/${firstReturn}"`);
    expect(list).toContain('href="/vendor/returns"');
    const detail = await page(await owner.open(`/vendor/returns/${firstReturn}`), 200, 'vendor: return detail');
    expect(detail).toContain('Arrived damaged');
    expect(detail).toContain('The corner is cracked');
    // The shopper's photo, stored through the catalog's pipeline under the shopper's prefix and served by /v1/images.
    const src = /<img src="(\/v1\/images\/reviews\/usr_rpshoppera\/img_[0-9a-z]+\.(?:webp|jpg))\?w=320"[^>]*data-photo/.exec(
      detail,
    )?.[1];
    expect(src).toBeDefined();
    expect((await get(`${src}?w=320`)).headers.get('content-type')).toMatch(/^image\//);
    expect(detail).toContain(`action="/vendor/returns/${firstReturn}/accept"`);
    expect(detail).toMatch(/name="key" value="[0-9a-f-]{36}"/);

    const other = browser('ownerB');
    await page(await other.open(`/vendor/returns/${firstReturn}`), 404);
    expect(await page(await other.open('/vendor/returns'))).not.toContain(firstReturn);
    const stolen = await other.post(`/vendor/returns/${firstReturn}/accept`, { key: 'rp-steal-00001' }, { 'x-outbox': '1' });
    expect(stolen.status).toBe(404);

    const staff = browser('staffA');
    // The outbox replays a queued form with its key after a lost answer: the second send acts as the first.
    for (const _send of [1, 2]) {
      const answer = await staff.post(`/vendor/returns/${firstReturn}/accept`, { key: 'rp-accept-0001' }, { 'x-outbox': '1' });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ ok: true });
    }
    const { results: moves } = await env.ORDERS_DB.prepare('SELECT to_status FROM return_transitions WHERE return_id = ?')
      .bind(firstReturn)
      .all<{ to_status: string }>();
    expect(moves.filter((m) => m.to_status === 'accepted')).toHaveLength(1);
    expect(await page(await owner.open(`/vendor/returns/${firstReturn}`))).toContain('data-status="accepted"');
  });

  it('shows the shopper the drop-off code once logistics booked the return parcel', async () => {
    const a = browser('shopperA');
    const html = await eventually(async () => {
      const text = await page(await a.open(`/orders/${orderId}/returns/${firstReturn}`));
      expect(text).toMatch(/data-code="true">[0-9]{6}</);
      return text;
    }, 20_000);
    expect(html).toMatch(/data-step="accepted" data-done="1"/);
  });

  it('refuses with a reason only, which the shopper then reads', async () => {
    const a = browser('shopperA');
    const to = redirected(
      await a.post(`/orders/${orderId}/returns`, validForm('rp-ask-000002', { qty_sku_case: '2', method: 'home' })),
      /ret_/,
    );
    const second = /ret_[0-9a-z]+/.exec(to)?.[0] ?? '';
    const owner = browser('ownerA');
    const short = await page(await owner.post(`/vendor/returns/${second}/refuse`, { key: 'rp-refuse-001', reason: 'no' }), 400);
    expect(short).toContain('Write a reason of at least 3 characters.');
    redirected(
      await owner.post(`/vendor/returns/${second}/refuse`, { key: 'rp-refuse-002', reason: 'Used and scratched' }),
      new RegExp(`^/vendor/returns/${second}$`),
    );
    const status = await page(await a.open(`/orders/${orderId}/returns/${second}`));
    expect(status).toContain('The shop refused: Used and scratched');
    expect(status).toMatch(/data-step="refused" data-done="1"/);
  });

  it('refunds on receipt with the state it came back in (asked for first), and says how much came back, with a link to the wallet', async () => {
    const owner = browser('ownerA');
    const form = await page(await owner.open(`/vendor/returns/${firstReturn}`));
    expect(form).toMatch(/<input type="radio" name="condition" value="as_new" required/);
    // No state chosen: the screen asks for it, nothing moves.
    const bare = await owner.post(`/vendor/returns/${firstReturn}/received`, { key: 'rp-received-00' });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('Choose the state the items came back in.');
    redirected(
      await owner.post(`/vendor/returns/${firstReturn}/received`, {
        key: 'rp-received-01',
        condition: 'as_new',
        note: 'Sealed box',
      }),
      new RegExp(`^/vendor/returns/${firstReturn}$`),
    );
    const detail = await page(await owner.open(`/vendor/returns/${firstReturn}`));
    expect(detail).toContain('data-status="refunded"');
    expect(detail).not.toMatch(/data-refund>Not yet/);
    expect(detail).toMatch(/data-condition="as_new"><b>State the items came back in<\/b><span>As new · Put back on sale/);
    expect(detail).toContain('Sealed box');
    const html = await page(await browser('shopperA').open(`/orders/${orderId}/returns/${firstReturn}`));
    expect(html).toMatch(/data-step="refunded" data-done="1"/);
    expect(html).toContain('The shop found them: As new · Sealed box');
    expect(html).toContain('went back to your wallet.');
    expect(html).toContain('href="/wallet"');
  });

  it('says plainly when everything is already in a return, then when the window has closed', async () => {
    const a = browser('shopperA');
    // The refused return gave its two units back: ask for them again, then nothing is left.
    redirected(await a.post(`/orders/${orderId}/returns`, validForm('rp-ask-000003', { qty_sku_case: '2' })), /ret_/);
    const all = await page(await a.open(newPath), 409, 'shop: return refused');
    expect(all).toContain('data-why="all_returned"');
    expect(all).toContain('Every item of this package is already in a return.');

    // Past the window (payments' release date moved into the past): the form and the post both say so.
    await env.PAYMENTS_DB.prepare('UPDATE vendor_order_payments SET release_at = ? WHERE vendor_order_id = ?')
      .bind(Date.now() - 60_000, vendorOrderId)
      .run();
    // The order page no longer offers a return for the package.
    expect(await page(await a.open(`/orders/${orderId}`))).not.toContain('/returns/new');
    const closed = await page(await a.open(newPath), 409);
    expect(closed).toContain('data-why="window"');
    expect(closed).toContain('The return window closed on');
    expect(await page(await a.post(`/orders/${orderId}/returns`, validForm('rp-late-00001')), 409)).toContain(
      'data-why="window"',
    );
  });

  it('records the page weights (gzip bytes)', () => {
    console.info('returns page weights (gzip bytes):', JSON.stringify(weights));
    expect(Object.values(weights).every((w) => w <= BUDGET)).toBe(true);
  });
});
