import type { CurrencyCode } from '@linked-all/money';
import type { ProductList } from '../types';
import { type ListFilters, parsePriceParam, priceParam } from '../url';
import { bandLabel } from './price';

export const COUNTRY_NAMES = {
  NG: 'Nigeria',
  KE: 'Kenya',
  GH: 'Ghana',
  CI: "Côte d'Ivoire",
  ZA: 'South Africa',
  EG: 'Egypt',
  UG: 'Uganda',
  RW: 'Rwanda',
  TZ: 'Tanzania',
} as const;

const SORTS = [
  ['newest', 'Newest first'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
] as const;

type Props = {
  /** Where the form submits (GET): the page itself. */
  action: string;
  filters: ListFilters;
  facets: ProductList['facets'];
  /** Search pages also sort by relevance and filter by category. */
  search?: boolean;
};

/**
 * Filters and sort as a plain GET form: works without JavaScript, and every
 * filtered listing has its own shareable, cacheable URL.
 */
export function FilterForm({ action, filters, facets, search = false }: Props) {
  const bands = facets.priceBands.map((b) => ({
    value: priceParam(b.currency as CurrencyCode, b.min, b.max),
    label: `${bandLabel(b.currency as CurrencyCode, b.min, b.max)} (${b.count})`,
  }));
  // Keep the chosen band in the list even when the facets no longer count it.
  const chosen = filters.price ? parsePriceParam(filters.price) : null;
  if (filters.price && chosen && !bands.some((b) => b.value === filters.price)) {
    bands.unshift({ value: filters.price, label: bandLabel(chosen.currency as CurrencyCode, chosen.min, chosen.max) });
  }
  const sorts = search ? [['relevance', 'Best match'] as const, ...SORTS] : SORTS;
  return (
    <details class="filters" open={hasFilters(filters)}>
      <summary>Filter and sort</summary>
      <form method="get" action={action}>
        {search && filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
        <label>
          Sort by
          <select name="sort">
            {sorts.map(([value, label]) => (
              <option value={value} selected={filters.sort === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {search && facets.categories.length > 0 ? (
          <label>
            Category
            <select name="category">
              <option value="">All categories</option>
              {facets.categories.map((c) => (
                <option value={c.slug} selected={filters.category === c.slug}>
                  {c.name} ({c.count})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {bands.length > 0 ? (
          <label>
            Price
            <select name="price">
              <option value="">Any price</option>
              {bands.map((b) => (
                <option value={b.value} selected={filters.price === b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Ships from
          <select name="country">
            <option value="">Any country</option>
            {Object.entries(COUNTRY_NAMES).map(([code, name]) => (
              <option value={code} selected={filters.country === code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="inStock" value="1" checked={!!filters.inStock} />
          In stock only
        </label>
        <button type="submit">Apply</button>
      </form>
    </details>
  );
}

function hasFilters(f: ListFilters): boolean {
  return !!(f.sort || f.inStock || f.price || f.country || (f.category && f.q));
}
