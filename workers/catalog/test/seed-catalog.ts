export const VENDOR_A = 'vnd_lagosgadgets';
export const VENDOR_B = 'vnd_abidjanmode';
export const VENDOR_SUSPENDED = 'vnd_suspendedshop';

export const P = {
  samsung: 'prd_samsunga15',
  tecno: 'prd_tecnospark20',
  case: 'prd_phonecase',
  dress: 'prd_ankaradress',
  draft: 'prd_draftphone',
  hidden: 'prd_suspendedphone',
};

const T0 = Date.parse('2026-11-01T08:00:00Z');

/**
 * A small, hand-written catalog: two active shops in two currencies (NGN with
 * kobo, XOF without minor units), a suspended shop, a three-level category
 * tree, active, draft and hidden products.
 */
export async function seedCatalog(db: D1Database): Promise<void> {
  const vendor = db.prepare(
    'INSERT INTO vendors (id, slug, name, country, currency, city, status, rating, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const category = db.prepare('INSERT INTO categories (id, slug, name, parent_id, path, position) VALUES (?, ?, ?, ?, ?, ?)');
  const product = db.prepare(
    `INSERT INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                           min_price, max_price, in_stock, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const sku = db.prepare(
    'INSERT INTO skus (id, product_id, code, options, price, currency, available, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const image = db.prepare(
    'INSERT INTO product_images (id, product_id, key, widths, format, width, height, alt, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
  );
  await db.batch([
    vendor.bind(VENDOR_A, 'lagos-gadgets', 'Lagos Gadgets', 'NG', 'NGN', 'Lagos', 'active', 4.6, T0),
    vendor.bind(VENDOR_B, 'abidjan-mode', 'Abidjan Mode', 'CI', 'XOF', 'Abidjan', 'active', 4.2, T0),
    vendor.bind(VENDOR_SUSPENDED, 'suspended-shop', 'Suspended Shop', 'KE', 'KES', 'Nairobi', 'suspended', null, T0),
    category.bind('cat_electronics', 'electronics', 'Electronics', null, '/electronics/', 0),
    category.bind('cat_phones', 'phones', 'Phones', 'cat_electronics', '/electronics/phones/', 0),
    category.bind(
      'cat_accessories',
      'phone-accessories',
      'Phone accessories',
      'cat_phones',
      '/electronics/phones/phone-accessories/',
      0,
    ),
    category.bind('cat_fashion', 'fashion', 'Fashion', null, '/fashion/', 1),
    product.bind(
      P.samsung,
      VENDOR_A,
      'cat_phones',
      '/electronics/phones/',
      'NG',
      'Samsung Galaxy A15 128GB',
      'A big screen phone with a long battery life',
      'active',
      'NGN',
      18500000,
      19900000,
      1,
      T0 + 1000,
      T0 + 1000,
    ),
    product.bind(
      P.tecno,
      VENDOR_A,
      'cat_phones',
      '/electronics/phones/',
      'NG',
      'Tecno Spark 20 Pro',
      'Android phones for every budget',
      'active',
      'NGN',
      21000000,
      21000000,
      0,
      T0 + 2000,
      T0 + 2000,
    ),
    product.bind(
      P.case,
      VENDOR_A,
      'cat_accessories',
      '/electronics/phones/phone-accessories/',
      'NG',
      'Shockproof case',
      'Fits most phones',
      'active',
      'NGN',
      450000,
      450000,
      1,
      T0 + 3000,
      T0 + 3000,
    ),
    product.bind(
      P.dress,
      VENDOR_B,
      'cat_fashion',
      '/fashion/',
      'CI',
      'Robe en wax Ankara',
      'Tissu wax 100% coton',
      'active',
      'XOF',
      15000,
      25000,
      1,
      T0 + 4000,
      T0 + 4000,
    ),
    product.bind(
      P.draft,
      VENDOR_A,
      'cat_phones',
      '/electronics/phones/',
      'NG',
      'Unreleased phone',
      'Secret',
      'draft',
      'NGN',
      100,
      100,
      1,
      T0 + 5000,
      T0 + 5000,
    ),
    product.bind(
      P.hidden,
      VENDOR_SUSPENDED,
      'cat_phones',
      '/electronics/phones/',
      'KE',
      'Phone from a suspended shop',
      '',
      'active',
      'KES',
      100,
      100,
      1,
      T0 + 6000,
      T0 + 6000,
    ),
    sku.bind('sku_samsung128blk', P.samsung, 'A15-128-BLK', '{"storage":"128GB","colour":"Black"}', 18500000, 'NGN', 5, 0),
    sku.bind('sku_samsung128blu', P.samsung, 'A15-128-BLU', '{"storage":"128GB","colour":"Blue"}', 19900000, 'NGN', 0, 1),
    sku.bind('sku_tecno', P.tecno, 'SPARK20', '{}', 21000000, 'NGN', 0, 0),
    sku.bind('sku_case', P.case, 'CASE-1', '{}', 450000, 'NGN', 40, 0),
    sku.bind('sku_dressm', P.dress, 'WAX-M', '{"size":"M"}', 15000, 'XOF', 3, 0),
    sku.bind('sku_dressl', P.dress, 'WAX-L', '{"size":"L"}', 25000, 'XOF', 2, 1),
    sku.bind('sku_draft', P.draft, 'DRAFT', '{}', 100, 'NGN', 1, 0),
    sku.bind('sku_hidden', P.hidden, 'HIDDEN', '{}', 100, 'KES', 1, 0),
    image.bind(
      'img_samsung',
      P.samsung,
      `products/${P.samsung}/img_samsung`,
      '[160,320,640]',
      'webp',
      1200,
      900,
      'Samsung Galaxy A15, black',
      T0,
    ),
  ]);
}
