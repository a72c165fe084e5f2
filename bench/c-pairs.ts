/**
 * `npm run eval:c`: the static engine on the paired C/C++ corpus. Prints, per check and overall,
 * the detection rate (defective functions with a finding of an expected CWE) and the false-alarm
 * rate (fixed twins with any finding), then which rules raised the false alarms.
 *
 *   --list                  also list every function that fails, with what was found there
 *   --write-expectations    record the functions that pass now in test/fixtures/c-pairs/passing.json
 *                           (the regression test holds them to it)
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { EXPECTATIONS_FILE, expectationsText, rate, scoreCorpus, type CheckScore } from './c-pairs-score.js';

const args = new Set(process.argv.slice(2));
const score = scoreCorpus();

const pct = (n: number, d: number): string => `${(100 * rate(n, d)).toFixed(1)}%`.padStart(6);
const row = (c: CheckScore): string =>
  `${c.check.padEnd(22)} ${String(c.bad).padStart(4)} ${pct(c.detected, c.bad)} ${String(c.good).padStart(5)} ${pct(c.falseAlarms, c.good)}`;

console.log(`${'check'.padEnd(22)} ${'bad'.padStart(4)} ${'detect'.padStart(6)} ${'good'.padStart(5)} ${'false'.padStart(6)}`);
for (const c of score.checks) console.log(row(c));
console.log(row(score.total));
console.log(
  `\ndetection ${pct(score.total.detected, score.total.bad).trim()} (${score.total.detected}/${score.total.bad}, target >= 85%)` +
    `  false alarms ${pct(score.total.falseAlarms, score.total.good).trim()} (${score.total.falseAlarms}/${score.total.good}, target <= 10%)`,
);

const byRule = new Map<string, number>();
for (const r of score.results) if (r.role === 'good') for (const f of r.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
if (byRule.size > 0) {
  console.log('\nfindings in fixed twins, by rule:');
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${rule.padEnd(32)} ${n}`);
}
if (score.stray.length > 0) console.log(`\n${score.stray.length} finding(s) outside the paired functions (helpers or file scope)`);

if (args.has('--list')) {
  console.log('');
  for (const r of score.results.filter((x) => !x.pass)) {
    const found = r.findings.map((f) => `CWE-${f.cwe.id} ${f.ruleId}@${f.location.startLine}`).join('; ') || 'nothing';
    console.log(`${r.role === 'bad' ? 'MISSED' : 'FALSE '} ${r.file}:${r.startLine} ${r.name} (expect ${r.expect.map((e) => `CWE-${e}`).join('|') || 'none'}): ${found}`);
  }
  for (const f of score.stray) console.log(`STRAY  ${f.location.file}:${f.location.startLine} CWE-${f.cwe.id} ${f.ruleId}`);
}

if (score.problems.length > 0) {
  console.error(`\ncorpus problems:\n${score.problems.map((p) => `  ${p}`).join('\n')}`);
  process.exitCode = 2;
}

if (args.has('--write-expectations')) {
  writeFileSync(EXPECTATIONS_FILE, expectationsText(score));
  console.log(`\nwrote ${relative(packageRoot(), EXPECTATIONS_FILE)} (${score.results.filter((r) => r.pass).length} passing functions)`);
}
