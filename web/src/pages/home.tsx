import { CategoryTiles } from '../components/category-tiles';
import { Layout, type PageContext } from '../components/layout';
import { ProductGrid } from '../components/product-card';
import type { CategoryNode, ProductSummary } from '../types';

type Props = PageContext & { categories: CategoryNode[]; newest: ProductSummary[] };

/** `/`: category tiles, then the newest products. */
export function HomePage({ categories, newest, ...ctx }: Props) {
  return (
    <Layout
      {...ctx}
      title="Shop from vendors across Africa"
      description="Phones, fashion, food and more from trusted vendors in Nigeria, Kenya, Ghana, Côte d'Ivoire, South Africa and Egypt."
    >
      <h1>Shop from vendors across Africa</h1>
      <section aria-labelledby="cats">
        <h2 id="cats">Shop by category</h2>
        <CategoryTiles categories={categories} />
      </section>
      <section aria-labelledby="new">
        <h2 id="new">New arrivals</h2>
        {newest.length ? (
          <ProductGrid products={newest} saveData={ctx.saveData} />
        ) : (
          <p>No products yet. Please come back soon.</p>
        )}
      </section>
    </Layout>
  );
}
