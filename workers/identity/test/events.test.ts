import { env } from 'cloudflare:test';
import { IdentityEvent } from '@linked-all/events';
import { describe, expect, it } from 'vitest';
import { relayIdentityOutbox } from '../src/domain/relay';
import { registerShopper } from './fixtures';

describe('the outbox', () => {
  it('keeps every user event until it is relayed, then marks it sent; each parses as a IdentityEvent', async () => {
    await registerShopper();
    // Whatever the request's own relay managed, the sweep (the cron's job) leaves nothing unsent.
    await relayIdentityOutbox(env);
    const unsent = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').first<{ n: number }>();
    expect(unsent?.n).toBe(0);
    const { results } = await env.DB.prepare('SELECT body FROM outbox').all<{ body: string }>();
    const types = results.map((r) => IdentityEvent.parse(JSON.parse(r.body)).type);
    expect(types).toEqual(expect.arrayContaining(['user.created', 'user.login']));
  });

  it('sends what a crash left behind when the cron runs', async () => {
    await env.DB.prepare('UPDATE outbox SET sent_at = NULL').run();
    expect(await relayIdentityOutbox(env)).toBeGreaterThan(0);
    expect(await relayIdentityOutbox(env)).toBe(0);
  });
});
