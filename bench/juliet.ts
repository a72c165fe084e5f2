/**
 * `npm run eval:juliet -- <folder>`: scores the static engine on a local copy of NIST's Juliet
 * C/C++ test suite (or any part of it), the independent suite most C analysers are measured on.
 * Juliet is not shipped or fetched here: point the script at its `testcases/` folder, or at any
 * subfolder of it.
 *
 * The folder is reviewed as one project, as Juliet is meant to be, then every test case is scored
 * from its functions' names: a test case is detected when a finding of its CWE (or one closely
 * related, see cwe-relation.ts) lands in one of its `bad` functions (`…_bad`, `badSink`,
 * `badSource` …), and is a false alarm when one lands in one of its `good` functions (`goodG2B`,
 * `goodB2G`, `good1` …). Test cases that span several files (`_51a.c`, `_51b.c` …) are one case.
 * Findings of other CWEs in good functions are counted apart: Juliet only marks the flaw it is about.
 */
import { readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import type { Finding } from '../src/core/finding.js';
import { functionName, shortName } from '../src/languages/c/syntax.js';
import { parse } from '../src/languages/parse.js';
import { review } from '../src/pipeline/review.js';
import { cweMatches } from './cwe-relation.js';

interface Region {
  role: 'bad' | 'good';
  name: string;
  start: number;
  end: number;
}

interface CaseScore {
  id: string;
  cwe: number;
  detected: boolean;
  falseAlarm: boolean;
  /** Findings of other weaknesses in good functions. */
  otherInGood: number;
  files: string[];
}

/** `CWE190_Integer_Overflow__char_fscanf_add_54b.c` is part of case `CWE190_Integer_Overflow__char_fscanf_add_54`. */
const CASE = /^(CWE(\d+)_\w+?_\d+)(?:[a-z]|_bad|_good\w*)?\.(?:c|cpp)$/;

/**
 * Juliet names its flaws more finely than one finding can: an index validated wrongly before a
 * stack write is filed under CWE-121, an unbounded loop under CWE-606. Each such folder also
 * accepts the weakness the flaw is an instance of.
 */
const ALSO: Record<number, number[]> = {
  121: [129, 787, 120],
  122: [129, 787, 120],
  124: [786, 129],
  126: [125, 129],
  127: [125, 786, 129],
  400: [770, 789, 835, 606],
  606: [835, 834],
  680: [190, 122, 131],
  690: [476],
  789: [770],
  775: [772, 404],
  401: [772, 404],
  404: [772, 401, 775],
};

function matches(found: number, expected: number): boolean {
  return cweMatches(found, expected) || (ALSO[expected] ?? []).some((e) => cweMatches(found, e));
}

function regions(path: string, text: string): Region[] {
  const tree = parse(path.endsWith('.cpp') ? 'cpp' : 'c', text);
  const out: Region[] = [];
  for (const node of tree.rootNode.descendantsOfType('function_definition')) {
    const full = functionName(node);
    if (!full) continue;
    // C++ cases name a class method `CWE…_81_bad::action`: the class says which side it is on.
    const name = /::/.test(full) ? full : shortName(full);
    const role = /good/i.test(name) ? 'good' : /bad/i.test(name) ? 'bad' : undefined;
    if (role) out.push({ role, name, start: node.startPosition.row + 1, end: node.endPosition.row + 1 });
  }
  return out;
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: node dist/bench/juliet.js <Juliet testcases folder>');
    process.exit(2);
  }
  const root = resolve(folder);
  const result = await review({ paths: [root], root });
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  const cases = new Map<string, CaseScore>();
  for (const file of result.files) {
    const m = CASE.exec(basename(file.path));
    if (!m) continue;
    const cwe = Number(m[2]);
    const score = cases.get(m[1]) ?? { id: m[1], cwe, detected: false, falseAlarm: false, otherInGood: 0, files: [] };
    cases.set(m[1], score);
    score.files.push(file.path);
    const text = readFileSync(resolve(root, file.path), 'utf8');
    const found = byFile.get(file.path) ?? [];
    for (const region of regions(file.path, text)) {
      const inside = found.filter((f) => f.location.startLine >= region.start && f.location.startLine <= region.end);
      const relevant = inside.filter((f) => matches(f.cwe.id, cwe));
      if (region.role === 'bad' && relevant.length > 0) score.detected = true;
      if (region.role === 'good') {
        if (relevant.length > 0) score.falseAlarm = true;
        score.otherInGood += inside.length - relevant.length;
      }
    }
  }
  const all = [...cases.values()].sort((a, b) => a.cwe - b.cwe || (a.id < b.id ? -1 : 1));
  const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
  console.log(`Juliet test cases under ${relative(process.cwd(), root) || '.'}: ${all.length} (${result.files.length} files)`);
  console.log('CWE    cases  detected  false alarms  other-CWE findings in good');
  for (const cwe of [...new Set(all.map((c) => c.cwe))]) {
    const group = all.filter((c) => c.cwe === cwe);
    const d = group.filter((c) => c.detected).length;
    const f = group.filter((c) => c.falseAlarm).length;
    const o = group.reduce((n, c) => n + c.otherInGood, 0);
    console.log(`${String(cwe).padEnd(6)} ${String(group.length).padStart(5)}  ${pct(d, group.length)}   ${pct(f, group.length)}       ${o}`);
  }
  const d = all.filter((c) => c.detected).length;
  const f = all.filter((c) => c.falseAlarm).length;
  console.log(`overall ${all.length} cases: detection ${pct(d, all.length).trim()} (${d}), false alarms ${pct(f, all.length).trim()} (${f})`);
  if (process.argv.includes('--list')) {
    for (const c of all) {
      if (!c.detected) console.log(`MISSED ${c.id}`);
      if (c.falseAlarm) console.log(`FALSE  ${c.id}`);
    }
  }
}

await main();
