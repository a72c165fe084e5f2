/**
 * The paired C/C++ corpus (test/fixtures/c-pairs/) and its scoring: shared by the
 * `npm run eval:c` script and by the test that guards against regressions.
 *
 * Each corpus file holds one check's pairs: a defective `bad_<name>` function and its fixed twin
 * `good_<name>`. The comment right above each function says what the engine must report there:
 * `expect: CWE-416` (any of several: `expect: CWE-121, CWE-787`) for a defective function and
 * `expect: none` for a fixed one. A pair of classes (`bad_x`, `good_x`) is annotated on their
 * destructors; their constructors are helpers. A defective function is detected when some finding inside it
 * names an expected CWE or one closely related to it (see cwe-relation.ts); a fixed twin is a
 * false alarm when any finding at all lands inside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Finding } from '../src/core/finding.js';
import { packageRoot } from '../src/core/paths.js';
import { functionName, shortName } from '../src/languages/c/syntax.js';
import { detectLanguage } from '../src/languages/language.js';
import { parse } from '../src/languages/parse.js';
import { analyzeSource } from '../src/pipeline/analyze-file.js';
import { cweMatches } from './cwe-relation.js';

export const CORPUS_DIR = join(packageRoot(), 'test', 'fixtures', 'c-pairs');
export const EXPECTATIONS_FILE = join(CORPUS_DIR, 'passing.json');

export interface CorpusFunction {
  file: string;
  /** The check the file covers: its name without extension (`use-after-free.c` and `.cpp` share one). */
  check: string;
  name: string;
  role: 'bad' | 'good';
  /** The pair's name: `bad_x` and `good_x` are both `x`. */
  pair: string;
  /** Expected CWEs (any one suffices); empty for a fixed twin. */
  expect: number[];
  startLine: number;
  endLine: number;
}

export interface FunctionResult extends CorpusFunction {
  findings: Finding[];
  /** Defective: an expected CWE was found. Fixed: nothing was found. */
  pass: boolean;
}

export interface CheckScore {
  check: string;
  bad: number;
  detected: number;
  good: number;
  falseAlarms: number;
}

export interface CorpusScore {
  results: FunctionResult[];
  checks: CheckScore[];
  total: CheckScore;
  /** Findings outside every bad_/good_ function (helpers, file scope). */
  stray: Finding[];
  /** Problems with the corpus itself: a bad_ without its good_ twin, a missing annotation … */
  problems: string[];
}

const EXPECT = /expect:\s*(none|CWE-\d+(?:\s*,\s*CWE-\d+)*)\s*(?:\*\/)?\s*$/;

/** Key identifying a corpus function in the expectations file. */
export function functionKey(f: Pick<CorpusFunction, 'file' | 'name'>): string {
  return `${f.file}:${f.name}`;
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => detectLanguage(f) !== undefined)
    .sort();
}

/** The annotated functions of one corpus file, plus any problems with its annotations. */
export function readCorpusFile(file: string, text: string): { functions: CorpusFunction[]; problems: string[] } {
  const language = detectLanguage(file)!;
  const tree = parse(language, text);
  const lines = text.split('\n');
  const functions: CorpusFunction[] = [];
  const problems: string[] = [];
  if (tree.rootNode.hasError) problems.push(`${file}: syntax error`);
  const check = basename(file, extname(file));
  for (const node of tree.rootNode.descendantsOfType('function_definition')) {
    const full = functionName(node);
    if (!full) continue;
    // A class's pair is judged in its destructor (`bad_x::~bad_x`), where what the constructor set up ends.
    const [cls, method] = [shortName(full.slice(0, Math.max(0, full.lastIndexOf('::')))), shortName(full)];
    if (method === cls) continue;
    const name = method.replace(/^~/, '');
    const m = /^(bad|good)_(\w+)$/.exec(name);
    if (!m) continue;
    const startLine = node.startPosition.row + 1;
    const annotation = EXPECT.exec(lines[startLine - 2] ?? '');
    if (!annotation) {
      problems.push(`${file}:${startLine}: ${name} has no \`expect:\` comment on the line above`);
      continue;
    }
    const expect = annotation[1] === 'none' ? [] : [...annotation[1].matchAll(/CWE-(\d+)/g)].map((x) => Number(x[1]));
    const role = m[1] as 'bad' | 'good';
    if (role === 'bad' && expect.length === 0) problems.push(`${file}:${startLine}: ${name} is defective but expects nothing`);
    if (role === 'good' && expect.length > 0) problems.push(`${file}:${startLine}: ${name} is a fixed twin but expects a finding`);
    functions.push({ file, check, name, role, pair: m[2], expect, startLine, endLine: node.endPosition.row + 1 });
  }
  for (const f of functions) {
    const twin = `${f.role === 'bad' ? 'good' : 'bad'}_${f.pair}`;
    if (!functions.some((g) => g.name === twin)) problems.push(`${file}: ${f.name} has no twin ${twin}`);
  }
  const names = functions.map((f) => f.name);
  for (const n of new Set(names)) if (names.indexOf(n) !== names.lastIndexOf(n)) problems.push(`${file}: ${n} is defined twice`);
  return { functions, problems };
}

function judge(f: CorpusFunction, findings: Finding[]): boolean {
  if (f.role === 'good') return findings.length === 0;
  return findings.some((x) => f.expect.some((e) => cweMatches(x.cwe.id, e)));
}

function tally(check: string, results: FunctionResult[]): CheckScore {
  const bad = results.filter((r) => r.role === 'bad');
  const good = results.filter((r) => r.role === 'good');
  return {
    check,
    bad: bad.length,
    detected: bad.filter((r) => r.pass).length,
    good: good.length,
    falseAlarms: good.filter((r) => !r.pass).length,
  };
}

/** Runs the whole static engine on every corpus file and scores it function by function. */
export function scoreCorpus(): CorpusScore {
  const results: FunctionResult[] = [];
  const stray: Finding[] = [];
  const problems: string[] = [];
  for (const file of corpusFiles()) {
    const absPath = join(CORPUS_DIR, file);
    const text = readFileSync(absPath, 'utf8');
    const corpus = readCorpusFile(file, text);
    problems.push(...corpus.problems);
    const { findings, diagnostics } = analyzeSource({ path: file, absPath, language: detectLanguage(file)!, text });
    for (const d of diagnostics) if (d.error) problems.push(`${file}: ${d.message}`);
    const placed = new Set<Finding>();
    for (const f of corpus.functions) {
      const inside = findings.filter((x) => x.location.startLine >= f.startLine && x.location.startLine <= f.endLine);
      inside.forEach((x) => placed.add(x));
      results.push({ ...f, findings: inside, pass: judge(f, inside) });
    }
    stray.push(...findings.filter((x) => !placed.has(x)));
  }
  const checks = [...new Set(results.map((r) => r.check))].sort().map((c) => tally(c, results.filter((r) => r.check === c)));
  return { results, checks, total: tally('overall', results), stray, problems };
}

export function rate(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

/** The functions recorded as passing when the expectations file was last written. */
export function readExpectations(): string[] {
  return (JSON.parse(readFileSync(EXPECTATIONS_FILE, 'utf8')) as { passing: string[] }).passing;
}

export function expectationsText(score: CorpusScore): string {
  const passing = score.results.filter((r) => r.pass).map(functionKey).sort();
  return `${JSON.stringify({ passing }, null, 1)}\n`;
}
