// Small server-rendered SVG charts for the console: no chart library, no script, a few hundred
// bytes each. Every chart carries a <title> and its figures are also in the tables beside it.

const W = 600;

/** Columns over time: `value` in the main colour, `alarm` (e.g. 5xx) stacked in red at its foot. */
export function ColumnChart({
  label,
  points,
  height = 120,
}: {
  label: string;
  points: { value: number; alarm?: number }[];
  height?: number;
}) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = W / Math.max(1, points.length);
  const bar = Math.max(1, step - 1);
  const h = (v: number) => (v / max) * (height - 14);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
      <title>{label}</title>
      <text x="2" y="10" font-size="10">
        {max}
      </text>
      {points.map((p, i) => (
        <g>
          <rect
            x={(i * step).toFixed(1)}
            y={(height - h(p.value)).toFixed(1)}
            width={bar.toFixed(1)}
            height={h(p.value).toFixed(1)}
            fill="#2f7d57"
          />
          {p.alarm ? (
            <rect
              x={(i * step).toFixed(1)}
              y={(height - h(p.alarm)).toFixed(1)}
              width={bar.toFixed(1)}
              height={h(p.alarm).toFixed(1)}
              fill="#b3261e"
            />
          ) : null}
        </g>
      ))}
    </svg>
  );
}

/** Horizontal bars with their figure, for a few named quantities (funnel stages, providers). */
export function BarList({
  label,
  rows,
}: {
  label: string;
  rows: { name: string; value: number; text: string; alarm?: boolean }[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 22;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${rows.length * rowH + 2}`} role="img" aria-label={label}>
      <title>{label}</title>
      {rows.map((r, i) => (
        <g>
          <rect
            x="160"
            y={i * rowH + 3}
            width={((r.value / max) * 340).toFixed(1)}
            height={rowH - 6}
            fill={r.alarm ? '#b3261e' : '#2f7d57'}
          />
          <text x="155" y={i * rowH + 15} font-size="12" text-anchor="end">
            {r.name}
          </text>
          <text x={(165 + (r.value / max) * 340).toFixed(1)} y={i * rowH + 15} font-size="12">
            {r.text}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** One ratio (0–1) as a filled gauge with its percentage; red past `alarmAbove`. */
export function Gauge({ label, ratio, text, alarmAbove }: { label: string; ratio: number; text: string; alarmAbove?: number }) {
  const alarm = alarmAbove !== undefined && ratio > alarmAbove;
  return (
    <svg class="gauge" viewBox="0 0 120 16" role="img" aria-label={`${label}: ${text}`}>
      <title>{`${label}: ${text}`}</title>
      <rect width="120" height="16" fill="#e3e7e4" />
      <rect width={(Math.min(1, Math.max(0, ratio)) * 120).toFixed(1)} height="16" fill={alarm ? '#b3261e' : '#2f7d57'} />
    </svg>
  );
}
