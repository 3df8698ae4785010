import type { ShopCountry } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { PhoneField } from '../components/phone-field';

type Props = PageContext & {
  /** Where to go once signed in (a local path). */
  next: string;
  /** What the shopper typed, kept when the form comes back. */
  identifier?: string;
  error?: string;
  flash?: string;
  /** The shop country: the SMS-code form reads the phone number in its format. */
  country?: ShopCountry;
};

/** `/signin`: e-mail or phone and password, as a plain form. */
export function SignInPage({ next, identifier, error, flash, country = 'KE', ...ctx }: Props) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.signin.title')} noindex>
      <h1>{t('shop.signin.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <form class="panel stack" method="post" action="/signin">
        <input type="hidden" name="next" value={next} />
        <label>
          {t('shop.signin.identifier')}
          <input
            name="identifier"
            value={identifier}
            autocomplete="username"
            required
            maxlength={254}
            placeholder={t('shop.signin.identifier_hint')}
          />
        </label>
        <label>
          {t('shop.signin.password')}
          <input type="password" name="password" autocomplete="current-password" required maxlength={256} />
        </label>
        <button type="submit">{t('shop.signin.button')}</button>
      </form>
      <p>
        <a href="/signin/forgot">{t('shop.reset.link')}</a>
      </p>
      <p>
        {t('shop.signin.no_account')} <a href={`/register?next=${encodeURIComponent(next)}`}>{t('shop.nav.register')}</a>
      </p>
      <details class="panel">
        <summary>{t('shop.signin.by_code')}</summary>
        <p class="meta">{t('shop.signin.forgot')}</p>
        <form class="stack" method="post" action="/signin/code">
          <input type="hidden" name="next" value={next} />
          <PhoneField country={country} />
          <button type="submit">{t('shop.signin.send_code')}</button>
        </form>
      </details>
    </Layout>
  );
}
