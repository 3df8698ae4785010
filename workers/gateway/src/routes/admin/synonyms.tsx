import { SynonymGroupInput, SynonymTerm } from '@linked-all/catalog/contract';
import { traced } from '@linked-all/http';
import { translator } from '@linked-all/i18n';
import { AdminSynonymsPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PageCtx, PagesEnv } from '../../page-response';
import { adminContext, adminOf } from './guard';
import { ADMIN_FORM_LIMIT, form, sendScreen } from './kit';

// Search synonyms (issue 16): kept by the catalog, which audits each change and bumps the listing
// version so search uses it at once. The screen's one-time notices are codes in the URL, never text.
const DONE = { saved: 'discover.synonyms.saved', removed: 'discover.synonyms.removed' } as const;

async function synonymsScreen(c: PageCtx, status: ContentfulStatusCode = 200, error?: string) {
  const ctx = adminContext(c);
  const t = translator(ctx.locale);
  const done = c.req.query('done');
  const flash = done === 'saved' || done === 'removed' ? t(DONE[done]) : undefined;
  const { items } = await traced(c.env.CATALOG).adminSynonyms();
  return sendScreen(c, <AdminSynonymsPage {...ctx} flash={error ? undefined : flash} error={error} groups={items} />, status);
}

const words = (c: PageCtx) => translator(adminContext(c).locale);

export const synonymRoutes = new Hono<PagesEnv>()
  .get('/synonyms', (c) => synonymsScreen(c))
  .post('/synonyms', ADMIN_FORM_LIMIT, async (c) => {
    const admin = await adminOf(c);
    const body = await form(c);
    const group = SynonymGroupInput.safeParse({
      term: body.term ?? '',
      synonyms: (body.synonyms ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      twoWay: body.twoWay === 'on',
    });
    if (!group.success) return synonymsScreen(c, 400, words(c)('discover.synonyms.invalid'));
    const added = await traced(c.env.CATALOG).adminAddSynonyms(group.data, admin.userId);
    if (!added.ok) return synonymsScreen(c, 400, words(c)('discover.synonyms.invalid'));
    return c.redirect('/admin/synonyms?done=saved', 303);
  })
  .post('/synonyms/:term/remove', ADMIN_FORM_LIMIT, async (c) => {
    const admin = await adminOf(c);
    const term = SynonymTerm.safeParse(c.req.param('term'));
    if (!term.success) return synonymsScreen(c, 400, words(c)('discover.synonyms.invalid'));
    const { removed } = await traced(c.env.CATALOG).adminRemoveSynonyms(term.data, admin.userId);
    if (!removed) return synonymsScreen(c, 404, words(c)('discover.synonyms.missing'));
    return c.redirect('/admin/synonyms?done=removed', 303);
  });
