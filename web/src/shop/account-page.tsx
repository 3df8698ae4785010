import { countryName, type ShopCountry } from '../components/countries';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import { AddressForm } from './address-form';
import { Problem } from './checkout-page';
import { PushControl } from './push-control';
import type { Address, FormError } from './types';

type Props = PageContext & {
  user: { name: string; phone: string; email: string | null };
  addresses: Address[];
  /** The shop country, chosen first in the new-address form. */
  country: ShopCountry;
  flash?: string;
  addressError?: FormError;
  /** Why the password change was refused, in the shopper's words. */
  passwordError?: string;
};

/** `/account`: who I am, my delivery addresses (add, delete), sign out. */
export function AccountPage({ user, addresses, country, flash, addressError, passwordError, ...ctx }: Props) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.account.title')} noindex>
      <h1>{t('shop.account.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      <section class="panel" aria-labelledby="profile">
        <h2 id="profile">{user.name}</h2>
        <p class="meta">{t('shop.account.phone', { phone: user.phone })}</p>
        {user.email ? <p class="meta">{t('shop.account.email', { email: user.email })}</p> : null}
        <p>
          <a href="/orders">{t('shop.orders.title')}</a> · <a href="/wallet">{t('shop.nav.wallet')}</a>
        </p>
      </section>
      <section class="panel" aria-labelledby="addresses">
        <h2 id="addresses">{t('shop.account.addresses')}</h2>
        {addresses.length === 0 ? <p>{t('shop.account.no_addresses')}</p> : null}
        <ul class="lines">
          {addresses.map((a) => (
            <li>
              <div class="row">
                <span>
                  {a.label ? <strong>{a.label}: </strong> : null}
                  {a.landmark}, {a.city}, {countryName(t, a.country)}
                  {a.isDefault ? <span class="meta">{t('shop.account.default')}</span> : null}
                </span>
                <form method="post" action={`/account/addresses/${a.id}/delete`}>
                  <button type="submit" class="link">
                    {t('shop.account.delete')}
                  </button>
                </form>
              </div>
              {a.isDefault ? null : (
                <form method="post" action={`/account/addresses/${a.id}/default`}>
                  <button type="submit" class="link">
                    {t('shop.account.make_default')}
                  </button>
                </form>
              )}
              <details>
                <summary>{t('shop.account.edit')}</summary>
                <AddressForm action={`/account/addresses/${a.id}`} value={a} button={t('shop.account.save')} />
              </details>
            </li>
          ))}
        </ul>
        <details open={addresses.length === 0 || addressError !== undefined}>
          <summary>{t('shop.checkout.add_address')}</summary>
          {addressError ? <Problem error={addressError} /> : null}
          <AddressForm action="/account/addresses" country={country} />
        </details>
      </section>
      <section class="panel" aria-labelledby="password">
        <h2 id="password">{t('shop.account.password')}</h2>
        <details open={passwordError !== undefined}>
          <summary>{t('shop.account.password_button')}</summary>
          {passwordError ? <Problem error={{ message: passwordError }} /> : null}
          <form class="stack" method="post" action="/account/password">
            <label>
              {t('shop.account.password_current')}
              <input type="password" name="currentPassword" autocomplete="current-password" required maxlength={256} />
            </label>
            <label>
              {t('shop.reset.new_password')}
              <input type="password" name="password" autocomplete="new-password" required minlength={8} maxlength={256} />
            </label>
            <p class="meta">{t('shop.account.password_note')}</p>
            <button type="submit">{t('shop.account.password_button')}</button>
          </form>
        </details>
      </section>
      {/* Last: the script shows it only where Push works, and nothing below it moves when it appears. */}
      <PushControl />
      <form method="post" action="/signout">
        <button type="submit" class="link">
          {t('shop.orders.sign_out')}
        </button>
      </form>
    </Layout>
  );
}
