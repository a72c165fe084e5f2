import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Trace } from '../../src/core/finding.js';
import type { ReviewResult } from '../../src/core/review-result.js';
import { restrictToChange, touchesChange } from '../../src/pipeline/diff-filter.js';
import type { ChangeSet, ChangedFile } from '../../src/sources/change.js';

function finding(file: string, startLine: number, endLine = startLine, trace?: Trace): Finding {
  return {
    ruleId: 'py/eval-injection',
    engines: ['static'],
    pillar: { id: 707, name: 'Improper Neutralization' },
    cwe: { id: 95, name: 'Eval Injection' },
    defectType: 'command-injection',
    location: { file, startLine, endLine },
    title: 't',
    description: 'd',
    solution: 's',
    severity: 'high',
    confidence: 'medium',
    evidence: '',
    fingerprint: `${file}:${startLine}`,
    ...(trace ? { trace } : {}),
  };
}

function changed(path: string, added: Array<[number, number]>, deletedAfter: number[] = [], status: ChangedFile['status'] = 'modified'): ChangedFile {
  return { path, status, binary: false, added: added.map(([start, end]) => ({ start, end })), deletedAfter, additions: 0, deletions: 0 };
}

const change = (files: ChangedFile[]): ChangeSet => ({ description: 'test change', files, diagnostics: [] });

describe('touchesChange', () => {
  const touches = touchesChange(
    change([changed('a.py', [[10, 12]], [20]), changed('b.py', [[3, 3]]), changed('gone.py', [], [0], 'deleted')]),
  );

  it('a finding overlapping added lines', () => {
    assert.equal(touches(finding('a.py', 10)), true);
    assert.equal(touches(finding('a.py', 12)), true);
    assert.equal(touches(finding('a.py', 8, 10)), true, 'a multi-line finding that ends on an added line');
    assert.equal(touches(finding('a.py', 9)), false);
    assert.equal(touches(finding('a.py', 13)), false);
    assert.equal(touches(finding('c.py', 10)), false, 'a file the change does not touch');
  });

  it('a finding whose own lines lost a line inside them', () => {
    assert.equal(touches(finding('a.py', 19, 21)), true, 'lines removed between 20 and 21');
    assert.equal(touches(finding('a.py', 20, 20)), false, 'removal after the last line of the finding');
    assert.equal(touches(finding('a.py', 21, 25)), false, 'removal before the first line of the finding');
  });

  it('a finding whose trace passes through a changed line, in any file', () => {
    const trace: Trace = [
      { location: { file: 'b.py', startLine: 3, endLine: 3 }, label: 'request.args read' },
      { location: { file: 'c.py', startLine: 40, endLine: 40 }, label: 'eval()' },
    ];
    assert.equal(touches(finding('c.py', 40, 40, trace)), true);
    const untouched: Trace = [{ location: { file: 'b.py', startLine: 4, endLine: 4 }, label: 'x' }];
    assert.equal(touches(finding('c.py', 40, 40, untouched)), false);
  });
});

describe('restrictToChange', () => {
  it('keeps the touching findings, the changed files, their diagnostics, and describes the change', () => {
    const result: ReviewResult = {
      tool: { name: 'secreview', version: '0', cweVersion: '4.15' },
      files: ['a.py', 'b.py', 'c.py'].map((path) => ({ path, language: 'python', lines: 50 })),
      findings: [finding('a.py', 11), finding('a.py', 30), finding('c.py', 5)],
      diagnostics: [
        { kind: 'syntax', file: 'b.py', line: 1, message: 'syntax error', error: false },
        { kind: 'syntax', file: 'c.py', line: 1, message: 'syntax error', error: false },
        { kind: 'skipped', message: 'run-wide note', error: false },
      ],
      rules: [],
    };
    const c = change([changed('a.py', [[11, 11]]), changed('b.py', [[2, 2]])]);
    c.diagnostics.push({ kind: 'skipped', file: 'z.py', message: 'not in the tree', error: false });
    const { result: out, outside } = restrictToChange(result, c);
    assert.deepEqual(out.findings.map((f) => `${f.location.file}:${f.location.startLine}`), ['a.py:11']);
    assert.equal(outside, 2);
    assert.deepEqual(out.files.map((f) => f.path), ['a.py', 'b.py']);
    assert.deepEqual(out.diagnostics.map((d) => `${d.file ?? '-'} ${d.message}`), ['- run-wide note', 'b.py syntax error', 'z.py not in the tree']);
    assert.deepEqual(out.change, {
      description: 'test change: 2 files changed, +0 -0',
      files: [
        { path: 'a.py', status: 'modified', binary: false, additions: 0, deletions: 0 },
        { path: 'b.py', status: 'modified', binary: false, additions: 0, deletions: 0 },
      ],
    });
  });
});
