/**
 * C++ methods across files: main.cpp makes a ShellRunner and a ListingRunner and calls `run()` on
 * each, with input and with a constant; runner.cpp defines both methods, which run their argument
 * through the shell. The data flow follows each call to its class's method, so only ShellRunner's
 * is reported, with the trace from the input; the syntactic command check leaves both to it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { review } from '../../src/pipeline/review.js';

const ROOT = join(packageRoot(), 'test', 'fixtures', 'projects', 'cpp-methods');

describe('C++ methods called on objects of the project', () => {
  it('reports the method its caller hands input, not the one given a constant', async () => {
    const result = await review({ paths: ['.'], root: ROOT, jobs: 1 });
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.startLine}`),
      ['c/tainted-command@runner.cpp:6'],
    );
    const trace = result.findings[0].trace!.map((s) => `${s.location.file}:${s.location.startLine}`);
    assert.equal(trace[0], 'main.cpp:9');
  });
});
