import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';
import type { Shop, StaffMember } from './types';

/** `/vendor/settings`: the shop profile and payout phone, and (owner) the staff. */
export function SettingsPage({ shop, staff, ...ctx }: VendorContext & { shop: Shop; staff: StaffMember[] }) {
  const t = wordsFor(ctx);
  const owner = shop.myRole === 'owner';
  return (
    <VendorLayout {...ctx} title={t('vendor.settings.title')} nav>
      <h1>{t('vendor.settings.title')}</h1>
      <section class="panel">
        <h2>{t('vendor.settings.shop')}</h2>
        <table>
          <tbody>
            <tr>
              <th>{t('vendor.settings.name')}</th>
              <td>{shop.businessName}</td>
            </tr>
            <tr>
              <th>{t('vendor.settings.country')}</th>
              <td>{shop.country}</td>
            </tr>
            <tr>
              <th>{t('vendor.settings.currency')}</th>
              <td>{shop.currency}</td>
            </tr>
            <tr>
              <th>{t('vendor.settings.payout_phone')}</th>
              <td>{shop.payoutPhone}</td>
            </tr>
          </tbody>
        </table>
        <p class="meta">{t('vendor.settings.readonly')}</p>
      </section>
      <h2>{t('vendor.settings.staff')}</h2>
      <ul class="list">
        {staff.map((member) => (
          <li class="row">
            <span>
              {member.name}
              <br />
              <span class="meta">{member.phone}</span>
            </span>
            <span class="tag">{t(member.role === 'owner' ? 'vendor.settings.owner' : 'vendor.settings.member')}</span>
            {owner && member.role !== 'owner' ? (
              <form method="post" action={`/vendor/staff/${member.userId}/remove`}>
                <button type="submit" class="alt">
                  {t('vendor.settings.remove')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {owner ? (
        <form class="panel stack" method="post" action="/vendor/staff">
          <KeyField />
          <label>
            {t('vendor.settings.invite')}
            <input name="phone" type="tel" required maxlength={20} placeholder="+254712345678" />
          </label>
          <button type="submit">{t('vendor.settings.send')}</button>
        </form>
      ) : null}
    </VendorLayout>
  );
}
