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
};

/** `/account`: who I am, my delivery addresses (add, delete), sign out. */
export function AccountPage({ user, addresses, country, flash, addressError, ...ctx }: Props) {
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
      <PushControl />
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
      <form method="post" action="/signout">
        <button type="submit" class="link">
          {t('shop.orders.sign_out')}
        </button>
      </form>
    </Layout>
  );
}
