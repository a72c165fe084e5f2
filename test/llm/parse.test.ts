import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAnswer } from '../../src/llm/parse/index.js';
import { codeTerms, lineRanges } from '../../src/llm/parse/text.js';
import { answer } from './helpers.js';

const spans = (claims: { ranges: { start: number; end: number }[] }[]) =>
  claims.map((c) => c.ranges.map((r) => `${r.start}-${r.end}`).join(','));

describe('parsing the seed reviews', () => {
  it('seed 000: five defects with their CWEs and lines; the general concern is kept, unlocated', () => {
    const parsed = parseAnswer(answer('seed-000.txt'));
    assert.equal(parsed.kind, 'prose');
    assert.deepEqual(parsed.claims.map((c) => c.cweIds[0]), [703, 284, 664, 435, 707]);
    assert.deepEqual(spans(parsed.claims), ['239-241', '111-111', '245-246', '367-371', '']);
    const [kill, , stop, , general] = parsed.claims;
    assert.match(kill.description, /^The `kill` method tries to destroy a service reference/);
    assert.deepEqual(kill.codeTerms, ['kill', 'self.service_ref.destroy()', 'exception.NotFound']);
    assert.match(kill.solution, /^Enhance exception handling by capturing broader exceptions/);
    assert.deepEqual(stop.codeTerms, ['stop', 'self.rpcserver.stop()', 'self.rpcserver.wait()']);
    assert.match(general.description, /General Concern: The service configuration/);
    assert.match(general.solution, /^Implement stricter input validation/);
    // The closing paragraph is the answer talking, not part of defect 5.
    assert.ok(parsed.claims.every((c) => !/These issues mainly focus/.test(c.description + c.solution)));
  });

  it('seed 001: seven defects; the one without a line is unlocated; the conclusion is dropped', () => {
    const parsed = parseAnswer(answer('seed-001.txt'));
    assert.equal(parsed.kind, 'prose');
    assert.deepEqual(parsed.claims.map((c) => c.cweIds[0]), [284, 435, 664, 691, 703, 707, 710]);
    assert.deepEqual(spans(parsed.claims), ['41-41', '51-51', '57-57', '69-69', '75-75', '84-84', '']);
    assert.equal(parsed.claims[3].cweName, 'Incorrect Calculation');
    assert.deepEqual(parsed.claims[3].codeTerms, ["start_response('500 Internal Server Error', [...])", 'start_response']);
    // Code in a solution is what to write, not what is there: `exc_info` is not a term to verify.
    assert.ok(!parsed.claims[3].codeTerms.includes('exc_info'));
    assert.match(parsed.claims[6].solution, /^Consistently use either camelCase/);
    assert.ok(!/In conclusion/.test(parsed.claims[6].solution));
  });

  it('seed 002: five defects, not ten; the repeated summary only supplies the solutions', () => {
    const parsed = parseAnswer(answer('seed-002.txt'));
    assert.equal(parsed.claims.length, 5);
    assert.deepEqual(parsed.claims.map((c) => c.cweIds[0]), [284, 682, 697, 703, 710]);
    assert.deepEqual(spans(parsed.claims), ['234-234', '132-132', '144-144', '241-241', '184-184']);
    assert.match(parsed.claims[0].solution, /^Implement proper authorization checks in the `kill` method/);
    assert.match(parsed.claims[4].solution, /`__getattr__` method by adding proper error handling/);
    assert.deepEqual(parsed.claims[4].codeTerms, ['__getattr__']);
    assert.equal(parsed.notes.length, 1);
    assert.match(parsed.notes[0], /repeats defects 1, 2, 3, 4, 5/);
  });
});

