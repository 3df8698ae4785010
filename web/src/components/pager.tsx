import { type ListFilters, listHref } from '../url';

/** Keyset pagination: "next page" follows the cursor; "first page" drops it. */
export function Pager({
  path,
  filters,
  cursor,
  nextCursor,
}: {
  path: string;
  filters: ListFilters;
  cursor?: string;
  nextCursor: string | null;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {cursor ? <a href={listHref(path, filters)}>« First page</a> : <span />}
      {nextCursor ? (
        <a class="btn" rel="next" href={listHref(path, filters, nextCursor)}>
          Next page »
        </a>
      ) : null}
    </nav>
  );
}
