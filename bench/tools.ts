/** What the benchmark scripts share: our own measured review, and timing of other tools. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/core/paths.js';

export function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export function timed(cmd: string, args: string[]): { seconds: number; status: number | null; error?: Error } {
  const start = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return { seconds: (performance.now() - start) / 1000, status: r.status, ...(r.error ? { error: r.error } : {}) };
}

/** The middle of `xs` (of an even count, the lower middle). */
function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** `cmd` timed `runs` times: the median, as one run on a shared machine can be off by a sixth. */
export function timedMedian(cmd: string, args: string[], runs: number): ReturnType<typeof timed> & { all: number[] } {
  const results = Array.from({ length: runs }, () => timed(cmd, args));
  const failed = results.find((r) => r.error);
  if (failed) return { ...failed, all: [] };
  const all = results.map((r) => r.seconds);
  return { ...results[0], seconds: median(all), all };
}

interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  files: number;
  lines: number;
  findings: number;
  diagnostics: number;
}

/**
 * Reviews `tree` in a child process (bench/measure.ts, so peak memory is the review's alone)
 * `runs` times, prints files, lines, findings, the median wall time, lines/second and the highest
 * peak memory, and returns the median seconds.
 */
export function measureReview(tree: string, jobs?: number, runs = 3): number {
  const args = [join(packageRoot(), 'dist', 'bench', 'measure.js'), tree, ...(jobs ? [String(jobs)] : [])];
  const all: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    const measured = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (measured.status !== 0) {
      console.error(measured.stderr.split('\n').slice(-5).join('\n'));
      process.exit(2);
    }
    all.push(JSON.parse(measured.stdout) as Measured);
  }
  const m = all[0];
  const times = all.map((r) => r.wallMs / 1000);
  const seconds = median(times);
  const peak = Math.max(...all.map((r) => r.peakRssBytes));
  console.log(`  files reviewed   ${m.files}`);
  console.log(`  lines            ${m.lines}`);
  console.log(`  findings         ${m.findings} (diagnostics ${m.diagnostics})`);
  console.log(`  wall time        ${seconds.toFixed(2)} s (median of ${runs}: ${times.map((t) => t.toFixed(2)).join(', ')})`);
  console.log(`  cpu time         ${median(all.map((r) => r.cpuMs / 1000)).toFixed(2)} s (median, all threads)`);
  console.log(`  lines/second     ${Math.round(m.lines / seconds)}`);
  console.log(`  peak memory      ${(peak / 1e6).toFixed(0)} MB (${(peak / 2 ** 20).toFixed(0)} MiB, highest of ${runs})`);
  return seconds;
}
