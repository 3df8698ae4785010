import { CategoryTiles } from '../components/category-tiles';
import { CountryNotice, type LocalOnly } from '../components/country-notice';
import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';
import { ProductGrid } from '../components/product-card';
import type { CategoryNode, ProductSummary } from '../types';

type Props = PageContext & { categories: CategoryNode[]; newest: ProductSummary[]; localOnly?: LocalOnly };

/** `/`: category tiles, then the newest products. */
export function HomePage({ categories, newest, localOnly, ...ctx }: Props) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.home.title')} description={t('shop.home.description')}>
      <h1>{t('shop.home.title')}</h1>
      <section aria-labelledby="cats">
        <h2 id="cats">{t('shop.home.categories')}</h2>
        <CategoryTiles categories={categories} />
      </section>
      <CountryNotice localOnly={localOnly} />
      <section aria-labelledby="new">
        <h2 id="new">{t('shop.home.new')}</h2>
        {newest.length ? <ProductGrid products={newest} saveData={ctx.saveData} /> : <p>{t('shop.home.empty')}</p>}
      </section>
    </Layout>
  );
}
