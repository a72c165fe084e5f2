/**
 * End to end through the compiled CLI, on real git repositories: which findings a change review
 * reports, suppressions, baselines with counts, config discovery, and the exit codes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { review } from '../../src/pipeline/review.js';
import { openGitChange } from '../../src/sources/git.js';
import { findingKeys, GIT_ENV, Repo, secreview } from '../sources/git-repo.js';

const repos: Repo[] = [];
after(() => repos.forEach((r) => r.dispose()));

function repo(): Repo {
  const r = new Repo();
  repos.push(r);
  return r;
}

const APP_V1 = 'def calc(expr):\n    return eval(expr)\n';
const READ_C_V1 = '#include <stdio.h>\n\nvoid read_line(char *buf) {\n    gets(buf);\n}\n';
// Long enough that git sees the edited copy as a rename (over 50% similar).
const UTIL_V1 = 'import os\nimport shlex\n\nLIMIT = 10\nNAME = "util"\n\n\ndef quote(x):\n    return shlex.quote(x)\n\n\ndef run(cmd):\n    os.system(cmd)\n';

describe('review a change: --diff, --staged, --patch', () => {
  const r = repo();
  before(() => {
    r.write({
      'app.py': APP_V1,
      'read.c': READ_C_V1,
      'tools/util.py': UTIL_V1,
      'moved.py': 'def m(v):\n    return eval(v)\n',
      'old.py': 'x = eval(input())\n',
      'logo.bin': Buffer.from([0, 1, 2]),
    });
    r.commit('main: first');
    r.git('checkout', '-q', '-b', 'feature');
    r.write({
      'app.py': APP_V1 + '\n\ndef calc2(expr):\n    return eval(expr)\n',
      'read.c': READ_C_V1 + '\nvoid read_again(char *buf) {\n    gets(buf);\n}\n',
      'logo.bin': Buffer.from([0, 7, 7]),
    });
    r.git('mv', 'tools/util.py', 'tools/helpers.py');
    r.write({ 'tools/helpers.py': UTIL_V1.replace('os.system(cmd)', 'os.system("ls " + cmd)') });
    r.git('mv', 'moved.py', 'renamed.py');
    r.remove('old.py');
    r.commit('feature work');
    r.git('checkout', '-q', 'main');
    r.write({ 'app.py': 'def calc(expr):\n    return eval(expr.strip())\n' });
    r.commit('main: moves on');
    r.git('checkout', '-q', 'feature');
  });

  const FEATURE_FINDINGS = ['py/eval-injection@app.py:6', 'c/gets@read.c:8', 'py/command-injection@tools/helpers.py:13'];

  it('A...B reports the findings on lines the branch added: new, modified, in a renamed file', () => {
    const run = secreview(r.dir, ['review', '--diff', 'main...feature', '-f', 'json']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(findingKeys(run), FEATURE_FINDINGS);
  });

  it('a plain review reports every finding, for comparison', () => {
    const run = secreview(r.dir, ['review', '-f', 'json']);
    assert.deepEqual(findingKeys(run), [
      'py/eval-injection@app.py:2',
      'py/eval-injection@app.py:6',
      'c/gets@read.c:4',
      'c/gets@read.c:8',
      'py/eval-injection@renamed.py:2',
      'py/command-injection@tools/helpers.py:13',
    ]);
  });

  it('A..B compares the tips: main\'s own later edit shows as a change of the branch', () => {
    const run = secreview(r.dir, ['review', '--diff', 'main..feature', '-f', 'json']);
    assert.deepEqual(findingKeys(run), ['py/eval-injection@app.py:2', ...FEATURE_FINDINGS]);
  });

  it('REV reviews the working tree against REV', () => {
    const base = r.git('merge-base', 'main', 'feature');
    assert.deepEqual(findingKeys(secreview(r.dir, ['review', '--diff', base, '-f', 'json'])), FEATURE_FINDINGS);
  });

  /** `N files changed, +A -D` as git itself counts the range. */
  const gitCounts = (range: string) => {
    const rows = r.git('diff', '--numstat', '-M', range).split('\n').map((l) => l.split('\t'));
    const sum = (i: number) => rows.reduce((n, row) => n + (row[i] === '-' ? 0 : Number(row[i])), 0);
    return `${rows.length} files changed, +${sum(0)} -${sum(1)}`;
  };

  it('the text report says which change was reviewed', () => {
    const run = secreview(r.dir, ['review', '--diff', 'main...feature']);
    const base = r.git('merge-base', 'main', 'feature').slice(0, 7);
    const head = r.git('rev-parse', 'feature').slice(0, 7);
    assert.equal(gitCounts('main...feature'), '6 files changed, +9 -2');
    assert.equal(run.stdout.split('\n')[0], `Reviewed change: git diff main...feature (merge base ${base}..${head}): ${gitCounts('main...feature')}`);
  });

  it('the result lists every changed file, and only changed files as reviewed', async () => {
    for (const key of ['GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL'] as const) process.env[key] = GIT_ENV[key];
    const opened = await openGitChange({ diff: 'main...feature' }, r.dir);
    try {
      const result = await review({ paths: ['.'].map(opened.mapPath), root: opened.root, change: opened.change, jobs: 1 });
      assert.deepEqual(result.change?.files?.map((f) => `${f.status}${f.binary ? ' binary' : ''} ${f.previousPath ?? ''}>${f.path} +${f.additions} -${f.deletions}`), [
        'modified >app.py +4 -0',
        'modified binary >logo.bin +0 -0',
        'deleted >old.py +0 -1',
        'modified >read.c +4 -0',
        'renamed moved.py>renamed.py +0 -0',
        'renamed tools/util.py>tools/helpers.py +1 -1',
      ]);
      assert.deepEqual(result.files.map((f) => f.path), ['app.py', 'read.c', 'renamed.py', 'tools/helpers.py']);
    } finally {
      opened.dispose();
    }
  });

  it('a pure rename and a deletion report nothing', () => {
    const run = secreview(r.dir, ['review', '--diff', 'main...feature', '-f', 'json', 'renamed.py']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(findingKeys(run), []);
  });

  it('--staged reviews the index, not unstaged edits', () => {
    try {
      r.write({ 'app.py': APP_V1 + '\n\ndef calc2(expr):\n    return eval(expr)\n\n\ndef staged(e):\n    return eval(e)\n' });
      r.git('add', 'app.py');
      r.write({ 'app.py': APP_V1 + '\n\ndef calc2(expr):\n    return eval(expr)\n\n\ndef staged(e):\n    return eval(e)\nexec(unstaged)\n' });
      assert.deepEqual(findingKeys(secreview(r.dir, ['review', '--staged', '-f', 'json'])), ['py/eval-injection@app.py:10']);
      assert.deepEqual(findingKeys(secreview(r.dir, ['review', '--diff', 'HEAD', '-f', 'json'])), [
        'py/eval-injection@app.py:10',
        'py/eval-injection@app.py:11',
      ]);
    } finally {
      r.git('reset', '-q', '--hard');
    }
  });

  it('--patch - reads a unified diff from standard input', () => {
    const patch = r.git('diff', 'main...feature') + '\n';
    const run = secreview(r.dir, ['review', '--patch', '-', '-f', 'json'], patch);
    assert.deepEqual(findingKeys(run), FEATURE_FINDINGS);
    assert.equal(JSON.parse(run.stdout).change.description, `patch from standard input: ${gitCounts('main...feature')}`);
  });

  it('--patch from a subfolder: paths are relative to it, the rest is noted as not reviewed', () => {
    const patch = r.git('diff', 'main...feature') + '\n';
    const run = secreview(join(r.dir, 'tools'), ['review', '--patch', '-', '-f', 'json'], patch);
    assert.deepEqual(findingKeys(run), ['py/command-injection@helpers.py:13']);
    assert.match(run.stderr, /app\.py: skipped: changed by the patch but outside the reviewed folder; not reviewed/);
  });

  it('a patch that is not applied to the tree is an error (exit 2)', () => {
    const patch = r.git('diff', 'feature', 'main') + '\n';
    const run = secreview(r.dir, ['review', '--patch', '-', '-f', 'json'], patch);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /app\.py:2: config: the patch does not match this file/);
  });

  it('usage errors are one line and exit 2', () => {
    const unknown = secreview(r.dir, ['review', '--diff', 'no-such-branch']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, "secreview: error: unknown revision 'no-such-branch' (not a commit in this repository)\n");
    const both = secreview(r.dir, ['review', '--diff', 'main', '--staged']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /option '--diff <rev>' cannot be used with option '--staged'/);
  });
});

