const MINUTES_PER_DAY = 1440;

export type QuietHours = { start: number; end: number; utcOffsetMinutes: number };

/**
 * When a message held by quiet hours may go, or null when `now` is outside them. Hours may wrap
 * midnight (22:00–07:00). Times are the user's local minutes after midnight.
 */
export function quietUntil(quiet: QuietHours | null, now: number): number | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const local = (((Math.floor(now / 60_000) + quiet.utcOffsetMinutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const inside = quiet.start < quiet.end ? local >= quiet.start && local < quiet.end : local >= quiet.start || local < quiet.end;
  if (!inside) return null;
  const wait = (quiet.end - local + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return (Math.floor(now / 60_000) + wait) * 60_000;
}
