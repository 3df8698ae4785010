import { translator } from '@linked-all/i18n';
import { ActionForm } from './kit';
import { type AdminContext, AdminLayout } from './layout';

export type SynonymGroupRow = { term: string; synonyms: string[] };

/** Search synonyms: each term with the words a search for it also finds; add a group, remove one. */
export function AdminSynonymsPage({ groups, ...ctx }: AdminContext & { groups: SynonymGroupRow[] }) {
  const t = translator(ctx.locale);
  return (
    <AdminLayout {...ctx} title={t('discover.synonyms.title')}>
      <p>{t('discover.synonyms.help')}</p>
      <form method="post" action="/admin/synonyms">
        <input type="hidden" name="key" value={crypto.randomUUID()} />
        <label>
          {t('discover.synonyms.term')} <input name="term" required minLength={2} maxLength={40} size={16} />
        </label>{' '}
        <label>
          {t('discover.synonyms.synonyms')} <input name="synonyms" required maxLength={440} size={32} />
        </label>{' '}
        <label>
          <input type="checkbox" name="twoWay" /> {t('discover.synonyms.two_way')}
        </label>{' '}
        <button type="submit">{t('discover.synonyms.add')}</button>
      </form>
      {groups.length === 0 ? (
        <p>{t('discover.synonyms.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('discover.synonyms.term')}</th>
              <th>{t('discover.synonyms.synonyms')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr>
                <td>{g.term}</td>
                <td>{g.synonyms.join(', ')}</td>
                <td>
                  <ActionForm
                    action={`/admin/synonyms/${encodeURIComponent(g.term)}/remove`}
                    label={t('discover.synonyms.remove')}
                    t={t}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