describe('review a change: a finding whose trace passes through a changed line', () => {
  it('reports the use when only the check before it changed', () => {
    const r = repo();
    const source = (mode: string) =>
      `#include <stdio.h>\n#include <unistd.h>\n\nvoid load(const char *p) {\n    if (access(p, ${mode}) == 0) {\n        FILE *f = fopen(p, "r");\n        fclose(f);\n    }\n}\n`;
    r.write({ 'load.c': source('F_OK') });
    r.commit('first');
    r.write({ 'load.c': source('R_OK') });
    const run = secreview(r.dir, ['review', '--diff', 'HEAD', '-f', 'json']);
    assert.deepEqual(findingKeys(run), ['c/toctou@load.c:6']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ trace: Array<{ location: { startLine: number } }> }> };
    assert.deepEqual(report.findings[0].trace.map((s) => s.location.startLine), [5, 6]);
  });
});

describe('suppressions end to end', () => {
  it('mutes what it names, reports a suppression without a reason, and unused ones on request', () => {
    const r = repo();
    r.write({
      'app.py': [
        'def a(x):',
        '    return eval(x)  # secreview: ignore[py/eval-injection] x comes from our own settings module',
        '',
        '',
        'def b(x):',
        '    # secreview: ignore[py/eval-injection]',
        '    return eval(x)',
        '',
        '',
        'def c(x):',
        '    return x  # secreview: ignore[py/eval-injection] stale',
        '',
      ].join('\n'),
    });
    const plain = secreview(r.dir, ['review', '-f', 'json']);
    assert.deepEqual(findingKeys(plain), ['secreview/invalid-suppression@app.py:6', 'py/eval-injection@app.py:7']);
    const unused = secreview(r.dir, ['review', '-f', 'json', '--report-unused-suppressions']);
    assert.deepEqual(findingKeys(unused), [
      'secreview/invalid-suppression@app.py:6',
      'py/eval-injection@app.py:7',
      'secreview/unused-suppression@app.py:11',
    ]);
    const sarif = JSON.parse(secreview(r.dir, ['review', '-f', 'sarif']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }> };
    assert.ok(sarif.runs[0].tool.driver.rules.some((rule) => rule.id === 'secreview/invalid-suppression'));
  });
});

