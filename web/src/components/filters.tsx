import type { CurrencyCode } from '@linked-all/money';
import type { ProductList } from '../types';
import { type ListFilters, parsePriceParam, priceParam } from '../url';
import { countryName, SHOP_COUNTRIES } from './countries';
import { useI18n } from './i18n';
import { bandLabel } from './price';

const SORTS = ['newest', 'price_asc', 'price_desc'] as const;

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
  const i18n = useI18n();
  const { t } = i18n;
  const bands = facets.priceBands.map((b) => ({
    value: priceParam(b.currency as CurrencyCode, b.min, b.max),
    label: `${bandLabel(i18n, b.currency as CurrencyCode, b.min, b.max)} (${b.count})`,
  }));
  // Keep the chosen band in the list even when the facets no longer count it.
  const chosen = filters.price ? parsePriceParam(filters.price) : null;
  if (filters.price && chosen && !bands.some((b) => b.value === filters.price)) {
    bands.unshift({ value: filters.price, label: bandLabel(i18n, chosen.currency as CurrencyCode, chosen.min, chosen.max) });
  }
  const sorts = search ? (['relevance', ...SORTS] as const) : SORTS;
  return (
    <details class="filters" open={hasFilters(filters)}>
      <summary>{t('shop.filters.summary')}</summary>
      <form method="get" action={action}>
        {search && filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
        <label>
          {t('shop.filters.sort')}
          <select name="sort">
            {sorts.map((value) => (
              <option value={value} selected={filters.sort === value}>
                {t(`shop.filters.sort.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {search && facets.categories.length > 0 ? (
          <label>
            {t('shop.filters.category')}
            <select name="category">
              <option value="">{t('shop.filters.all_categories')}</option>
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
            {t('shop.filters.price')}
            <select name="price">
              <option value="">{t('shop.filters.any_price')}</option>
              {bands.map((b) => (
                <option value={b.value} selected={filters.price === b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('shop.filters.ships_from')}
          <select name="country">
            <option value="">{t('shop.filters.any_country')}</option>
            {SHOP_COUNTRIES.map((code) => (
              <option value={code} selected={filters.country === code}>
                {countryName(t, code)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="inStock" value="1" checked={!!filters.inStock} />
          {t('shop.filters.in_stock')}
        </label>
        <button type="submit">{t('shop.filters.apply')}</button>
      </form>
    </details>
  );
}

function hasFilters(f: ListFilters): boolean {
  return !!(f.sort || f.inStock || f.price || f.country || (f.category && f.q));
}
