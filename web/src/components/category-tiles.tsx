import type { CategoryNode } from '../types';
import { useI18n } from './i18n';

/** Category tiles, biggest first: a tap away from browsing, no image needed. */
export function CategoryTiles({ categories, limit = 12 }: { categories: CategoryNode[]; limit?: number }) {
  const { plural } = useI18n();
  const shown = categories
    .filter((c) => c.productCount > 0)
    .toSorted((a, b) => b.productCount - a.productCount || a.name.localeCompare(b.name))
    .slice(0, limit);
  return (
    <ul class="tiles">
      {shown.map((c) => (
        <li>
          <a href={`/c/${c.slug}`}>
            {c.name}
            <small>{plural('common.items', c.productCount)}</small>
          </a>
        </li>
      ))}
    </ul>
  );
}
