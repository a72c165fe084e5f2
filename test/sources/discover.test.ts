import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { discover } from '../../src/sources/discover.js';
import type { Discovery } from '../../src/sources/types.js';
import { addToTree, removeTree, runUnprivileged, tempTree } from './temp-tree.js';

const MB = 1024 * 1024;
const trees: string[] = [];
after(() => trees.forEach(removeTree));

function tree(entries: Parameters<typeof tempTree>[0]): string {
  const root = tempTree(entries);
  trees.push(root);
  return root;
}

function run(root: string, paths: string[] = ['.'], options: { exclude?: string[]; maxFileSize?: number } = {}) {
  return discover(paths, { root, exclude: options.exclude ?? [], maxFileSize: options.maxFileSize ?? MB });
}

const paths = (d: Discovery) => d.files.map((f) => f.path);
const notes = (d: Discovery) => d.diagnostics.map((x) => `${x.file} ${x.kind}${x.error ? ' ERROR' : ''}: ${x.message}`);

describe('discover: ignore files', () => {
  // A repository: .git makes the root the base of every .gitignore and of info/exclude.
  const root = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/info/exclude': 'secret_*.py\n',
    '.git/hooks/pre-commit.py': 'x = 1\n',
    '.gitignore': 'ignored.py\n/cache/\n*.tmp.py\n',
    '.secreviewignore': 'docs/examples/\n',
    'app.py': 'x = 1\n',
    'ignored.py': 'x = 1\n',
    'secret_key.py': 'x = 1\n',
    'cache/a.py': 'x = 1\n',
    'other/cache/kept.py': 'x = 1\n',
    'other/ignored.py': 'x = 1\n',
    'other/draft.tmp.py': 'x = 1\n',
    'pkg/.gitignore': 'gen_*.py\n!gen_keep.py\n/local.py\n!keep.tmp.py\nsub/deep/\n',
    'pkg/gen_a.py': 'x = 1\n',
    'pkg/gen_keep.py': 'x = 1\n',
    'pkg/local.py': 'x = 1\n',
    'pkg/keep.tmp.py': 'x = 1\n',
    'pkg/sub/local.py': 'x = 1\n',
    'pkg/sub/deep/hidden.c': 'int x;\n',
    'pkg/sub/lib/.gitignore': '*.c\n',
    'pkg/sub/lib/x.c': 'int x;\n',
    'pkg/sub/lib/x.h': 'int x;\n',
    'docs/examples/demo.py': 'x = 1\n',
    'docs/conf.py': 'x = 1\n',
    'tests/test_app.py': 'x = 1\n',
    'README.md': '# readme\n',
  });

  it('applies every .gitignore to its own subtree, info/exclude and .secreviewignore', async () => {
    const d = await run(root);
    assert.deepEqual(paths(d), [
      'app.py',
      'docs/conf.py',
      'other/cache/kept.py',
      'pkg/gen_keep.py',
      'pkg/keep.tmp.py',
      'pkg/sub/lib/x.h',
      'pkg/sub/local.py',
      'tests/test_app.py',
    ]);
    assert.deepEqual(d.diagnostics, [], 'ignored files are left out silently, as git does');
  });

  it('applies --exclude patterns relative to the root, in gitignore syntax', async () => {
    const d = await run(root, ['.'], { exclude: ['tests/', '*.h', '/app.py'] });
    assert.deepEqual(paths(d), ['docs/conf.py', 'other/cache/kept.py', 'pkg/gen_keep.py', 'pkg/keep.tmp.py', 'pkg/sub/local.py']);
  });

  it('reviews a subfolder with the ignore files above it, whatever the root', async () => {
    assert.deepEqual(paths(await run(root, ['pkg'])), ['pkg/gen_keep.py', 'pkg/keep.tmp.py', 'pkg/sub/lib/x.h', 'pkg/sub/local.py']);
    // From inside pkg the repository root is still found through .git.
    const inside = await run(join(root, 'pkg'), ['.']);
    assert.deepEqual(paths(inside), ['gen_keep.py', 'keep.tmp.py', 'sub/lib/x.h', 'sub/local.py']);
    const other = await run(join(root, 'other'), ['.']);
    assert.deepEqual(paths(other), ['cache/kept.py']);
  });

  it('reviews files named on the command line even when ignored, but not when excluded', async () => {
    const d = await run(root, ['ignored.py', 'pkg/gen_a.py', 'docs/examples/demo.py', 'tests/test_app.py'], { exclude: ['tests/'] });
    assert.deepEqual(paths(d), ['docs/examples/demo.py', 'ignored.py', 'pkg/gen_a.py']);
  });

  it('reviews the inside of a named ignored folder, still applying deeper .gitignore files', async () => {
    const d = await run(root, ['cache', 'pkg/sub/deep']);
    assert.deepEqual(paths(d), ['cache/a.py', 'pkg/sub/deep/hidden.c']);
  });
});

