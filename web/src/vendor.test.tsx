import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './render';
import {
  EditProductPage,
  fromMinor,
  MoneyPage,
  NewProductPage,
  OfflinePage,
  OnboardingPage,
  type ProductEdit,
  type RoleChoice,
  SettingsPage,
  type Shop,
  type ShopOrder,
  type ShopOrderDetail,
  type Statement,
  TodayPage,
  toMinor,
  VENDOR_APP_JS,
  VENDOR_SW_JS,
  VendorOrderPage,
  VendorOrdersPage,
  VendorProductsPage,
  VendorSignInPage,
  vendorManifest,
} from './vendor';

const BUDGET = 14 * 1024;
const gzipSize = (text: string) => gzipSync(text, { level: 6 }).length;
const ctx = { locale: 'en' as const, path: '/vendor' };
const KEY = /<input type="hidden" name="key" value="[0-9a-f-]{36}"\/>/;

const kes = (amount: number) => ({ amount, currency: 'KES', formatted: `KES ${amount / 100}` });

function vendorOrder(overrides: Partial<ShopOrder> = {}): ShopOrder {
  return {
    id: 'vor_01jc8x3k4m5n6p7q8r9s0t1v2w',
    orderId: 'ord_01jc8x3k4m5n6p7q8r9s0t1v2w',
    vendorId: 'vnd_01jc8x3k4m5n6p7q8r9s0t1v2w',
    status: 'pending',
    subtotal: kes(259800),
    lines: [
      {
        skuId: 'sku_01jc8x3k4m5n6p7q8r9s0t1aaa',
        productId: 'prd_01jc8x3k4m5n6p7q8r9s0t1v2w',
        title: 'Kitenge fabric, 6 yards',
        options: { colour: 'blue' },
        image: null,
        unitPrice: kes(129900),
        quantity: 2,
        lineTotal: kes(259800),
      },
    ],
    confirmedAt: '2026-12-01T09:30:00.000Z',
    updatedAt: '2026-12-01T09:30:00.000Z',
    shipping: {
      method: 'station',
      shippingAddressId: null,
      pickupStationId: 'pst_01jc8x3k4m5n6p7q8r9s0t1v2w',
      payment: 'pay_on_delivery',
      collect: kes(259800),
    },
    delivery: {
      method: 'station',
      fee: 30000,
      currency: 'KES',
      window: { earliest: '2026-12-02', latest: '2026-12-04' },
      pickupStationId: 'pst_01jc8x3k4m5n6p7q8r9s0t1v2w',
    },
    ...overrides,
  };
}

/** The order page's view: the destination in words and the buyer while the order is open. */
function orderDetail(overrides: Partial<ShopOrder> = {}): ShopOrderDetail {
  return {
    ...vendorOrder(overrides),
    destination: {
      address: null,
      station: { id: 'pst_01jc8x3k4m5n6p7q8r9s0t1v2w', name: 'Westlands Hub', landmark: 'Sarit Centre, gate B', city: 'Nairobi' },
    },
    buyer: { firstName: 'Wanjiru', phone: '+254712345678' },
  };
}

const SHOP: Shop = {
  id: 'vnd_01jc8x3k4m5n6p7q8r9s0t1v2w',
  businessName: 'Mama Njeri Textiles',
  country: 'KE',
  currency: 'KES',
  payoutPhone: '+254712345678',
  status: 'approved',
  statusReason: null,
  myRole: 'owner',
};

const BALANCES = [{ currency: 'KES', pending: 120000, payable: 45000 }];
const ROLES: RoleChoice[] = [
  { role: 'manager', permissions: ['orders', 'catalog', 'finance'] },
  { role: 'catalog', permissions: ['catalog'] },
];

const WEEK: Statement = {
  week: '2026-W49',
  currencies: [
    {
      currency: 'KES',
      grossSales: 500000,
      commission: 50000,
      sales: 450000,
      refunds: 0,
      payouts: 100000,
      closingPending: 200000,
      closingPayable: 150000,
    },
  ],
};

const PRODUCT: ProductEdit = {
  id: 'prd_01jc8x3k4m5n6p7q8r9s0t1v2w',
  title: 'Kitenge fabric, 6 yards',
  description: 'Cotton wax print.',
  category: 'fabric',
  status: 'draft',
  currency: 'KES',
  skus: [
    {
      id: 'sku_01jc8x3k4m5n6p7q8r9s0t1aaa',
      code: 'KIT-BLUE',
      options: { colour: 'blue' },
      price: kes(129900),
      stock: { onHand: 7, held: 2, available: 5 },
    },
  ],
  images: [],
};

