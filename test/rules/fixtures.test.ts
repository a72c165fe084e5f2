/**
 * The generic rule-fixture runner (Semgrep style). Every rule has a fixture file of real code in
 * test/fixtures/rules/<family>/<rule-name>.<ext>. A comment `ruleid: <id>[, <id>…]` on the line
 * above a line means exactly those rules must report a finding starting on that line; `ok: <id>`
 * means that rule must stay silent there. Any other finding in a fixture is a failure too, so
 * fixtures also catch one rule's false alarms on another rule's cases.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { detectLanguage } from '../../src/languages/language.js';
import { analyzeSource } from '../../src/pipeline/analyze-file.js';
import { ALL_RULES } from '../../src/rules/index.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'rules');
const FAMILY_DIRS: Record<string, string> = { py: 'python', c: 'c' };

interface Annotations {
  expected: Set<string>; // `${ruleId}@${line}`
  ok: Array<{ ruleId: string; line: number }>;
}

function annotations(text: string): Annotations {
  const expected = new Set<string>();
  const ok: Annotations['ok'] = [];
  text.split('\n').forEach((line, i) => {
    // A reason may follow in parentheses: `# ok: py/x (the value is a constant)`.
    const m = /(?:#|\/\/|\/\*)\s*(ruleid|ok):\s*([\w/,\s-]+?)\s*(?:\(.*\))?\s*(?:\*\/)?\s*$/.exec(line);
    if (!m) return;
    for (const id of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      // The annotation names the next line (1-based: i + 2).
      if (m[1] === 'ruleid') expected.add(`${id}@${i + 2}`);
      else ok.push({ ruleId: id, line: i + 2 });
    }
  });
  return { expected, ok };
}

function fixtureFiles(): string[] {
  return Object.values(FAMILY_DIRS).flatMap((dir) =>
    readdirSync(join(FIXTURES, dir)).map((f) => join(FIXTURES, dir, f)),
  );
}

describe('rule fixtures', () => {
  for (const file of fixtureFiles()) {
    it(`${basename(file)}: findings match the annotations line by line`, () => {
      const text = readFileSync(file, 'utf8');
      const language = detectLanguage(file);
      assert.ok(language, `no language for ${file}`);
      const { findings, diagnostics } = analyzeSource({ path: basename(file), absPath: file, language, text });
      assert.deepEqual(diagnostics.filter((d) => d.kind === 'syntax'), [], 'fixtures must parse cleanly');
      const actual = new Set(findings.map((f) => `${f.ruleId}@${f.location.startLine}`));
      const { expected, ok } = annotations(text);
      const missing = [...expected].filter((k) => !actual.has(k)).sort();
      const unexpected = [...actual].filter((k) => !expected.has(k)).sort();
      assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] });
      for (const { ruleId, line } of ok) assert.ok(!actual.has(`${ruleId}@${line}`), `${ruleId} fired on ok line ${line}`);
    });
  }

  for (const rule of ALL_RULES) {
    it(`${rule.meta.id} has a fixture with positive and negative cases`, () => {
      const [family, name] = rule.meta.id.split('/');
      const dir = join(FIXTURES, FAMILY_DIRS[family] ?? family);
      const file = readdirSync(dir).find((f) => basename(f, extname(f)) === name);
      assert.ok(file, `missing fixture ${dir}/${name}.*`);
      const { expected, ok } = annotations(readFileSync(join(dir, file), 'utf8'));
      assert.ok([...expected].some((k) => k.startsWith(`${rule.meta.id}@`)), 'no `ruleid:` case');
      assert.ok(ok.some((o) => o.ruleId === rule.meta.id), 'no `ok:` case');
    });
  }
});
