import { translator } from '@linked-all/i18n';
import { ActionForm, when } from './kit';
import { type AdminContext, AdminLayout } from './layout';
import type { DeadLetterRow, DeadQueueRow } from './types';

/** Dead letters per service and queue (count, oldest), the oldest messages, each to view, replay or discard. */
export function AdminDeadLettersPage({
  queues,
  messages,
  open,
  missing,
  ...ctx
}: AdminContext & { queues: DeadQueueRow[]; messages: DeadLetterRow[]; open?: string; missing: string[] }) {
  const t = translator(ctx.locale);
  return (
    <AdminLayout {...ctx} title={t('admin.dead.title')}>
      {missing.length ? <p class="note err">{t('admin.audit.missing', { services: missing.join(', ') })}</p> : null}
      {queues.length === 0 ? (
        <p>{t('admin.dead.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.dead.service')}</th>
              <th>{t('admin.dead.queue')}</th>
              <th>{t('admin.dead.count')}</th>
              <th>{t('admin.dead.oldest')}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr>
                <td>{q.service}</td>
                <td>{q.queue}</td>
                <td>{q.count}</td>
                <td>{when(q.oldest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {messages.length ? (
        <table>
          <thead>
            <tr>
              <th>{t('admin.dead.message')}</th>
              <th>{t('admin.dead.attempts')}</th>
              <th>{t('admin.dead.received')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr id={m.messageId}>
                <td>
                  <a href={`/admin/dead-letters?open=${encodeURIComponent(m.messageId)}#${m.messageId}`}>{m.messageId}</a>
                  <br />
                  <small>
                    {m.service} · {m.queue}
                  </small>
                  {open === m.messageId ? <pre>{m.body.slice(0, 4000)}</pre> : null}
                </td>
                <td>{m.attempts}</td>
                <td>{when(m.receivedAt)}</td>
                <td>
                  <ActionForm
                    action={`/admin/dead-letters/${m.service}/${encodeURIComponent(m.messageId)}/replay`}
                    label={t('admin.dead.replay')}
                    t={t}
                  />{' '}
                  <ActionForm
                    action={`/admin/dead-letters/${m.service}/${encodeURIComponent(m.messageId)}/discard`}
                    label={t('admin.dead.discard')}
                    t={t}
                    reason
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminLayout>
  );
}