// Every screen, rendered with realistic data, for the budget and the JS-off checks.
const SCREENS: Record<string, () => Promise<string>> = {
  signin: () => renderHtml(<VendorSignInPage {...ctx} />),
  onboarding: () =>
    renderHtml(
      <OnboardingPage
        {...ctx}
        shop={null}
        invitations={[
          {
            id: 'inv_01jc8x3k4m5n6p7q8r9s0t1v2w',
            vendor: { id: SHOP.id, businessName: SHOP.businessName },
            role: 'orders',
            expiresAt: '2026-12-08T00:00:00.000Z',
          },
        ]}
      />,
    ),
  today: () =>
    renderHtml(
      <TodayPage
        {...ctx}
        shopName={SHOP.businessName}
        toAccept={Array.from({ length: 10 }, () => vendorOrder())}
        toPack={Array.from({ length: 10 }, () => vendorOrder({ status: 'accepted' }))}
        lowStock={[{ productId: PRODUCT.id, title: PRODUCT.title, code: 'KIT-BLUE', available: 2 }]}
        week={WEEK}
      />,
    ),
  orders: () =>
    renderHtml(<VendorOrdersPage {...ctx} orders={Array.from({ length: 20 }, () => vendorOrder())} nextCursor="abc" />),
  order: () => renderHtml(<VendorOrderPage {...ctx} order={orderDetail()} />),
  slip: () => renderHtml(<VendorOrderPage {...ctx} order={orderDetail({ status: 'accepted' })} slip />),
  products: () =>
    renderHtml(
      <VendorProductsPage
        {...ctx}
        q=""
        nextCursor={null}
        products={Array.from({ length: 30 }, (_, i) => ({
          id: `prd_01jc8x3k4m5n6p7q8r9s0t1v${i}`,
          title: `Product ${i}`,
          status: 'active' as const,
          price: kes(1000 * i),
          inStock: i % 3 > 0,
        }))}
      />,
    ),
  newProduct: () => renderHtml(<NewProductPage {...ctx} currency="KES" />),
  editProduct: () => renderHtml(<EditProductPage {...ctx} product={PRODUCT} />),
  money: () =>
    renderHtml(<MoneyPage {...ctx} balances={BALANCES} statement={WEEK} payouts={[]} payoutPhone={SHOP.payoutPhone} canPayOut />),
  settings: () =>
    renderHtml(
      <SettingsPage
        {...ctx}
        isOwner
        roles={ROLES}
        shop={SHOP}
        staff={[
          {
            userId: 'usr_01jc8x3k4m5n6p7q8r9s0t1v2w',
            name: 'Njeri',
            phone: '+254712345678',
            role: 'owner',
            addedAt: '2026-11-01T00:00:00.000Z',
          },
          {
            userId: 'usr_01jc8x3k4m5n6p7q8r9s0t1v2x',
            name: 'Otieno',
            phone: '+254712345679',
            role: 'catalog',
            addedAt: '2026-11-02T00:00:00.000Z',
          },
        ]}
      />,
    ),
  offline: () => renderHtml(<OfflinePage {...ctx} />),
};

