import { useI18n } from './i18n';

export type Crumb = { href?: string; name: string };

/** "Home › Phones › Smartphones"; the last crumb is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  return (
    <nav class="crumbs" aria-label={t('shop.crumbs.label')}>
      <ol>
        {items.map((item, i) =>
          item.href && i < items.length - 1 ? (
            <li>
              <a href={item.href}>{item.name}</a>
            </li>
          ) : (
            <li aria-current="page">{item.name}</li>
          ),
        )}
      </ol>
    </nav>
  );
}
