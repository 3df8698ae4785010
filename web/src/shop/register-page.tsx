import type { ShopCountry } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';
import { PhoneField } from '../components/phone-field';

type Props = PageContext & {
  country: ShopCountry;
  /** What the shopper typed, kept when the form comes back (never the password). */
  typed?: { phone?: string; name?: string; email?: string };
  error?: string;
  next: string;
};

/** `/register`: phone first (in the chosen country's format), name, optional e-mail, password. */
export function RegisterPage({ country, typed = {}, error, next, ...ctx }: Props) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.register.title')} noindex>
      <h1>{t('shop.register.title')}</h1>
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <form class="panel stack" method="post" action="/register">
        <input type="hidden" name="next" value={next} />
        <PhoneField country={country} phone={typed.phone} />
        <label>
          {t('shop.register.name')}
          <input name="name" value={typed.name} autocomplete="name" required maxlength={100} />
        </label>
        <label>
          {t('shop.register.email')}
          <input type="email" name="email" value={typed.email} autocomplete="email" maxlength={254} />
        </label>
        <label>
          {t('shop.register.password')}
          <input type="password" name="password" autocomplete="new-password" required minlength={8} maxlength={256} />
        </label>
        <button type="submit">{t('shop.register.button')}</button>
      </form>
      <p>
        {t('shop.register.have_account')} <a href={`/signin?next=${encodeURIComponent(next)}`}>{t('shop.nav.signin')}</a>
      </p>
    </Layout>
  );
}
