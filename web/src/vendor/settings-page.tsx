import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';
import type { Shop, ShopRole, StaffMember } from './types';

/** A role the owner may give, with the permissions it carries (the gateway reads them from @linked-all/auth). */
export type RoleChoice = {
  role: Exclude<ShopRole, 'owner'>;
  permissions: readonly ('orders' | 'catalog' | 'finance' | 'staff' | 'settings')[];
};

type Props = VendorContext & {
  shop: Shop;
  staff: StaffMember[];
  /** The owner's: the shop profile, the payout phone and the staff are theirs to change. */
  isOwner: boolean;
  roles: readonly RoleChoice[];
  /** A payout phone waiting for the code sent to it (the owner asked a moment ago). */
  pendingPhone?: string;
};

/** `/vendor/settings`: the shop profile and payout phone, and the staff with their roles. */
export function SettingsPage({ shop, staff, isOwner, roles, pendingPhone, ...ctx }: Props) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.settings.title')} nav>
      <h1>{t('vendor.settings.title')}</h1>
      <section class="panel">
        <h2>{t('vendor.settings.shop')}</h2>
        {isOwner ? (
          <form class="stack" method="post" action="/vendor/settings/profile">
            <KeyField />
            <label>
              {t('vendor.settings.name')}
              <input name="businessName" value={shop.businessName} required minlength={2} maxlength={100} />
            </label>
            <button type="submit">{t('vendor.settings.save')}</button>
          </form>
        ) : null}
        <table>
          <tbody>
            {isOwner ? null : (
              <tr>
                <th>{t('vendor.settings.name')}</th>
                <td>{shop.businessName}</td>
              </tr>
            )}
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
        <p class="meta">{t('vendor.settings.fixed')}</p>
      </section>
      <section class="panel">
        <h2>{t('vendor.settings.payout_phone')}</h2>
        <p class="meta">{t('vendor.settings.phone_owner')}</p>
        {isOwner && pendingPhone ? (
          <form class="stack" method="post" action="/vendor/settings/payout-phone/confirm">
            <KeyField />
            <input type="hidden" name="phone" value={pendingPhone} />
            <label>
              {t('vendor.settings.phone_code', { phone: pendingPhone })}
              <input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength={8} />
            </label>
            <button type="submit">{t('vendor.settings.phone_confirm')}</button>
          </form>
        ) : null}
        {isOwner ? (
          <form class="stack" method="post" action="/vendor/settings/payout-phone">
            <KeyField />
            <label>
              {t('vendor.settings.phone_new')}
              <input name="phone" type="tel" required maxlength={20} placeholder="+254712345678" />
            </label>
            <button type="submit" class={pendingPhone ? 'alt' : undefined}>
              {t('vendor.settings.phone_send')}
            </button>
          </form>
        ) : null}
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
            <span class="tag">{t(`vendor.role.${member.role}`)}</span>
            {isOwner && member.role !== 'owner' ? (
              <form method="post" action={`/vendor/staff/${member.userId}/remove`}>
                <button type="submit" class="alt">
                  {t('vendor.settings.remove')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {isOwner ? (
        <form class="panel stack" method="post" action="/vendor/staff">
          <KeyField />
          <label>
            {t('vendor.settings.invite')}
            <input name="phone" type="tel" required maxlength={20} placeholder="+254712345678" />
          </label>
          <label>
            {t('vendor.settings.role')}{' '}
            <select name="role">
              {roles.map(({ role, permissions }) => (
                <option value={role}>
                  {`${t(`vendor.role.${role}`)} · ${permissions.map((p) => t(`vendor.permission.${p}`)).join(', ')}`}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('vendor.settings.send')}</button>
        </form>
      ) : null}
    </VendorLayout>
  );
}
