import type { SkuDetails } from '../../contract';
import type { Db } from '../db/session';
import { imageUrl } from './views';

type Row = {
  sku_id: string;
  product_id: string;
  vendor_id: string;
  vendor_name: string;
  title: string;
  options: string;
  price: number;
  currency: string;
  category_id: string;
  available: number;
  active: number;
  image_key: string | null;
  image_format: string | null;
  image_widths: string | null;
};

// One query for every id (json_each), the product's first image picked by a correlated subquery.
const SQL = `
  SELECT s.id AS sku_id, s.product_id, p.vendor_id, v.name AS vendor_name, p.title, s.options, s.price, s.currency,
         p.category_id, s.available,
         (p.status = 'active' AND v.status = 'active' AND s.archived = 0) AS active,
         i.key AS image_key, i.format AS image_format, i.widths AS image_widths
    FROM skus s
    JOIN products p ON p.id = s.product_id
    JOIN vendors v ON v.id = p.vendor_id
    LEFT JOIN product_images i ON i.id = (
      SELECT id FROM product_images WHERE product_id = p.id ORDER BY position, created_at LIMIT 1
    )
   WHERE s.id IN (SELECT value FROM json_each(?1))`;

function smallImage(row: Row): string | null {
  if (!row.image_key || !row.image_format || !row.image_widths) return null;
  const widths = JSON.parse(row.image_widths) as number[];
  return imageUrl(row.image_key, row.image_format, Math.min(...widths));
}

/** The SKUs that exist among `ids`, in the order asked; unknown ids are simply absent. */
export async function skuDetails(db: Db, ids: readonly string[]): Promise<SkuDetails[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const { results } = await db.prepare(SQL).bind(JSON.stringify(unique)).all<Row>();
  const byId = new Map(results.map((row) => [row.sku_id, row]));
  return unique.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        skuId: row.sku_id,
        productId: row.product_id,
        vendorId: row.vendor_id,
        vendorName: row.vendor_name,
        title: row.title,
        options: JSON.parse(row.options) as Record<string, string>,
        price: row.price,
        currency: row.currency,
        categoryId: row.category_id,
        image: smallImage(row),
        active: row.active === 1,
        available: row.available,
      },
    ];
  });
}
