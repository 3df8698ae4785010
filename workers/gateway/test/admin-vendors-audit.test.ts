// The console's vendor screen and audit log (issue 15), as a browser with JavaScript off.
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleBrowser, redirected, registeredShopper, screen } from './admin-browser';
import { get } from './helpers';

let vendorId: string;

beforeAll(async () => {
  const owner = await registeredShopper('applicant');
  const applied = await get('/v1/vendors', {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ businessName: 'Console Test Shop', country: 'KE', currency: 'KES', payoutPhone: '+254712000999' }),
  });
  expect(applied.status).toBe(201);
  vendorId = ((await applied.json()) as { id: string }).id;
});

describe('/admin/vendors', () => {
  it('lists applications with every field the applicant gave', async () => {
    const admin = await consoleBrowser();
    const html = await screen(await admin.open('/admin/vendors'));
    expect(html).toContain('Console Test Shop');
    expect(html).toContain('+254712000999');
    expect(html).toContain(`action="/admin/vendors/${vendorId}/approve?status=pending"`);
    expect(html).toMatch(/name="key" value="[0-9a-f-]{36}"/);
  });

  it('approves, then refuses a suspension without a reason (400, the screen again), then suspends with one', async () => {
    const admin = await consoleBrowser();
    redirected(await admin.post(`/admin/vendors/${vendorId}/approve?status=pending`), '/admin/vendors?status=pending');
    expect(await screen(await admin.open('/admin/vendors?status=approved'))).toContain('Console Test Shop');
    const refused = await screen(await admin.post(`/admin/vendors/${vendorId}/suspend?status=approved`, { reason: '' }), 400);
    expect(refused).toContain('Give a reason');
    redirected(
      await admin.post(`/admin/vendors/${vendorId}/suspend?status=approved`, { reason: 'Counterfeit phones' }),
      '/admin/vendors?status=approved',
    );
    // A second approve of the now-suspended shop is allowed (reinstating); a second suspension is a 409 page.
    const again = await screen(await admin.post(`/admin/vendors/${vendorId}/suspend?status=approved`, { reason: 'Twice' }), 409);
    expect(again).toContain('cannot be suspended');
  });

  it('shows the audit rows of those writes, filterable, and a bad filter as a 400 page', async () => {
    const admin = await consoleBrowser();
    const html = await screen(await admin.open(`/admin/audit?target=${vendorId}`));
    expect(html).toContain('vendor.approve');
    expect(html).toContain('vendor.suspend');
    expect(html).toContain('Counterfeit phones');
    expect(html).toContain(admin.userId);
    const onlySuspend = await screen(await admin.open(`/admin/audit?target=${vendorId}&action=vendor.suspend`));
    expect(onlySuspend).not.toContain('vendor.approve');
    expect(await screen(await admin.open('/admin/audit?from=not-a-date'), 400)).toContain('(from)');
  });

  it('refuses every screen and form to a shopper (403), and changes nothing', async () => {
    const shopper = await consoleBrowser('shopper');
    for (const path of ['/admin/vendors', '/admin/audit']) await screen(await shopper.open(path), 403);
    await screen(await shopper.post(`/admin/vendors/${vendorId}/close`, { reason: 'Not allowed' }), 403);
    const admin = await consoleBrowser();
    expect(await screen(await admin.open('/admin/vendors?status=suspended'))).toContain('Console Test Shop');
  });
});
