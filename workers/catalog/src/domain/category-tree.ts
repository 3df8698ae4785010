import { asc } from 'drizzle-orm';
import type { CategoryNode } from '../../contract';
import { orm } from '../db/orm';
import { categories as c } from '../db/schema';
import type { Db } from '../db/session';
import { listedPerCategory } from './listing-facets';

/**
 * The whole category tree with the number of listed products (active, of an active shop) in each
 * subtree, from the precomputed facet counts: counting every product per request took ≈ 230 ms at
 * 100k products on every miss of the caches in front.
 */
export async function categoryTree(db: Db): Promise<{ items: CategoryNode[] }> {
  const [results, listed] = await Promise.all([
    orm(db).select({ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId }).from(c).orderBy(asc(c.path), asc(c.position)),
    listedPerCategory(db),
  ]);
  const nodes = new Map<string, CategoryNode>();
  for (const row of results) {
    nodes.set(row.id, { id: row.id, slug: row.slug, name: row.name, productCount: listed.get(row.id) ?? 0, children: [] });
  }
  const roots: CategoryNode[] = [];
  // Rows come ordered by path, so every parent precedes its children.
  for (const row of results) {
    const node = nodes.get(row.id) as CategoryNode;
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const total = (node: CategoryNode): number => {
    node.productCount += node.children.reduce((sum, child) => sum + total(child), 0);
    return node.productCount;
  };
  roots.forEach(total);
  return { items: roots };
}
