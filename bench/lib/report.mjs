// How every benchmark reports: a table and a percentile chart in the terminal, one summary
// line, and bench/results/<name>-<date>.json with an SVG chart of the latency percentiles beside it.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats.mjs';

/** The machine a result was measured on, with the load before and after. */
export function machine(loadAvgBefore) {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    loadAvgBefore,
    loadAvgAfter: os.loadavg().map((l) => round(l)),
    node: process.version,
  };
}

/** A fixed-width table; `rows[0]` is the header, first column left-aligned. */
export function table(rows) {
  const cells = rows.map((r) => r.map((c) => (c == null ? '–' : String(c))));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells
    .map(
      (r, j) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') +
        (j === 0 ? `\n${widths.map((w) => '─'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

/** Horizontal bars of p50/p95/p99 per series, on one scale. `series`: [{ label, latencyMs }]. */
export function terminalChart(series, width = 50) {
  const max = Math.max(1, ...series.map((s) => s.latencyMs.p99 ?? 0));
  const lines = [];
  for (const s of series) {
    for (const p of ['p50', 'p95', 'p99']) {
      const v = s.latencyMs[p] ?? 0;
      lines.push(`${`${s.label} ${p}`.padEnd(28)} ${'█'.repeat(Math.max(1, Math.round((v / max) * width)))} ${v} ms`);
    }
  }
  return lines.join('\n');
}

/** An SVG bar chart of p50/p95/p99 per series (no dependencies, readable in any browser). */
export function svgChart(title, series) {
  const max = Math.max(1, ...series.map((s) => s.latencyMs.p99 ?? 0));
  const rowH = 18;
  const left = 230;
  const barW = 420;
  const colours = { p50: '#2b8a3e', p95: '#e8590c', p99: '#c92a2a' };
  const rows = series.flatMap((s) => ['p50', 'p95', 'p99'].map((p) => ({ label: `${s.label} ${p}`, p, v: s.latencyMs[p] ?? 0 })));
  const height = 40 + rows.length * rowH;
  const esc = (t) => String(t).replace(/[<>&]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[ch]);
  const bars = rows
    .map((r, i) => {
      const y = 30 + i * rowH;
      const w = Math.max(1, (r.v / max) * barW);
      return `<text x="${left - 6}" y="${y + 12}" text-anchor="end">${esc(r.label)}</text><rect x="${left}" y="${y}" width="${round(w, 1)}" height="${rowH - 4}" fill="${colours[r.p]}"/><text x="${left + w + 4}" y="${y + 12}">${r.v} ms</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + barW + 90}" height="${height}" font-family="sans-serif" font-size="11"><text x="8" y="18" font-size="13" font-weight="bold">${esc(title)}</text>${bars}</svg>\n`;
}

/** Writes the JSON result (and the SVG chart when given series) under `outDir`; returns the JSON path. */
export function writeResult(outDir, name, startedAt, report, series) {
  mkdirSync(outDir, { recursive: true });
  const stem = path.join(outDir, `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  if (series?.length) writeFileSync(`${stem}.svg`, svgChart(`${name} — latency percentiles (ms)`, series));
  return `${stem}.json`;
}
