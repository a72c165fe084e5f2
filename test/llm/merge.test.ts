import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Claim } from '../../src/llm/claim.js';
import { dedupe, vote } from '../../src/llm/merge.js';
import { llmSource } from '../../src/llm/source.js';
import { claimToFinding } from '../../src/llm/to-finding.js';
import { source } from './helpers.js';

const file = llmSource('service.py', 'python', source('service.py'));

function found(cwe: number, start: number, end: number, engine = 'llm:a/m', terms: string[] = [], solution = '') {
  const claim: Claim = { index: 1, cweIds: [cwe], heading: `CWE-${cwe}`, ranges: start ? [{ start, end }] : [], description: `defect ${cwe}`, solution, codeTerms: terms };
  return claimToFinding(claim, file, engine);
}

describe('merging duplicate findings', () => {
  it('same pillar on overlapping lines is one defect, keeping the better grounded one and every engine', () => {
    const merged = dedupe([
      found(703, 238, 242, 'llm:a/m'),
      found(390, 240, 241, 'llm:b/m', ['self.service_ref.destroy()'], 'Handle every exception.'),
      found(284, 240, 240, 'llm:a/m'),
    ]);
    assert.equal(merged.length, 2);
    const [exc, access] = merged;
    assert.deepEqual([exc.finding.cwe.id, exc.finding.engines, exc.finding.confidence], [390, ['llm:a/m', 'llm:b/m'], 'medium']);
    assert.equal(exc.finding.solution, 'Handle every exception.');
    assert.equal(access.finding.cwe.id, 284);
  });

  it('lines that do not overlap are different defects', () => {
    assert.equal(dedupe([found(703, 239, 241), found(703, 247, 250)]).length, 2);
  });

  it('unlocated findings merge only with unlocated findings of the same CWE', () => {
    const merged = dedupe([found(707, 0, 0), found(707, 0, 0), found(89, 0, 0), found(707, 111, 111)]);
    assert.deepEqual(merged.map((m) => [m.status, m.finding.cwe.id]), [['unlocated', 707], ['unlocated', 89], ['verified', 707]]);
  });
});

describe('voting over samples', () => {
  const samples = [
    [found(703, 239, 241), found(284, 111, 111)],
    [found(755, 240, 241), found(682, 132, 132)],
    [found(703, 239, 241), found(703, 240, 240)],
  ];

  it('keeps findings reported in at least K samples; a sample votes once per defect', () => {
    // The merged finding takes the more specific CWE-755 and its lines.
    assert.deepEqual(vote(samples, 2).map((f) => [f.finding.pillar.id, f.finding.cwe.id, f.finding.location.startLine]), [[703, 755, 240]]);
    assert.deepEqual(vote(samples, 3).map((f) => f.finding.pillar.id), [703]);
    assert.deepEqual(vote(samples, 1).map((f) => f.finding.pillar.id).sort(), [284, 682, 703]);
  });

  it('nothing survives a vote no defect reaches', () => {
    assert.deepEqual(vote(samples, 4), []);
  });
});