describe('vendor screens', () => {
  for (const [name, render] of Object.entries(SCREENS)) {
    it(`${name}: one round trip (≤ 14 KB gzip), a document with the manifest and no inline script`, async () => {
      const html = await render();
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(gzipSize(html), name).toBeLessThanOrEqual(BUDGET);
      expect(html).toContain('<link rel="manifest" href="/vendor/manifest.webmanifest"/>');
      expect(html).toContain('<script src="/vendor/app.js" defer=""></script>');
      // The CSP allows no inline script: every script is a file.
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
    });
  }

  it('draws every write form with its own Idempotency-Key, a new one each time', async () => {
    for (const name of ['onboarding', 'order', 'newProduct', 'editProduct', 'money', 'settings']) {
      const html = await SCREENS[name]();
      for (const form of html.match(/<form method="post"[\s\S]*?<\/form>|<form class="[^"]*" method="post"[\s\S]*?<\/form>/g) ??
        []) {
        if (/action="\/vendor\/(language|signout|invitations|staff\/)/.test(form)) continue;
        expect(form, `${name}: ${form.slice(0, 80)}`).toMatch(KEY);
      }
    }
    const keys = async () => (await SCREENS.order()).match(KEY)?.[0];
    expect(await keys()).not.toBe(await keys());
  });

  it('offers accept and reject (with a reason) on a new order, what to pack, and what the rider collects', async () => {
    const html = await SCREENS.order();
    expect(html).toContain('action="/vendor/orders/vor_01jc8x3k4m5n6p7q8r9s0t1v2w/accept"');
    expect(html).toMatch(/action="\/vendor\/orders\/vor_[^"]+\/reject"[\s\S]*name="reason" required="" minlength="3"/);
    expect(html).not.toContain('/ready"');
    expect(html).toContain('Kitenge fabric, 6 yards');
    expect(html).toContain('Qty 2');
    expect(html).toMatch(/Cash on delivery: the rider collects KES[\s ]2,598\.00/);
  });

  it('says where the parcel goes in words, who receives it and the delivery fee and window', async () => {
    const html = await renderHtml(<VendorOrderPage {...ctx} order={orderDetail()} />);
    expect(html).toContain('Pickup station Westlands Hub: Sarit Centre, gate B, Nairobi');
    expect(html).toContain('Hand to Wanjiru: <a href="tel:+254712345678">+254712345678</a>');
    expect(html).toMatch(/Delivery fee KES[\s\u00a0]300\.00/);
    expect(html).toContain('arrives Dec 2, 2026');
    const closed = await renderHtml(
      <VendorOrderPage {...ctx} order={{ ...orderDetail({ status: 'delivered' }), buyer: null }} />,
    );
    expect(closed).not.toContain('Wanjiru');
  });

  it('offers "ready" once accepted, and a packing slip without navigation or forms, printable', async () => {
    const order = await renderHtml(<VendorOrderPage {...ctx} order={orderDetail({ status: 'accepted' })} />);
    expect(order).toContain('/ready"');
    expect(order).not.toContain('/accept"');
    const slip = await SCREENS.slip();
    expect(slip).not.toContain('method="post" action="/vendor/orders');
    expect(slip).not.toContain('href="/vendor/money"');
    expect(slip).toContain('data-print');
    expect(slip).toContain('@media print{');
  });

  it('edits stock per SKU with −1, +1 and set, each stating the count the screen showed', async () => {
    const html = await SCREENS.editProduct();
    const forms = html.match(/<form method="post" action="\/vendor\/stock\/sku_[^"]+">[\s\S]*?<\/form>/g) ?? [];
    expect(forms).toHaveLength(3);
    for (const form of forms) expect(form).toContain('name="expected" value="7"');
    expect(forms[0]).toContain('name="quantity" value="6"');
    expect(forms[1]).toContain('name="quantity" value="8"');
    expect(forms[2]).toMatch(/type="number" name="quantity" value="7"/);
    // The photo form is a plain multipart file input (works without the script).
    expect(html).toMatch(
      /<form[^>]*action="\/vendor\/products\/prd_[^"]+\/photos" enctype="multipart\/form-data" data-photo="true">/,
    );
    expect(html).toContain('<input type="file" name="photo" accept="image/*" capture="environment" required=""/>');
    expect(html).toContain('name="status" value="active"');
  });

  it('speaks the chosen language, right to left for Arabic', async () => {
    const fr = await renderHtml(<VendorOrderPage {...ctx} locale="fr" order={orderDetail()} />);
    expect(fr).toContain('<html lang="fr" dir="ltr">');
    expect(fr).toContain('>Accepter</button>');
    const ar = await renderHtml(
      <TodayPage {...ctx} locale="ar" shopName="x" toAccept={[]} toPack={[]} lowStock={[]} week={null} />,
    );
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('طلبات جديدة بانتظار القبول');
  });

  it('hides payouts and staff management from staff', async () => {
    const staff = { ...SHOP, myRole: 'catalog' as const };
    const money = await renderHtml(
      <MoneyPage {...ctx} balances={BALANCES} statement={WEEK} payouts={[]} payoutPhone="" canPayOut={false} />,
    );
    expect(money).not.toContain('action="/vendor/payouts"');
    const settings = await renderHtml(<SettingsPage {...ctx} shop={staff} staff={[]} isOwner={false} roles={ROLES} />);
    expect(settings).not.toContain('action="/vendor/staff"');
    expect(await SCREENS.money()).toContain('action="/vendor/payouts"');
  });
});

describe('the installable app', () => {
  it('has a manifest that installs: name, start URL /vendor, standalone, 192 and 512 px icons, in the language', () => {
    const manifest = vendorManifest('sw');
    expect(manifest).toMatchObject({ start_url: '/vendor', scope: '/vendor', display: 'standalone', name: 'Linked All Muuzaji' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(['any', '192x192', '512x512']);
  });

  it('ships small, valid scripts (app ≤ 2 KB, service worker ≤ 3 KB compressed)', () => {
    expect(() => new Function(VENDOR_APP_JS)).not.toThrow();
    expect(() => new Function(VENDOR_SW_JS)).not.toThrow();
    expect(gzipSize(VENDOR_APP_JS)).toBeLessThanOrEqual(2 * 1024);
    expect(gzipSize(VENDOR_SW_JS)).toBeLessThanOrEqual(3 * 1024);
    // Replays carry the outbox header and go in order, one at a time.
    expect(VENDOR_SW_JS).toContain("'x-outbox':'1'");
    expect(VENDOR_APP_JS).toContain('1600/Math.max(');
    expect(VENDOR_APP_JS).toContain("'image/jpeg'");
  });
});

describe('amounts typed by a vendor', () => {
  it('reads major units into minor units by the currency exponent, and back', () => {
    expect(toMinor('1299', 'KES')).toBe(129900);
    expect(toMinor('1,299.5', 'KES')).toBe(129950);
    expect(toMinor('1500', 'XOF')).toBe(1500);
    expect(toMinor('1500.5', 'XOF')).toBeNull();
    expect(toMinor('-3', 'KES')).toBeNull();
    expect(toMinor('abc', 'KES')).toBeNull();
    expect(fromMinor(129950, 'KES')).toBe('1299.50');
    expect(fromMinor(1500, 'UGX')).toBe('1500');
  });
});
