import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './logger';
import { requestContext } from './request-context';
import { currentTraceparent, inChildSpan, traced, withTraceparent } from './trace';

const TRACE = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

afterEach(() => vi.restoreAllMocks());

describe('trace context on log lines', () => {
  it('puts the trace and span id of the current context on every log line, and none outside it', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await withTraceparent(TRACE, async () => {
      await Promise.resolve();
      log('info', 'inside');
    });
    log('info', 'outside');
    expect(JSON.parse(lines[0])).toMatchObject({
      message: 'inside',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
    expect(JSON.parse(lines[1])).not.toHaveProperty('traceId');
  });

  it('continues an incoming traceparent for the whole request: handlers see a new span of the same trace', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const app = new Hono().use(requestContext('gateway')).get('/', (c) => c.text(currentTraceparent() ?? 'none'));
    const seen = await (await app.request('/', { headers: { traceparent: TRACE } })).text();
    expect(seen).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(seen).not.toBe(TRACE);
  });

  it("runs a callee as a child span naming its caller, and hands the caller's context to a traced binding", async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const handed: string[] = [];
    const binding = {
      traced: (tp: string) => {
        handed.push(tp);
        return { ok: () => true };
      },
    };
    await withTraceparent(TRACE, async () => {
      expect(traced(binding).ok()).toBe(true);
      await inChildSpan(currentTraceparent(), async () => log('info', 'callee'));
    });
    expect(handed).toEqual([TRACE]);
    const callee = JSON.parse(lines[0]);
    expect(callee).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', parentSpanId: 'b7ad6b7169203331' });
    expect(callee.spanId).not.toBe('b7ad6b7169203331');
    // Outside any context a traced call starts a new trace rather than sending none.
    traced(binding);
    expect(handed[1]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