describe('baseline end to end', () => {
  const r = repo();
  const handler = (...body: string[]) => ['import json', '', '', 'def handler(code):', ...body, ''].join('\n');
  before(() => {
    r.write({ 'app.py': handler('    eval(code)') });
    r.commit('first');
  });

  it('create records today\'s findings, deterministically', () => {
    const first = secreview(r.dir, ['baseline', 'create', 'baseline.json']);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stderr, 'secreview: baseline.json: 1 finding recorded\n');
    const text = readFileSync(join(r.dir, 'baseline.json'), 'utf8');
    const data = JSON.parse(text) as { version: number; findings: Array<{ ruleId: string; file: string; count: number; code: string }> };
    assert.equal(data.version, 1);
    assert.deepEqual(data.findings.map((f) => [f.ruleId, f.file, f.count, f.code]), [['py/eval-injection', 'app.py', 1, 'eval(code)']]);
    secreview(r.dir, ['baseline', 'create', 'baseline.json']);
    assert.equal(readFileSync(join(r.dir, 'baseline.json'), 'utf8'), text);
  });

  it('review --baseline reports nothing old, and a second identical finding as new', () => {
    const same = secreview(r.dir, ['review', '--baseline', 'baseline.json', '-f', 'json']);
    assert.equal(same.status, 0);
    assert.deepEqual(findingKeys(same), []);
    r.write({ 'app.py': '"""Moved down by a docstring."""\n' + handler('    eval(code)', '    eval(code)') });
    try {
      const more = secreview(r.dir, ['review', '--baseline', 'baseline.json', '-f', 'json']);
      assert.equal(more.status, 1);
      assert.deepEqual(findingKeys(more), ['py/eval-injection@app.py:7']);
    } finally {
      r.git('checkout', '--', 'app.py');
    }
  });

  it('in diff mode, the identical finding on the changed line is the new one', () => {
    // The same code (the comment is not part of the call) added above the old line.
    r.write({ 'app.py': handler('    eval(code)  # a second call', '    eval(code)') });
    try {
      assert.equal(r.git('diff', '-U0', 'HEAD').split('\n').find((l) => l.startsWith('@@')), '@@ -4,0 +5 @@ def handler(code):');
      const diffRun = secreview(r.dir, ['review', '--baseline', 'baseline.json', '--diff', 'HEAD', '-f', 'json']);
      assert.deepEqual(findingKeys(diffRun), ['py/eval-injection@app.py:5']);
      // Without the change to go by, the later one counts as new.
      assert.deepEqual(findingKeys(secreview(r.dir, ['review', '--baseline', 'baseline.json', '-f', 'json'])), ['py/eval-injection@app.py:6']);
    } finally {
      r.git('checkout', '--', 'app.py');
    }
  });

  it('a broken baseline is one line and exit 2', () => {
    const run = secreview(r.dir, ['review', '--baseline', 'nope.json']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'secreview: error: cannot read baseline nope.json: ENOENT\n');
  });
});

