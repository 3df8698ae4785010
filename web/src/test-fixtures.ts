// Realistic fixture data for rendering tests: varied titles and random-looking
// ids, so gzip sizes measured on them are honest (not flattered by repetition).
import { type CurrencyCode, formatMoney } from '@linked-all/money';
import type { CategoryNode, ImageView, ProductDetail, ProductList, ProductSummary } from './types';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const random = rng(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const id = (prefix: string) => `${prefix}_${Array.from({ length: 26 }, () => pick([...ALPHABET])).join('')}`;

const BRANDS = ['Tecno', 'Infinix', 'itel', 'Samsung', 'Oraimo', 'Nokia', 'Hisense', 'Binatone', 'Nasco', 'Vitafoam'];
const THINGS = [
  'Spark 20 Pro 256GB Smartphone',
  'Hot 40i Dual SIM 128GB',
  'FreePods 4 Wireless Earbuds',
  'Power Bank 20000mAh Fast Charge',
  '32" HD LED Television',
  'Standing Fan 18 inch Rechargeable',
  'Ankara Print Wax Fabric 6 Yards',
  'Kente Stole Handwoven',
  'Shea Butter Unrefined 500g',
  'Solar Lantern with USB Charger',
  'Blender 1.5L with Grinder',
  'Men’s Leather Sandals Handmade',
  'Kitenge Maxi Dress',
  'Rice Cooker 1.8L Non-stick',
  'Orthopaedic Mattress 6x6',
];
const VENDORS = ['Mama Nkechi Stores', 'Kibanda Electronics', 'Accra Gadget Hub', 'Chez Awa Boutique', 'Jozi Deals', 'Nile Home'];
const CURRENCIES: CurrencyCode[] = ['NGN', 'KES', 'XOF', 'GHS', 'ZAR', 'EGP'];
const COUNTRY: Record<string, ProductSummary['country']> = { NGN: 'NG', KES: 'KE', XOF: 'CI', GHS: 'GH', ZAR: 'ZA', EGP: 'EG' };

export function price(amount: number, currency: CurrencyCode) {
  return { amount, currency, formatted: formatMoney(amount, currency) };
}

export function imageFixture(alt: string, widths = [160, 320, 640, 960]): ImageView {
  const key = `img/${id('prd').slice(4, 20)}/${id('i').slice(2, 14)}`;
  const urls = Object.fromEntries(widths.map((w) => [String(w), `/v1/images/${key}.webp?w=${w}`]));
  return {
    id: id('img'),
    alt,
    width: 960,
    height: 960,
    src: urls['320'],
    srcset: widths.map((w) => `${urls[String(w)]} ${w}w`).join(', '),
    urls,
  };
}

/** `n` product summaries; every fourth is a multi-price product, every seventh out of stock. */
export function summaries(n: number, currencies: CurrencyCode[] = CURRENCIES): ProductSummary[] {
  return Array.from({ length: n }, (_, i) => {
    const currency = currencies[i % currencies.length];
    const title = `${pick(BRANDS)} ${pick(THINGS)}`;
    const amount = currency === 'XOF' ? 1500 + i * 2500 : 123456 + i * 98765;
    return {
      id: id('prd'),
      title,
      vendor: { id: id('vnd'), name: pick(VENDORS) },
      category: { id: id('cat'), slug: 'phones-tablets', name: 'Phones & Tablets' },
      country: COUNTRY[currency],
      price: price(amount, currency),
      maxPrice: price(i % 4 === 0 ? amount * 2 : amount, currency),
      inStock: i % 7 !== 6,
      image: imageFixture(title),
      createdAt: new Date(Date.UTC(2026, 10, 1) - i * 3_600_000).toISOString(),
    };
  });
}

export function productList(n: number, currencies?: CurrencyCode[]): ProductList {
  return {
    items: summaries(n, currencies),
    nextCursor: 'eyJzIjoibmV3ZXN0IiwiayI6MTc2MjAwMDAwMDAwMCwiaWQiOiJwcmRfMDFqYWJjIn0',
    total: 228,
    facets: {
      categories: [
        { slug: 'phones', name: 'Phones', count: 120 },
        { slug: 'tablets', name: 'Tablets', count: 31 },
        { slug: 'accessories', name: 'Phone Accessories', count: 77 },
      ],
      priceBands: [
        { currency: 'NGN', min: 0, max: 750000, count: 12 },
        { currency: 'NGN', min: 750000, max: 3000000, count: 40 },
        { currency: 'NGN', min: 3000000, max: null, count: 9 },
        { currency: 'XOF', min: 0, max: 3000, count: 5 },
        { currency: 'KES', min: 65000, max: 260000, count: 8 },
      ],
    },
  };
}

const TOP = [
  'Phones & Tablets',
  'Fashion',
  'Home & Kitchen',
  'Electronics',
  'Beauty & Health',
  'Groceries',
  'Baby Products',
  'Computing',
  'Sporting Goods',
  'Books & Stationery',
];

export function categoryTree(): CategoryNode[] {
  return TOP.map((name, i) => {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return {
      id: id('cat'),
      slug,
      name,
      productCount: 1000 - i * 73,
      children: ['Top picks', 'Deals', 'New'].map((child, j) => ({
        id: id('cat'),
        slug: `${slug}-${child.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        name: `${child} in ${name}`,
        productCount: 100 - j * 10,
        children: [],
      })),
    };
  });
}

export function productDetail(overrides: Partial<ProductDetail> = {}): ProductDetail {
  const title = 'Tecno Spark 20 Pro 256GB Smartphone';
  return {
    id: 'prd_01jc8x3k4m5n6p7q8r9s0t1v2w',
    title,
    category: { id: 'cat_0phones000001', slug: 'smartphones', name: 'Smartphones' },
    country: 'KE',
    price: price(2_499_900, 'KES'),
    maxPrice: price(2_799_900, 'KES'),
    inStock: true,
    image: imageFixture(title),
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    description:
      'A 6.78" display, 108 MP camera and a 5000 mAh battery that lasts two days.\n\nComes with a charger, a clear case and a one-year warranty from the vendor. Delivery in Nairobi within 24 hours; elsewhere in Kenya 2–4 days.',
    status: 'active',
    categoryPath: [
      { slug: 'phones-tablets', name: 'Phones & Tablets' },
      { slug: 'smartphones', name: 'Smartphones' },
    ],
    vendor: {
      id: 'vnd_01jc8x3k4m5n6p7q8r9s0t1v2w',
      slug: 'kibanda-electronics',
      name: 'Kibanda Electronics',
      country: 'KE',
      city: 'Nairobi',
      currency: 'KES',
      rating: 4.6,
      ratingCount: 38,
    },
    skus: [
      {
        id: 'sku_01jc8x3k4m5n6p7q8r9s0t1aaa',
        code: 'SPK20-BLK-256',
        options: { Colour: 'Black', Storage: '256 GB' },
        price: price(2_499_900, 'KES'),
        available: 12,
      },
      {
        id: 'sku_01jc8x3k4m5n6p7q8r9s0t1bbb',
        code: 'SPK20-GLD-256',
        options: { Colour: 'Gold', Storage: '256 GB' },
        price: price(2_599_900, 'KES'),
        available: 3,
      },
      {
        id: 'sku_01jc8x3k4m5n6p7q8r9s0t1ccc',
        code: 'SPK20-BLU-512',
        options: { Colour: 'Blue', Storage: '512 GB' },
        price: price(2_799_900, 'KES'),
        available: 0,
      },
    ],
    images: [0, 1, 2, 3, 4].map((i) => imageFixture(`${title}, view ${i + 1}`)),
    version: 3,
    rating: { average: 4.5, count: 2 },
    topReviews: [
      {
        id: 'rev_01jc8x3k4m5n6p7q8r9s0t1aaa',
        productId: 'prd_01jc8x3k4m5n6p7q8r9s0t1v2w',
        rating: 5,
        title: 'Battery lasts two days',
        body: 'Bought it in Nairobi, delivered next day. The camera is sharp and the battery really lasts.',
        photos: [],
        verifiedPurchase: true,
        helpfulCount: 7,
        reply: { body: 'Asante! Enjoy your phone.', at: '2026-11-25T08:00:00.000Z' },
        createdAt: '2026-11-24T08:00:00.000Z',
      },
      {
        id: 'rev_01jc8x3k4m5n6p7q8r9s0t1bbb',
        productId: 'prd_01jc8x3k4m5n6p7q8r9s0t1v2w',
        rating: 4,
        title: '',
        body: 'Good phone for the price, the case is a bit thin.',
        photos: [],
        verifiedPurchase: true,
        helpfulCount: 2,
        reply: null,
        createdAt: '2026-11-26T08:00:00.000Z',
      },
    ],
    boughtTogether: [],
    ...overrides,
  };
}
