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

/**
 * Reviews `tree` in a child process (bench/measure.ts, so peak memory is the review's alone),
 * prints files, lines, findings, wall time, lines/second and peak memory, and returns the seconds.
 */
export function measureReview(tree: string, jobs?: number): number {
  const args = [join(packageRoot(), 'dist', 'bench', 'measure.js'), tree, ...(jobs ? [String(jobs)] : [])];
  const measured = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (measured.status !== 0) {
    console.error(measured.stderr.split('\n').slice(-5).join('\n'));
    process.exit(2);
  }
  const m = JSON.parse(measured.stdout) as { wallMs: number; peakRssBytes: number; files: number; lines: number; findings: number; diagnostics: number };
  const seconds = m.wallMs / 1000;
  console.log(`  files reviewed   ${m.files}`);
  console.log(`  lines            ${m.lines}`);
  console.log(`  findings         ${m.findings} (diagnostics ${m.diagnostics})`);
  console.log(`  wall time        ${seconds.toFixed(2)} s`);
  console.log(`  lines/second     ${Math.round(m.lines / seconds)}`);
  console.log(`  peak memory      ${(m.peakRssBytes / 1e6).toFixed(0)} MB (${(m.peakRssBytes / 2 ** 20).toFixed(0)} MiB)`);
  return seconds;
}
