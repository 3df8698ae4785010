import { idPattern } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';
import { RatingSummary, ReviewView } from './reviews';

// The catalog's public contract. Requests are validated and responses are
// documented (OpenAPI) from these schemas; TypeScript types are inferred from them.

export const ProductId = z.string().regex(idPattern('prd'), 'Expected a product id like prd_…');
export const SkuId = z.string().regex(idPattern('sku'), 'Expected a SKU id like sku_…');
export const VendorId = z.string().regex(idPattern('vnd'), 'Expected a vendor id like vnd_…');
export const CategoryId = z.string().regex(idPattern('cat'), 'Expected a category id like cat_…');
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a slug like "phones-tablets"')
  .max(80);
export const Country = z.enum(['NG', 'KE', 'GH', 'CI', 'ZA', 'EG', 'UG', 'RW', 'TZ']);
export const ProductStatus = z.enum(['draft', 'active', 'archived']);
export const Sort = z.enum(['relevance', 'price_asc', 'price_desc', 'newest']);

const boolish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ListProductsQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional(),
    category: Slug.optional(),
    vendor: VendorId.optional(),
    country: Country.optional(),
    currency: CurrencyCode.optional(),
    minPrice: z.coerce.number().int().nonnegative().optional(),
    maxPrice: z.coerce.number().int().nonnegative().optional(),
    inStock: boolish.optional(),
    sort: Sort.optional(),
    /** The shopper's country: its products rank first in a search (the list is not filtered). */
    shopperCountry: Country.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(24),
    cursor: z.string().max(400).optional(),
  })
  .strict()
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    message: 'minPrice must not exceed maxPrice',
    path: ['minPrice'],
  });
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

export const PriceView = z.object({ amount: z.number().int(), currency: CurrencyCode, formatted: z.string() });

export const ImageView = z.object({
  id: z.string(),
  alt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** URL of the smallest stored width, for `src`. */
  src: z.string(),
  srcset: z.string(),
  urls: z.record(z.string(), z.string()),
});
export type ImageView = z.infer<typeof ImageView>;

export const ProductSummary = z.object({
  id: ProductId,
  title: z.string(),
  vendor: z.object({ id: VendorId, name: z.string() }),
  category: z.object({ id: CategoryId, slug: Slug, name: z.string() }),
  country: Country,
  price: PriceView,
  maxPrice: PriceView,
  inStock: z.boolean(),
  image: ImageView.nullable(),
  createdAt: z.iso.datetime(),
});
export type ProductSummary = z.infer<typeof ProductSummary>;

export const Facets = z.object({
  categories: z.array(z.object({ slug: Slug, name: z.string(), count: z.number().int() })),
  priceBands: z.array(
    z.object({ currency: CurrencyCode, min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() }),
  ),
});

/**
 * How a search was answered: `all` (every word matched a title or category), `any` (too few did:
 * products matching the most words first), `all_text`/`any_text` (only descriptions matched).
 */
export const SearchMode = z.enum(['all', 'any', 'all_text', 'any_text']);
export type SearchMode = z.infer<typeof SearchMode>;
export const SearchInfo = z.object({
  mode: SearchMode,
  /** The query as searched after spelling correction ("showing results for …"), null when nothing was corrected. */
  correctedQuery: z.string().nullable(),
});

export const ProductList = z.object({
  items: z.array(ProductSummary),
  nextCursor: z.string().nullable(),
  /** How many products match the query and filters (every page); a search counts at most SEARCH_COUNT_CAP. */
  total: z.number().int(),
  /** A search found more than it counted: `total` is a lower bound ("1,000+"). */
  totalCapped: z.boolean().optional(),
  facets: Facets,
  search: SearchInfo.optional(),
});
export type ProductList = z.infer<typeof ProductList>;

export const SkuView = z.object({
  id: SkuId,
  code: z.string(),
  options: z.record(z.string(), z.string()),
  price: PriceView,
  available: z.number().int(),
});

export const VendorSummary = z.object({
  id: VendorId,
  slug: Slug,
  name: z.string(),
  country: Country,
  city: z.string(),
  currency: CurrencyCode,
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
});
export type VendorSummary = z.infer<typeof VendorSummary>;

