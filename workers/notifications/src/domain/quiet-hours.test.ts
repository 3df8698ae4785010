import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours';

const at = (iso: string) => Date.parse(iso);

describe('quietUntil', () => {
  const nightInNairobi = { start: 22 * 60, end: 7 * 60, utcOffsetMinutes: 180 };

  it('holds a message sent at 23:30 Nairobi time until 07:00 there', () => {
    expect(quietUntil(nightInNairobi, at('2026-12-03T20:30:00Z'))).toBe(at('2026-12-04T04:00:00Z'));
  });

  it('lets a message through at 12:00 Nairobi time', () => {
    expect(quietUntil(nightInNairobi, at('2026-12-03T09:00:00Z'))).toBeNull();
  });

  it('holds within same-day hours and never without any', () => {
    expect(quietUntil({ start: 60, end: 120, utcOffsetMinutes: 0 }, at('2026-12-03T01:30:00Z'))).toBe(at('2026-12-03T02:00:00Z'));
    expect(quietUntil(null, at('2026-12-03T01:30:00Z'))).toBeNull();
  });
});
