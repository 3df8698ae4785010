// Deterministic generation of the seed catalog: the same seed gives the same
// rows, and product i does not depend on how many products are generated, so a
// 2,000-product catalog is the first 2,000 products of the 100,000 one.

import { CURRENCIES, fromMajor } from '../../packages/money/src/currencies.ts';
import { CATEGORY_TREE, MARKETS, VENDORS } from './catalog-data.mjs';
import { SEED_IMAGE_FORMAT, SEED_IMAGE_WIDTHS } from './seed-images.mjs';

/** Newest possible created_at (ms); products spread over the two years before it. */
export const DEFAULT_ANCHOR = Date.UTC(2026, 10, 15);
const DAY = 86_400_000;

// Crockford base32, as packages/http/src/ids.ts: 10 chars of time, 16 random.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** 32-bit FNV-1a of a string. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast, good-enough PRNG; one per entity keeps entities independent. */
export function rngFor(...parts) {
  let a = hash(parts.join(':'));
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[Math.floor(next() * list.length)];
  next.chance = (p) => next() < p;
  return next;
}

/** A prefixed id shaped like newId(): time-sortable by `ms`, random part from `rng`. */
export function seededId(prefix, ms, rng) {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[rng.int(32)];
  return `${prefix}_${time}${rand}`;
}

export function slugify(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Cumulative-weight picker. */
function weighted(entries, weightOf) {
  const cumulative = [];
  let total = 0;
  for (const e of entries) {
    total += weightOf(e);
    cumulative.push(total);
  }
  return (r) => {
    const x = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return entries[lo];
  };
}

/**
 * A shelf price in minor units from a price in local major units, following
 * each market's habits (₦12,500, KSh 1,300, 15 000 FCFA); `charm` for charm prices
 * (R299.99, GH₵ 149.99, ₦12,999, KSh 1,299, EGP 1,299; never in XOF).
 */
export function retailPrice(major, currency, charm) {
  const steps = {
    NGN: [
      [1_000, 50],
      [10_000, 100],
      [100_000, 500],
      [Infinity, 1_000],
    ],
    KES: [
      [100, 5],
      [1_000, 10],
      [10_000, 50],
      [Infinity, 100],
    ],
    GHS: [
      [20, 0.5],
      [100, 1],
      [1_000, 5],
      [Infinity, 10],
    ],
    XOF: [
      [1_000, 25],
      [10_000, 100],
      [100_000, 500],
      [Infinity, 1_000],
    ],
    ZAR: [
      [100, 1],
      [1_000, 10],
      [Infinity, 50],
    ],
    EGP: [
      [100, 1],
      [500, 5],
      [5_000, 10],
      [Infinity, 50],
    ],
  }[currency];
  const step = steps.find(([limit]) => major < limit)[1];
  let rounded = Math.max(step, Math.round(major / step) * step);
  let minor = fromMajor(rounded, currency);
  if (charm) {
    if (CURRENCIES[currency].exponent > 0 && (currency === 'ZAR' || currency === 'GHS')) minor -= 1;
    else if (rounded >= 100) {
      rounded -= 1;
      minor = fromMajor(rounded, currency);
    }
  }
  return minor;
}

/** Vendors and the category tree: the fixed part of the catalog. */
export function buildCatalog(seed, anchor = DEFAULT_ANCHOR) {
  const vendors = VENDORS.map(([name, country, city, tops, weight, status = 'active']) => {
    const rng = rngFor(seed, 'vendor', name);
    const createdAt = anchor - 730 * DAY - rng.int(365 * DAY);
    const market = MARKETS[country];
    return {
      id: seededId('vnd', createdAt, rng),
      slug: slugify(name),
      name,
      country,
      currency: market.currency,
      city,
      status,
      rating: Math.round((3.6 + rng() * 1.3) * 10) / 10,
      createdAt,
      tops,
      weight,
    };
  });

  const categories = [];
  const leaves = [];
  CATEGORY_TREE.forEach((top, topIndex) => {
    const rng = rngFor(seed, 'category', top.slug);
    const topRow = {
      id: seededId('cat', anchor - 1000 * DAY, rng),
      slug: top.slug,
      name: top.name,
      parentId: null,
      path: `/${top.slug}/`,
      position: topIndex,
    };
    categories.push(topRow);
    const leafWeightSum = top.leaves.reduce((s, l) => s + l.weight, 0);
    top.leaves.forEach((leaf, leafIndex) => {
      const lrng = rngFor(seed, 'category', leaf.slug);
      const row = {
        id: seededId('cat', anchor - 1000 * DAY, lrng),
        slug: leaf.slug,
        name: leaf.name,
        parentId: topRow.id,
        path: `${topRow.path}${leaf.slug}/`,
        position: leafIndex,
      };
      categories.push(row);
      leaves.push({
        ...leaf,
        row,
        top,
        hue: (top.hue + leafIndex * 23) % 360,
        share: (top.weight * leaf.weight) / leafWeightSum,
        pickVendor: weighted(
          vendors.filter((v) => v.tops.includes('*') || v.tops.includes(top.slug)),
          (v) => v.weight,
        ),
      });
    });
  });
  return { vendors, categories, leaves, pickLeaf: weighted(leaves, (l) => l.share) };
}

const SKU_COUNTS = [1, 1, 1, 2, 2, 3, 3, 4]; // ≈ 2.1 SKUs per product when the leaf has options

/** Chooses `n` values of an axis: a contiguous run for ordered axes (sizes), any for colours. */
function chooseValues(axis, n, rng, usd) {
  if (axis.fit) {
    const [from, to] = axis.fit(usd);
    const values = axis.values.slice(from, to);
    const mult = axis.mult?.slice(from, to);
    axis = { ...axis, values, mult, fit: undefined };
  }
  const k = Math.min(n, axis.values.length);
  if (axis.name === 'colour' || axis.name === 'print' || axis.name === 'shade') {
    const pool = [...axis.values];
    const out = [];
    for (let i = 0; i < k; i++) out.push(pool.splice(rng.int(pool.length), 1)[0]);
    return out;
  }
  const start = rng.int(axis.values.length - k + 1);
  return axis.values.slice(start, start + k);
}

function codeOf(title) {
  const words = title
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .slice(0, 4)
    .map((w) => (/^\d/.test(w) ? w.slice(0, 4) : w[0]))
    .join('');
}

/** "Emerald" → EMERAL, "Pack of 3" → PACOF3, "EU 41" → EU41. */
function abbreviate(value) {
  const words = value
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length === 1) return words[0].slice(0, 6);
  return (
    words
      .map((w) => (/^\d+$/.test(w) ? w : w.slice(0, 3)))
      .join('')
      .slice(0, 10) || 'X'
  );
}

