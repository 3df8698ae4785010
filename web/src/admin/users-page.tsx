import { translator } from '@linked-all/i18n';
import { ActionForm, when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { AdminUserDetail, FoundUserRow } from './types';

function SearchForm({ q, label, find }: { q: string; label: string; find: string }) {
  return (
    <form method="get" action="/admin/users">
      <label>
        {label} <input name="q" value={q} size={28} required maxLength={200} />
      </label>{' '}
      <button type="submit">{find}</button>
    </form>
  );
}

/** Search users by phone, e-mail or id. */
export function AdminUsersPage({ q, users, ...ctx }: AdminContext & { q: string; users: FoundUserRow[] | null }) {
  const t = translator(ctx.locale);
  return (
    <AdminLayout {...ctx} title={t('admin.users.title')}>
      <SearchForm q={q} label={t('admin.users.search')} find={t('admin.orders.find')} />
      {users === null ? null : users.length === 0 ? (
        <p>{t('admin.users.none')}</p>
      ) : (
        <table>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>
                  <a href={`/admin/users/${u.id}`}>{u.id}</a>
                </td>
                <td>{u.name}</td>
                <td>{u.phone}</td>
                <td>{u.email ?? ''}</td>
                <td>{u.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** One user: who they are, their shops, whether they can sign in; lock / unlock and force a password reset, each with a reason. */
export function AdminUserPage({ user, ...ctx }: AdminContext & { user: AdminUserDetail }) {
  const t = translator(ctx.locale);
  const yes = (b: boolean) => (b ? t('admin.users.yes') : t('admin.users.no'));
  return (
    <AdminLayout {...ctx} title={`${user.name} (${user.id})`}>
      {user.lock ? (
        <p class="note err" data-lock="locked">
          {t('admin.users.locked', { reason: user.lock.reason, who: user.lock.lockedBy, at: when(user.lock.lockedAt) })}
        </p>
      ) : null}
      <table>
        <tbody>
          <tr>
            <th>{t('admin.users.phone')}</th>
            <td>
              {user.phone} ({t('admin.users.verified')}: {yes(user.phoneVerified)})
            </td>
          </tr>
          <tr>
            <th>{t('admin.users.email')}</th>
            <td>{user.email ?? ''}</td>
          </tr>
          <tr>
            <th>{t('admin.users.role')}</th>
            <td>
              {user.role} · {user.language} · {when(user.createdAt)}
            </td>
          </tr>
          <tr>
            <th>{t('admin.users.shops')}</th>
            <td>
              {user.shops.length
                ? user.shops.map((s) => (
                    <div>
                      {s.businessName} ({s.vendorId}) · {s.role} · {s.status}
                    </div>
                  ))
                : '—'}
            </td>
          </tr>
          <tr>
            <th>{t('admin.users.sign_in')}</th>
            <td>
              {t('admin.users.password')}: {yes(user.passwordSet)} · {t('admin.users.sessions')}: {user.activeSessions} ·{' '}
              {t('admin.users.last_sign_in')}: {user.lastSignInAt ? when(user.lastSignInAt) : '—'}
            </td>
          </tr>
          <tr>
            <th>{t('admin.users.orders')}</th>
            <td>
              {user.recentOrders ?? '—'} · <a href={`/admin/orders?q=${encodeURIComponent(user.id)}`}>{t('admin.nav.orders')}</a>{' '}
              · <a href={`/admin/audit?target=${user.id}`}>{t('admin.nav.audit')}</a>
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        {user.lock ? (
          <ActionForm action={`/admin/users/${user.id}/unlock`} label={t('admin.users.unlock')} t={t} reason />
        ) : (
          <ActionForm action={`/admin/users/${user.id}/lock`} label={t('admin.users.lock')} t={t} reason />
        )}
      </p>
      <p>
        <ActionForm action={`/admin/users/${user.id}/reset`} label={t('admin.users.reset')} t={t} reason />
      </p>
    </AdminLayout>
  );
}
