import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangeSet } from '../../src/sources/change.js';
import { openGitChange, type GitChangeRequest } from '../../src/sources/git.js';
import { GIT_ENV, Repo } from './git-repo.js';

const repos: Repo[] = [];
after(() => repos.forEach((r) => r.dispose()));

function repo(): Repo {
  const r = new Repo();
  repos.push(r);
  return r;
}

// openGitChange runs git as the CLI does; keep the tests' isolation from the user's git config.
before(() => {
  for (const key of ['GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL'] as const) process.env[key] = GIT_ENV[key];
});

const summary = (c: ChangeSet) =>
  c.files.map((f) => `${f.status}${f.binary ? ' binary' : ''} ${f.previousPath ? `${f.previousPath} -> ` : ''}${f.path} +[${f.added.map((r) => `${r.start}-${r.end}`)}]`);

async function open(r: Repo, request: GitChangeRequest, cwd = r.dir) {
  const opened = await openGitChange(request, cwd);
  return opened;
}

describe('openGitChange', () => {
  const r = repo();
  let first = '';
  let second = '';
  before(() => {
    r.write({
      'app.py': 'def f(x):\n    return x\n',
      'moved.py': 'a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n',
      'gone.py': 'z = 0\n',
      'logo.bin': Buffer.from([0, 1, 2, 3]),
      'sub/lib.py': 'k = 1\n',
    });
    first = r.commit('first');
    r.write({ 'app.py': 'def f(x):\n    return eval(x)\n', 'logo.bin': Buffer.from([0, 9, 9, 9]), 'sub/lib.py': 'k = 1\nexec(k)\n' });
    r.git('mv', 'moved.py', 'renamed.py');
    r.write({ 'renamed.py': 'a = 1\nb = 2\nc = 30\nd = 4\ne = 5\n' });
    r.remove('gone.py');
    second = r.commit('second');
  });

  it('A..B: the files and added lines of the range, content from B', async () => {
    const opened = await open(r, { diff: `${first}..${second}` });
    try {
      assert.deepEqual(summary(opened.change), [
        'modified app.py +[2-2]',
        'deleted gone.py +[]',
        'modified binary logo.bin +[]',
        'renamed moved.py -> renamed.py +[3-3]',
        'modified sub/lib.py +[2-2]',
      ]);
      assert.equal(opened.change.base, first);
      assert.equal(opened.change.head, second);
      assert.match(opened.change.description, new RegExp(`^git diff ${first}\\.\\.${second} \\(${first.slice(0, 7)}\\.\\.${second.slice(0, 7)}\\)$`));
      // The snapshot holds B's files, not the working tree's.
      r.write({ 'app.py': 'changed in the working tree only\n' });
      assert.notEqual(opened.root, r.dir);
      assert.equal(readFileSync(join(opened.root, 'app.py'), 'utf8'), 'def f(x):\n    return eval(x)\n');
      assert.equal(existsSync(join(opened.root, 'gone.py')), false);
    } finally {
      opened.dispose();
      r.git('checkout', '--', 'app.py');
    }
    assert.equal(existsSync(opened.root), false, 'the snapshot is removed');
  });

  it('REV: against the working tree, which is reviewed in place', async () => {
    r.write({ 'app.py': 'def f(x):\n    return eval(x)\n\nexec(x)\n' });
    try {
      const opened = await open(r, { diff: 'HEAD' });
      assert.equal(opened.root, r.dir);
      assert.deepEqual(summary(opened.change), ['modified app.py +[3-4]']);
      assert.equal(opened.change.base, second);
      assert.equal(opened.change.head, undefined, 'a dirty tree is not a commit');
    } finally {
      r.git('checkout', '--', 'app.py');
    }
    const clean = await open(r, { diff: first });
    assert.equal(clean.change.head, second, 'a clean tree is HEAD');
  });

  it('--staged: the index against HEAD, content from the index', async () => {
    r.write({ 'app.py': 'def f(x):\n    return eval(x)\nstaged = 1\n' });
    r.git('add', 'app.py');
    r.write({ 'app.py': 'def f(x):\n    return eval(x)\nstaged = 1\nunstaged = 2\n' });
    const opened = await open(r, { staged: true });
    try {
      assert.deepEqual(summary(opened.change), ['modified app.py +[3-3]']);
      assert.equal(readFileSync(join(opened.root, 'app.py'), 'utf8'), 'def f(x):\n    return eval(x)\nstaged = 1\n');
      assert.match(opened.change.description, /^staged changes \(index against HEAD [0-9a-f]{7}\)$/);
    } finally {
      opened.dispose();
      r.git('reset', '-q', '--hard');
    }
  });

  it('from a subfolder: paths are relative to it and changes elsewhere are counted as not reviewed', async () => {
    const opened = await open(r, { diff: `${first}..${second}` }, join(r.dir, 'sub'));
    try {
      assert.deepEqual(
        opened.change.files.map((f) => f.path),
        ['../app.py', '../gone.py', '../logo.bin', '../renamed.py', 'lib.py'],
      );
      assert.deepEqual(opened.change.diagnostics.map((d) => d.message), ['2 changed source files lie outside sub and were not reviewed']);
      assert.equal(basename(opened.root), 'sub');
      assert.equal(readFileSync(join(opened.root, 'lib.py'), 'utf8'), 'k = 1\nexec(k)\n');
      assert.equal(opened.mapPath('.'), '.');
    } finally {
      opened.dispose();
    }
  });

  it('errors are one line: unknown revision, not a repository', async () => {
    await assert.rejects(open(r, { diff: 'no-such-branch' }), { name: 'ChangeError', message: "unknown revision 'no-such-branch' (not a commit in this repository)" });
    await assert.rejects(open(r, { diff: `${first}..nope` }), { message: "unknown revision 'nope' (not a commit in this repository)" });
    const notRepo = repo();
    const dir = notRepo.dir;
    notRepo.git('init', '-q', '--bare', 'bare.git');
    await assert.rejects(openGitChange({ diff: 'HEAD' }, join(dir, 'bare.git')), { name: 'ChangeError', message: /is not inside a git working tree/ });
  });
});

