/**
 * The paired C/C++ corpus as a regression guard: the whole static engine must keep the detection
 * and false-alarm targets, and every function recorded as passing in
 * test/fixtures/c-pairs/passing.json (written by `node dist/bench/c-pairs.js --write-expectations`)
 * must still pass: a defective function still gets a finding of its expected CWE, a fixed twin
 * still gets none.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CORPUS_DIR, corpusFiles, functionKey, rate, readCorpusFile, readExpectations, scoreCorpus, type CorpusScore } from '../../bench/c-pairs-score.js';

describe('paired C/C++ corpus', () => {
  let score: CorpusScore;
  before(() => {
    score = scoreCorpus();
  });

  it('is well formed: every function annotated, every defective function with its fixed twin', () => {
    const problems = corpusFiles().flatMap((f) => readCorpusFile(f, readFileSync(join(CORPUS_DIR, f), 'utf8')).problems);
    assert.deepEqual(problems, []);
    const pairs = new Set(score.results.map((r) => `${r.file}:${r.pair}`));
    assert.ok(pairs.size >= 250, `only ${pairs.size} pairs`);
  });

  it('analyses every corpus file without an engine error', () => {
    assert.deepEqual(score.problems, []);
  });

  it('detects at least 85% of defective functions', () => {
    const { detected, bad } = score.total;
    assert.ok(rate(detected, bad) >= 0.85, `detection ${detected}/${bad}`);
  });

  it('raises a false alarm in at most 10% of fixed twins', () => {
    const { falseAlarms, good } = score.total;
    assert.ok(rate(falseAlarms, good) <= 0.1, `false alarms ${falseAlarms}/${good}`);
  });

  it('still passes every function recorded as passing', () => {
    const now = new Map(score.results.map((r) => [functionKey(r), r]));
    const regressed = readExpectations().filter((key) => !now.get(key)?.pass);
    const described = regressed.map((key) => {
      const r = now.get(key);
      if (!r) return `${key}: no longer in the corpus`;
      const found = r.findings.map((f) => `CWE-${f.cwe.id} (${f.ruleId}) line ${f.location.startLine}`).join(', ');
      return r.role === 'bad' ? `${key}: expected CWE-${r.expect.join('|')}, found ${found || 'nothing'}` : `${key}: false alarm ${found}`;
    });
    assert.deepEqual(described, []);
  });
});
