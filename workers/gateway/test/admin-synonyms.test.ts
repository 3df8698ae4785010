// The console's synonym screen (issue 16), as a browser with JavaScript off: the catalog keeps the
// groups and audits each change; search uses a new group at once.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { consoleBrowser, redirected, screen } from './admin-browser';
import { get } from './helpers';

const audited = (action: string, target: string) =>
  env.CATALOG_DB.prepare('SELECT actor, action, target FROM admin_audit WHERE action = ? AND target = ?')
    .bind(action, target)
    .all();

describe('/admin/synonyms', () => {
  it('sends a visitor who is not signed in to sign in, and refuses a shopper (403) without changing anything', async () => {
    const anonymous = await get('/admin/synonyms', { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/signin');
    const shopper = await consoleBrowser('shopper');
    await screen(await shopper.open('/admin/synonyms'), 403);
    await screen(await shopper.post('/admin/synonyms', { term: 'nyama', synonyms: 'meat' }), 403);
    await screen(await shopper.post('/admin/synonyms/fridge/remove'), 403);
    expect((await audited('synonym.add', 'synonym:nyama')).results).toEqual([]);
    expect(await env.CATALOG_DB.prepare("SELECT count(*) AS n FROM search_synonyms WHERE term = 'fridge'").first()).toEqual({
      n: 1,
    });
  });

  it('lists the groups, adds one (audited) and removes it', async () => {
    const admin = await consoleBrowser();
    expect(await screen(await admin.open('/admin/synonyms'))).toContain('refrigerator');
    redirected(
      await admin.post('/admin/synonyms', { term: 'Nyama', synonyms: 'meat, beef', twoWay: 'on' }),
      '/admin/synonyms?done=saved',
    );
    const listed = await screen(await admin.open('/admin/synonyms?done=saved'));
    expect(listed).toContain('Synonyms saved');
    expect(listed).toContain('<td>nyama</td><td>beef, meat</td>');
    expect((await audited('synonym.add', 'synonym:nyama')).results).toEqual([
      { actor: admin.userId, action: 'synonym.add', target: 'synonym:nyama' },
    ]);
    redirected(await admin.post('/admin/synonyms/nyama/remove'), '/admin/synonyms?done=removed');
    // The reverse pairs of the two-way group are groups of their own (beef → nyama), still listed.
    const after = await screen(await admin.open('/admin/synonyms'));
    expect(after).not.toContain('<td>nyama</td><td>beef, meat</td>');
    expect(after).toContain('<td>beef</td><td>nyama</td>');
    expect((await audited('synonym.remove', 'synonym:nyama')).results).toHaveLength(1);
  });

  it('answers bad input with the screen again and a 4xx, never a 500', async () => {
    const admin = await consoleBrowser();
    expect(await screen(await admin.post('/admin/synonyms', { term: 'two words', synonyms: 'x' }), 400)).toContain(
      'Check the term',
    );
    await screen(await admin.post('/admin/synonyms', { term: 'nyama', synonyms: '' }), 400);
    await screen(await admin.post('/admin/synonyms', { term: 'nyama', synonyms: 'nyama' }), 400);
    await screen(await admin.post('/admin/synonyms/%3Cscript%3E/remove'), 400);
    expect(await screen(await admin.post('/admin/synonyms/neverheardof/remove'), 404)).toContain('has no synonyms');
    expect((await audited('synonym.remove', 'synonym:neverheardof')).results).toEqual([]);
  });
});
