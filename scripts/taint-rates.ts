/**
 * Detection and false-alarm rates of the Python data-flow rules on their paired fixtures
 * (test/fixtures/rules/python/taint-*.py). A case is an annotated line: a vulnerable case names a
 * `py/taint-…` rule in its `ruleid:` comment and is detected when that rule reports on the line;
 * every other annotated line is a safe case and is a false alarm when any `py/taint-…` rule
 * reports on it. Run after a build: `node dist/scripts/taint-rates.js`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { analyzeSource } from '../src/pipeline/analyze-file.js';

interface Tally {
  vulnerable: number;
  detected: number;
  safe: number;
  falseAlarms: number;
}

const dir = join(packageRoot(), 'test', 'fixtures', 'rules', 'python');
const total: Tally = { vulnerable: 0, detected: 0, safe: 0, falseAlarms: 0 };
const misses: string[] = [];

for (const name of readdirSync(dir).filter((f) => f.startsWith('taint-') && f.endsWith('.py')).sort()) {
  const text = readFileSync(join(dir, name), 'utf8');
  const { findings } = analyzeSource({ path: name, absPath: join(dir, name), language: 'python', text });
  const taintAt = new Map<number, Set<string>>();
  for (const f of findings) {
    if (!f.ruleId.startsWith('py/taint-')) continue;
    const set = taintAt.get(f.location.startLine) ?? new Set<string>();
    set.add(f.ruleId);
    taintAt.set(f.location.startLine, set);
  }
  const tally: Tally = { vulnerable: 0, detected: 0, safe: 0, falseAlarms: 0 };
  text.split('\n').forEach((line, i) => {
    const m = /#\s*(ruleid|ok):\s*([\w/,\s-]+?)\s*$/.exec(line);
    if (!m) return;
    const target = i + 2;
    const expected = m[1] === 'ruleid' ? m[2].split(',').map((s) => s.trim()).filter((id) => id.startsWith('py/taint-')) : [];
    const actual = taintAt.get(target) ?? new Set<string>();
    if (expected.length > 0) {
      tally.vulnerable++;
      if (expected.every((id) => actual.has(id))) tally.detected++;
      else misses.push(`missed ${name}:${target} ${expected.join(', ')}`);
    } else {
      tally.safe++;
      if (actual.size > 0) {
        tally.falseAlarms++;
        misses.push(`false alarm ${name}:${target} ${[...actual].join(', ')}`);
      }
    }
  });
  for (const k of Object.keys(total) as Array<keyof Tally>) total[k] += tally[k];
  console.log(`${name.padEnd(34)} vulnerable ${String(tally.vulnerable).padStart(3)}  detected ${String(tally.detected).padStart(3)}  safe ${String(tally.safe).padStart(3)}  false alarms ${tally.falseAlarms}`);
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
console.log(`\ncases: ${total.vulnerable + total.safe} (${total.vulnerable} vulnerable, ${total.safe} safe)`);
console.log(`detection rate:   ${pct(total.detected, total.vulnerable)} (${total.detected}/${total.vulnerable})`);
console.log(`false-alarm rate: ${pct(total.falseAlarms, total.safe)} (${total.falseAlarms}/${total.safe})`);
for (const m of misses) console.log(m);
