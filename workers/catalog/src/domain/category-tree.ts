import type { CategoryNode } from '../../contract';
import type { Db } from '../db/session';

type Row = { id: string; slug: string; name: string; parent_id: string | null; path: string; direct: number };

/** The whole category tree with the number of active products in each subtree. */
export async function categoryTree(db: Db): Promise<{ items: CategoryNode[] }> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.slug, c.name, c.parent_id, c.path,
              (SELECT count(*) FROM products p JOIN vendors v ON v.id = p.vendor_id
               WHERE p.category_id = c.id AND p.status = 'active' AND v.status = 'active') AS direct
       FROM categories c ORDER BY c.path, c.position`,
    )
    .all<Row>();
  const nodes = new Map<string, CategoryNode>();
  for (const row of results) {
    nodes.set(row.id, { id: row.id, slug: row.slug, name: row.name, productCount: row.direct, children: [] });
  }
  const roots: CategoryNode[] = [];
  // Rows come ordered by path, so every parent precedes its children.
  for (const row of results) {
    const node = nodes.get(row.id) as CategoryNode;
    const parent = row.parent_id ? nodes.get(row.parent_id) : undefined;
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
