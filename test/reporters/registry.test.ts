import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { FORMATS } from '../../src/reporters/types.js';
import { reversedKeys, sampleResult } from './sample.js';

describe('reporter registry', () => {
  it('has a reporter for every format', () => {
    assert.deepEqual(Object.keys(REPORTERS).sort(), [...FORMATS].sort());
  });

  for (const format of FORMATS) {
    it(`${format}: identical bytes for identical input, no machine-specific paths`, () => {
      const once = REPORTERS[format](sampleResult(), { color: false });
      assert.equal(REPORTERS[format](reversedKeys(sampleResult()), { color: false }), once);
      assert.ok(!once.includes(packageRoot()));
      assert.ok(!once.includes('\u001b'));
    });
  }
});
