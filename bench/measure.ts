/**
 * Runs one review in this process and prints its figures as JSON on stdout. Spawned by
 * bench/run.ts so that peak memory (maxRSS covers every worker thread) belongs to the review alone.
 */
import { performance } from 'node:perf_hooks';
import { review } from '../src/pipeline/review.js';
import { REPORTERS } from '../src/reporters/index.js';
import { tuneV8ForAnalysis } from '../src/pipeline/v8-tuning.js';

// As the CLI runs: the figures are the command's.
tuneV8ForAnalysis();

const [tree, jobs] = process.argv.slice(2);
const start = performance.now();
const result = await review({ paths: [tree], root: tree, jobs: jobs ? Number(jobs) : undefined });
const report = REPORTERS.json!(result, { color: false });
const wallMs = performance.now() - start;
process.stdout.write(
  JSON.stringify({
    wallMs,
    // User and system time of every thread: steadier than wall time on a shared machine.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    // maxRSS is in KiB.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    files: result.files.length,
    lines: result.files.reduce((n, f) => n + f.lines, 0),
    findings: result.findings.length,
    diagnostics: result.diagnostics.length,
    reportBytes: report.length,
  }) + '\n',
);
