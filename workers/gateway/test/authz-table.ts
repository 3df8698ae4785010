// THE authorization matrix: every operation of the generated OpenAPI document × every kind of
// caller, with the status each must get. authz-matrix.test.ts walks /v1/openapi.json and fails
// for an operation missing here (or an entry here no longer in the document), so a new route
// cannot ship without someone deciding who may call it.
//
// Objects in paths are real and belong to tenant A (shopper A's order, vendor A's product …):
// B's cells are the cross-tenant attempts and must never succeed. The suspended vendor acts on
// its own shop's objects (what its older token can still reach); staff are A's staff member
// without the owner's rights.

export const PRINCIPALS = [
  'anonymous',
  'shopperA',
  'shopperB',
  'vendorA',
  'vendorB',
  'suspendedVendor',
  'staffA',
  'admin',
] as const;
export type Who = (typeof PRINCIPALS)[number];

/** Real objects the requests point at, made in the test's setup. */
export type Fixtures = {
  productA: string;
  skuA: string;
  productSuspended: string;
  skuSuspended: string;
  addressA: string;
  cartA: string;
  orderA: string;
  /** Two vendor orders of vendor A: the owner acts on the first, the staff member on the second. */
  vendorOrderA: string;
  vendorOrderA2: string;
  topUpA: string;
  /** A second top-up of A's, for the admin's sandbox cell. */
  topUpA2: string;
  /** An order of A's that the cancel cell may cancel (the vendor-order cells need the others intact). */
  cancellableOrderA: string;
  staffUserA: string;
  vendorA: string;
  vendorB: string;
  /** An approved shop nobody in the matrix works for: the admin suspends and closes it. */
  vendorForAdmin: string;
  imageKey: string;
  /** A product of vendor A made for one destructive cell (deleted by it). */
  freshProductA: () => Promise<{ productId: string; skuId: string }>;
};

export type AuthzRequest = { path: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> };

/**
 * A cell: the status, or a status that today's code does not give yet because of a finding being
 * fixed elsewhere (`fixedBy` names it); such a cell runs as `it.fails` until that branch merges.
 */
export type Cell = number | { status: number; fixedBy: string };

export type Row = { request: (f: Fixtures, who: Who) => AuthzRequest | Promise<AuthzRequest>; expect: Record<Who, Cell> };

type Partial8 = Partial<Record<Who, Cell>>;
const every = (status: Cell, overrides: Partial8 = {}): Record<Who, Cell> => ({
  anonymous: status,
  shopperA: status,
  shopperB: status,
  vendorA: status,
  vendorB: status,
  suspendedVendor: status,
  staffA: status,
  admin: status,
  ...overrides,
});
/** Any signed-in caller, each acting on their own things. */
const signedIn = (ok: Cell, overrides: Partial8 = {}) => every(ok, { anonymous: 401, ...overrides });
const adminOnly = (ok: Cell, overrides: Partial8 = {}) => every(403, { anonymous: 401, admin: ok, ...overrides });
/** Shopper A's object: B and everyone else see nothing. */
const shopperAs = (ok: Cell, others: Cell = 404, overrides: Partial8 = {}) =>
  every(others, { anonymous: 401, shopperA: ok, ...overrides });
/**
 * Vendor A's object: the owner and staff may, B sees nothing, the suspended shop is refused (the
 * one shop guard on every vendor route, issue 10 finding 2: an older token gets 403, reads included).
 */
const vendorAs = (ok: Cell, overrides: Partial8 = {}) =>
  every(403, { anonymous: 401, vendorA: ok, staffA: ok, vendorB: 404, suspendedVendor: 403, ...overrides });

// A vendor cell acts on its own shop's objects when it is the suspended vendor, else on A's.
const skuFor = (f: Fixtures, who: Who) => (who === 'suspendedVendor' ? f.skuSuspended : f.skuA);
const productFor = (f: Fixtures, who: Who) => (who === 'suspendedVendor' ? f.productSuspended : f.productA);
const vendorOrderFor = (f: Fixtures, who: Who) => (who === 'staffA' ? f.vendorOrderA2 : f.vendorOrderA);

/** A 1×1 PNG: a real image, so an upload passes the content checks and reaches the shop's. */
const PNG_1X1 = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (ch) => ch.charCodeAt(0),
);
const B2C_TOKEN = '0'.repeat(48);

const newProduct = {
  title: 'Matrix charger',
  category: 'phone-accessories',
  status: 'draft',
  skus: [{ code: 'MTX-1', price: 1000, available: 1 }],
};