it('agrees with git on which files are ignored', async () => {
  const root = tree({
    '.gitignore': ['gen/', '*.out.py', '!keep.out.py', 'docs/**/*.c', 'a/**/b/', '\\#hash.py', 'spaced.py   ', 'only/*', '!only/x.py', 'deep/', '!deep/x.py'].join('\n'),
    'a/.gitignore': '!gen/\n/top.py\n',
    'a/gen/x.py': '', 'a/top.py': '', 'a/sub/top.py': '', 'b/gen/y.py': '',
    'one.out.py': '', 'keep.out.py': '', 'x/keep.out.py': '',
    'docs/c.c': '', 'docs/api/v1/c.c': '', 'docs/api/v1/c.h': '',
    'a/x/y/b/z.py': '', 'a/b/z.py': '', 'b/z.py': '',
    '#hash.py': '', 'spaced.py': '',
    'only/x.py': '', 'only/y.py': '', 'only/n/x.py': '',
    'deep/x.py': '', 'src/deep/x.py': '',
  });
  execFileSync('git', ['init', '-q', root]);
  const fromGit = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((p) => /\.(py|c|h)$/.test(p))
    .sort();
  assert.ok(fromGit.length > 5 && fromGit.length < 20, `git listed ${fromGit.join(', ')}`);
  assert.deepEqual(paths(await run(root)), fromGit);
});

describe('discover: vendored and build folders', () => {
  const root = tree({
    'app.py': 'x = 1\n',
    'node_modules/lib/index.py': 'x = 1\n',
    'node_modules/lib/deep/more.py': 'x = 1\n',
    'vendor/zlib/inflate.c': 'int x;\n',
    'src/third_party/lib.c': 'int x;\n',
    '.venv/lib/site.py': 'x = 1\n',
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/python3.12/site-packages/six.py': 'x = 1\n',
    'build/lib/app.py': 'x = 1\n',
    'dist/app.py': 'x = 1\n',
    'cmake-build-debug/CMakeFiles/main.c': 'int x;\n',
    'tools/build/__init__.py': '',
    'tools/build/steps.py': 'x = 1\n',
    'venv/lib/site.py': 'x = 1\n',
    'stdlib/venv/__init__.py': 'x = 1\n',
    'pip/_vendor/__init__.py': 'x = 1\n',
    '.git/objects/x.py': 'x = 1\n',
    '__pycache__/app.py': 'x = 1\n',
    'pkg.egg-info/setup.py': 'x = 1\n',
  });

  it('does not descend into them: one diagnostic per folder, silence for tool metadata', async () => {
    const d = await run(root);
    assert.deepEqual(paths(d), ['app.py', 'stdlib/venv/__init__.py', 'tools/build/__init__.py', 'tools/build/steps.py']);
    assert.deepEqual(notes(d), [
      '.venv skipped: vendored or environment folder, not reviewed (name the folder as an argument to review it)',
      'build skipped: build output folder, not reviewed (name the folder as an argument to review it)',
      'cmake-build-debug skipped: build output folder, not reviewed (name the folder as an argument to review it)',
      'dist skipped: build output folder, not reviewed (name the folder as an argument to review it)',
      'env skipped: Python environment, not reviewed (name the folder as an argument to review it)',
      'node_modules skipped: vendored or environment folder, not reviewed (name the folder as an argument to review it)',
      'pip/_vendor skipped: vendored or environment folder, not reviewed (name the folder as an argument to review it)',
      'src/third_party skipped: vendored or environment folder, not reviewed (name the folder as an argument to review it)',
      'vendor skipped: vendored or environment folder, not reviewed (name the folder as an argument to review it)',
      'venv skipped: Python environment, not reviewed (name the folder as an argument to review it)',
    ]);
  });

  it('reviews a vendored or build folder the user names, but not the vendored folders inside it', async () => {
    const d = await run(root, ['node_modules/lib', 'build', 'env']);
    assert.deepEqual(paths(d), ['build/lib/app.py', 'node_modules/lib/deep/more.py', 'node_modules/lib/index.py']);
    assert.deepEqual(notes(d), [
      'env/lib/python3.12/site-packages skipped: vendored or environment folder, not reviewed (name the folder as an argument to review it)',
    ]);
  });
});