describe('openGitChange: A...B reviews a branch from its merge base', () => {
  const r = repo();
  before(() => {
    r.write({ 'a.py': 'one = 1\ntwo = 2\n' });
    r.commit('base');
    r.git('checkout', '-q', '-b', 'feature');
    r.write({ 'a.py': 'one = 1\ntwo = 2\nthree = eval(x)\n' });
    r.commit('feature work');
    r.git('checkout', '-q', 'main');
    r.write({ 'a.py': 'one = 100\ntwo = 2\n' });
    r.commit('main moves on');
  });

  it('counts only what the branch added, not what main changed since', async () => {
    const three = await open(r, { diff: 'main...feature' });
    const two = await open(r, { diff: 'main..feature' });
    try {
      assert.deepEqual(summary(three.change), ['modified a.py +[3-3]']);
      assert.match(three.change.description, /^git diff main\.\.\.feature \(merge base [0-9a-f]{7}\.\.[0-9a-f]{7}\)$/);
      // Two dots compare the tips: main's own edit of line 1 shows up as a change.
      assert.deepEqual(summary(two.change), ['modified a.py +[1-1,3-3]']);
    } finally {
      three.dispose();
      two.dispose();
    }
  });
});

describe('openGitChange: the first commit', () => {
  it('--staged works before HEAD exists', async () => {
    const r = repo();
    r.write({ 'new.py': 'eval(x)\n' });
    r.git('add', 'new.py');
    const opened = await open(r, { staged: true });
    try {
      assert.deepEqual(summary(opened.change), ['added new.py +[1-1]']);
      assert.equal(opened.change.description, 'staged changes (first commit)');
    } finally {
      opened.dispose();
    }
  });
});