export const AUTHZ_TABLE: Record<string, Row> = {
  // ---- gateway ops ----
  'GET /v1/health': { request: () => ({ path: '/v1/health' }), expect: every(200) },
  'GET /v1/health/ready': { request: () => ({ path: '/v1/health/ready' }), expect: every(200) },
  'GET /v1/openapi.json': { request: () => ({ path: '/v1/openapi.json' }), expect: every(200) },
  'PUT /v1/dev/faults/{service}': {
    request: () => ({ path: '/v1/dev/faults/orders', json: { mode: 'off' } }),
    expect: adminOnly(200),
  },

  // ---- catalog: public reads ----
  'GET /v1/products': { request: () => ({ path: '/v1/products?limit=5' }), expect: every(200) },
  'GET /v1/products/{id}': { request: (f) => ({ path: `/v1/products/${f.productA}` }), expect: every(200) },
  'GET /v1/categories': { request: () => ({ path: '/v1/categories' }), expect: every(200) },
  'GET /v1/vendors/{id}': { request: (f) => ({ path: `/v1/vendors/${f.vendorA}` }), expect: every(200) },
  'GET /v1/search/suggest': { request: () => ({ path: '/v1/search/suggest?q=sam' }), expect: every(200) },
  'GET /v1/images/{key}': { request: (f) => ({ path: `/v1/images/${f.imageKey}` }), expect: every(404) },

  // ---- catalog: reviews (no matrix order is delivered yet: every would-be reviewer is refused) ----
  'GET /v1/recommendations/popular': {
    request: () => ({ path: '/v1/recommendations/popular?country=KE' }),
    expect: every(200),
  },
  'GET /v1/products/{id}/reviews': { request: (f) => ({ path: `/v1/products/${f.productA}/reviews` }), expect: every(200) },
  'POST /v1/products/{id}/reviews': {
    request: (f) => ({
      path: `/v1/products/${f.productA}/reviews`,
      json: { vendorOrderId: f.vendorOrderA, rating: 5, body: 'authorization matrix' },
    }),
    expect: signedIn(403),
  },
  'PUT /v1/reviews/images': {
    request: () => ({ path: '/v1/reviews/images', body: PNG_1X1, headers: { 'content-type': 'image/png' } }),
    expect: signedIn(201),
  },
  'POST /v1/reviews/{id}/helpful': { request: () => ({ path: '/v1/reviews/rev_matrixnone1/helpful' }), expect: signedIn(404) },
  'POST /v1/reviews/{id}/reports': {
    request: () => ({ path: '/v1/reviews/rev_matrixnone1/reports', json: { reason: 'spam' } }),
    expect: signedIn(404),
  },
  'POST /v1/vendor/reviews/{id}/reply': {
    request: () => ({ path: '/v1/vendor/reviews/rev_matrixnone1/reply', json: { body: 'Thank you' } }),
    expect: vendorAs(404),
  },
  // Product moderation (the console): the admin's cells name a product that does not exist, so
  // tenant A's product stays on sale for the other cells.
  'GET /v1/admin/products': { request: () => ({ path: '/v1/admin/products?queue=new' }), expect: adminOnly(200) },
  'POST /v1/admin/products/{id}/hide': {
    request: () => ({ path: '/v1/admin/products/prd_mxnone0000/hide', json: { reason: 'authorization matrix' } }),
    expect: adminOnly(404),
  },
  'POST /v1/admin/products/{id}/pass': {
    request: () => ({ path: '/v1/admin/products/prd_mxnone0000/pass' }),
    expect: adminOnly(404),
  },
  // The console's cancel of one vendor order: the admin's cell names one that does not exist.
  'POST /v1/admin/vendor-orders/{id}/cancel': {
    request: () => ({ path: '/v1/admin/vendor-orders/vor_mxnone0000/cancel', json: { reason: 'authorization matrix' } }),
    expect: adminOnly(404),
  },
  'GET /v1/admin/reviews': { request: () => ({ path: '/v1/admin/reviews?reported=1' }), expect: adminOnly(200) },
  'PUT /v1/admin/reviews/{id}/visibility': {
    request: () => ({ path: '/v1/admin/reviews/rev_matrixnone1/visibility', json: { hidden: true, reason: 'matrix' } }),
    expect: adminOnly(404),
  },

  // ---- catalog: vendor products ----
  'GET /v1/vendor/products': {
    request: () => ({ path: '/v1/vendor/products' }),
    expect: vendorAs(200, { vendorB: 200 }),
  },
  'POST /v1/vendor/products': {
    request: () => ({ path: '/v1/vendor/products', json: newProduct }),
    expect: vendorAs(201, { vendorB: 201 }),
  },
  'GET /v1/vendor/products/{id}': {
    request: (f, who) => ({ path: `/v1/vendor/products/${productFor(f, who)}` }),
    expect: vendorAs(200),
  },
  'PATCH /v1/vendor/products/{id}': {
    request: (f, who) => ({ path: `/v1/vendor/products/${productFor(f, who)}`, json: { description: `edited by ${who}` } }),
    expect: vendorAs(200),
  },
  'DELETE /v1/vendor/products/{id}': {
    request: async (f, who) => ({
      path: `/v1/vendor/products/${who === 'suspendedVendor' ? f.productSuspended : (await f.freshProductA()).productId}`,
    }),
    // Answers the archived product.
    expect: vendorAs(200),
  },
  'POST /v1/vendor/products/{id}/skus': {
    request: (f, who) => ({
      path: `/v1/vendor/products/${productFor(f, who)}/skus`,
      json: { code: `NEW-${who}`, price: 2000, available: 1 },
    }),
    expect: vendorAs(201),
  },
  'DELETE /v1/vendor/products/{id}/skus/{skuId}': {
    request: async (f, who) => {
      if (who === 'suspendedVendor') return { path: `/v1/vendor/products/${f.productSuspended}/skus/${f.skuSuspended}` };
      const fresh = await f.freshProductA();
      return { path: `/v1/vendor/products/${fresh.productId}/skus/${fresh.skuId}` };
    },
    // Answers the product without the SKU.
    expect: vendorAs(200),
  },
  'PUT /v1/vendor/products/{id}/skus/{skuId}/price': {
    request: (f, who) => ({
      path: `/v1/vendor/products/${productFor(f, who)}/skus/${skuFor(f, who)}/price`,
      json: { price: 460000 },
    }),
    expect: vendorAs(200),
  },
  'PUT /v1/vendor/products/{id}/images': {
    request: (f, who) => ({
      path: `/v1/vendor/products/${productFor(f, who)}/images`,
      body: PNG_1X1,
      headers: { 'content-type': 'image/png' },
    }),
    // The shared shop guard refuses a suspended shop's upload too (it was a 201 before issue 10).
    expect: vendorAs(201),
  },

  // ---- identity ----
  'GET /.well-known/jwks.json': { request: () => ({ path: '/.well-known/jwks.json' }), expect: every(200) },
  'POST /v1/auth/register': {
    request: (_f, who) => ({
      path: '/v1/auth/register',
      json: {
        phone: `+2348000${String(PRINCIPALS.indexOf(who)).padStart(5, '0')}`,
        name: `Matrix ${who}`,
        password: 'matrix-password',
      },
    }),
    expect: every(201),
  },
  'POST /v1/auth/login': {
    request: () => ({ path: '/v1/auth/login', json: { phone: '+2348999999999', password: 'wrong-password' } }),
    expect: every(401),
  },
  'POST /v1/auth/refresh': {
    request: () => ({ path: '/v1/auth/refresh', json: { refreshToken: 'not-a-real-refresh-token' } }),
    expect: every(401),
  },
  'POST /v1/auth/logout': {
    request: () => ({ path: '/v1/auth/logout', json: { refreshToken: 'not-a-real-refresh-token' } }),
    expect: every(204),
  },
  'POST /v1/auth/otp/request': {
    // A phone per caller: codes are limited per phone.
    request: (_f, who) => ({ path: '/v1/auth/otp/request', json: { phone: `+23489999990${PRINCIPALS.indexOf(who)}` } }),
    expect: every(202),
  },
  'POST /v1/auth/otp/verify': {
    request: () => ({ path: '/v1/auth/otp/verify', json: { phone: '+2348999999998', code: '000000' } }),
    expect: every(401),
  },
  // A wrong code resets nobody's password, whoever asks.
  'POST /v1/auth/password/reset': {
    request: () => ({
      path: '/v1/auth/password/reset',
      json: { phone: '+2348999999997', code: '000000', password: 'matrix-new-password' },
    }),
    expect: every(401),
  },
  'GET /v1/me': { request: () => ({ path: '/v1/me' }), expect: signedIn(200) },
  // A wrong current password changes nobody's password (and ends nobody's sessions), whoever asks.
  'PUT /v1/me/password': {
    request: () => ({ path: '/v1/me/password', json: { currentPassword: 'not-the-password', password: 'matrix-new-password' } }),
    expect: signedIn(403),
  },
  // Staff invitations: each caller sees only those addressed to their own phone; one addressed to
  // someone else (or none) is a 404 for everybody, so nobody accepts another's invitation.
  'GET /v1/me/staff-invitations': { request: () => ({ path: '/v1/me/staff-invitations' }), expect: signedIn(200) },
  'POST /v1/me/staff-invitations/{id}/accept': {
    request: () => ({ path: '/v1/me/staff-invitations/inv_01m8yknwzttffg681p15jwn9q1/accept' }),
    expect: signedIn(404),
  },
  'POST /v1/me/staff-invitations/{id}/decline': {
    request: () => ({ path: '/v1/me/staff-invitations/inv_01m8yknwzttffg681p15jwn9q1/decline' }),
    expect: signedIn(404),
  },
  'PATCH /v1/me': { request: () => ({ path: '/v1/me', json: { language: 'fr' } }), expect: signedIn(200) },
  'GET /v1/me/addresses': { request: () => ({ path: '/v1/me/addresses' }), expect: signedIn(200) },
  'POST /v1/me/addresses': {
    request: () => ({ path: '/v1/me/addresses', json: { landmark: 'Blue gate after the market', city: 'Lagos', country: 'NG' } }),
    expect: signedIn(201),
  },
  'GET /v1/me/addresses/{id}': { request: (f) => ({ path: `/v1/me/addresses/${f.addressA}` }), expect: shopperAs(200) },
  'PUT /v1/me/addresses/{id}': {
    request: (f) => ({
      path: `/v1/me/addresses/${f.addressA}`,
      json: { landmark: 'Green gate after the market', city: 'Lagos', country: 'NG' },
    }),
    expect: shopperAs(200),
  },
  'POST /v1/me/addresses/{id}/default': {
    request: (f) => ({ path: `/v1/me/addresses/${f.addressA}/default` }),
    expect: shopperAs(200),
  },
  'DELETE /v1/me/addresses/{id}': { request: (f) => ({ path: `/v1/me/addresses/${f.addressA}` }), expect: shopperAs(204) },
  'POST /v1/vendors': {
    request: () => ({
      path: '/v1/vendors',
      json: { businessName: 'Matrix Shop', country: 'NG', currency: 'NGN', payoutPhone: '+2348011111111' },
    }),
    // One shop per person: those who own or work for one already get 409.
    expect: signedIn(201, { vendorA: 409, vendorB: 409, suspendedVendor: 409, staffA: 409 }),
  },
  // Everyone has a shop by now (the apply row above): each sees their own.
  'GET /v1/vendors/me': { request: () => ({ path: '/v1/vendors/me' }), expect: signedIn(200) },
  // The shop profile and payout phone are the owner's (permission settings): every owner changes
  // only their own shop, a staff member (a manager) is refused.
  'PATCH /v1/vendors/me': {
    request: () => ({ path: '/v1/vendors/me', json: { businessName: 'Lagos Gadgets' } }),
    expect: signedIn(200, { staffA: 403 }),
  },
  'POST /v1/vendors/me/payout-phone': {
    request: () => ({ path: '/v1/vendors/me/payout-phone', json: { phone: '+2348000000098' } }),
    expect: signedIn(202, { staffA: 403 }),
  },
  'POST /v1/vendors/me/payout-phone/confirm': {
    // A guessed code: nobody's payout phone changes.
    request: () => ({ path: '/v1/vendors/me/payout-phone/confirm', json: { phone: '+2348000000098', code: '123456' } }),
    expect: signedIn(401, { staffA: 403 }),
  },
  'GET /v1/vendors/me/staff': { request: () => ({ path: '/v1/vendors/me/staff' }), expect: signedIn(200) },
  'POST /v1/vendors/me/staff': {
    request: () => ({ path: '/v1/vendors/me/staff', json: { phone: '+2348000000099' } }),
    // Only the owner of an approved shop invites, and every number gets the same 202 (nothing is
    // disclosed); a pending or suspended shop cannot invite (the shoppers and the admin applied
    // for a shop in an earlier cell, so theirs are pending).
    expect: signedIn(409, { vendorA: 202, vendorB: 202, staffA: 403 }),
  },
  'DELETE /v1/vendors/me/staff/{userId}': {
    request: (f) => ({ path: `/v1/vendors/me/staff/${f.staffUserA}` }),
    // Only A's owner may remove A's staff; B's owner has no such member.
    expect: signedIn(404, { vendorA: 204, staffA: 403, shopperA: 404 }),
  },
  'GET /v1/admin/vendors': { request: () => ({ path: '/v1/admin/vendors?status=approved' }), expect: adminOnly(200) },
  'POST /v1/admin/vendors/{id}/approve': {
    request: (f) => ({ path: `/v1/admin/vendors/${f.vendorForAdmin}/approve` }),
    expect: adminOnly(409),
  },
  'POST /v1/admin/vendors/{id}/suspend': {
    request: (f) => ({ path: `/v1/admin/vendors/${f.vendorForAdmin}/suspend`, json: { reason: 'authorization matrix' } }),
    expect: adminOnly(200),
  },
  'POST /v1/admin/vendors/{id}/close': {
    request: (f) => ({ path: `/v1/admin/vendors/${f.vendorForAdmin}/close`, json: { reason: 'authorization matrix' } }),
    expect: adminOnly(200),
  },

  // ---- orders ----
  // Each caller gets their own cart: a new one (201), or shopper A's existing one (200).
  'POST /v1/carts': { request: () => ({ path: '/v1/carts' }), expect: every(201, { shopperA: 200 }) },
  'GET /v1/carts/{id}': { request: (f) => ({ path: `/v1/carts/${f.cartA}` }), expect: shopperAs(200, 404, { anonymous: 404 }) },
  'POST /v1/carts/{id}/items': {
    request: (f) => ({ path: `/v1/carts/${f.cartA}/items`, json: { skuId: f.skuA, quantity: 1 } }),
    expect: shopperAs(201, 404, { anonymous: 404 }),
  },
  'PATCH /v1/carts/{id}/items/{skuId}': {
    request: (f) => ({ path: `/v1/carts/${f.cartA}/items/${f.skuA}`, json: { quantity: 2 } }),
    expect: shopperAs(200, 404, { anonymous: 404 }),
  },
  'DELETE /v1/carts/{id}/items/{skuId}': {
    request: (f) => ({ path: `/v1/carts/${f.cartA}/items/${f.skuA}` }),
    expect: shopperAs(200, 404, { anonymous: 404 }),
  },
  'POST /v1/carts/{id}/merge': {
    request: (f) => ({ path: `/v1/carts/${f.cartA}/merge`, json: {} }),
    // Merging one's own cart into itself is a conflict; anyone else's is not found.
    expect: shopperAs(409, 404),
  },
  'POST /v1/checkout': {
    request: (f, who) => ({
      path: '/v1/checkout',
      json: { cartId: f.cartA, pickupStationId: 'pks_ng001lagos', payment: { method: 'pay_on_delivery', country: 'NG' } },
      headers: { 'idempotency-key': `matrix-checkout-${who}` },
    }),
    // The item rows above emptied A's cart: A is let through to the cart check (409 empty); no one
    // else may check out A's cart.
    expect: shopperAs(409, 404),
  },
  'GET /v1/orders': { request: () => ({ path: '/v1/orders' }), expect: signedIn(200) },
  'GET /v1/orders/{id}': { request: (f) => ({ path: `/v1/orders/${f.orderA}` }), expect: shopperAs(200) },
  'POST /v1/orders/{id}/cancel': {
    request: (f) => ({ path: `/v1/orders/${f.cancellableOrderA}/cancel` }),
    expect: shopperAs(200),
  },
  'GET /v1/vendor/orders': {
    request: () => ({ path: '/v1/vendor/orders' }),
    expect: vendorAs(200, { vendorB: 200 }),
  },
  'GET /v1/vendor/orders/{id}': {
    request: (f, who) => ({ path: `/v1/vendor/orders/${vendorOrderFor(f, who)}` }),
    expect: vendorAs(200),
  },
  'POST /v1/vendor/orders/{id}/accept': {
    request: (f, who) => ({ path: `/v1/vendor/orders/${vendorOrderFor(f, who)}/accept` }),
    expect: vendorAs(200),
  },
  'POST /v1/vendor/orders/{id}/ready': {
    request: (f, who) => ({ path: `/v1/vendor/orders/${vendorOrderFor(f, who)}/ready` }),
    expect: vendorAs(200),
  },
  'POST /v1/vendor/orders/{id}/reject': {
    request: (f, who) => ({
      path: `/v1/vendor/orders/${vendorOrderFor(f, who)}/reject`,
      json: { reason: 'authorization matrix' },
    }),
    expect: vendorAs(200),
  },
  // ---- returns (orders) ----
  // A's order is not delivered: A reaches the delivered check (409), no one else finds the order.
  'GET /v1/orders/{id}/returns': { request: (f) => ({ path: `/v1/orders/${f.orderA}/returns` }), expect: shopperAs(200) },
  'POST /v1/orders/{id}/returns': {
    request: (f, who) => ({
      path: `/v1/orders/${f.orderA}/returns`,
      json: { vendorOrderId: f.vendorOrderA, lines: [{ skuId: f.skuA, quantity: 1 }], reason: 'damaged', method: 'home' },
      headers: { 'idempotency-key': `matrix-return-${who}` },
    }),
    expect: shopperAs(409),
  },
  // The matrix has no delivered order to return: the decision cells act on a return id nobody has
  // (every vendor 404, the guards still 401/403); workers/orders/test/returns.test.ts proves shop B
  // and shopper B get 404 on A's real return and change nothing.
  'GET /v1/vendor/returns': { request: () => ({ path: '/v1/vendor/returns' }), expect: vendorAs(200, { vendorB: 200 }) },
  'GET /v1/vendor/returns/{id}': { request: () => ({ path: '/v1/vendor/returns/ret_mxnone0000' }), expect: vendorAs(404) },
  'POST /v1/vendor/returns/{id}/accept': {
    request: () => ({ path: '/v1/vendor/returns/ret_mxnone0000/accept' }),
    expect: vendorAs(404),
  },
  'POST /v1/vendor/returns/{id}/refuse': {
    request: () => ({ path: '/v1/vendor/returns/ret_mxnone0000/refuse', json: { reason: 'authorization matrix' } }),
    expect: vendorAs(404),
  },
  'POST /v1/vendor/returns/{id}/received': {
    request: () => ({ path: '/v1/vendor/returns/ret_mxnone0000/received', json: { condition: 'as_new' } }),
    expect: vendorAs(404),
  },
  'GET /v1/admin/returns': { request: () => ({ path: '/v1/admin/returns' }), expect: adminOnly(200) },
  'GET /v1/admin/returns/{id}': { request: () => ({ path: '/v1/admin/returns/ret_mxnone0000' }), expect: adminOnly(404) },
  'POST /v1/admin/returns/{id}/accept': {
    request: () => ({ path: '/v1/admin/returns/ret_mxnone0000/accept' }),
    expect: adminOnly(404),
  },
  'POST /v1/admin/returns/{id}/refuse': {
    request: () => ({ path: '/v1/admin/returns/ret_mxnone0000/refuse', json: { reason: 'authorization matrix' } }),
    expect: adminOnly(404),
  },
  'POST /v1/admin/returns/{id}/received': {
    request: () => ({ path: '/v1/admin/returns/ret_mxnone0000/received', json: { condition: 'as_new' } }),
    expect: adminOnly(404),
  },
  'GET /v1/vendor/skus/{skuId}/stock': {
    request: (f, who) => ({ path: `/v1/vendor/skus/${skuFor(f, who)}/stock` }),
    expect: vendorAs(200),
  },
  'PUT /v1/vendor/skus/{skuId}/stock': {
    request: (f, who) => ({
      path: `/v1/vendor/skus/${skuFor(f, who)}/stock`,
      json: { quantity: 30 },
      headers: { 'idempotency-key': `matrix-stock-${who}` },
    }),
    expect: vendorAs(200),
  },

  // ---- payments ----
  'GET /v1/wallet': { request: () => ({ path: '/v1/wallet' }), expect: signedIn(200) },
  'GET /v1/wallet/payment-options': {
    request: () => ({ path: '/v1/wallet/payment-options?currency=KES&country=KE&amount=150000' }),
    expect: signedIn(200),
  },
  'POST /v1/wallet/topups': {
    request: (_f, who) => ({
      path: '/v1/wallet/topups',
      json: { amount: 1000, currency: 'KES', provider: 'mpesa', phone: '+254700000777' },
      headers: { 'idempotency-key': `matrix-topup-${who}` },
    }),
    expect: signedIn(202),
  },
  'GET /v1/wallet/topups/{topUpId}': { request: (f) => ({ path: `/v1/wallet/topups/${f.topUpA}` }), expect: shopperAs(200) },
  'GET /v1/admin/ledger/trial-balance': { request: () => ({ path: '/v1/admin/ledger/trial-balance' }), expect: adminOnly(200) },
  'GET /v1/admin/commission-rules': { request: () => ({ path: '/v1/admin/commission-rules' }), expect: adminOnly(200) },
  'PUT /v1/admin/commission-rules': {
    request: () => ({ path: '/v1/admin/commission-rules', json: { rules: [{ categoryId: '*', rateBps: 1000, minimums: {} }] } }),
    expect: adminOnly(200),
  },
  'POST /v1/admin/cod/{vendorOrderId}/collect': {
    request: (f) => ({
      path: `/v1/admin/cod/${f.vendorOrderA}/collect`,
      json: { orderId: f.orderA, method: 'cash', amount: 1 },
    }),
    expect: adminOnly(409),
  },
  'GET /v1/admin/cod/collectors': { request: () => ({ path: '/v1/admin/cod/collectors' }), expect: adminOnly(200) },
  'POST /v1/admin/cod/collectors/{collectorId}/remittances': {
    request: (_f, who) => ({
      path: '/v1/admin/cod/collectors/usr_matrixrider/remittances',
      json: { amount: 100, currency: 'KES', reason: 'Matrix cash-up' },
      headers: { 'idempotency-key': `matrix-remit-${who}` },
    }),
    // Nobody in the matrix collected cash: the admin is refused more than the rider holds (0).
    expect: adminOnly(409),
  },
  'POST /v1/vendor/payouts': {
    request: (_f, who) => ({
      path: '/v1/vendor/payouts',
      json: { amount: 100, currency: 'KES', phone: '+254700000778' },
      headers: { 'idempotency-key': `matrix-payout-${who}` },
    }),
    // Each shop's own balance, which is empty: 409 for the owners; the manager names a number that is
    // not the shop's payout phone, which only an owner may do: 403.
    expect: vendorAs(409, { vendorB: 409, staffA: 403 }),
  },
  'GET /v1/vendor/payouts': {
    request: () => ({ path: '/v1/vendor/payouts' }),
    expect: vendorAs(200, { vendorB: 200 }),
  },
  'GET /v1/vendor/statements': {
    request: () => ({ path: '/v1/vendor/statements?week=2026-W47' }),
    expect: vendorAs(200, { vendorB: 200 }),
  },
  // Provider webhooks: public, authenticated by the provider's signature, which none of these has.
  'POST /v1/webhooks/paystack': {
    request: () => ({ path: '/v1/webhooks/paystack', json: { event: 'charge.success' } }),
    expect: every(401),
  },
  'POST /v1/webhooks/flutterwave': {
    request: () => ({ path: '/v1/webhooks/flutterwave', json: { event: 'charge.completed' } }),
    expect: every(401),
  },
  'POST /v1/webhooks/mpesa/{token}': {
    request: () => ({ path: '/v1/webhooks/mpesa/not-a-token', json: {} }),
    expect: every(401),
  },
  'PUT /v1/webhooks/mtn_momo/{token}': {
    request: () => ({ path: '/v1/webhooks/mtn_momo/not-a-token', json: {} }),
    expect: every(401),
  },
  'POST /v1/webhooks/mtn_momo/{token}': {
    request: () => ({ path: '/v1/webhooks/mtn_momo/not-a-token', json: {} }),
    expect: every(401),
  },
  'POST /v1/webhooks/mpesa-b2c/{token}/result': {
    request: () => ({ path: `/v1/webhooks/mpesa-b2c/${B2C_TOKEN}/result`, json: {} }),
    // The B2C callbacks' secret URL token is their authentication: a body that is not a result is
    // refused first (400), an unknown token is 404; never a success for anyone.
    expect: every(400),
  },
  'POST /v1/webhooks/mpesa-b2c/{token}/timeout': {
    request: () => ({ path: `/v1/webhooks/mpesa-b2c/${B2C_TOKEN}/timeout`, json: {} }),
    expect: every(404),
  },
  // ---- identity: logistics roles ----
  // An admin gives a user the rider or station-agent role; the cell names no real user (a role
  // change of a matrix principal would change its other cells).
  'PUT /v1/admin/users/{id}/role': {
    request: () => ({ path: '/v1/admin/users/usr_mxnobody0000/role', json: { role: 'rider' } }),
    expect: adminOnly(404),
  },

  // ---- logistics ----
  // Stations, quotes and the public tracking page are public; no personal data in any of them.
  'GET /v1/pickup-stations': { request: () => ({ path: '/v1/pickup-stations?country=NG' }), expect: every(200) },
  'GET /v1/pickup-stations/{id}': { request: () => ({ path: '/v1/pickup-stations/pks_ng001lagos' }), expect: every(200) },
  'GET /v1/delivery/quote': {
    request: (f) => ({
      path: `/v1/delivery/quote?country=NG&city=Lagos&method=home&currency=NGN&vendorId=${f.vendorA}&subtotal=450000`,
    }),
    expect: every(200),
  },
  'GET /v1/track/{trackingCode}': { request: () => ({ path: '/v1/track/LA-0000-0000' }), expect: every(404) },
  // A shopper's own order only: B, the vendors and the admin see nothing.
  'GET /v1/orders/{id}/tracking': {
    request: (f) => ({ path: `/v1/orders/${f.orderA}/tracking` }),
    expect: shopperAs(200),
  },
  // The desks are the riders' and station agents' only: no matrix principal holds those roles
  // (rider A vs rider B and agent vs agent are in workers/logistics/test).
  'GET /v1/rider/shipments': { request: () => ({ path: '/v1/rider/shipments' }), expect: signedIn(403) },
  'GET /v1/rider/shipments/{id}': { request: () => ({ path: '/v1/rider/shipments/shp_mxnone0000' }), expect: signedIn(403) },
  'POST /v1/rider/shipments/{id}/pickup': {
    request: () => ({ path: '/v1/rider/shipments/shp_mxnone0000/pickup' }),
    expect: signedIn(403),
  },
  'POST /v1/rider/shipments/{id}/out-for-delivery': {
    request: () => ({ path: '/v1/rider/shipments/shp_mxnone0000/out-for-delivery' }),
    expect: signedIn(403),
  },
  'POST /v1/rider/shipments/{id}/collect': {
    request: () => ({ path: '/v1/rider/shipments/shp_mxnone0000/collect', json: { method: 'cash' } }),
    expect: signedIn(403),
  },
  'POST /v1/rider/shipments/{id}/deliver': {
    request: () => ({ path: '/v1/rider/shipments/shp_mxnone0000/deliver', json: { code: '123456' } }),
    expect: signedIn(403),
  },
  'POST /v1/rider/shipments/{id}/failed-attempt': {
    request: () => ({ path: '/v1/rider/shipments/shp_mxnone0000/failed-attempt', json: { reason: 'shopper_absent' } }),
    expect: signedIn(403),
  },
  'GET /v1/station/shipments': { request: () => ({ path: '/v1/station/shipments' }), expect: signedIn(403) },
  'POST /v1/station/shipments/{id}/receive': {
    request: () => ({ path: '/v1/station/shipments/shp_mxnone0000/receive' }),
    expect: signedIn(403),
  },
  'POST /v1/station/shipments/{id}/drop-off': {
    request: () => ({ path: '/v1/station/shipments/shp_mxnone0000/drop-off', json: { code: '123456' } }),
    expect: signedIn(403),
  },
  'POST /v1/station/shipments/{id}/collect': {
    request: () => ({ path: '/v1/station/shipments/shp_mxnone0000/collect', json: { method: 'cash' } }),
    expect: signedIn(403),
  },
  'POST /v1/station/shipments/{id}/hand-over': {
    request: () => ({ path: '/v1/station/shipments/shp_mxnone0000/hand-over', json: { code: '123456' } }),
    expect: signedIn(403),
  },
  // Logistics admin: the admin's cells name stations and shipments that do not exist (closing a
  // real station would change the checkout cells), except the create, which makes a new one.
  'POST /v1/admin/pickup-stations': {
    request: () => ({
      path: '/v1/admin/pickup-stations',
      json: {
        country: 'NG',
        city: 'Lagos',
        name: 'Matrix Station',
        landmark: 'Beside the matrix kiosk',
        openingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
        capacity: 10,
        location: { lat: 6.5, lng: 3.4 },
      },
    }),
    expect: adminOnly(201),
  },
  'PATCH /v1/admin/pickup-stations/{id}': {
    request: () => ({ path: '/v1/admin/pickup-stations/pks_mxnone0000', json: { name: 'Renamed' } }),
    expect: adminOnly(404),
  },
  'DELETE /v1/admin/pickup-stations/{id}': {
    request: () => ({ path: '/v1/admin/pickup-stations/pks_mxnone0000' }),
    expect: adminOnly(404),
  },
  'POST /v1/admin/shipments/{id}/assign': {
    request: () => ({ path: '/v1/admin/shipments/shp_mxnone0000/assign', json: { riderId: 'usr_mxnobody0000' } }),
    expect: adminOnly(404),
  },
  'POST /v1/admin/shipments/{id}/courier': {
    request: () => ({ path: '/v1/admin/shipments/shp_mxnone0000/courier', json: { carrier: 'sendy' } }),
    expect: adminOnly(404),
  },
  'GET /v1/admin/self-delivery/{vendorId}': {
    request: (f) => ({ path: `/v1/admin/self-delivery/${f.vendorA}` }),
    expect: adminOnly(200),
  },
  'PUT /v1/admin/self-delivery/{vendorId}': {
    // The admin's cell switches it off for A (A does not deliver itself: nothing changes).
    request: (f) => ({ path: `/v1/admin/self-delivery/${f.vendorA}`, json: { selfDelivery: false } }),
    expect: adminOnly(200),
  },
  'PUT /v1/admin/station-agents/{userId}': {
    // Logistics keeps the agent → station link by user id and does not ask identity whether the user
    // exists (or is a station agent): the admin's cell succeeds for a made-up id. Noted, not fixed.
    request: () => ({ path: '/v1/admin/station-agents/usr_mxnobody0000', json: { stationId: 'pks_ng001lagos' } }),
    expect: adminOnly(200),
  },
  // A carrier's status webhook: its signature on the raw body is its authentication.
  'POST /v1/webhooks/courier/{carrier}': {
    request: () => ({ path: '/v1/webhooks/courier/sendy', json: { event_id: 'evt_mx', status: 'picked' } }),
    expect: every(401),
  },
  'POST /v1/dev/payments/{paymentId}/{action}': {
    // The sandbox's approval button: the payer, or an admin (on another of A's top-ups).
    request: (f, who) => ({ path: `/v1/dev/payments/${who === 'admin' ? f.topUpA2 : f.topUpA}/approve` }),
    expect: shopperAs(200, 404, { admin: 200 }),
  },
  // ---- notifications ----
  // Each signed-in caller reads and writes only their own inbox, preferences and subscriptions:
  // the user id comes from the token, never from the request.
  'GET /v1/me/notifications': { request: () => ({ path: '/v1/me/notifications' }), expect: signedIn(200) },
  'GET /v1/me/notification-preferences': {
    request: () => ({ path: '/v1/me/notification-preferences' }),
    expect: signedIn(200),
  },
  'PUT /v1/me/notification-preferences': {
    request: () => ({
      path: '/v1/me/notification-preferences',
      json: { sms: true, email: true, push: true, marketing: false, quietHours: null, utcOffsetMinutes: 60 },
    }),
    expect: signedIn(200),
  },
  'POST /v1/me/push-subscriptions': {
    request: (_f, who) => ({
      path: '/v1/me/push-subscriptions',
      json: { endpoint: `https://push.example.com/mx/${who}`, keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } },
    }),
    expect: signedIn(201),
  },
  // Nobody's subscription has this endpoint: another user's endpoint is as unknown as a made-up one.
  'DELETE /v1/me/push-subscriptions': {
    request: () => ({ path: '/v1/me/push-subscriptions', json: { endpoint: 'https://push.example.com/mx/nobody' } }),
    expect: signedIn(404),
  },
  // Our VAPID public key: public, the same for everyone.
  'GET /v1/push/key': { request: () => ({ path: '/v1/push/key' }), expect: every(200) },
  // Africa's Talking's callbacks: the token in the callback URL is their authentication (no bearer
  // token counts), and the caller is the network's phone number; an unknown number learns nothing.
  'POST /v1/ussd/{provider}': {
    request: () => ({
      path: '/v1/ussd/africastalking?token=at_dev_callback_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sessionId=ATUid_mx&serviceCode=*384*1%23&phoneNumber=%2B254799999990&text=1',
    }),
    expect: every(200),
  },
  'POST /v1/sms/inbound/{provider}': {
    request: () => ({
      path: '/v1/sms/inbound/africastalking?token=at_dev_callback_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'from=%2B254799999990&to=23456&text=STATUS%20LA-0000-0000&id=mx_in_1',
    }),
    expect: every(200),
  },
  'POST /v1/sms/delivery-reports/{provider}': {
    request: () => ({
      path: '/v1/sms/delivery-reports/africastalking',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'id=ATXid_none&status=Success&phoneNumber=%2B254799999990',
    }),
    // Without the callback token in the URL the report is refused, whoever sends it.
    expect: every(400),
  },
  // The SMS sandbox's outbox exists in development and tests only.
  'GET /v1/dev/notifications/sms': {
    request: () => ({ path: '/v1/dev/notifications/sms?phone=%2B254799999990' }),
    expect: every(200),
  },
  'POST /v1/dev/notifications/push-browsers': {
    request: () => ({ path: '/v1/dev/notifications/push-browsers' }),
    expect: every(201),
  },
  'GET /v1/dev/notifications/push': {
    request: () => ({
      path: `/v1/dev/notifications/push?endpoint=${encodeURIComponent('https://push.sandbox.linkedall.local/push/v1/nobody')}`,
    }),
    expect: every(200),
  },
  // Without `Upgrade: websocket` the answer is 426 once the caller is let in: the status shows who is.
  'GET /v1/me/live': { request: () => ({ path: '/v1/me/live' }), expect: signedIn(426) },
  'GET /v1/vendor/live': { request: () => ({ path: '/v1/vendor/live' }), expect: vendorAs(426, { vendorB: 426 }) },
  'POST /v1/dev/payments/release-due': {
    // Moves the release job's clock (development and test only): an admin's alone.
    request: () => ({ path: '/v1/dev/payments/release-due', json: { asOf: '2026-01-01T00:00:00Z' } }),
    expect: adminOnly(200),
  },
};
