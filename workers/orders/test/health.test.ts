import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('orders service', () => {
  it('answers health with a real D1 round trip', async () => {
    const health = await exports.default.health();
    expect(health).toMatchObject({ service: 'orders', ok: true });
  });
});
