/** What the Python rules decide from more than the lines of a fixture: where the file sits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSource } from '../../../src/pipeline/analyze-file.js';

const HELD = 'import threading\n\nlock = threading.Lock()\n\n\ndef update(items, value):\n    lock.acquire()\n    items.append(value)\n    lock.release()\n';

function lockFindings(path: string): number[] {
  const { findings } = analyzeSource({ path, absPath: `/repo/${path}`, language: 'python', text: HELD });
  return findings.filter((f) => f.ruleId === 'py/lock-not-released').map((f) => f.location.startLine);
}

describe('py/lock-not-released', () => {
  it('reports a release outside finally in shipped code', () => {
    assert.deepEqual(lockFindings('app/cache.py'), [7]);
  });

  it('leaves test modules alone, which hold locks on purpose', () => {
    for (const path of ['tests/cache.py', 'app/test_cache.py', 'app/cache_test.py', 'test/lock_tests.py', 'conftest.py']) assert.deepEqual(lockFindings(path), [], path);
  });
});
