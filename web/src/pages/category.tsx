import { Breadcrumbs, type Crumb } from '../components/breadcrumbs';
import { CountryNotice, type LocalOnly } from '../components/country-notice';
import { FilterForm } from '../components/filters';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { Pager } from '../components/pager';
import { ProductGrid } from '../components/product-card';
import type { CategoryNode, ProductList } from '../types';
import { type ListFilters, listHref } from '../url';

type Props = PageContext & {
  category: { slug: string; name: string };
  /** Ancestors of the category, outermost first. */
  ancestors: { slug: string; name: string }[];
  subcategories: CategoryNode[];
  list: ProductList;
  filters: ListFilters;
  cursor?: string;
  /** Friendly notes, e.g. about a filter in the URL that was ignored. */
  notices?: string[];
  localOnly?: LocalOnly;
};

/** `/c/:slug`: a category's products with filters and keyset pagination. */
export function CategoryPage({
  category,
  ancestors,
  subcategories,
  list,
  filters,
  cursor,
  notices = [],
  localOnly,
  ...ctx
}: Props) {
  const { t } = useI18n();
  const path = `/c/${category.slug}`;
  const crumbs: Crumb[] = [
    { href: '/', name: t('shop.crumbs.home') },
    ...ancestors.map((a) => ({ href: `/c/${a.slug}`, name: a.name })),
    { name: category.name },
  ];
  return (
    <Layout {...ctx} title={category.name} description={t('shop.category.description', { name: category.name })}>
      <Breadcrumbs items={crumbs} />
      <h1>{category.name}</h1>
      {subcategories.length ? (
        <nav aria-label={t('shop.category.subcategories')}>
          <ul class="chips">
            {subcategories.map((c) => (
              <li>
                <a href={`/c/${c.slug}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {notices.map((n) => (
        <Notice>{n}</Notice>
      ))}
      <CountryNotice localOnly={localOnly} />
      <FilterForm action={path} filters={filters} facets={list.facets} />
      <h2 class="sr">{t('shop.category.products')}</h2>
      {list.items.length ? (
        <ProductGrid products={list.items} saveData={ctx.saveData} />
      ) : (
        <p>
          {t('shop.category.empty')} <a href={listHref(path, {})}>{t('shop.category.show_all', { name: category.name })}</a>
        </p>
      )}
      <Pager path={path} filters={filters} cursor={cursor} nextCursor={list.nextCursor} />
    </Layout>
  );
}
