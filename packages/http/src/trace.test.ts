import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './logger';
import { requestContext } from './request-context';
import { currentTraceparent, withTraceparent } from './trace';

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
});
