import { translator } from '@linked-all/i18n';
import { ActionForm, when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { VendorApplication, VendorStatus } from './types';

const STATUSES: VendorStatus[] = ['pending', 'approved', 'suspended', 'closed'];

/** Vendor applications and shops by status, each with every field it was given and what may be done to it. */
export function AdminVendorsPage({
  vendors,
  status,
  next,
  ...ctx
}: AdminContext & { vendors: VendorApplication[]; status: VendorStatus; next: string | null }) {
  const t = translator(ctx.locale);
  const back = `status=${status}`;
  return (
    <AdminLayout {...ctx} title={t('admin.vendors.title')}>
      <p>
        {STATUSES.map((s) => (
          <>
            <a href={`/admin/vendors?status=${s}`} aria-current={s === status ? 'page' : undefined}>
              {t(`admin.vendors.status.${s}`)}
            </a>{' '}
          </>
        ))}
      </p>
      {vendors.length === 0 ? (
        <p>{t('admin.vendors.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.vendors.shop')}</th>
              <th>{t('admin.vendors.fields')}</th>
              <th>{t('admin.vendors.applied')}</th>
              <th>{t('admin.vendors.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {vendors.map((v) => (
              <tr id={v.id}>
                <td>
                  <b>{v.businessName}</b>
                  <br />
                  <small>{v.id}</small>
                </td>
                <td>
                  {t('admin.vendors.country')}: {v.country} · {t('admin.vendors.currency')}: {v.currency} ·{' '}
                  {t('admin.vendors.payout_phone')}: {v.payoutPhone}
                  {v.statusReason ? (
                    <>
                      <br />
                      {t('admin.vendors.reason')}: {v.statusReason}
                    </>
                  ) : null}
                </td>
                <td>{when(v.createdAt)}</td>
                <td>
                  {v.status === 'pending' || v.status === 'suspended' ? (
                    <ActionForm action={`/admin/vendors/${v.id}/approve?${back}`} label={t('admin.vendors.approve')} t={t} />
                  ) : null}
                  {v.status === 'approved' ? (
                    <ActionForm
                      action={`/admin/vendors/${v.id}/suspend?${back}`}
                      label={t('admin.vendors.suspend')}
                      t={t}
                      reason
                    />
                  ) : null}
                  {v.status === 'suspended' ? (
                    <ActionForm action={`/admin/vendors/${v.id}/close?${back}`} label={t('admin.vendors.close')} t={t} reason />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? <a href={`/admin/vendors?${back}&cursor=${encodeURIComponent(next)}`}>{t('admin.form.more')}</a> : null}
    </AdminLayout>
  );
}
