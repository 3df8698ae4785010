import { countryName, SHOP_COUNTRIES } from '../components/countries';
import { useI18n } from '../components/i18n';
import type { Address } from './types';

type Props = { action: string; country?: string; value?: Address; button?: string };

/** The one address form (checkout and /account post it to their own URL; an edit comes filled in). */
export function AddressForm({ action, value, country = value?.country, button }: Props) {
  const { t } = useI18n();
  return (
    <form class="stack" method="post" action={action}>
      <label>
        {t('shop.address.label')}
        <input name="label" maxlength={40} value={value?.label ?? undefined} placeholder={t('shop.address.label_hint')} />
      </label>
      <label>
        {t('shop.address.landmark')}
        <input
          name="landmark"
          required
          minlength={3}
          maxlength={300}
          value={value?.landmark}
          placeholder={t('shop.address.landmark_hint')}
        />
      </label>
      <label>
        {t('shop.address.city')}
        <input name="city" required maxlength={100} value={value?.city} />
      </label>
      <label>
        {t('shop.address.country')}
        <select name="country" required>
          {SHOP_COUNTRIES.map((code) => (
            <option value={code} selected={code === country}>
              {countryName(t, code)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{button ?? t('shop.address.save')}</button>
    </form>
  );
}
