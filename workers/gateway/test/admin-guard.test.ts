import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { get } from './helpers';

const asUser = async (role: 'shopper' | 'vendor' | 'admin') => ({
  cookie: `la_at=${await mintDevToken({ userId: `usr_guard${role}`, role, vendorId: role === 'vendor' ? 'vnd_guard' : undefined })}`,
});

describe('the console door', () => {
  it('sends a visitor who is not signed in to the sign-in page and back', async () => {
    const response = await get('/admin/orders?q=1', { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin?next=%2Fadmin%2Forders');
  });

  it('refuses shoppers and vendors with a 403 page in their language, never cached', async () => {
    for (const role of ['shopper', 'vendor'] as const) {
      const response = await get('/admin', { redirect: 'manual', headers: { ...(await asUser(role)), 'accept-language': 'fr' } });
      expect(response.status, (await response.clone().text()).slice(0, 600)).toBe(403);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(await response.text()).toContain('Cette console est réservée aux opérateurs.');
    }
  });

  it('lets an admin through', async () => {
    const response = await get('/admin/audit', { redirect: 'manual', headers: await asUser('admin') });
    expect(response.status).not.toBe(303);
    expect(response.status).not.toBe(403);
  });
});
