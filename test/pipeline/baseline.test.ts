import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { analyzeSource } from '../../src/pipeline/analyze-file.js';
import { applyBaseline, createBaseline, loadBaseline, serializeBaseline } from '../../src/pipeline/baseline.js';

function findings(text: string, path = 'app.py'): Finding[] {
  return analyzeSource({ path, absPath: `/virtual/${path}`, language: 'python', text }).findings;
}

const keys = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.location.startLine}`);

const TODAY = ['def run(code):', '    eval(code)', '', '', 'def other(code):', '    eval(code)', ''].join('\n');

describe('baseline: fingerprints without line numbers', () => {
  const baseline = createBaseline(findings(TODAY));

  it('records one entry per fingerprint, deterministic and sorted', () => {
    assert.deepEqual(
      baseline.findings.map((e) => [e.ruleId, e.file, e.count, e.code]),
      [
        ['py/eval-injection', 'app.py', 1, 'eval(code)'],
        ['py/eval-injection', 'app.py', 1, 'eval(code)'],
      ],
    );
    assert.notEqual(baseline.findings[0].fingerprint, baseline.findings[1].fingerprint, 'same code, different functions');
    assert.equal(serializeBaseline(createBaseline([...findings(TODAY)].reverse())), serializeBaseline(baseline));
  });

  it('hides findings that only moved', () => {
    const moved = ['import os', '', '', ...TODAY.split('\n').map((l) => (l ? `${l}  ` : l))].join('\n');
    assert.deepEqual(keys(applyBaseline(findings(moved), baseline).findings), []);
  });

  it('reports a second identical finding added to a function that had one', () => {
    const more = ['def run(code):', '    eval(code)', '    eval(code)', '', '', 'def other(code):', '    eval(code)', ''].join('\n');
    const outcome = applyBaseline(findings(more), baseline);
    assert.deepEqual(keys(outcome.findings), ['py/eval-injection@3']);
    assert.equal(outcome.known, 2);
  });

  it('prefers the finding on changed lines as the new one', () => {
    const more = ['def run(code):', '    eval(code)', '    eval(code)', ''].join('\n');
    const outcome = applyBaseline(findings(more), createBaseline(findings('def run(code):\n    eval(code)\n')), (f) => f.location.startLine === 2);
    assert.deepEqual(keys(outcome.findings), ['py/eval-injection@2']);
  });

  it('reports a finding in a new function, in another file, or with other code', () => {
    const grown = TODAY + '\n\ndef third(code):\n    eval(code)\n';
    assert.deepEqual(keys(applyBaseline(findings(grown), baseline).findings), ['py/eval-injection@10']);
    assert.deepEqual(keys(applyBaseline(findings(TODAY, 'copy.py'), baseline).findings), ['py/eval-injection@2', 'py/eval-injection@6']);
    const edited = TODAY.replace('    eval(code)', '    eval(code + suffix)');
    assert.deepEqual(keys(applyBaseline(findings(edited), baseline).findings), ['py/eval-injection@2']);
  });
});

describe('loadBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secreview-test-baseline-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads back what it wrote', () => {
    const baseline = createBaseline(findings(TODAY));
    assert.deepEqual(loadBaseline(file('ok.json', serializeBaseline(baseline))), baseline);
  });

  it('rejects a broken file in one line naming the problem', () => {
    assert.throws(() => loadBaseline(join(dir, 'missing.json')), /^BaselineError: cannot read baseline .*missing\.json: ENOENT$/);
    assert.throws(() => loadBaseline(file('bad.json', '{ nope')), /^BaselineError: baseline .*bad\.json is not valid JSON: /);
    assert.throws(
      () => loadBaseline(file('count.json', JSON.stringify({ version: 1, findings: [{ fingerprint: 'abcdef0123456789', ruleId: 'r', file: 'f', count: 0, code: '' }] }))),
      /^BaselineError: baseline .*count\.json: findings\[0\]\.count: must be >= 1$/,
    );
    assert.throws(() => loadBaseline(file('version.json', JSON.stringify({ version: 2, findings: [] }))), /: version: must be 1$/);
    assert.throws(() => loadBaseline(file('extra.json', JSON.stringify({ version: 1, findings: [], extra: 1 }))), /: extra: unknown key$/);
  });
});
