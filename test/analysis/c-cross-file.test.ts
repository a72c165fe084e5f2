/**
 * The C path checks across files, through the whole review pipeline: a logger whose main.c reads
 * input and passes it, NULL and a small buffer to helpers defined in other files, one of which
 * passes the input on to a third file; and which divides by what a reader in input.c returns.
 * The project's header names alloca() and mktemp() by macros, which the checks see through, and
 * defines a noise source as a macro without parameters, which is expanded where it is used.
 * settings.c defines a constant and a function returning one, on which samples.c decides whether
 * to keep or free its buffers: both are folded there, so no path leaks. samples.c also hands
 * buffers to settings.c's releasers, directly or through report.c, which free them (known there
 * from their summaries); and passes a name read from input to report.c, whose function runs it
 * through the shell (the data flow links the call across files, and the syntactic command check
 * leaves that function to it). events.c opens streams itself or through journal.c's helper, and
 * hands them to journal.c's functions: the one that keeps its stream, the others that do not,
 * whatever their names say (known from their summaries), one of them unchecked to journal.c's
 * function that hands it to stamp.c's, which writes to it and closes it; and a constant heading,
 * by address through a `void *`, to stamp.c's printf() (in view of the data flow, so the syntactic
 * format check stays silent there). tools/ defines a
 * journal_open() of its own, which returns stderr: each call links to the definition nearest to it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import type { Finding } from '../../src/core/finding.js';
import { review } from '../../src/pipeline/review.js';

const ROOT = join(packageRoot(), 'test', 'fixtures', 'projects', 'c-cross-file');

function at(f: Finding): string {
  return `${f.ruleId}@${f.location.file}:${f.location.startLine}`;
}

function steps(f: Finding): string[] {
  return (f.trace ?? []).map((s) => `${s.location.file}:${s.location.startLine}`);
}

describe('C path checks across files', () => {
  it('finds, in the callee, the defects its callers in other files cause, and only those', async () => {
    const result = await review({ paths: ['.'], root: ROOT, jobs: 1 });
    assert.deepEqual(result.findings.map(at).sort(), [
      // A shell command run by a file's exported function that nothing in the review calls.
      'c/command-injection@src/report.c:35',
      'c/division-by-zero@src/format.c:5',
      'c/division-by-zero@src/main.c:31',
      // Streams journal_open() opened for the caller, and one journal_attach() does not keep.
      'c/handle-leak@src/events.c:17',
      'c/handle-leak@src/events.c:35',
      // Through the header's names for alloca() and mktemp() (STACK_ALLOC, MAKE_TEMP_NAME).
      'c/insecure-tempfile@src/input.c:30',
      // A stream events.c did not check, passed through journal.c's releaser to stamp.c's.
      'c/null-dereference@src/stamp.c:6',
      'c/null-dereference@src/store.c:20',
      // NOISY_OFFSET() can be negative; the wrapping arithmetic inside it is the macro's own.
      'c/out-of-bounds@src/input.c:41',
      'c/out-of-bounds@src/report.c:20',
      'c/out-of-bounds@src/store.c:10',
      // Input read in samples.c, run by the shell in report.c.
      'c/tainted-command@src/report.c:29',
      'c/unbounded-allocation@src/input.c:24',
    ]);
  });

  it('traces each back to the caller: the input read, then each call that passed it on', async () => {
    const result = await review({ paths: ['.'], root: ROOT, jobs: 1 });
    const byPlace = new Map(result.findings.map((f) => [at(f), f]));

    const index = byPlace.get('c/out-of-bounds@src/store.c:10')!;
    assert.deepEqual(steps(index), ['src/main.c:13', 'src/main.c:16', 'src/store.c:5', 'src/store.c:10']);
    assert.match(index.trace![0].label, /^source: input read by fgets\(\)/);
    assert.match(index.trace![1].label, /`slot` reaches record_reading\(\) here/);
    assert.equal(index.cwe.id, 787);

    const division = byPlace.get('c/division-by-zero@src/format.c:5')!;
    assert.deepEqual(steps(division), ['src/main.c:18', 'src/report.c:11', 'src/format.c:5'], 'two files down');

    const copy = byPlace.get('c/out-of-bounds@src/report.c:20')!;
    assert.deepEqual(steps(copy), ['src/main.c:27', 'src/main.c:6', 'src/report.c:20']);
    assert.match(copy.description, /`label`, which holds 16 bytes \(strcpy\(\)\)/);

    const nul = byPlace.get('c/null-dereference@src/store.c:20')!;
    assert.deepEqual(steps(nul), ['src/main.c:28', 'src/store.c:20']);

    const returned = byPlace.get('c/division-by-zero@src/main.c:31')!;
    assert.deepEqual(steps(returned), ['src/input.c:11', 'src/main.c:31'], 'from the read in the helper that returned it');
    assert.match(returned.trace![0].label, /^source: input read by scanf\(\)/);
  });

  it('follows a stream through another file\'s releasing function to the file where it is used', async () => {
    const result = await review({ paths: ['.'], root: ROOT, jobs: 1 });
    const nul = result.findings.find((f) => at(f) === 'c/null-dereference@src/stamp.c:6')!;
    assert.deepEqual(steps(nul), ['src/journal.c:36', 'src/stamp.c:6']);
    assert.match(nul.description, /can be NULL/);
  });

  it('follows nothing when the callee file is not under review', async () => {
    const result = await review({ paths: ['src/store.c', 'src/format.c'], root: ROOT, jobs: 1 });
    assert.deepEqual(result.findings.map(at), []);
  });
});