describe('parsing other answer shapes', () => {
  it('the no-defects sentence gives zero findings', () => {
    const parsed = parseAnswer('No security defects are detected in the code.');
    assert.equal(parsed.kind, 'no-defects');
    assert.equal(parsed.claims.length, 0);
  });

  it('text that is neither a review nor the no-defects sentence is unparsed', () => {
    const parsed = parseAnswer(answer('garbage.txt'));
    assert.equal(parsed.kind, 'unparsed');
    assert.equal(parsed.claims.length, 0);
  });

  it('bare JSON with aliased field names', () => {
    const parsed = parseAnswer(
      JSON.stringify({ defects: [{ cwe_id: 89, line_start: 12, line_end: 13, code: 'cur.execute(q)', details: 'SQL built by formatting.', fix: 'Bind parameters.', severity: 'High' }] }),
    );
    assert.equal(parsed.kind, 'json');
    const [c] = parsed.claims;
    assert.deepEqual([c.cweIds, c.ranges, c.codeTerms, c.description, c.solution, c.severity], [[89], [{ start: 12, end: 13 }], ['cur.execute(q)'], 'SQL built by formatting.', 'Bind parameters.', 'high']);
  });

  it('JSON fenced inside prose, with a pillar and a lines string', () => {
    const parsed = parseAnswer(answer('fenced.md'));
    assert.equal(parsed.kind, 'json');
    assert.deepEqual(parsed.claims.map((c) => [c.cweIds, spans([c])[0]]), [[[78, 707], '14-15'], [[798, 710], '6-6']]);
  });

  it('JSON wrapped in prose without a fence', () => {
    const parsed = parseAnswer('Here is my review: {"findings": [{"cwe": "CWE-502", "line": 30, "description": "pickle.loads on request data"}]} Hope it helps.');
    assert.deepEqual(parsed.claims.map((c) => [c.cweIds[0], c.ranges[0].start]), [[502, 30]]);
  });

  it('an empty findings list is a clean answer, not a parse failure', () => {
    const parsed = parseAnswer('```json\n{"findings": []}\n```');
    assert.equal(parsed.kind, 'json');
    assert.equal(parsed.claims.length, 0);
  });

  it('a truncated JSON answer keeps the findings completed before the cut', () => {
    const parsed = parseAnswer(answer('truncated.json'));
    assert.equal(parsed.kind, 'json');
    assert.deepEqual(parsed.claims.map((c) => c.cweIds[0]), [78, 502]);
    assert.match(parsed.notes[0], /cut off/);
  });

  it('quoted code inside prose is not mistaken for a JSON answer', () => {
    const parsed = parseAnswer('1. CWE-703: Line 75: `config.parse_args([], files)` can raise.\n');
    assert.equal(parsed.kind, 'prose');
    assert.equal(parsed.claims.length, 1);
  });

  it('one numbered defect with several located bullets becomes one claim per place', () => {
    const parsed = parseAnswer(answer('multi-location.txt'));
    assert.deepEqual(parsed.claims.map((c) => [c.cweIds[0], spans([c])[0]]), [[89, '12-12'], [89, '30-31'], [798, '5-5']]);
    assert.match(parsed.claims[1].solution, /parameterised queries/);
  });

  it('top-level bullets instead of numbers', () => {
    const parsed = parseAnswer('Findings:\n- **CWE-78** (line 8): `os.system(cmd)` runs a shell.\n- **CWE-327** (line 20): `hashlib.md5` is weak.\n');
    assert.deepEqual(parsed.claims.map((c) => [c.cweIds[0], c.ranges[0].start]), [[78, 8], [327, 20]]);
  });

  it('a chain-of-thought list without CWE, line or code is not a defect list', () => {
    const parsed = parseAnswer('Steps:\n1. Understand what the module does.\n2. Look at how it is called.\n\nNo security defects are detected in the code.');
    assert.equal(parsed.kind, 'no-defects');
  });
});

describe('reading line references and code', () => {
  it('line references in the forms models write', () => {
    assert.deepEqual(lineRanges('Lines 239-241 and Line 111'), [{ start: 239, end: 241 }, { start: 111, end: 111 }]);
    assert.deepEqual(lineRanges('lines 12 and 15'), [{ start: 12, end: 12 }, { start: 15, end: 15 }]);
    assert.deepEqual(lineRanges('Lines 245–246'), [{ start: 245, end: 246 }]);
    assert.deepEqual(lineRanges('line 5 to 7, see L10-L12'), [{ start: 5, end: 7 }, { start: 10, end: 12 }]);
    assert.deepEqual(lineRanges('in line with best practice; HTTP 500; 3 lines'), []);
  });

  it('backticked prose is not code; fenced blocks are', () => {
    assert.deepEqual(codeTerms('violates `PEP 8`; calls `eval(x)`\n```python\nos.system(cmd)\n```'), ['os.system(cmd)', 'eval(x)']);
  });
});
