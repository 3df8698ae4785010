// The search relevance test set: what a shopper typing each query expects in the top 5 of the
// seeded catalog (scripts/lib/catalog-data.mjs). An expectation names the leaf categories and/or
// a title pattern (case-insensitive) a relevant product has; `country` also requires the
// product's country (with `shopperCountry` sent, as the shopper's pages do).
// Used by the e2e suite (precision@5 must stay ≥ 0.8) and by `pnpm bench:search`.

export const RELEVANCE_SET = [
  { q: 'samsung', title: 'samsung', categories: ['smartphones', 'feature-phones', 'tablets'] },
  { q: 'samsng', title: 'samsung' },
  { q: 'phone', categories: ['smartphones', 'feature-phones'] },
  { q: 'phne', categories: ['smartphones', 'feature-phones'] },
  { q: 'iphone', title: 'iphone' },
  { q: 'tecno', title: 'tecno' },
  { q: 'tecno spark', title: 'tecno spark' },
  { q: 'infinix', title: 'infinix' },
  { q: 'infinx', title: 'infinix' },
  { q: 'infinix charger', title: 'charger' },
  { q: 'redmi', title: 'redmi' },
  { q: 'laptop', categories: ['laptops'] },
  { q: 'labtop', categories: ['laptops'] },
  { q: 'laptop hp', categories: ['laptops'], title: '\\bhp\\b' },
  { q: 'hp laptop', categories: ['laptops'], title: '\\bhp\\b' },
  { q: 'lenovo laptop', categories: ['laptops'], title: 'lenovo' },
  { q: 'macbook', title: 'macbook' },
  { q: 'tv', categories: ['televisions'] },
  { q: 'television', categories: ['televisions'] },
  { q: 'samsung tv', categories: ['televisions'], title: 'samsung' },
  { q: 'fridge', categories: ['appliances'] },
  { q: 'refrigerator', categories: ['appliances'] },
  { q: 'freezer', title: 'freezer' },
  { q: 'shoes men', categories: ['shoes'] },
  { q: 'sneakers', categories: ['shoes'] },
  { q: 'power bank', categories: ['power-banks'] },
  { q: 'powerbank', categories: ['power-banks'] },
  { q: 'ankara', title: 'ankara|wax|print' },
  { q: 'kitenge', title: 'kitenge|ankara|wax|print' },
  { q: 'garri', title: 'garri' },
  { q: 'gari', title: 'garri' },
  { q: 'sufuria', title: 'sufuria|pot' },
  { q: 'rice', title: 'rice', categories: ['staples'] },
  { q: 'rice 5kg', title: 'rice', shopperCountry: 'NG', country: 'NG' },
  { q: 'shea butter', title: 'shea butter' },
  { q: 'black soap', title: 'black soap' },
  { q: 'blender', title: 'blender' },
  { q: 'blendr', title: 'blender' },
  { q: 'air fryer', title: 'air fryer' },
  { q: 'perfume', categories: ['fragrances'] },
  { q: 'lattafa', title: 'lattafa' },
  { q: 'diapers', categories: ['diapers-wipes'] },
  { q: 'nappies', categories: ['diapers-wipes'] },
  { q: 'jersey', title: 'jersey' },
  { q: 'jbl speaker', title: 'jbl' },
  { q: 'solar panel', title: 'solar panel' },
  { q: 'inverter', title: 'inverter' },
  { q: 'generator', title: 'generator' },
  { q: 'mattress', title: 'mattress' },
  { q: 'sofa', title: 'sofa' },
  { q: 'couch', title: 'sofa' },
  { q: 'bike', categories: ['bicycles', 'toys'] },
  { q: 'wig', title: 'wig' },
  { q: 'lipstick', title: 'lipstick' },
  { q: 'gas cooker', title: 'gas cooker' },
  { q: 'school bag', title: 'bag|backpack' },
  { q: 'printer', categories: ['printers'] },
  { q: 'milo', title: 'milo' },
  { q: 'watch', categories: ['jewellery-watches'] },
];

/** The listing URL of one query of the set. */
export function relevanceUrl(entry) {
  const params = new URLSearchParams({ q: entry.q, limit: '5' });
  if (entry.shopperCountry) params.set('shopperCountry', entry.shopperCountry);
  return `/v1/products?${params}`;
}

/** Whether a listed product (a ProductSummary) is one the entry expects. */
export function isRelevant(entry, product) {
  if (entry.categories && !entry.categories.includes(product.category.slug)) return false;
  if (entry.title && !new RegExp(entry.title, 'i').test(product.title)) return false;
  if (entry.country && product.country !== entry.country) return false;
  return true;
}

/** precision@5 of one answer: relevant share of the first min(5, returned) items; 0 when nothing came back. */
export function precisionAt5(entry, items) {
  const top = items.slice(0, 5);
  return top.length ? top.filter((p) => isRelevant(entry, p)).length / top.length : 0;
}
