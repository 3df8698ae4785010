// How busy the local runtime was: CPU time of the workerd processes this benchmark started. workerd
// runs every isolate of a process on one event-loop thread, with Miniflare's local D1, KV, Queues,
// Workflows and rate limiter (JavaScript and SQLite) on that same thread — so locally the whole
// marketplace shares one core however many the machine has. A thread near 100 % is that limit,
// not our code's latency; CPU ms per request says what each request costs that thread.

import { readdirSync, readFileSync } from 'node:fs';

// Linux reports utime and stime in clock ticks of 1/100 s.
const TICK_MS = 10;

/** Total CPU ms of the workerd children of this process so far; null where /proc is unavailable. */
export function workerdCpuMs() {
  let total = 0;
  let found = false;
  let entries;
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of entries) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (comm !== 'workerd' || Number(fields[1]) !== process.pid) continue;
    found = true;
    total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  }
  return found ? total : null;
}

/** Starts measuring; the returned function answers workerd CPU ms since, and its share of one core. */
export function workerdMeter() {
  const cpu0 = workerdCpuMs();
  const wall0 = performance.now();
  return () => {
    const cpu1 = workerdCpuMs();
    if (cpu0 == null || cpu1 == null) return null;
    const cpuMs = cpu1 - cpu0;
    return { cpuMs, oneCoreShare: Math.round((cpuMs / (performance.now() - wall0)) * 1000) / 1000 };
  };
}
