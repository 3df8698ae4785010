import { countryName, SHOP_COUNTRIES } from '../components/countries';
import { useI18n } from '../components/i18n';

/** The one "add an address" form (checkout and /account post it to their own URL). */
export function AddressForm({ action, country }: { action: string; country?: string }) {
  const { t } = useI18n();
  return (
    <form class="stack" method="post" action={action}>
      <label>
        {t('shop.address.label')}
        <input name="label" maxlength={40} placeholder={t('shop.address.label_hint')} />
      </label>
      <label>
        {t('shop.address.landmark')}
        <input name="landmark" required minlength={3} maxlength={300} placeholder={t('shop.address.landmark_hint')} />
      </label>
      <label>
        {t('shop.address.city')}
        <input name="city" required maxlength={100} />
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
      <button type="submit">{t('shop.address.save')}</button>
    </form>
  );
}
