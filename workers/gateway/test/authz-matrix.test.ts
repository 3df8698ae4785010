// The authorization matrix (issue 10): every operation of /v1/openapi.json × every kind of caller,
// expected statuses from ONE table (authz-table.ts). Real services, real objects of tenant A;
// B's cells are cross-tenant attempts. An operation without a table entry fails the suite.
import { env } from 'cloudflare:test';
import type { Role } from '@linked-all/auth';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog, VENDOR_A, VENDOR_B, VENDOR_SUSPENDED } from '../../catalog/test/seed-catalog';
import { AUTHZ_TABLE, type Cell, type Fixtures, PRINCIPALS, type Who } from './authz-table';
import { eventually, get } from './helpers';

const VENDOR_FOR_ADMIN = 'vnd_mxadmintarget';

const USERS: Record<Exclude<Who, 'anonymous'>, { id: string; phone: string; role: Role; vendorId?: string }> = {
  shopperA: { id: 'usr_mxshoppera', phone: '+2348100000001', role: 'shopper' },
  shopperB: { id: 'usr_mxshopperb', phone: '+2348100000002', role: 'shopper' },
  vendorA: { id: 'usr_mxvendora', phone: '+2348100000003', role: 'vendor', vendorId: VENDOR_A },
  vendorB: { id: 'usr_mxvendorb', phone: '+2348100000004', role: 'vendor', vendorId: VENDOR_B },
  suspendedVendor: { id: 'usr_mxsuspended', phone: '+2348100000005', role: 'vendor', vendorId: VENDOR_SUSPENDED },
  staffA: { id: 'usr_mxstaffa', phone: '+2348100000006', role: 'vendor', vendorId: VENDOR_A },
  admin: { id: 'usr_mxadmin', phone: '+2348100000007', role: 'admin' },
};

/** Identity's side of the fixture: the people, the three shops and who works where, as identity stores them. */
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
    ...Object.entries(USERS).map(([who, u]) => user.bind(u.id, u.phone, `Matrix ${who}`, u.role, u.vendorId ?? null, now, now)),
    vendor.bind(VENDOR_A, 'Lagos Gadgets', 'NG', 'NGN', USERS.vendorA.phone, 'approved', now, now),
    vendor.bind(VENDOR_B, 'Abidjan Mode', 'CI', 'XOF', USERS.vendorB.phone, 'approved', now, now),
    vendor.bind(VENDOR_SUSPENDED, 'Suspended Shop', 'KE', 'KES', USERS.suspendedVendor.phone, 'suspended', now, now),
    // The shop the admin's approve/suspend/close cells act on: B's must stay open for B's cells.
    vendor.bind(VENDOR_FOR_ADMIN, 'Admin Target Shop', 'GH', 'GHS', '+2348100000008', 'approved', now, now),
    staff.bind(VENDOR_A, USERS.vendorA.id, 'owner', now),
    staff.bind(VENDOR_B, USERS.vendorB.id, 'owner', now),
    staff.bind(VENDOR_SUSPENDED, USERS.suspendedVendor.id, 'owner', now),
    staff.bind(VENDOR_A, USERS.staffA.id, 'manager', now),
  ]);
}

const tokens = {} as Record<Who, string | null>;
let fixtures: Fixtures;

type Init = { method?: string; who: Who; json?: unknown; body?: BodyInit; headers?: Record<string, string> };

