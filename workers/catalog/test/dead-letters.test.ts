// Dead letters (issue 15): the console sees each queue's count and oldest message, replays a
// message through the catalog's own consumer (processed once by event id, however often it is
// replayed or dead-lettered) or discards it with a reason; both audited in the same batch.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { productVersionKey } from '@linked-all/cache';
import { ProductUpdated } from '@linked-all/events';
import { uuidv7 } from '@linked-all/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog, VENDOR_A } from './fixtures';

const ADMIN = 'usr_deadletters';
const event = ProductUpdated.envelope.parse({
  id: uuidv7(),
  type: 'product.updated',
  version: 1,
  occurredAt: new Date().toISOString(),
  data: { productId: P.samsung, vendorId: VENDOR_A, status: 'active', fields: ['title'] },
});

async function deadLetter(messageId: string, body: unknown, receivedAt = Date.now()) {
  await env.DB.prepare('INSERT INTO dead_letters (message_id, queue, body, attempts, received_at) VALUES (?, ?, ?, 6, ?)')
    .bind(messageId, 'catalog-events-dlq', JSON.stringify(body), receivedAt)
    .run();
}

const auditOf = async (target: string) =>
  (await env.DB.prepare('SELECT actor, action, reason FROM admin_audit WHERE target = ? ORDER BY id').bind(target).all()).results;

beforeAll(async () => {
  await seedCatalog(env.DB);
  // The same event dead-lettered twice (a redelivery of a message that kept failing).
  await deadLetter('msg-first-copy', event, Date.parse('2026-12-01T10:00:00Z'));
  await deadLetter('msg-second-copy', event, Date.parse('2026-12-01T11:00:00Z'));
  await deadLetter('msg-junk', { not: 'an event' }, Date.parse('2026-12-02T09:00:00Z'));
});

describe('dead letters in the console', () => {
  it('counts each queue with its oldest message, and lists the messages oldest first', async () => {
    const { queues, messages } = await exports.default.adminDeadLetters();
    expect(queues).toEqual([{ queue: 'catalog-events-dlq', count: 3, oldest: '2026-12-01T10:00:00.000Z' }]);
    expect(messages.map((m) => m.messageId)).toEqual(['msg-first-copy', 'msg-second-copy', 'msg-junk']);
    expect(JSON.parse(messages[0]?.body ?? '{}').id).toBe(event.id);
  });

  it('replays through the consumer once: a second replay, or the second copy of the event, processes nothing', async () => {
    const rpc = exports.default;
    expect(await rpc.adminReplayDeadLetter('msg-first-copy', ADMIN)).toBe('replayed');
    // The consumer bumped the product's cache version to the event id, and marked the event processed.
    expect(await env.CACHE.get(productVersionKey(P.samsung))).toBe(event.id);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM processed_events WHERE id = ?').bind(event.id).first('n')).toBe(1);
    // A later change moved the version on; processing the event again would move it back.
    await env.CACHE.put(productVersionKey(P.samsung), 'a-later-change');
    const [again, copy] = await Promise.all([
      rpc.adminReplayDeadLetter('msg-first-copy', ADMIN),
      rpc.adminReplayDeadLetter('msg-second-copy', ADMIN),
    ]);
    expect(again).toBe('already_replayed');
    expect(copy).toBe('replayed');
    expect(await env.CACHE.get(productVersionKey(P.samsung))).toBe('a-later-change');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM processed_events WHERE id = ?').bind(event.id).first('n')).toBe(1);
    expect(await auditOf('msg-first-copy')).toEqual([{ actor: ADMIN, action: 'dead_letter.replay', reason: null }]);
    expect(await auditOf('msg-second-copy')).toHaveLength(1);
    expect(await rpc.adminReplayDeadLetter('msg-never-was', ADMIN)).toBe('not_found');
  });

  it('discards with a reason (audited), once', async () => {
    const rpc = exports.default;
    expect(await rpc.adminDiscardDeadLetter('msg-junk', ADMIN, 'Not an event')).toBe(true);
    expect(await rpc.adminDiscardDeadLetter('msg-junk', ADMIN, 'Not an event')).toBe(false);
    expect(await auditOf('msg-junk')).toEqual([{ actor: ADMIN, action: 'dead_letter.discard', reason: 'Not an event' }]);
    expect((await rpc.adminDeadLetters()).queues).toEqual([]);
  });
});
