import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { log } from '@linked-all/http';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { aggregateKey, consumeBatch } from '../src/consume';
import { Envelope } from '../src/envelope';
import { SHARED_TABLES } from '../src/shared-tables';

const db = env.DB;
const TestEvent = Envelope.extend({ type: z.literal('order.noted'), data: z.object({ orderId: z.string(), n: z.number() }) });
type TestEvent = z.infer<typeof TestEvent>;

let seq = 0;
function event(orderId: string, n: number): TestEvent {
  return { id: crypto.randomUUID(), type: 'order.noted', version: 1, occurredAt: new Date().toISOString(), data: { orderId, n } };
}
function batchOf(bodies: unknown[], attempts = 1) {
  return createMessageBatch(
    'test-events',
    bodies.map((body) => ({ id: `m${++seq}`, timestamp: Date.now(), attempts, body })),
  );
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await db.exec(SHARED_TABLES.processed_events.replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' '));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('consumeBatch', () => {
  it('handles different aggregates side by side, at most `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    const events = Array.from({ length: 12 }, (_, i) => event(`ord_c${i}`, i));
    const batch = batchOf(events);
    const started = Date.now();
    await consumeBatch(
      batch,
      TestEvent,
      db,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(50);
        running--;
      },
      { concurrency: 4 },
    );
    expect(peak).toBe(4);
    // 12 handlers of 50 ms, 4 at a time: three rounds, not twelve.
    expect(Date.now() - started).toBeLessThan(12 * 50);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks.sort()).toEqual(batch.messages.map((m) => m.id).sort());
    expect(result.retryMessages).toEqual([]);
  });

  it('keeps the events of one aggregate in batch order, one after another', async () => {
    const seen: number[] = [];
    let running = 0;
    const events = [event('ord_same', 1), event('ord_other', 99), event('ord_same', 2), event('ord_same', 3)];
    await consumeBatch(batchOf(events), TestEvent, db, async (e) => {
      if (e.data.orderId !== 'ord_same') return;
      running++;
      expect(running).toBe(1);
      // The first one is the slowest: a later one must still wait for it.
      await sleep(e.data.n === 1 ? 60 : 5);
      seen.push(e.data.n);
      running--;
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('retries only the message whose handler failed, acks the rest, and never handles an event id twice', async () => {
    const failing = event('ord_f', 1);
    const fine = event('ord_g', 1);
    const handled: string[] = [];
    // The same event delivered twice in one batch shares its aggregate: handled once, both acked.
    const batch = batchOf([failing, fine, fine, 'not an event']);
    await consumeBatch(batch, TestEvent, db, async (e) => {
      handled.push(e.id);
      if (e.id === failing.id) throw new Error('provider down');
    });
    const result = await getQueueResult(batch, createExecutionContext());
    const [mFailing, mFine, mFineAgain, mMalformed] = batch.messages.map((m) => m.id);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([mFailing]);
    expect(result.explicitAcks.sort()).toEqual([mFine, mFineAgain, mMalformed].sort());
    expect(handled.filter((id) => id === fine.id)).toHaveLength(1);

    // Redelivered later: the processed event is acked unhandled, the failed one is handled again.
    const again = batchOf([fine, failing], 2);
    const second: string[] = [];
    await consumeBatch(again, TestEvent, db, async (e) => {
      second.push(e.id);
    });
    expect(second).toEqual([failing.id]);
    const rows = await db
      .prepare('SELECT count(*) AS n FROM processed_events WHERE id IN (?, ?)')
      .bind(fine.id, failing.id)
      .first('n');
    expect(rows).toBe(2);
  });

  it('runs the after-batch work once for every handled event before the acks, and retries the batch when it fails', async () => {
    const first = event('ord_after1', 1);
    const second = event('ord_after2', 1);
    const batch = batchOf([first, second, 'not an event']);
    const handled: string[] = [];
    let after: string[] = [];
    await consumeBatch(batch, TestEvent, db, async (e) => void handled.push(e.id), {
      afterHandled: async (events) => {
        after = events.map((e) => e.id);
        throw new Error('KV down');
      },
    });
    expect(handled.sort()).toEqual([first.id, second.id].sort());
    expect(after.sort()).toEqual([first.id, second.id].sort());
    const failed = await getQueueResult(batch, createExecutionContext());
    const [mFirst, mSecond, mMalformed] = batch.messages.map((m) => m.id);
    expect(failed.retryMessages.map((m) => m.msgId).sort()).toEqual([mFirst, mSecond].sort());
    expect(failed.explicitAcks).toEqual([mMalformed]);

    // Redelivered: the handlers are not run again, the after-batch work is, and now the batch is acked.
    const again = batchOf([first, second], 2);
    const rerun: string[] = [];
    await consumeBatch(again, TestEvent, db, async (e) => void rerun.push(e.id), {
      afterHandled: async (events) => {
        after = events.map((e) => e.id);
      },
    });
    expect(rerun).toEqual([]);
    expect(after.sort()).toEqual([first.id, second.id].sort());
    const acked = await getQueueResult(again, createExecutionContext());
    expect(acked.explicitAcks.sort()).toEqual(again.messages.map((m) => m.id).sort());
    expect(acked.retryMessages).toEqual([]);
  });

  it("writes the consumer's log lines in the producer's trace, naming the producer's span as their parent", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const producerSpan = '00f067aa0ba902b7';
    const traced = { ...event('ord_trace', 1), traceparent: `00-${traceId}-${producerSpan}-01` };
    const failing = { ...event('ord_trace_fail', 1), traceparent: `00-${traceId}-${producerSpan}-01` };
    // The lines as Workers Logs receives them: one JSON object per console line.
    const lines: Record<string, unknown>[] = [];
    const keep = (line: unknown) => {
      if (typeof line === 'string' && line.startsWith('{')) lines.push(JSON.parse(line));
    };
    vi.spyOn(console, 'log').mockImplementation(keep);
    vi.spyOn(console, 'error').mockImplementation(keep);
    await consumeBatch(batchOf([traced, failing]), TestEvent, db, async (e) => {
      log('info', 'noted', { eventId: e.id });
      if (e.id === failing.id) throw new Error('store down');
    });
    const handled = lines.find((l) => l.message === 'noted' && l.eventId === traced.id);
    expect(handled).toMatchObject({ traceId, parentSpanId: producerSpan, spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(handled?.spanId).not.toBe(producerSpan);
    // The consumer's own failure line sits in the same span as the handler's lines.
    const noted = lines.find((l) => l.message === 'noted' && l.eventId === failing.id);
    const failed = lines.find((l) => l.message === 'event handler failed' && l.eventId === failing.id);
    expect(failed).toMatchObject({ traceId, parentSpanId: producerSpan, spanId: noted?.spanId });
  });

  it('starts a new trace, without a parent span, for an event that carries none', async () => {
    const lines: Record<string, unknown>[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      if (typeof line === 'string' && line.startsWith('{')) lines.push(JSON.parse(line));
    });
    const untraced = event('ord_untraced', 1);
    await consumeBatch(batchOf([untraced]), TestEvent, db, async (e) => log('info', 'noted', { eventId: e.id }));
    const line = lines.find((l) => l.eventId === untraced.id);
    expect(line).toMatchObject({
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(line).not.toHaveProperty('parentSpanId');
  });

  it('names an aggregate by its coarsest id, else the event itself', () => {
    expect(aggregateKey({ id: 'e1', data: { shipmentId: 'shp_1', orderId: 'ord_1' } })).toBe('orderId:ord_1');
    expect(aggregateKey({ id: 'e2', data: { skuId: 'sku_1', productId: 'prd_1' } })).toBe('productId:prd_1');
    expect(aggregateKey({ id: 'e3', data: { count: 3 } })).toBe('event:e3');
  });
});
