/**
 * `npm run eval:owasp-python -- <folder>`: scores the static engine on a local copy of the OWASP
 * Benchmark for Python, an independent suite of small Flask handlers, each either vulnerable or
 * not to one weakness, with the truth in `expectedresults-*.csv`. The suite is not shipped or
 * fetched here: point the script at the folder that holds the CSV and `testcode/`.
 *
 * The folder is reviewed as one project. A test case is flagged when a finding of its CWE (or one
 * closely related, see cwe-relation.ts: `CWE-338` is a kind of the expected `CWE-330`) lands in its
 * file; findings of other weaknesses do not count, as in OWASP's own scorecards. Per category and
 * overall it prints the true-positive rate on vulnerable cases, the false-positive rate on safe
 * ones, and OWASP's score, their difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { review } from '../src/pipeline/review.js';
import { cweMatches } from './cwe-relation.js';

interface TestCase {
  name: string;
  category: string;
  vulnerable: boolean;
  cwe: number;
  flagged: boolean;
}

/**
 * The suite files its ReDoS cases (the category `intoverflow`) under CWE-400, the resource
 * exhaustion they cause; a finding names the weakness itself, CWE-1333.
 */
const ALSO: Record<number, number[]> = { 400: [1333] };

function matches(found: number, expected: number): boolean {
  return cweMatches(found, expected) || (ALSO[expected] ?? []).includes(found);
}

/** `BenchmarkTest00001,pathtraver,true,22` lines; `#` lines are comments. */
function expected(folder: string): Map<string, Omit<TestCase, 'flagged'>> {
  const csv = readdirSync(folder).find((f) => /^expectedresults.*\.csv$/.test(f));
  if (!csv) throw new Error(`no expectedresults-*.csv in ${folder}`);
  const cases = new Map<string, Omit<TestCase, 'flagged'>>();
  for (const line of readFileSync(join(folder, csv), 'utf8').split('\n')) {
    const [name, category, truth, cwe] = line.trim().split(',');
    if (!name || name.startsWith('#') || cwe === undefined) continue;
    cases.set(name, { name, category, vulnerable: truth === 'true', cwe: Number(cwe) });
  }
  return cases;
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: node dist/bench/owasp-python.js <folder with expectedresults-*.csv and testcode/>');
    process.exit(2);
  }
  const root = resolve(folder);
  const truth = expected(root);
  const result = await review({ paths: [join(root, 'testcode')], root });
  const cases = new Map<string, TestCase>();
  for (const file of result.files) {
    const known = truth.get(basename(file.path).replace(/\.py$/, ''));
    if (known) cases.set(known.name, { ...known, flagged: false });
  }
  for (const f of result.findings) {
    const c = cases.get(basename(f.location.file).replace(/\.py$/, ''));
    if (c && matches(f.cwe.id, c.cwe)) c.flagged = true;
  }
  const all = [...cases.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const rate = (n: number, d: number): string => (d === 0 ? '    -' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
  const scores: number[] = [];
  /** One row of the table; the score joins the average when the group has both kinds of case. */
  const line = (label: string, group: TestCase[], average: boolean): string => {
    const bad = group.filter((c) => c.vulnerable);
    const good = group.filter((c) => !c.vulnerable);
    const tp = bad.filter((c) => c.flagged).length;
    const fp = good.filter((c) => c.flagged).length;
    const score = bad.length && good.length ? 100 * (tp / bad.length - fp / good.length) : undefined;
    if (average && score !== undefined) scores.push(score);
    const shown = score === undefined ? '     -' : score.toFixed(1).padStart(6);
    return `${label.padEnd(16)} ${String(bad.length).padStart(5)} ${String(good.length).padStart(5)}   ${rate(tp, bad.length)}  ${rate(fp, good.length)}  ${shown}`;
  };
  console.log(`OWASP Benchmark for Python under ${folder}: ${all.length} test cases of ${truth.size} in the CSV`);
  console.log('category          vuln  safe      TPR     FPR   score');
  for (const category of [...new Set(all.map((c) => c.category))].sort()) {
    const group = all.filter((c) => c.category === category);
    console.log(line(`${category} (${group[0].cwe})`, group, true));
  }
  console.log(line('all cases', all, false));
  // OWASP's scorecards average the categories' scores, so each weakness weighs the same.
  console.log(`average of the ${scores.length} category scores: ${(scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)).toFixed(1)}`);
  if (process.argv.includes('--list')) {
    for (const c of all) {
      if (c.vulnerable && !c.flagged) console.log(`MISSED ${c.name} ${c.category}`);
      if (!c.vulnerable && c.flagged) console.log(`FALSE  ${c.name} ${c.category}`);
    }
  }
}

await main();
