/**
 * Python test modules get the syntactic rules but not the data-flow pass, unless asked
 * (--data-flow-in-tests, or `dataFlowInTests` in the config file): the same flow from argv to a
 * shell is a data-flow finding in shipped code, a syntactic one in a test.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { review } from '../../src/pipeline/review.js';
import { findingKeys, Repo, secreview } from '../sources/git-repo.js';

// Line 6 runs a shell with what main() passes from the command line (line 10).
const RUNNER = [
  'import subprocess',
  'import sys',
  '',
  '',
  'def run(command):',
  '    return subprocess.call(command, shell=True)',
  '',
  '',
  'def main():',
  '    run(sys.argv[1])',
  '',
].join('\n');

describe('data flow in Python test modules', () => {
  const r = new Repo().write({
    'tool/runner.py': RUNNER,
    // Test modules by folder, by name prefix, by name suffix; `contest/` and `testdata.py` are not.
    'tests/helpers.py': RUNNER,
    'test_runner.py': RUNNER,
    'tool/runner_test.py': RUNNER,
    'contest/runner.py': RUNNER,
    'testdata.py': RUNNER,
  });
  after(() => r.dispose());

  const SHIPPED = ['py/taint-command-injection@contest/runner.py:6', 'py/taint-command-injection@testdata.py:6', 'py/taint-command-injection@tool/runner.py:6'];
  const TESTS = ['test_runner.py', 'tests/helpers.py', 'tool/runner_test.py'];

  it('is left out by default: the syntactic rule reports the shell call in tests', () => {
    const run = secreview(r.dir, ['review', '-f', 'json']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(findingKeys(run).sort(), [...SHIPPED, ...TESTS.map((t) => `py/command-injection@${t}:6`)].sort());
  });

  it('is followed with --data-flow-in-tests, which traces the test\'s own flow', () => {
    const run = secreview(r.dir, ['review', '-f', 'json', '--data-flow-in-tests']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(findingKeys(run).sort(), [...SHIPPED, ...TESTS.map((t) => `py/taint-command-injection@${t}:6`)].sort());
    const report = JSON.parse(run.stdout) as { findings: Array<{ location: { file: string }; trace?: Array<{ location: { startLine: number } }> }> };
    const inTest = report.findings.find((f) => f.location.file === 'tests/helpers.py')!;
    assert.equal(inTest.trace?.[0]?.location.startLine, 10, 'traced from sys.argv in main()');
  });

  it('is followed when the config file asks, and the flag of baseline create agrees', () => {
    const configured = new Repo().write({ 'tests/helpers.py': RUNNER, 'secreview.config.json': '{"dataFlowInTests": true}' });
    try {
      assert.deepEqual(findingKeys(secreview(configured.dir, ['review', '-f', 'json'])), ['py/taint-command-injection@tests/helpers.py:6']);
      const created = secreview(r.dir, ['baseline', 'create', 'baseline.json', '--data-flow-in-tests']);
      assert.equal(created.status, 0, created.stderr);
      const rest = secreview(r.dir, ['review', '-f', 'json', '--data-flow-in-tests', '--baseline', 'baseline.json']);
      assert.deepEqual(findingKeys(rest), []);
    } finally {
      configured.dispose();
    }
  });

  it('is the same through the API: review() leaves it out unless dataFlowInTests', async () => {
    const keys = async (dataFlowInTests?: boolean) =>
      (await review({ paths: ['.'], root: r.dir, jobs: 1, dataFlowInTests })).findings.filter((f) => f.location.file === 'tests/helpers.py').map((f) => f.ruleId);
    assert.deepEqual(await keys(), ['py/command-injection']);
    assert.deepEqual(await keys(true), ['py/taint-command-injection']);
  });
});
