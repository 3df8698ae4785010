import { countryName } from './countries';
import { useI18n } from './i18n';

/** The listing is narrowed to the shop country: say so, with the way to every country. */
export type LocalOnly = { country: string; allHref: string };

export function CountryNotice({ localOnly }: { localOnly?: LocalOnly }) {
  const { t } = useI18n();
  if (!localOnly) return null;
  return (
    <p class="note" role="status">
      {t('shop.country.showing', { country: countryName(t, localOnly.country) })}{' '}
      <a href={localOnly.allHref}>{t('shop.country.show_all')}</a> · <a href="/country">{t('shop.country.change')}</a>
    </p>
  );
}
