import { CategoryTiles } from '../components/category-tiles';
import { CountryNotice, type LocalOnly } from '../components/country-notice';
import { FilterForm } from '../components/filters';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { Pager } from '../components/pager';
import { ProductGrid } from '../components/product-card';
import type { CategoryNode, ProductList } from '../types';
import type { ListFilters } from '../url';

/** Why a search was not run: nothing typed, too long, or no letters or digits in it. */
export type SearchProblem = 'empty' | 'too_long' | 'no_words';

export const SEARCH_MAX = 100;

type Props = PageContext & {
  /** What the shopper typed (shown back in the search box, cut to the limit). */
  q: string;
  problem?: SearchProblem;
  list?: ProductList;
  filters: ListFilters;
  cursor?: string;
  notices?: string[];
  /** Titles close to the query, offered when nothing matched. */
  suggestions?: { id: string; title: string }[];
  /** Categories to browse instead, when there is nothing to show. */
  categories?: CategoryNode[];
  localOnly?: LocalOnly;
};

/** How many matched, and how the search was answered when it had to forgive. */
function SearchSummary({ list }: { list: ProductList }) {
  const { t, plural } = useI18n();
  const corrected = list.search?.correctedQuery;
  const some = list.search?.mode === 'any' || list.search?.mode === 'any_text';
  return (
    <p>
      {list.totalCapped ? t('discover.search.count_at_least', { count: list.total }) : plural('shop.search.count', list.total)}
      {corrected ? (
        <>
          {' · '}
          {t('shop.search.corrected')} “<a href={`/search?q=${encodeURIComponent(corrected)}`}>{corrected}</a>”
        </>
      ) : null}
      {some ? ` · ${t('shop.search.partial')}` : null}
    </p>
  );
}

/** `/search?q=`: results with facets; friendly messages for an empty, too long or fruitless search. */
export function SearchPage({
  q,
  problem,
  list,
  filters,
  cursor,
  notices = [],
  suggestions = [],
  categories = [],
  localOnly,
  ...ctx
}: Props) {
  const { t } = useI18n();
  const shownQ = q.slice(0, SEARCH_MAX);
  const title = problem || !q ? t('shop.search.title') : t('shop.search.results_for', { q: shownQ });
  const browse = categories.length ? (
    <section aria-labelledby="browse">
      <h2 id="browse">{t('shop.search.browse')}</h2>
      <CategoryTiles categories={categories} limit={8} />
    </section>
  ) : null;
  return (
    <Layout {...ctx} title={title} noindex q={shownQ}>
      <h1>{title}</h1>
      {notices.map((n) => (
        <Notice>{n}</Notice>
      ))}
      {problem ? (
        <>
          <Notice>{t(`shop.search.problem.${problem}`, { max: SEARCH_MAX })}</Notice>
          {browse}
        </>
      ) : list?.items.length ? (
        <>
          <CountryNotice localOnly={localOnly} />
          <FilterForm action="/search" filters={filters} facets={list.facets} search />
          <SearchSummary list={list} />
          <h2 class="sr">{t('shop.search.results')}</h2>
          <ProductGrid products={list.items} saveData={ctx.saveData} />
          <Pager path="/search" filters={filters} cursor={cursor} nextCursor={list.nextCursor} />
        </>
      ) : (
        <>
          <Notice>{t(hasNarrowing(filters) ? 'shop.search.none_filtered' : 'shop.search.none', { q: shownQ })}</Notice>
          {hasNarrowing(filters) ? (
            <p>
              <a href={`/search?q=${encodeURIComponent(shownQ)}`}>{t('shop.search.without_filters', { q: shownQ })}</a>
            </p>
          ) : null}
          {suggestions.length ? (
            <section aria-labelledby="sugg">
              <h2 id="sugg">{t('shop.search.suggestions')}</h2>
              <ul>
                {suggestions.map((s) => (
                  <li>
                    <a href={`/p/${s.id}`}>{s.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {browse}
        </>
      )}
    </Layout>
  );
}

function hasNarrowing(f: ListFilters): boolean {
  return !!(f.category || f.inStock || f.price || f.country);
}
