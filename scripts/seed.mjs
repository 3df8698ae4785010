#!/usr/bin/env node
// Seeds the catalog's local D1, R2 and KV with a deterministic, realistic catalog.
//
//   pnpm seed [--products 2000] [--persist DIR] [--seed S] [--reset | --if-empty] [--manifest FILE]
//
// Writes through wrangler's real local bindings (getPlatformProxy on the catalog's
// config), into the same state `pnpm dev` reads: by default `.wrangler/state` at the
// repository root, the state dir of `wrangler dev -c wrangler.toml -c workers/…`.
// `--persist DIR` means what wrangler's `--persist-to DIR` means (data in DIR/v3).
//
// A catalog that already has vendors or products is left alone: --reset wipes
// every catalog table (and the KV cache) first, --if-empty only makes sure the demo accounts exist.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_QUERIES, SUGGEST_PREFIXES } from './lib/catalog-data.mjs';
import { applyMigrations, CATALOG_CONFIG, DEFAULT_PERSIST_DIR, ROOT } from './lib/dev-stack.mjs';
import { buildCatalog, DEFAULT_ANCHOR, generateProduct } from './lib/generate.mjs';
import { renderSeedImage, SEED_IMAGE_WIDTHS } from './lib/seed-images.mjs';

const HELP = `Usage: pnpm seed [options]
  --products N      products to create (default 2000; 100000 for benchmarks)
  --seed S          PRNG seed; same seed, same catalog (default "linked-all")
  --persist DIR     wrangler state dir, as wrangler's --persist-to (default .wrangler/state)
  --reset           wipe the catalog tables and the KV cache first
  --if-empty        do nothing when the catalog already has products
  --manifest FILE   write ids and queries (for benchmarks and e2e tests) as JSON
  --anchor ISO      newest created_at (default ${new Date(DEFAULT_ANCHOR).toISOString()})
  --skip-migrations do not apply the D1 migrations (of every worker) first
  --quiet           only print the summary line`;

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '2000' },
    seed: { type: 'string', default: 'linked-all' },
    persist: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'if-empty': { type: 'boolean', default: false },
    manifest: { type: 'string' },
    anchor: { type: 'string' },
    'skip-migrations': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}
const count = Number(flags.products);
if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
  console.error(`--products must be a whole number, got "${flags.products}"\n\n${HELP}`);
  process.exit(2);
}
if (flags.reset && flags['if-empty']) {
  console.error('--reset and --if-empty contradict each other');
  process.exit(2);
}
const anchor = flags.anchor ? Date.parse(flags.anchor) : DEFAULT_ANCHOR;
if (Number.isNaN(anchor)) {
  console.error(`--anchor must be an ISO date, got "${flags.anchor}"`);
  process.exit(2);
}
const persistDir = path.resolve(flags.persist ?? DEFAULT_PERSIST_DIR);
const log = flags.quiet ? () => {} : (...a) => console.log(...a);

// Rows per INSERT … SELECT FROM json_each(?): one bound parameter per statement
// instead of one per value keeps far below D1's 100-parameter limit and costs
// one proxy round trip per thousands of rows. 10 statements × 3 tables make a
// batch (one transaction); bigger batches or several in flight gained nothing.
const CHUNK = 1000;
const CHUNKS_PER_BATCH = 10;

const COLUMNS = {
  vendors: ['id', 'slug', 'name', 'country', 'currency', 'city', 'status', 'rating', 'created_at'],
  categories: ['id', 'slug', 'name', 'parent_id', 'path', 'position'],
  products: [
    'id',
    'vendor_id',
    'category_id',
    'category_path',
    'country',
    'title',
    'description',
    'status',
    'currency',
    'min_price',
    'max_price',
    'in_stock',
    'version',
    'created_at',
    'updated_at',
  ],
  skus: ['id', 'product_id', 'code', 'options', 'price', 'currency', 'available', 'position', 'archived'],
  product_images: ['id', 'product_id', 'key', 'widths', 'format', 'width', 'height', 'alt', 'position', 'created_at'],
};