/** Product i of the catalog, with its SKUs and image. */
export function generateProduct(seed, i, catalog, anchor = DEFAULT_ANCHOR) {
  const rng = rngFor(seed, 'product', i);
  const leaf = catalog.pickLeaf(rng());
  const vendor = leaf.pickVendor(rng());
  const market = MARKETS[vendor.country];
  const item = rng.pick(leaf.items);
  // Recent listings are more common than old ones.
  const age = Math.floor(rng() ** 1.6 * 730 * DAY);
  const createdAt = Math.max(anchor - age - rng.int(DAY), vendor.createdAt + DAY);
  const updatedAt = Math.min(anchor, createdAt + (rng.chance(0.3) ? rng.int(60 * DAY) : 0));
  const status = vendor.status === 'pending' || rng.chance(0.05) ? 'draft' : 'active';
  const outOfStock = rng.chance(0.08);

  // Option axes → SKUs.
  const axes = leaf.noAxes?.test(item.name) ? [] : leaf.axes;
  const n = axes.length ? rng.pick(SKU_COUNTS) : 1;
  let titleSuffix = '';
  let combos = [{}];
  if (axes.length) {
    let [first, second] = axes;
    if (leaf.storageInTitle && rng.chance(0.5)) {
      // "Tecno Spark 20 Pro 256GB" with colour variants.
      const storage = chooseValues(first, 1, rng, item.usd)[0];
      titleSuffix = ` ${storage}`;
      combos = chooseValues(second, n, rng).map((v) => ({ [second.name]: v, _mult: first.mult[first.values.indexOf(storage)] }));
    } else if (!second || n === 1 || rng.chance(0.5)) {
      if (second && n > 1 && rng.chance(0.5)) first = second;
      combos = chooseValues(first, n, rng, item.usd).map((v) => ({
        [first.name]: v,
        _mult: first.mult?.[first.values.indexOf(v)],
      }));
    } else {
      const a = chooseValues(first, Math.ceil(n / 2), rng, item.usd);
      const b = chooseValues(second, 2, rng);
      combos = a
        .flatMap((x) => b.map((y) => ({ [first.name]: x, [second.name]: y, _mult: first.mult?.[first.values.indexOf(x)] })))
        .slice(0, n);
    }
  }

  const prefix = leaf.top.title.prefixes.length && rng.chance(0.12) ? rng.pick(leaf.top.title.prefixes) : '';
  const suffix = rng.chance(0.12) ? rng.pick(leaf.top.title.suffixes) : '';
  const used = suffix === ' (UK Used)';
  const title = `${prefix}${item.name}${titleSuffix}${suffix}`;

  // Same product, different vendors: ±15% around the market's price level.
  const baseMajor = item.usd * market.perUsd * market.level * (0.85 + rng() * 0.3) * (used ? 0.7 : 1);
  const code = codeOf(item.name) || 'SKU';
  // One pricing habit per listing, so colour variants cost exactly the same.
  const charm = rng.chance({ ZAR: 0.7, GHS: 0.4, NGN: 0.25, KES: 0.5, EGP: 0.5, XOF: 0 }[market.currency]);
  const skus = combos.map((combo, position) => {
    const { _mult, ...options } = combo;
    const price = retailPrice(baseMajor * (_mult ?? 1), market.currency, charm);
    const available = outOfStock ? 0 : rng.chance(0.1) ? 0 : 1 + Math.floor(rng() ** 2 * (item.usd < 20 ? 400 : 60));
    const parts = [code, ...Object.values(options).map(abbreviate)];
    return {
      id: seededId('sku', createdAt, rng),
      code: `${parts.join('-')}${combos.length > 1 && parts.length === 1 ? `-${position + 1}` : ''}`,
      options: JSON.stringify(options),
      price,
      available,
      position,
    };
  });
  // A product in stock has at least one SKU in stock.
  if (!outOfStock && skus.every((s) => s.available === 0)) skus[0].available = 1 + rng.int(20);
  // SKU codes are unique per product.
  const seen = new Set();
  for (const s of skus) {
    while (seen.has(s.code)) s.code += `-${s.position + 1}`;
    seen.add(s.code);
  }

  const about = [...leaf.about];
  const sentences = [about.splice(rng.int(about.length), 1)[0], about.splice(rng.int(about.length), 1)[0]];
  const optionNames = axes.length ? [...new Set(skus.flatMap((s) => Object.values(JSON.parse(s.options))))] : [];
  const description = [
    ...sentences,
    rng.pick(leaf.top.facts),
    optionNames.length > 1 ? `Available in ${optionNames.slice(0, -1).join(', ')} and ${optionNames.at(-1)}.` : '',
    `Sold by ${vendor.name}, ${vendor.city}. ${market.delivery(vendor.city)}`,
  ]
    .filter(Boolean)
    .join(' ');

  const prices = skus.map((s) => s.price);
  const product = {
    id: seededId('prd', createdAt, rng),
    vendorId: vendor.id,
    categoryId: leaf.row.id,
    categoryPath: leaf.row.path,
    country: vendor.country,
    title,
    description,
    status,
    currency: market.currency,
    minPrice: Math.min(...prices),
    maxPrice: Math.max(...prices),
    inStock: skus.some((s) => s.available > 0) ? 1 : 0,
    version: 1,
    createdAt,
    updatedAt,
  };
  const image = {
    id: seededId('img', createdAt, rng),
    key: `seed/${leaf.slug}`,
    widths: JSON.stringify(SEED_IMAGE_WIDTHS),
    format: SEED_IMAGE_FORMAT,
    width: Math.max(...SEED_IMAGE_WIDTHS),
    height: Math.max(...SEED_IMAGE_WIDTHS),
    alt: title,
    position: 0,
    createdAt,
  };
  return { product, skus, image, vendor, leaf };
}
