import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { CategoryNode } from '../../contract';
import { orm } from '../db/orm';
import { categories as c, products as p, vendors as v } from '../db/schema';
import type { Db } from '../db/session';

/** The whole category tree with the number of active products in each subtree. */
export async function categoryTree(db: Db): Promise<{ items: CategoryNode[] }> {
  const direct = orm(db)
    .select({ n: count() })
    .from(p)
    .innerJoin(v, eq(v.id, p.vendorId))
    .where(and(eq(p.categoryId, c.id), eq(p.status, 'active'), eq(v.status, 'active')));
  const results = await orm(db)
    .select({ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId, direct: sql<number>`(${direct})`.mapWith(Number) })
    .from(c)
    .orderBy(asc(c.path), asc(c.position));
  const nodes = new Map<string, CategoryNode>();
  for (const row of results) {
    nodes.set(row.id, { id: row.id, slug: row.slug, name: row.name, productCount: row.direct, children: [] });
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
