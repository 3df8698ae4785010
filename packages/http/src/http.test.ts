import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';
import { AppError } from './errors';
import { idPattern, newId, uuidv7 } from './ids';
import { nextTraceparent } from './request-context';

describe('cursors', () => {
  const Cursor = z.object({ k: z.number(), id: z.string() });

  it('round-trips a keyset position', () => {
    expect(decodeCursor(encodeCursor({ k: 12.5, id: 'prd_abc' }), Cursor)).toEqual({ k: 12.5, id: 'prd_abc' });
  });

  it.each(['', 'not base64!', encodeCursor({ k: 'x' }), encodeCursor([1, 2])])('turns a tampered cursor %j into a 400', (bad) => {
    expect(() => decodeCursor(bad, Cursor)).toThrow(AppError);
    try {
      decodeCursor(bad, Cursor);
    } catch (err) {
      expect((err as AppError).status).toBe(400);
    }
  });
});

describe('ids', () => {
  it('makes prefixed ids that sort by creation time', () => {
    const a = newId('prd', 1_700_000_000_000);
    const b = newId('prd', 1_700_000_000_001);
    expect(a).toMatch(idPattern('prd'));
    expect(a < b).toBe(true);
  });

  it('makes RFC 9562 version-7 UUIDs ordered by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_100_000);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});

describe('trace context', () => {
  it("continues the caller's trace with a new span", () => {
    const next = nextTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(next).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(next).not.toContain('00f067aa0ba902b7');
  });

  it.each([undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'])(
    'starts a new trace for %j',
    (incoming) => {
      expect(nextTraceparent(incoming)).toMatch(/^00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    },
  );
});