describe('discover: languages', () => {
  const root = tree({
    'a.py': 'x = 1\n',
    'b.c': 'int x;\n',
    'c.hpp': 'int x;\n',
    'stub.pyi': 'x: int\n',
    'bin/tool': '#!/usr/bin/env python3\nprint(1)\n',
    'bin/tool2': '#!/usr/bin/python3.12 -u\nprint(1)\n',
    'bin/deploy': '#!/bin/sh\necho hi\n',
    'bin/data': 'no shebang here\n',
    'Makefile': 'all:\n\tcc a.c\n',
    'notes.txt': 'python\n',
    'script.sh': '#!/usr/bin/env python3\n',
  });

  it('takes files by extension, and extensionless files by their shebang; others silently', async () => {
    const d = await run(root);
    assert.deepEqual(
      d.files.map((f) => `${f.path}:${f.language}`),
      ['a.py:python', 'b.c:c', 'bin/tool:python', 'bin/tool2:python', 'c.hpp:cpp', 'stub.pyi:python'],
    );
    assert.deepEqual(d.diagnostics, []);
  });

  it('says so once when a named file is in no supported language', async () => {
    const d = await run(root, ['notes.txt', 'bin/deploy', 'a.py', 'notes.txt']);
    assert.deepEqual(paths(d), ['a.py']);
    assert.deepEqual(notes(d), [
      'bin/deploy skipped: not in a supported language (python, c, cpp), not reviewed',
      'notes.txt skipped: not in a supported language (python, c, cpp), not reviewed',
    ]);
  });
});

describe('discover: duplicates and symbolic links', () => {
  const outside = tree({ 'shared.py': 'x = 1\n' });
  const root = tree({
    'app.py': 'x = 1\n',
    'pkg/mod.py': 'x = 1\n',
    'alias.py': { link: 'app.py' },
    'pkg-link': { link: 'pkg' },
    'ext.py': { link: join(outside, 'shared.py') },
    'elsewhere': { link: outside },
    'self.py': { link: 'self.py' },
    'broken.py': { link: 'missing.py' },
    'pkg/up': { link: '..' },
    'a/b': { link: '../c' },
    'c/d': { link: '../a' },
    'c/e.c': 'int e;\n',
  });
  addToTree(outside, { back: { link: root } });

  it('reviews each real file once, under the path without a link', async () => {
    const d = await run(root, ['.', 'app.py', './app.py', 'pkg', 'pkg-link/mod.py', 'elsewhere/shared.py']);
    assert.deepEqual(paths(d), ['app.py', 'c/e.c', 'elsewhere/shared.py', 'pkg/mod.py']);
  });

  it('reports link loops, cycles back to a folder above and broken links once each, without failing the run', async () => {
    const d = await run(root, ['.', 'pkg-link']);
    assert.deepEqual(notes(d), [
      'broken.py unreadable: broken symbolic link (its target does not exist), not followed',
      'elsewhere/back unreadable: symbolic link loop, not followed',
      'pkg/up unreadable: symbolic link loop, not followed',
      'self.py unreadable: symbolic link loop, not followed',
    ]);
  });

  it('walks a folder reached through a link under its link path when that is all it is named by', async () => {
    const named = await run(root, ['pkg-link']);
    assert.deepEqual(paths(named), ['pkg-link/mod.py']);
    assert.deepEqual(notes(named), ['pkg-link/up unreadable: symbolic link loop, not followed']);
    const a = await run(root, ['a']);
    assert.deepEqual(paths(a), ['a/b/e.c']);
    assert.deepEqual(notes(a), ['a/b/d unreadable: symbolic link loop, not followed']);
  });

  it('keeps a path outside the root absolute', async () => {
    const d = await run(root, [join(outside, 'shared.py')]);
    assert.deepEqual(paths(d), [join(outside, 'shared.py')]);
  });
});

