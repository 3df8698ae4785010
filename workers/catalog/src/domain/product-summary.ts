import type { ProductSummary } from '../../contract';
import { type ImageRow, imageView, iso, priceView } from './views';

/** The columns of a product card, as listings and recommendations select them (aliases p, v, c, i). */
export const SUMMARY_COLUMNS = `p.id, p.title, p.vendor_id, v.name AS vendor_name, p.category_id, c.slug AS category_slug,
  c.name AS category_name, p.country, p.currency, p.min_price, p.max_price, p.in_stock, p.created_at,
  i.id AS img_id, i.key AS img_key, i.widths AS img_widths, i.format AS img_format,
  i.width AS img_width, i.height AS img_height, i.alt AS img_alt`;

/** The joins SUMMARY_COLUMNS needs after `products p`: active shop, category, first image. */
export const SUMMARY_JOINS = `JOIN vendors v ON v.id = p.vendor_id AND v.status = 'active'
  JOIN categories c ON c.id = p.category_id
  LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 0`;

export type SummaryRow = {
  id: string;
  title: string;
  vendor_id: string;
  vendor_name: string;
  category_id: string;
  category_slug: string;
  category_name: string;
  country: string;
  currency: string;
  min_price: number;
  max_price: number;
  in_stock: number;
  created_at: number;
  img_id: string | null;
  img_key: string | null;
  img_widths: string | null;
  img_format: string | null;
  img_width: number | null;
  img_height: number | null;
  img_alt: string | null;
};

export function productSummary(row: SummaryRow): ProductSummary {
  const image: ImageRow | null =
    row.img_id && row.img_key && row.img_widths && row.img_format
      ? {
          id: row.img_id,
          key: row.img_key,
          widths: row.img_widths,
          format: row.img_format,
          width: row.img_width ?? 0,
          height: row.img_height ?? 0,
          alt: row.img_alt ?? row.title,
        }
      : null;
  return {
    id: row.id,
    title: row.title,
    vendor: { id: row.vendor_id, name: row.vendor_name },
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    country: row.country as ProductSummary['country'],
    price: priceView(row.min_price, row.currency),
    maxPrice: priceView(row.max_price, row.currency),
    inStock: row.in_stock === 1,
    image: image ? imageView({ ...image, alt: image.alt || row.title }) : null,
    createdAt: iso(row.created_at),
  };
}
