import { countryName, SHOP_COUNTRIES } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';

/** `/country`: the country the shopper shops in, one button each (a form post, no script). */
export function CountryPage({ current, back, ...ctx }: PageContext & { current?: string; back: string }) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.country.title')} noindex>
      <h1>{t('shop.country.title')}</h1>
      <p>{t('shop.country.choose')}</p>
      <form class="panel stack" method="post" action="/settings/country">
        <input type="hidden" name="back" value={back} />
        {SHOP_COUNTRIES.map((code) => (
          <button type="submit" name="country" value={code} aria-pressed={code === current ? 'true' : 'false'}>
            {countryName(t, code)}
          </button>
        ))}
      </form>
    </Layout>
  );
}
