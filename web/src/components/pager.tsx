import { type ListFilters, listHref } from '../url';
import { useI18n } from './i18n';

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
  const { t } = useI18n();
  if (!cursor && !nextCursor) return null;
  return (
    <nav class="pager" aria-label={t('shop.pager.label')}>
      {cursor ? <a href={listHref(path, filters)}>{t('shop.pager.first')}</a> : <span />}
      {nextCursor ? (
        <a class="btn" rel="next" href={listHref(path, filters, nextCursor)}>
          {t('shop.pager.next')}
        </a>
      ) : null}
    </nav>
  );
}