function send(path: string, init: Init): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = tokens[init.who];
  if (token) headers.set('authorization', `Bearer ${token}`);
  // One client address per caller: the matrix must not trip the per-client rate limit.
  headers.set('cf-connecting-ip', `10.42.0.${PRINCIPALS.indexOf(init.who) + 1}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return get(path, { method: init.method ?? 'GET', headers, body });
}

async function json<T>(response: Promise<Response>, status: number): Promise<T> {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

type OrderView = { id: string; status: string; vendorOrders: { id: string; vendorId: string }[] };

/** Shopper A buys one phone case (vendor A, pay on delivery) and waits for the order to be confirmed. */
async function orderOfA(key: string): Promise<{ orderId: string; vendorOrderId: string }> {
  const { cartId } = await json<{ cartId: string }>(send('/v1/carts', { method: 'POST', who: 'shopperA' }), 201).catch(() =>
    json<{ cartId: string }>(send('/v1/carts', { method: 'POST', who: 'shopperA' }), 200),
  );
  await json(
    send(`/v1/carts/${cartId}/items`, { method: 'POST', who: 'shopperA', json: { skuId: 'sku_case', quantity: 1 } }),
    201,
  );
  const { orderId } = await json<{ orderId: string }>(
    send('/v1/checkout', {
      method: 'POST',
      who: 'shopperA',
      headers: { 'idempotency-key': key },
      json: { cartId, pickupStationId: 'pks_ng001lagos', payment: { method: 'pay_on_delivery', country: 'NG' } },
    }),
    202,
  );
  const order = await eventually(async () => {
    const view = await json<OrderView>(send(`/v1/orders/${orderId}`, { who: 'shopperA' }), 200);
    expect(view.status).toBe('confirmed');
    return view;
  }, 30_000);
  return { orderId, vendorOrderId: order.vendorOrders[0].id };
}

let freshCount = 0;

beforeAll(async () => {
  await seedCatalog(env.CATALOG_DB);
  await seedIdentity(env.IDENTITY_DB);
  tokens.anonymous = null;
  for (const who of PRINCIPALS) {
    if (who === 'anonymous') continue;
    const u = USERS[who];
    // staffA is a manager (orders, catalog, money; not staff or settings), like the old 'staff'.
    tokens[who] = await mintDevToken({
      userId: u.id,
      role: u.role,
      vendorId: u.vendorId,
      vendorRole: who === 'staffA' ? 'manager' : undefined,
      expiresIn: '30m',
    });
  }
  const address = await json<{ id: string }>(
    send('/v1/me/addresses', {
      method: 'POST',
      who: 'shopperA',
      json: { landmark: 'Green door by the mosque', city: 'Lagos', country: 'NG' },
    }),
    201,
  );
  const first = await orderOfA('matrix-order-1');
  const second = await orderOfA('matrix-order-2');
  const third = await orderOfA('matrix-order-3');
  const cart = await json<{ cartId: string }>(send('/v1/carts', { method: 'POST', who: 'shopperA' }), 200);
  await json(
    send(`/v1/carts/${cart.cartId}/items`, { method: 'POST', who: 'shopperA', json: { skuId: 'sku_case', quantity: 1 } }),
    201,
  );
  const topUpOfA = (key: string) =>
    json<{ topUpId: string }>(
      send('/v1/wallet/topups', {
        method: 'POST',
        who: 'shopperA',
        headers: { 'idempotency-key': key },
        json: { amount: 5000, currency: 'KES', provider: 'mpesa', phone: '+254700000776' },
      }),
      202,
    );
  const topUp = await topUpOfA('matrix-topup-a');
  const topUp2 = await topUpOfA('matrix-topup-a2');
  fixtures = {
    productA: 'prd_phonecase',
    skuA: 'sku_case',
    productSuspended: 'prd_suspendedphone',
    skuSuspended: 'sku_hidden',
    addressA: address.id,
    cartA: cart.cartId,
    orderA: first.orderId,
    vendorOrderA: first.vendorOrderId,
    vendorOrderA2: second.vendorOrderId,
    topUpA: topUp.topUpId,
    topUpA2: topUp2.topUpId,
    cancellableOrderA: third.orderId,
    staffUserA: USERS.staffA.id,
    vendorA: VENDOR_A,
    vendorB: VENDOR_B,
    vendorForAdmin: VENDOR_FOR_ADMIN,
    imageKey: 'products/prd_phonecase/none-320.jpg',
    freshProductA: async () => {
      freshCount++;
      const made = await json<{ id: string; skus: { id: string }[] }>(
        send('/v1/vendor/products', {
          method: 'POST',
          who: 'vendorA',
          json: {
            title: `Matrix fresh ${freshCount}`,
            category: 'phone-accessories',
            skus: [
              { code: `FRESH-${freshCount}-A`, price: 1000 },
              { code: `FRESH-${freshCount}-B`, price: 1100 },
            ],
          },
        }),
        201,
      );
      return { productId: made.id, skuId: made.skus[0].id };
    },
  };
}, 120_000);

const statusOf = (cell: Cell) => (typeof cell === 'number' ? cell : cell.status);

describe('the authorization table', () => {
  it('has exactly one entry for every operation of the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(
      send('/v1/openapi.json', { who: 'anonymous' }),
      200,
    );
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const inTable = Object.keys(AUTHZ_TABLE);
    expect(
      operations.filter((op) => !inTable.includes(op)),
      'operations without an authorization entry',
    ).toEqual([]);
    expect(
      inTable.filter((op) => !operations.includes(op)),
      'entries for operations that no longer exist',
    ).toEqual([]);
  });
});

for (const [operation, row] of Object.entries(AUTHZ_TABLE)) {
  const [method, template] = operation.split(' ');
  describe(operation, () => {
    // Refusals first, successes last: a successful write (a delete, an accept) must not change
    // what the callers after it are refused for.
    const cells = PRINCIPALS.map((who) => ({ who, cell: row.expect[who] })).sort(
      (a, b) => Number(statusOf(a.cell) < 300) - Number(statusOf(b.cell) < 300),
    );
    for (const { who, cell } of cells) {
      const status = statusOf(cell);
      const title = `${who} → ${status}`;
      const run = async () => {
        const request = await row.request(fixtures, who);
        expect(request.path.startsWith(template.split('{')[0]), `${request.path} is not ${template}`).toBe(true);
        const response = await send(request.path, {
          method,
          who,
          json: request.json,
          body: request.body,
          headers: request.headers,
        });
        const text = await response.text();
        expect(response.status, `${operation} as ${who}: ${text.slice(0, 300)}`).toBe(status);
        if (status >= 400 && method !== 'HEAD') expect(response.headers.get('content-type')).toBe('application/problem+json');
      };
      if (typeof cell === 'number') it(title, run);
      // The cell's expectation is right but today's code does not meet it yet (cell.fixedBy says
      // which branch fixes it): it.fails until that branch is merged, then it is flipped to a number.
      else it.fails(`${title} (${cell.fixedBy})`, run);
    }
  });
}
