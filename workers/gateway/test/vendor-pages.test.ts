import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { get } from './helpers';

const BUDGET = 14 * 1024;

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** A browser with JavaScript off: keeps cookies, sends forms, does not follow redirects. */
function browser(extra: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  async function send(path: string, init: RequestInit = {}) {
    const headers = new Headers({ ...extra, ...Object.fromEntries(new Headers(init.headers)) });
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await get(path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (/max-age=0/i.test(line) || pair.slice(eq + 1) === '') jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }
  return {
    jar,
    open: (path: string) => send(path),
    post: (path: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      }),
  };
}
type Browser = ReturnType<typeof browser>;

async function page(response: Response, status = 200): Promise<string> {
  const html = await response.text();
  expect(response.status, html.slice(0, 1500)).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(await gzipSize(html)).toBeLessThanOrEqual(BUDGET);
  return html;
}

function redirected(response: Response, location: string) {
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(location);
}

let accounts = 0;
/** A new account, signed in on the vendor sign-in screen. */
async function account(b: Browser = browser()) {
  accounts++;
  const email = `seller${accounts}@vendor-pages.test`;
  const registered = await get('/v1/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      phone: `+2547220${String(accounts).padStart(5, '0')}`,
      email,
      password: 'vendor-password',
      name: `Seller ${accounts}`,
    }),
  });
  expect(registered.status).toBe(201);
  redirected(await b.post('/vendor/signin', { identifier: email, password: 'vendor-password' }), '/vendor');
  return b;
}

