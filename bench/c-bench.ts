/**
 * `npm run bench:c`: reviews a large real C tree and prints files, lines, wall time, lines/second
 * and peak memory; when flawfinder and cppcheck are installed, runs them on the same tree and
 * prints how our time compares (targets: at least 10x faster than cppcheck, at most 2x
 * flawfinder's time).
 *
 * The tree is the first argument, else libxml2 as vendored by the npm package libxmljs2 (about
 * 200k lines of C), fetched once with `npm pack` into bench/.work/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { measureReview, onPath, timed, timedMedian } from './tools.js';

const root = packageRoot();
const PACKAGE = 'libxmljs2@0.37.0';
const TARBALL = 'libxmljs2-0.37.0.tgz';

function fetchTree(): string {
  const work = join(root, 'bench', '.work', 'libxmljs2');
  const tree = join(work, 'package', 'vendor');
  if (existsSync(tree)) return tree;
  mkdirSync(work, { recursive: true });
  console.log(`fetching ${PACKAGE} (libxml2 sources) with npm pack into ${work}`);
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('tar', ['xzf', join(work, TARBALL), '-C', work]);
  return tree;
}

const tree = process.argv[2] ?? fetchTree();
const jobs = availableParallelism();
console.log(`secreview bench: C tree ${tree} (${jobs} worker threads)`);

const seconds = measureReview(tree, jobs);

if (onPath('flawfinder')) {
  // A run of about a second: timed as often as our review, for a ratio of medians.
  const f = timedMedian('flawfinder', ['--quiet', '--dataonly', tree], 3);
  if (f.error) console.log(`  flawfinder       failed: ${f.error.message}`);
  else {
    const ratio = seconds / f.seconds;
    console.log(`  flawfinder time  ${f.seconds.toFixed(2)} s (median of 3: ${f.all.map((t) => t.toFixed(2)).join(', ')}; exit ${f.status})`);
    console.log(`  vs flawfinder    ${ratio.toFixed(1)}x its time (target <= 2x: ${ratio <= 2 ? 'met' : 'not met'})`);
  }
} else {
  console.log('  flawfinder       not installed (apt-get install flawfinder): no comparison');
}

if (onPath('cppcheck')) {
  const c = timed('cppcheck', ['--quiet', `-j${jobs}`, tree]);
  if (c.error) console.log(`  cppcheck         failed: ${c.error.message}`);
  else {
    const speedup = c.seconds / seconds;
    console.log(`  cppcheck time    ${c.seconds.toFixed(2)} s with -j${jobs} (exit ${c.status})`);
    console.log(`  vs cppcheck      ${speedup.toFixed(1)}x faster (target >= 10x: ${speedup >= 10 ? 'met' : 'not met'})`);
  }
} else {
  console.log('  cppcheck         not installed (apt-get install cppcheck): no comparison');
}
