import { phoneExample } from '../shop/phone';
import { countryName, SHOP_COUNTRIES, type ShopCountry } from './countries';
import { useI18n } from './i18n';

/** The country a phone number is read in, then the number as the shopper writes it at home. */
export function PhoneField({ country, phone }: { country: ShopCountry; phone?: string }) {
  const { t } = useI18n();
  const example = phoneExample(country);
  return (
    <>
      <label>
        {t('shop.register.country')}
        <select name="country" required>
          {SHOP_COUNTRIES.map((code) => (
            <option value={code} selected={code === country}>
              {countryName(t, code)} ({phoneExample(code).code})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('shop.register.phone')}
        <input
          type="tel"
          name="phone"
          value={phone}
          autocomplete="tel"
          inputmode="tel"
          required
          maxlength={24}
          placeholder={example.national}
        />
        <span class="meta">{t('shop.register.phone_hint', { example: `${example.national} · ${example.code}…` })}</span>
      </label>
    </>
  );
}