/** An account whose shop applied on the onboarding screen and was approved by an admin. */
async function approvedVendor() {
  const b = await account();
  redirected(
    await b.post('/vendor/apply', { businessName: `Shop ${accounts}`, country: 'KE', payoutPhone: '+254 712 000 111' }),
    '/vendor',
  );
  const html = await page(await b.open('/vendor'));
  expect(html).toContain('Under review');
  const vendorId = await shopId(b);
  const admin = await mintDevToken({ userId: 'usr_vendorpagesadmin', role: 'admin' });
  const approved = await get(`/v1/admin/vendors/${vendorId}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(approved.status, await approved.clone().text()).toBe(200);
  return b;
}

async function shopId(b: Browser): Promise<string> {
  const token = b.jar.get('la_at') ?? '';
  const me = await get('/v1/vendors/me', { headers: { authorization: `Bearer ${token}` } });
  return String(((await me.json()) as { id: string }).id);
}

describe('vendor sign-in and onboarding', () => {
  it('sends a signed-out browser to the vendor sign-in, and tells the offline outbox so as JSON', async () => {
    redirected(await browser().open('/vendor'), '/vendor/signin');
    redirected(await browser().open('/vendor/orders'), '/vendor/signin');
    const replay = await browser().post(
      '/vendor/orders/vor_01jc8x3k4m5n6p7q8r9s0t1v2w/accept',
      { key: 'k-12345678' },
      { 'x-outbox': '1' },
    );
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ ok: false });
  });

  it('speaks the language of the lang cookie, else of Accept-Language', async () => {
    expect(await page(await browser({ 'accept-language': 'fr-CI,fr;q=0.9' }).open('/vendor/signin'))).toContain(
      '<h1>Connexion vendeur</h1>',
    );
    const b = browser({ 'accept-language': 'fr' });
    redirected(await b.post('/vendor/language', { lang: 'sw', back: '/vendor/signin' }), '/vendor/signin');
    expect(await page(await b.open('/vendor/signin'))).toContain('<html lang="sw" dir="ltr">');
  });

  it('refuses a wrong password with the form again (401), never a 500', async () => {
    const html = await page(await browser().post('/vendor/signin', { identifier: 'nobody@x.test', password: 'nope' }), 401);
    expect(html).toContain('do not match an account');
  });

  it('lets a new account apply, then shows the application under review', async () => {
    const b = await account();
    const form = await page(await b.open('/vendor'));
    expect(form).toContain('action="/vendor/apply"');
    const bad = await page(await b.post('/vendor/apply', { businessName: 'X', country: 'KE', payoutPhone: '1' }), 400);
    expect(bad).toContain('Please check what you entered.');
    redirected(
      await b.post('/vendor/apply', { businessName: 'Mama Njeri', country: 'KE', payoutPhone: '+254712000222' }),
      '/vendor',
    );
    const status = await page(await b.open('/vendor'));
    expect(status).toContain('Your shop Mama Njeri: Under review');
    expect(status).toContain('<meta http-equiv="refresh" content="60"/>');
    // Not open yet: the working screens send it back to onboarding.
    redirected(await b.open('/vendor/orders'), '/vendor');
  });
});

describe('an approved vendor', () => {
  it('opens today, orders, products, money and settings within budget', async () => {
    const b = await approvedVendor();
    expect(await page(await b.open('/vendor'))).toContain('New orders to accept');
    expect(await page(await b.open('/vendor/orders'))).toContain('No orders here.');
    expect(await page(await b.open('/vendor/orders?status=pending'))).toContain('aria-current="page"');
    // The catalog hears of the approval through identity's events, a moment later: until it does,
    // its refusal is a screen in words with its status, never a 500; once it has, the list shows.
    const products = await b.open('/vendor/products');
    if (products.status === 200) expect(await page(products)).toContain('href="/vendor/products/new"');
    else expect(await page(products, 403)).toContain('Your shop is not open for business: your shop is not in the catalog yet');
    expect(await page(await b.open('/vendor/products/new'))).toContain('Price (in KES)');
    expect(await page(await b.open('/vendor/money'))).toContain('Payouts');
    const settings = await page(await b.open('/vendor/settings'));
    expect(settings).toContain('+254712000111');
    expect(settings).toContain('action="/vendor/staff"');
  });

  it("cannot open another vendor's order or product: the same 404 as a missing one", async () => {
    const b = await approvedVendor();
    expect(await page(await b.open('/vendor/orders/vor_01jc8x3k4m5n6p7q8r9s0t1v2w'), 404)).toContain(
      'This does not exist, or it is not yours.',
    );
    expect(await page(await b.open('/vendor/products/prd_01jc8x3k4m5n6p7q8r9s0t1v2w'), 404)).toContain('not yours');
    const replay = await b.post(
      '/vendor/stock/sku_01jc8x3k4m5n6p7q8r9s0t1aaa',
      { quantity: '3', key: 'k-87654321' },
      { 'x-outbox': '1' },
    );
    expect(replay.status).toBe(404);
    expect(await replay.json()).toEqual({ ok: false, message: 'This does not exist, or it is not yours.' });
  });
});

describe('the installable app files', () => {
  it('serves the manifest, icons and scripts, the worker allowed to control /vendor', async () => {
    const manifest = await get('/vendor/manifest.webmanifest', { headers: { 'accept-language': 'pt' } });
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    expect(await manifest.json()).toMatchObject({ name: 'Linked All Vendedor', start_url: '/vendor', display: 'standalone' });
    const worker = await get('/vendor/sw.js');
    expect(worker.headers.get('service-worker-allowed')).toBe('/vendor');
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/vendor/app.js')).status).toBe(200);
    const icon = await get('/vendor/icon-192.png');
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await icon.arrayBuffer()).slice(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    expect((await get('/vendor/offline')).status).toBe(200);
  });
});

describe('staff roles on the vendor screens', () => {
  it('refuses a catalog member on money with a page naming the permission, and opens products', async () => {
    const owner = await approvedVendor();
    const clerk = await account();
    const phone = `+2547220${String(accounts).padStart(5, '0')}`;
    redirected(await owner.post('/vendor/staff', { phone, role: 'catalog', key: crypto.randomUUID() }), '/vendor/settings');
    const invitations = await get('/v1/me/staff-invitations', { headers: { authorization: `Bearer ${clerk.jar.get('la_at')}` } });
    const [invitation] = (await invitations.json()) as { id: string; role: string }[];
    expect(invitation.role).toBe('catalog');
    redirected(await clerk.post(`/vendor/invitations/${invitation.id}/accept`), '/vendor');

    const money = await page(await clerk.open('/vendor/money'), 403);
    expect(money).toContain('Your role (Catalogue) cannot do this: it needs the “money” permission.');
    const payout = await clerk.post(
      '/vendor/payouts',
      { currency: 'KES', amount: '10', key: crypto.randomUUID() },
      { 'x-outbox': '1' },
    );
    expect(payout.status).toBe(403);
    expect(await payout.json()).toEqual({ ok: false, message: expect.stringContaining('“money” permission') });
    await page(await clerk.open('/vendor/products'));
    const today = await page(await clerk.open('/vendor'));
    expect(today).not.toContain("This week's earnings");
    expect(today).not.toContain('id="new-orders"');
    // The owner sees the role on the settings screen; the clerk cannot invite.
    expect(await page(await owner.open('/vendor/settings'))).toContain('<span class="tag">Catalogue</span>');
    expect((await clerk.post('/vendor/staff', { phone: '+254712999000' })).status).toBe(403);
  });
});

describe('the session for the app scripts', () => {
  it('tells the scripts when the token expires, and refreshes once through POST /vendor/session', async () => {
    const b = await approvedVendor();
    await page(await b.open('/vendor'));
    const exp = Number(b.jar.get('la_vexp'));
    expect(exp).toBeGreaterThan(Date.now() / 1000);
    const before = b.jar.get('la_rt');
    const refreshed = await b.post('/vendor/session');
    expect(refreshed.status).toBe(200);
    expect(b.jar.get('la_rt')).not.toBe(before);
    expect(Number(b.jar.get('la_vexp'))).toBeGreaterThanOrEqual(exp);
    expect(
      await browser()
        .post('/vendor/session')
        .then((r) => r.status),
    ).toBe(401);
  });
});