describe('discover: sizes and missing or unreadable paths', () => {
  const root = tree({
    'small.py': 'x = 1\n',
    'big.py': Buffer.alloc(2 * MB + 1, '#'),
  });

  it('skips files over the limit with their size, the limit and the flag to change it', async () => {
    const d = await run(root);
    assert.deepEqual(paths(d), ['small.py']);
    assert.deepEqual(notes(d), ['big.py skipped: 2 MB is over the limit of 1 MB, not reviewed (raise it with --max-file-size)']);
    assert.deepEqual(paths(await run(root, ['.'], { maxFileSize: 3 * MB })), ['big.py', 'small.py']);
    const justOver = await run(root, ['.'], { maxFileSize: 2 * MB });
    assert.deepEqual(notes(justOver), [
      'big.py skipped: 2097153 bytes is over the limit of 2097152 bytes, not reviewed (raise it with --max-file-size)',
    ]);
  });

  it('makes a named path that does not exist an error', async () => {
    const d = await run(root, ['small.py', 'nope.py', 'missing-dir']);
    assert.deepEqual(paths(d), ['small.py']);
    assert.deepEqual(notes(d), [
      'missing-dir unreadable ERROR: no such file or directory',
      'nope.py unreadable ERROR: no such file or directory',
    ]);
  });

  it('skips a FIFO with a source name instead of blocking on it', async () => {
    const fifoRoot = tree({ 'ok.py': 'x = 1\n' });
    execFileSync('mkfifo', [join(fifoRoot, 'pipe.py')]);
    const d = await run(fifoRoot);
    assert.deepEqual(paths(d), ['ok.py']);
    assert.deepEqual(notes(d), ['pipe.py skipped: not a regular file, not reviewed']);
  });

  it('makes a folder it may not read an error, and reviews the rest', () => {
    const permRoot = tree({ 'ok.py': 'x = 1\n', 'locked/secret.py': 'x = 1\n' });
    chmodSync(join(permRoot, 'locked'), 0o000);
    after(() => chmodSync(join(permRoot, 'locked'), 0o755));
    const discoverUrl = new URL('../../src/sources/discover.js', import.meta.url).href;
    const script = `
      const { discover } = await import(${JSON.stringify(discoverUrl)});
      const d = await discover(['.'], { root: ${JSON.stringify(permRoot)}, exclude: [], maxFileSize: 1 << 20 });
      process.stdout.write(JSON.stringify(d));`;
    const child = runUnprivileged(['--input-type=module', '-e', script]);
    assert.equal(child.status, 0, child.stderr);
    const d = JSON.parse(child.stdout) as Discovery;
    assert.deepEqual(paths(d), ['ok.py']);
    assert.deepEqual(notes(d), ['locked unreadable ERROR: permission denied']);
  });

  it('finds every file of a wide, deep tree', async () => {
    const wide = tree({});
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      const dir = join(wide, `d${i}`, 'x', 'y');
      mkdirSync(dir, { recursive: true });
      for (let j = 0; j < 25; j++) {
        writeFileSync(join(dir, `m${j}.py`), 'x = 1\n');
        expected.push(`d${i}/x/y/m${j}.py`);
      }
    }
    addToTree(wide, { 'README': 'not code\n' });
    const d = await run(wide);
    assert.deepEqual(paths(d), expected.sort());
  });
});
