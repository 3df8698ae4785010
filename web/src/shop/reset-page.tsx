import type { ShopCountry } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { PhoneField } from '../components/phone-field';

type Props = PageContext & {
  /** Without a phone: ask for it; with one (E.164, the code went there): ask for the code and the new password. */
  phone?: string;
  country?: ShopCountry;
  typedPhone?: string;
  error?: string;
  flash?: string;
};

/** `/signin/forgot`: a forgotten password, replaced by SMS code in two plain forms. */
export function ResetPasswordPage({ phone, country = 'KE', typedPhone, error, flash, ...ctx }: Props) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.reset.title')} noindex>
      <h1>{t('shop.reset.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      {phone ? (
        <>
          <p>{t('shop.code.sent', { phone })}</p>
          <form class="panel stack" method="post" action="/signin/forgot/reset">
            <input type="hidden" name="phone" value={phone} />
            <label>
              {t('shop.code.label')}
              <input
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]{6}"
                required
                minlength={6}
                maxlength={6}
              />
            </label>
            <label>
              {t('shop.reset.new_password')}
              <input type="password" name="password" autocomplete="new-password" required minlength={8} maxlength={256} />
            </label>
            <button type="submit">{t('shop.reset.button')}</button>
          </form>
          <p>
            <a href="/signin/forgot">{t('shop.reset.again')}</a>
          </p>
        </>
      ) : (
        <form class="panel stack" method="post" action="/signin/forgot">
          <p class="meta">{t('shop.reset.intro')}</p>
          <PhoneField country={country} phone={typedPhone} />
          <button type="submit">{t('shop.signin.send_code')}</button>
        </form>
      )}
    </Layout>
  );
}
