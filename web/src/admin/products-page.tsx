import { translator } from '@linked-all/i18n';
import { ActionForm, when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { ProductQueueName, QueuedProduct } from './types';

const QUEUES = {
  new: 'admin.products.queue_new',
  edited: 'admin.products.queue_edited',
  hidden: 'admin.products.queue_hidden',
} as const;

/** The moderation queue: new and edited listings, each to keep or hide with a reason; the hidden ones with why. */
export function AdminProductsPage({
  products,
  queue,
  ...ctx
}: AdminContext & { products: QueuedProduct[]; queue: ProductQueueName }) {
  const t = translator(ctx.locale);
  return (
    <AdminLayout {...ctx} title={t('admin.products.title')}>
      <p>
        {(Object.keys(QUEUES) as ProductQueueName[]).map((q) => (
          <>
            <a href={`/admin/products?queue=${q}`} aria-current={q === queue ? 'page' : undefined}>
              {t(QUEUES[q])}
            </a>{' '}
          </>
        ))}
      </p>
      {products.length === 0 ? (
        <p>{t('admin.products.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.products.product')}</th>
              <th>{t('admin.products.shop')}</th>
              <th>{t('admin.products.changed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr id={p.id}>
                <td>
                  <a href={`/p/${p.id}`}>{p.title}</a>
                  <br />
                  <small>
                    {p.id} · v{p.version}
                  </small>
                </td>
                <td>{p.vendorName}</td>
                <td>{when(p.updatedAt)}</td>
                <td>
                  {p.hiddenReason ? (
                    t('admin.products.hidden_because', { reason: p.hiddenReason })
                  ) : (
                    <>
                      <ActionForm action={`/admin/products/${p.id}/pass?queue=${queue}`} label={t('admin.products.pass')} t={t} />{' '}
                      <ActionForm
                        action={`/admin/products/${p.id}/hide?queue=${queue}`}
                        label={t('admin.products.hide')}
                        t={t}
                        reason
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
