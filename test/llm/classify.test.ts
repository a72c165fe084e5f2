import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cweEntry, cweRef, isKnownCwe, pillarOf } from '../../src/core/cwe.js';
import type { Claim } from '../../src/llm/claim.js';
import { classifyClaim, pillarNamedIn, pillarOfCategory, UNCLASSIFIED } from '../../src/llm/classify.js';
import { defectTableIds } from '../../src/llm/defect-types.js';
import { keywordCweIds } from '../../src/llm/keywords.js';
import { parseAnswer } from '../../src/llm/parse/index.js';
import { answer } from './helpers.js';

function claim(heading: string, description = '', cweIds: number[] = []): Claim {
  return { index: 1, cweIds, heading, ranges: [], description, solution: '', codeTerms: [] };
}

describe('classifying claims', () => {
  it('seed 000: each cited pillar is the finding pillar, named as the catalog names it', () => {
    const got = parseAnswer(answer('seed-000.txt')).claims.map(classifyClaim);
    assert.deepEqual(got.map((c) => c.pillar), [703, 284, 664, 435, 707].map(cweRef));
    assert.deepEqual(got.map((c) => c.cwe.id), [703, 284, 664, 435, 707]);
    // CWE-435 is cited, but the words say what kind of defect it is.
    assert.equal(got[3].defectType, 'race-condition');
    assert.equal(got[1].defectType, 'improper-access');
  });

  it('a specific CWE gets its pillar from the catalog, whatever pillar the model wrote', () => {
    const c = classifyClaim(claim('CWE-693: SQL injection (CWE-89)', 'query built by formatting', [693, 89]));
    assert.deepEqual([c.cwe, c.pillar, c.defectType], [cweRef(89), pillarOf(89), 'sql-injection']);
    assert.equal(pillarOf(89).id, 707);
  });

  it('the cited id wins over a mismatched name (seed 001: "CWE-691 (Incorrect Calculation)")', () => {
    const c = classifyClaim(claim('CWE-691 (Incorrect Calculation):', 'start_response is called with two arguments', [691]));
    assert.deepEqual([c.cwe.id, c.pillar.id], [691, 691]);
  });

  it('a pillar cited with words that name a weakness under it gives that weakness', () => {
    const c = classifyClaim(claim('CWE-707: Improper Neutralization', 'user input reaches an SQL injection sink', [707]));
    assert.deepEqual([c.cwe.id, c.pillar.id, c.defectType], [89, 707, 'sql-injection']);
  });

  it('a pillar written by name only, in the short form the study used', () => {
    assert.equal(pillarNamedIn('Improper Interaction Between Multiple Entities'), 435);
    const c = classifyClaim(claim('Improper Control of a Resource Through its Lifetime', 'the socket is never closed'));
    assert.deepEqual([c.cwe.id, c.pillar.id], [664, 664]);
  });

  it('a CWE category keeps its id and takes the pillar most of its members roll up to', () => {
    assert.equal(cweEntry(399), undefined);
    const c = classifyClaim({ ...claim('CWE-399 (Resource Management Errors)', 'file handle leak', [399]), cweName: 'Resource Management Errors' });
    assert.equal(c.cwe.id, 399);
    assert.match(c.cwe.name, /^Resource Management Errors \(a CWE category, not a weakness\)$/);
    assert.equal(c.pillar.id, pillarOfCategory(399));
    assert.equal(c.pillar.id, 664);
    assert.equal(c.defectType, 'resource-leak');
    assert.match(c.note!, /category/);
  });

  it('an id outside the catalog keeps its id; its pillar follows from its words', () => {
    assert.equal(isKnownCwe(1427), false);
    const c = classifyClaim(claim('CWE-1427', 'a comment attempts prompt injection against the reviewer', [1427]));
    assert.equal(c.cwe.id, 1427);
    assert.match(c.cwe.name, /not in CWE 4\.15/);
    assert.deepEqual(c.pillar, pillarOf(77));
  });

  it('an unknown id with no telling words, or no CWE and no words, is unclassified, not guessed', () => {
    assert.deepEqual(classifyClaim(claim('CWE-99999', 'something odd', [99999])).pillar, UNCLASSIFIED);
    const none = classifyClaim(claim('', 'the naming style is inconsistent'));
    assert.deepEqual([none.cwe, none.pillar, none.defectType], [UNCLASSIFIED, UNCLASSIFIED, 'other']);
  });

  it('no CWE but a named weakness (the basic prompt does not ask for CWEs)', () => {
    const c = classifyClaim(claim('Command injection in ping()', 'os.system runs a shell'));
    assert.deepEqual([c.cwe.id, c.pillar.id, c.defectType], [78, 707, 'command-injection']);
  });

  it('every CWE id in the defect-type and phrase tables is a catalog weakness with a pillar', () => {
    for (const id of [...defectTableIds(), ...keywordCweIds()]) {
      assert.ok(isKnownCwe(id), `CWE-${id} not in catalog`);
      assert.ok(pillarOf(id), `CWE-${id} has no pillar`);
    }
  });
});
