import { CategoryTiles } from '../components/category-tiles';
import { FilterForm } from '../components/filters';
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
};

const PROBLEMS: Record<SearchProblem, string> = {
  empty: 'Type what you are looking for, for example “phone” or “ankara”.',
  too_long: `That search is too long. Please use at most ${SEARCH_MAX} characters.`,
  no_words: 'Please search with at least one letter or number.',
};

/** How many matched, and how the search was answered when it had to forgive. */
function SearchSummary({ list }: { list: ProductList }) {
  const corrected = list.search?.correctedQuery;
  const some = list.search?.mode === 'any' || list.search?.mode === 'any_text';
  return (
    <p>
      {list.total === 1 ? '1 product' : `${list.total.toLocaleString('en')} products`}
      {corrected ? (
        <>
          {' · '}Showing results for “<a href={`/search?q=${encodeURIComponent(corrected)}`}>{corrected}</a>”
        </>
      ) : null}
      {some ? ' · No product matched every word: the closest matches come first' : null}
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
  ...ctx
}: Props) {
  const shownQ = q.slice(0, SEARCH_MAX);
  const title = problem || !q ? 'Search' : `Results for “${shownQ}”`;
  const browse = categories.length ? (
    <section aria-labelledby="browse">
      <h2 id="browse">Browse categories</h2>
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
          <Notice>{PROBLEMS[problem]}</Notice>
          {browse}
        </>
      ) : list?.items.length ? (
        <>
          <FilterForm action="/search" filters={filters} facets={list.facets} search />
          <SearchSummary list={list} />
          <h2 class="sr">Results</h2>
          <ProductGrid products={list.items} saveData={ctx.saveData} />
          <Pager path="/search" filters={filters} cursor={cursor} nextCursor={list.nextCursor} />
        </>
      ) : (
        <>
          <Notice>
            No results for “{shownQ}”{hasNarrowing(filters) ? ' with these filters' : ''}. Check the spelling or try a shorter
            search.
          </Notice>
          {hasNarrowing(filters) ? (
            <p>
              <a href={`/search?q=${encodeURIComponent(shownQ)}`}>Search “{shownQ}” without filters</a>
            </p>
          ) : null}
          {suggestions.length ? (
            <section aria-labelledby="sugg">
              <h2 id="sugg">You might be looking for</h2>
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
