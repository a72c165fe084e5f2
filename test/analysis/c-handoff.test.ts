/**
 * Buffers handed to another file's functions: in a struct passed by value (sink.c's fill() writes
 * 100 bytes through the member, past a 10-byte buffer but not a 100-byte one) and through function
 * pointers set to another file's functions (release() frees what it is given, peek() does not).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { review } from '../../src/pipeline/review.js';

const ROOT = join(packageRoot(), 'test', 'fixtures', 'projects', 'c-handoff');

describe('C buffers handed to another file', () => {
  it('follows a struct member and a function pointer to the callee', async () => {
    const result = await review({ paths: ['.'], root: ROOT, jobs: 1 });
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.startLine}`),
      [
        // hand_to_reader(): peek() keeps nothing; hand_to_releaser() leaks nothing.
        'c/memory-leak@main.c:41',
        // fill_small(): 100 bytes through `h.buf`, which holds 10.
        'c/out-of-bounds@sink.c:7',
      ],
    );
  });
});