export const ProductDetail = ProductSummary.omit({ vendor: true }).extend({
  description: z.string(),
  status: ProductStatus,
  categoryPath: z.array(z.object({ slug: Slug, name: z.string() })),
  vendor: VendorSummary,
  skus: z.array(SkuView),
  images: z.array(ImageView),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  rating: RatingSummary,
  /** The three most helpful published reviews, for the product page. */
  topReviews: z.array(ReviewView).max(3),
  /** Often bought together (from confirmed orders), else best sellers of its category. */
  boughtTogether: z.array(ProductSummary).max(4),
  /** Shoppers who viewed this also viewed (co-views per browsing session); empty until views are counted. */
  alsoViewed: z.array(ProductSummary).max(4).optional(),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

export type CategoryNode = { id: string; slug: string; name: string; productCount: number; children: CategoryNode[] };
export const CategoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  z.object({ id: CategoryId, slug: Slug, name: z.string(), productCount: z.number().int(), children: z.array(CategoryNode) }),
);
export const CategoryTree = z.object({ items: z.array(CategoryNode) });

export const VendorProfile = VendorSummary.extend({ productCount: z.number().int(), createdAt: z.iso.datetime() });

/** A vendor's own products in every status (the vendor app's list), newest change first. */
export const VendorProductListQuery = z
  .object({
    status: ProductStatus.optional(),
    /** Words of the title, matched anywhere in it. */
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(400).optional(),
  })
  .strict();
export const VendorProductList = z.object({
  items: z.array(
    z.object({
      id: ProductId,
      title: z.string(),
      status: ProductStatus,
      price: PriceView,
      inStock: z.boolean(),
      version: z.number().int(),
      updatedAt: z.iso.datetime(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type VendorProductList = z.infer<typeof VendorProductList>;

export const PopularQuery = z.object({ country: Country, limit: z.coerce.number().int().min(1).max(24).default(8) }).strict();
export const PopularProducts = z.object({ items: z.array(ProductSummary) });

export const SuggestQuery = z.object({ q: z.string().trim().min(1).max(60) }).strict();
export const Suggestions = z.object({
  /** Distinct product titles (one per title, whichever shop sells it). */
  items: z.array(z.object({ id: ProductId, title: z.string() })).max(10),
  /** Categories whose name completes the query. */
  categories: z.array(z.object({ slug: Slug, name: z.string() })).max(3),
  /** Brands whose name completes (or, misspelt, is close to) the query's last word. */
  brands: z.array(z.object({ name: z.string() })).max(3),
  /** The query as completed after spelling correction, null when nothing was corrected. */
  correctedQuery: z.string().nullable(),
});
export type Suggestions = z.infer<typeof Suggestions>;

// ---- Vendor writes (strict: unknown fields are refused) ----

const OptionValues = z
  .record(z.string().min(1).max(30), z.string().min(1).max(40))
  .refine((o) => Object.keys(o).length <= 5, 'At most 5 options per SKU');

export const SkuInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash, underscore'),
    options: OptionValues.default({}),
    price: z.number().int().nonnegative().max(1_000_000_000_000),
    available: z.number().int().nonnegative().max(1_000_000).default(0),
  })
  .strict();

export const CreateProductBody = z
  .object({
    title: z.string().trim().min(3).max(140),
    description: z.string().trim().max(5000).default(''),
    category: Slug,
    status: ProductStatus.exclude(['archived']).default('draft'),
    skus: z.array(SkuInput).min(1).max(50),
  })
  .strict()
  .refine((b) => new Set(b.skus.map((s) => s.code)).size === b.skus.length, {
    message: 'SKU codes must be unique within a product',
    path: ['skus'],
  });
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = z
  .object({
    title: z.string().trim().min(3).max(140).optional(),
    description: z.string().trim().max(5000).optional(),
    category: Slug.optional(),
    status: ProductStatus.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change' });
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

export const SetPriceBody = z.object({ price: z.number().int().nonnegative().max(1_000_000_000_000) }).strict();
export const ProductParams = z.object({ id: ProductId });
export const SkuParams = z.object({ id: ProductId, skuId: SkuId });