function insertRows(db, table, rows) {
  const cols = COLUMNS[table];
  const select = cols.map((_, i) => `value ->> '$[${i}]'`).join(', ');
  return db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select} FROM json_each(?1)`).bind(JSON.stringify(rows));
}

const started = performance.now();
const lap = (() => {
  let t = started;
  return () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return `${(ms / 1000).toFixed(1)} s`;
  };
})();

if (!flags['skip-migrations']) {
  await applyMigrations(persistDir);
  log(`migrations applied (${lap()})`);
}

// The proxy registers a placeholder "linked-all-catalog" in wrangler's dev registry;
// a private registry keeps a running `pnpm dev` from binding to it.
const registryDir = mkdtempSync(path.join(tmpdir(), 'linked-all-seed-registry-'));
process.env.WRANGLER_REGISTRY_PATH = registryDir;
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';
const { getPlatformProxy } = await import('wrangler');
const proxy = await getPlatformProxy({
  configPath: path.join(ROOT, CATALOG_CONFIG),
  // getPlatformProxy takes the v3 directory itself, unlike the CLI's --persist-to.
  persist: { path: path.join(persistDir, 'v3') },
  remoteBindings: false,
  envFiles: [],
});
const { DB: db, IMAGES: images, CACHE: cache } = proxy.env;

try {
  await seedAll();
} finally {
  await proxy.dispose();
  rmSync(registryDir, { recursive: true, force: true });
}

async function seedAll() {
  const existing = await db
    .prepare('SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM vendors) AS vendors')
    .first();
  if (existing.products > 0 || existing.vendors > 0) {
    if (flags['if-empty']) {
      log(`catalog already has ${existing.products} products; not seeding (${persistDir})`);
      // State from before the demo accounts existed still gets them (idempotent), for the shops it has.
      const { results: shops } = await db
        .prepare("SELECT id, name, country, currency FROM vendors WHERE status = 'active' ORDER BY created_at, id")
        .all();
      log(`Demo accounts: ${await seedDemoIdentity(shops)}`);
      return;
    }
    if (!flags.reset) {
      console.error(
        `The catalog in ${persistDir} already has ${existing.products} products and ${existing.vendors} vendors.\n` +
          'Run with --reset to wipe it and seed again (stop `pnpm dev` first).',
      );
      process.exitCode = 1;
      return;
    }
  }
  if (flags.reset) {
    await wipe();
    log(`catalog and cache wiped (${lap()})`);
  }

  const catalog = buildCatalog(flags.seed, anchor);
  await uploadImages(catalog.leaves);
  log(`${catalog.leaves.length} seed images × ${SEED_IMAGE_WIDTHS.length} widths in R2 (${lap()})`);

  await db.batch([
    insertRows(
      db,
      'vendors',
      catalog.vendors.map((v) => [v.id, v.slug, v.name, v.country, v.currency, v.city, v.status, v.rating, v.createdAt]),
    ),
    insertRows(
      db,
      'categories',
      catalog.categories.map((c) => [c.id, c.slug, c.name, c.parentId, c.path, c.position]),
    ),
  ]);

  const manifest = { seed: flags.seed, products: count, activeProductIds: [], draftProductIds: [], outOfStockProductIds: [] };
  const stats = { products: 0, skus: 0, active: 0, draft: 0, outOfStock: 0, byCountry: {} };
  // Generate everything, then insert in id order: ids are time-prefixed, so the
  // primary keys, the SKU and image indexes and the newest-first listing index all
  // grow at their ends instead of at random pages (≈ 2× faster at 100k).
  const generated = [];
  for (let i = 0; i < count; i++) {
    const { product: p, skus: ss, image, vendor } = generateProduct(flags.seed, i, catalog, anchor);
    generated.push({ p, ss, image });
    stats.products++;
    stats.skus += ss.length;
    stats.byCountry[p.country] = (stats.byCountry[p.country] ?? 0) + 1;
    if (p.status === 'draft') {
      stats.draft++;
      if (manifest.draftProductIds.length < 100) manifest.draftProductIds.push(p.id);
    } else if (vendor.status === 'active') {
      stats.active++;
      manifest.activeProductIds.push(p.id);
    }
    if (!p.inStock) {
      stats.outOfStock++;
      if (manifest.outOfStockProductIds.length < 100 && p.status === 'active' && vendor.status === 'active') {
        manifest.outOfStockProductIds.push(p.id);
      }
    }
  }
  generated.sort((x, y) => (x.p.id < y.p.id ? -1 : 1));
  log(`${count} products generated (${lap()})`);
  // Generating a million products leaves the Miniflare client's pooled connection idle for half a
  // minute, and workerd closes it: the first batch would go out on a dead socket and fail ("other
  // side closed") without knowing whether it ran. A read first, retried once, opens a fresh one.
  await db
    .prepare('SELECT 1')
    .first()
    .catch(() => db.prepare('SELECT 1').first());

  let statements = [];
  for (let from = 0; from < count; from += CHUNK) {
    const products = [];
    const skus = [];
    const imageRows = [];
    for (const { p, ss, image } of generated.slice(from, from + CHUNK)) {
      products.push([
        p.id,
        p.vendorId,
        p.categoryId,
        p.categoryPath,
        p.country,
        p.title,
        p.description,
        p.status,
        p.currency,
        p.minPrice,
        p.maxPrice,
        p.inStock,
        p.version,
        p.createdAt,
        p.updatedAt,
      ]);
      for (const s of ss) skus.push([s.id, p.id, s.code, s.options, s.price, p.currency, s.available, s.position, 0]);
      imageRows.push([
        image.id,
        p.id,
        image.key,
        image.widths,
        image.format,
        image.width,
        image.height,
        image.alt,
        image.position,
        image.createdAt,
      ]);
    }
    statements.push(
      insertRows(db, 'products', products),
      insertRows(db, 'skus', skus),
      insertRows(db, 'product_images', imageRows),
    );
    if (statements.length >= 3 * CHUNKS_PER_BATCH || from + CHUNK >= count) {
      // A product never lands without its SKUs: they share a batch (one transaction).
      await db.batch(statements);
      statements = [];
      if (!flags.quiet && count >= 20_000) log(`  … ${Math.min(count, from + CHUNK)} products`);
    }
  }
  log(`${stats.products} products, ${stats.skus} SKUs written (${lap()})`);

  const check = await db
    .prepare(
      `SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM skus) AS skus,
              (SELECT count(*) FROM products_search) AS fts`,
    )
    .first();
  if (check.products !== count || check.skus !== stats.skus) {
    throw new Error(`Expected ${count} products and ${stats.skus} SKUs, found ${check.products} and ${check.skus}`);
  }

  if (flags.manifest) {
    Object.assign(manifest, {
      vendors: catalog.vendors.map((v) => ({ id: v.id, slug: v.slug, name: v.name, country: v.country, status: v.status })),
      categories: catalog.categories.map((c) => ({ id: c.id, slug: c.slug, path: c.path, leaf: c.parentId !== null })),
      countries: [...new Set(catalog.vendors.map((v) => v.country))],
      queries: SEARCH_QUERIES,
      suggest: SUGGEST_PREFIXES,
    });
    mkdirSync(path.dirname(path.resolve(flags.manifest)), { recursive: true });
    writeFileSync(flags.manifest, JSON.stringify(manifest));
  }

  const accounts = await seedDemoIdentity(catalog.vendors.filter((v) => v.status === 'active'));
  log(`Demo accounts: ${accounts} (password "demo-password"; see README)`);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const countries = Object.entries(stats.byCountry)
    .sort()
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  console.log(
    `Seeded ${stats.products} products (${stats.active} listed, ${stats.draft} draft, ${stats.outOfStock} out of stock; ${countries}), ` +
      `${stats.skus} SKUs, ${catalog.vendors.length} vendors, ${catalog.categories.length} categories into ${persistDir} in ${seconds} s`,
  );
}

/** Deletes every row of every catalog table (not the migrations log), and every KV cache entry. */
async function wipe() {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
       AND name NOT LIKE 'products_search%' AND name NOT IN ('d1_migrations', 'search_synonyms')`,
    )
    .all();
  // Children before parents is not needed: foreign keys are checked at commit. Products go first:
  // their search-index trigger reads their categories' names, which must still be there.
  const tables = results.map((r) => r.name).sort((a, b) => (a === 'products' ? -1 : b === 'products' ? 1 : 0));
  await db.batch([db.prepare('PRAGMA defer_foreign_keys = on'), ...tables.map((t) => db.prepare(`DELETE FROM "${t}"`))]);
  // Cached API answers would describe products that no longer exist.
  let cursor;
  do {
    const page = await cache.list({ cursor });
    await Promise.all(page.keys.map((k) => cache.delete(k.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}

/** Stores each leaf's illustration once, shared by all its products; rendered images are cached on disk. */
async function uploadImages(leaves) {
  const cacheDir = path.join(ROOT, 'node_modules/.cache/linked-all-seed-images');
  const source = readFileSync(new URL('./lib/seed-images.mjs', import.meta.url));
  const puts = [];
  for (const leaf of leaves) {
    const spec = { name: leaf.name, icon: leaf.icon, hue: leaf.hue };
    const key = createHash('sha256').update(source).update(JSON.stringify(spec)).digest('hex').slice(0, 16);
    const files = SEED_IMAGE_WIDTHS.map((w) => path.join(cacheDir, `${leaf.slug}-${key}-${w}.webp`));
    let bytes;
    if (files.every((f) => existsSync(f))) {
      bytes = files.map((f) => readFileSync(f));
    } else {
      const rendered = renderSeedImage(spec);
      bytes = SEED_IMAGE_WIDTHS.map((w) => rendered[w]);
      mkdirSync(cacheDir, { recursive: true });
      files.forEach((f, i) => {
        writeFileSync(f, bytes[i]);
      });
    }
    for (const [i, w] of SEED_IMAGE_WIDTHS.entries()) puts.push([`seed/${leaf.slug}/${w}.webp`, bytes[i]]);
  }
  // A few uploads at a time: each is a round trip through the proxy.
  const workers = Array.from({ length: 12 }, async () => {
    for (let next = puts.shift(); next; next = puts.shift()) {
      await images.put(next[0], next[1], {
        httpMetadata: { contentType: 'image/webp', cacheControl: 'public, max-age=31536000, immutable' },
      });
    }
  });
  await Promise.all(workers);
}

/**
 * Identity's demo accounts (admin, shoppers, one owner per active shop), written
 * through identity's own local D1 with its own password hashing. Idempotent.
 */
async function seedDemoIdentity(shops) {
  // The seed is identity's own tooling (it writes identity's database directly), not another worker.
  // biome-ignore lint/style/noRestrictedImports: dev tooling run beside identity, never deployed
  const { seedDemoAccounts } = await import('../workers/identity/src/domain/demo-accounts.ts');
  // biome-ignore lint/style/noRestrictedImports: the same password hashing identity uses at sign-in
  const { hashPassword } = await import('../workers/identity/src/domain/password.ts');
  const identity = await getPlatformProxy({
    configPath: path.join(ROOT, 'workers/identity/wrangler.toml'),
    persist: { path: path.join(persistDir, 'v3') },
    remoteBindings: false,
    envFiles: [],
  });
  try {
    return await seedDemoAccounts(identity.env.DB, {
      hashPassword,
      shops: shops.map((v) => ({ id: v.id, name: v.name, country: v.country, currency: v.currency })),
    });
  } finally {
    await identity.dispose();
  }
}
