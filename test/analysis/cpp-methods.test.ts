/**
 * C++ methods across files: main.cpp makes a ShellRunner and a ListingRunner and calls `run()` on
 * each, with input and with a constant; runner.cpp defines both methods, which run their argument
 * through the shell. The data flow follows each call to its class's method, so only ShellRunner's
 * is reported, with the trace from the input; the syntactic command check leaves both to it.
 * handoff.cpp hands buffers to a Releaser (buffers.cpp: writes to what it takes, then frees it)
 * and to a Keeper (does not free it): the path checks follow each call to its class's method.
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
    const command = result.findings.filter((f) => f.location.file.startsWith('runner'));
    assert.deepEqual(
      command.map((f) => `${f.ruleId}@${f.location.file}:${f.location.startLine}`),
      ['c/tainted-command@runner.cpp:6'],
    );
    const trace = command[0].trace!.map((s) => `${s.location.file}:${s.location.startLine}`);
    assert.equal(trace[0], 'main.cpp:9');
  });

  it('follows memory handed to a method of another file: freed twice, unchecked, kept or released', async () => {
    const result = await review({ paths: ['.'], root: ROOT, jobs: 1 });
    assert.deepEqual(
      result.findings.filter((f) => !f.location.file.startsWith('runner')).map((f) => `${f.ruleId}@${f.location.file}:${f.location.startLine}`),
      [
        // release_unchecked(): Releaser::take() writes to what malloc() may not have given.
        'c/null-dereference@buffers.cpp:7',
        // release_twice(): the buffer it freed is written and freed again inside take().
        'c/use-after-free@buffers.cpp:7',
        'c/double-free@buffers.cpp:8',
        'c/double-free@handoff.cpp:13',
        'c/use-after-free@handoff.cpp:13',
        // keep_and_leak(): Keeper::take() does not free; release_once() leaks nothing.
        'c/memory-leak@handoff.cpp:39',
      ],
    );
  });
});