describe('config end to end', () => {
  const r = repo();
  before(() => {
    r.write({
      'svc/secreview.config.json': JSON.stringify({
        failOn: 'critical',
        overrides: [{ files: ['tests/'], disable: ['py/eval-injection'] }],
      }),
      'svc/app.py': 'eval(data)\n',
      'svc/tests/test_app.py': 'eval(data)\n',
    });
    r.commit('first');
  });

  it('is found from the reviewed path and applies its overrides and defaults', () => {
    const run = secreview(r.dir, ['review', 'svc', '-f', 'json']);
    assert.deepEqual(findingKeys(run), ['py/eval-injection@svc/app.py:1']);
    assert.equal(run.status, 0, 'failOn: critical from the config');
    assert.equal(secreview(r.dir, ['review', 'svc', '--fail-on', 'high']).status, 1, 'a flag overrides the config');
  });

  it('an invalid config is one line naming the key, exit 2', () => {
    r.write({ 'svc/secreview.config.json': JSON.stringify({ failOn: 'severe' }) });
    try {
      const run = secreview(r.dir, ['review', 'svc']);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'secreview: error: svc/secreview.config.json: failOn: must be one of "critical", "high", "medium", "low", "none"\n');
    } finally {
      r.git('checkout', '--', 'svc/secreview.config.json');
    }
  });

  it('--config names the file; its baseline setting is relative to it', () => {
    r.write({ 'ci/strict.yaml': 'failOn: low\nbaseline: known.json\n' });
    assert.equal(secreview(r.dir, ['baseline', 'create', 'ci/known.json', 'svc']).status, 0);
    // Without the svc config's override, the test file's finding is reported; the baselined one is not.
    const run = secreview(r.dir, ['review', 'svc', '--config', 'ci/strict.yaml', '-f', 'json']);
    assert.deepEqual(findingKeys(run), ['py/eval-injection@svc/tests/test_app.py:1']);
    assert.equal(run.status, 1);
  });
});
