import type { CategoryNode } from '../types';

/** Category tiles, biggest first: a tap away from browsing, no image needed. */
export function CategoryTiles({ categories, limit = 12 }: { categories: CategoryNode[]; limit?: number }) {
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
            <small>{itemCount(c.productCount)}</small>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function itemCount(n: number): string {
  return n === 1 ? '1 item' : `${n.toLocaleString('en')} items`;
}
