import { CURRENCIES } from '@linked-all/money';
import { day } from './format';
import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';
import type { Invitation, Shop } from './types';

/** `/vendor/signin`: the same account and session cookies as the shop, then on to the app. */
export function VendorSignInPage({ identifier, ...ctx }: VendorContext & { identifier?: string }) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.signin.title')}>
      <h1>{t('vendor.signin.title')}</h1>
      <form class="panel stack" method="post" action="/vendor/signin">
        <label>
          {t('vendor.signin.identifier')}
          <input name="identifier" value={identifier} autocomplete="username" required maxlength={254} />
        </label>
        <label>
          {t('vendor.signin.password')}
          <input type="password" name="password" autocomplete="current-password" required maxlength={256} />
        </label>
        <button type="submit">{t('vendor.signin.submit')}</button>
      </form>
    </VendorLayout>
  );
}

// The shop's countries are those of our currencies (a shop sells in its country's currency).
const SHOP_COUNTRIES = Object.entries(CURRENCIES)
  .filter(([, c]) => c.country !== 'US')
  .map(([currency, c]) => ({ country: c.country, currency }));

type OnboardingProps = VendorContext & {
  /** The shop this account applied for, when it did. */
  shop: Shop | null;
  invitations: Invitation[];
  form?: { businessName?: string; country?: string; payoutPhone?: string };
};

/** `/vendor` before the shop is open: apply, see the application, answer staff invitations. */
export function OnboardingPage({ shop, invitations, form = {}, ...ctx }: OnboardingProps) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.onboard.title')} refreshSeconds={shop?.status === 'pending' ? 60 : undefined}>
      <h1>{t('vendor.onboard.title')}</h1>
      {shop ? (
        <section class="panel">
          <p>{t('vendor.onboard.status', { shop: shop.businessName, status: t(`vendor.shop.${shop.status}`) })}</p>
          {shop.status === 'pending' ? <p>{t('vendor.onboard.pending')}</p> : null}
          {shop.statusReason ? <p>{t('vendor.onboard.reason', { reason: shop.statusReason })}</p> : null}
        </section>
      ) : (
        <form class="panel stack" method="post" action="/vendor/apply">
          <p>{t('vendor.onboard.intro')}</p>
          <KeyField />
          <label>
            {t('vendor.onboard.business')}
            <input name="businessName" value={form.businessName} required minlength={2} maxlength={100} />
          </label>
          <label>
            {t('vendor.onboard.country')}
            {/* The currency follows the country (identity refuses any other). */}
            <select name="country" required>
              {SHOP_COUNTRIES.map(({ country, currency }) => (
                <option value={country} selected={form.country === country}>
                  {`${country} · ${currency}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('vendor.onboard.payout_phone')}
            <input name="payoutPhone" type="tel" value={form.payoutPhone} required maxlength={20} placeholder="+254712345678" />
          </label>
          <button type="submit">{t('vendor.onboard.apply')}</button>
        </form>
      )}
      {invitations.length ? (
        <section>
          <h2>{t('vendor.onboard.invitations')}</h2>
          <ul class="list">
            {invitations.map((inv) => (
              <li class="row">
                <span>
                  {t('vendor.onboard.invited', { shop: inv.vendor.businessName, date: day(ctx.locale, inv.expiresAt) })}{' '}
                  {t('vendor.onboard.as', { role: t(`vendor.role.${inv.role}`) })}
                </span>
                <form method="post" action={`/vendor/invitations/${inv.id}/accept`}>
                  <button type="submit">{t('vendor.onboard.join')}</button>
                </form>
                <form method="post" action={`/vendor/invitations/${inv.id}/decline`}>
                  <button type="submit" class="alt">
                    {t('vendor.onboard.decline')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </VendorLayout>
  );
}

/** The currency a shop in this country sells in. */
export const currencyOf = (country: string): string | undefined => SHOP_COUNTRIES.find((c) => c.country === country)?.currency;
