import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openPatchChange, parsePatch, unquote } from '../../src/sources/patch.js';

const lines = (p: ReturnType<typeof parsePatch>[number]) => p.added.map((a) => a.line);

describe('parsePatch: git diffs', () => {
  it('numbers added lines in the new file and places deletions between new lines', () => {
    const [file] = parsePatch(
      [
        'diff --git a/app.py b/app.py',
        'index 1111111..2222222 100644',
        '--- a/app.py',
        '+++ b/app.py',
        '@@ -2 +2 @@ def f():',
        '-    return 1',
        '+    return eval(x)',
        '@@ -5,2 +4,0 @@ def g():',
        '-    a = 1',
        '-    b = 2',
        '@@ -9,0 +8,2 @@ def h():',
        '+    c = 3',
        '+    d = 4',
        '',
      ].join('\n'),
    );
    assert.equal(file.status, 'modified');
    assert.equal(file.oldPath, 'app.py');
    assert.equal(file.newPath, 'app.py');
    assert.deepEqual(lines(file), [2, 8, 9]);
    assert.deepEqual(file.added.map((a) => a.text), ['    return eval(x)', '    c = 3', '    d = 4']);
    // The rewritten line 2 lost its old text just before it; lines 5-6 went after new line 4.
    assert.deepEqual(file.deletedAfter, [1, 4]);
    assert.equal(file.additions, 3);
    assert.equal(file.deletions, 3);
  });

  it('reads context hunks (-U3) the same way', () => {
    const [file] = parsePatch(
      [
        'diff --git a/m.c b/m.c',
        '--- a/m.c',
        '+++ b/m.c',
        '@@ -1,4 +1,5 @@',
        ' #include <stdio.h>',
        ' void f(char *b) {',
        '-    fgets(b, 8, stdin);',
        '+    gets(b);',
        '+    puts(b);',
        ' }',
        ' ',
      ].join('\n'),
    );
    assert.deepEqual(lines(file), [3, 4]);
    assert.deepEqual(file.deletedAfter, [2]);
  });

  it('knows added, deleted, renamed, copied and binary files', () => {
    const files = parsePatch(
      [
        'diff --git a/new.py b/new.py',
        'new file mode 100644',
        'index 0000000..3333333',
        '--- /dev/null',
        '+++ b/new.py',
        '@@ -0,0 +1,2 @@',
        '+import os',
        '+os.system(cmd)',
        'diff --git a/gone.py b/gone.py',
        'deleted file mode 100644',
        'index 4444444..0000000',
        '--- a/gone.py',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-x = 1',
        'diff --git a/old name.py b/new name.py',
        'similarity index 100%',
        'rename from old name.py',
        'rename to new name.py',
        'diff --git a/src/a.py b/lib/a.py',
        'similarity index 80%',
        'rename from src/a.py',
        'rename to lib/a.py',
        'index 5555555..6666666 100644',
        '--- a/src/a.py',
        '+++ b/lib/a.py',
        '@@ -3 +3 @@',
        '-y = 2',
        '+y = eval(z)',
        'diff --git a/base.py b/copy.py',
        'similarity index 100%',
        'copy from base.py',
        'copy to copy.py',
        'diff --git a/logo.png b/logo.png',
        'index 7777777..8888888 100644',
        'Binary files a/logo.png and b/logo.png differ',
        'diff --git a/mode.sh b/mode.sh',
        'old mode 100644',
        'new mode 100755',
      ].join('\n'),
    );
    const summary = files.map((f) => `${f.status}${f.binary ? ' binary' : ''} ${f.oldPath ?? '-'} -> ${f.newPath ?? '-'} +[${lines(f)}]`);
    assert.deepEqual(summary, [
      'added - -> new.py +[1,2]',
      'deleted gone.py -> - +[]',
      'renamed old name.py -> new name.py +[]',
      'renamed src/a.py -> lib/a.py +[3]',
      'copied base.py -> copy.py +[]',
      'modified binary logo.png -> logo.png +[]',
      'modified mode.sh -> mode.sh +[]',
    ]);
    assert.deepEqual(files[1].deletedAfter, [0]);
  });

  it('decodes quoted paths with spaces, quotes and UTF-8 octal escapes', () => {
    const [spaced, quoted] = parsePatch(
      [
        'diff --git a/my file.py b/my file.py',
        '--- a/my file.py\t',
        '+++ b/my file.py\t',
        '@@ -1 +1 @@',
        '-a',
        '+b',
        'diff --git "a/sp\\303\\244ce \\"q\\".py" "b/sp\\303\\244ce \\"q\\".py"',
        'new file mode 100644',
        '--- /dev/null',
        '+++ "b/sp\\303\\244ce \\"q\\".py"',
        '@@ -0,0 +1 @@',
        '+q',
      ].join('\n'),
    );
    assert.equal(spaced.newPath, 'my file.py');
    assert.equal(quoted.newPath, 'späce "q".py');
    assert.equal(quoted.status, 'added');
    assert.equal(unquote('"tab\\there"'), 'tab\there');
  });

  it('splits an unquoted header with spaces when no ---/+++ lines name the file', () => {
    const [file] = parsePatch(['diff --git a/a b/c.bin b/a b/c.bin', 'index 1..2 100644', 'Binary files a/a b/c.bin and b/a b/c.bin differ'].join('\n'));
    assert.equal(file.newPath, 'a b/c.bin');
    assert.equal(file.binary, true);
  });

  it('ignores the "no newline at end of file" marker', () => {
    const [file] = parsePatch(
      ['diff --git a/x.py b/x.py', '--- a/x.py', '+++ b/x.py', '@@ -1 +1,2 @@', '-a', '\\ No newline at end of file', '+a', '+b', '\\ No newline at end of file'].join('\n'),
    );
    assert.deepEqual(file.added, [
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
    ]);
    assert.deepEqual(file.deletedAfter, [0]);
  });

  it('reads CRLF patches', () => {
    const [file] = parsePatch(['diff --git a/w.py b/w.py', '--- a/w.py', '+++ b/w.py', '@@ -1,0 +2 @@', '+eval(x)', ''].join('\r\n'));
    assert.deepEqual(file.added, [{ line: 2, text: 'eval(x)' }]);
  });
});

describe('parsePatch: plain unified diffs', () => {
  it('reads diff -ruN output, timestamps and binary notes included', () => {
    const files = parsePatch(
      [
        'diff -ruN old/a.py new/a.py',
        '--- old/a.py\t2024-05-01 10:00:00.000000000 +0200',
        '+++ new/a.py\t2024-05-02 10:00:00.000000000 +0200',
        '@@ -1,2 +1,2 @@',
        ' import os',
        '-os.system("ls")',
        '+os.system(cmd)',
        'Binary files old/b.bin and new/b.bin differ',
        'diff -ruN old/c.py new/c.py',
        '--- old/c.py\t2024-05-01 10:00:00.000000000 +0200',
        '+++ new/c.py\t2024-05-02 10:00:00.000000000 +0200',
        '@@ -0,0 +1 @@',
        '+exec(y)',
      ].join('\n'),
    );
    assert.deepEqual(
      files.map((f) => `${f.status}${f.binary ? ' binary' : ''} ${f.newPath} +[${lines(f)}]`),
      ['modified new/a.py +[2]', 'modified binary new/b.bin +[]', 'modified new/c.py +[1]'],
    );
  });

  it('reads several files of a diff without any diff header', () => {
    const files = parsePatch(['--- a.py', '+++ a.py', '@@ -1 +1 @@', '-x', '+y', '--- b.py', '+++ b.py', '@@ -3,0 +4 @@', '+z'].join('\n'));
    assert.deepEqual(files.map((f) => `${f.newPath}:${lines(f)}`), ['a.py:1', 'b.py:4']);
  });

  it('gives nothing for empty input', () => {
    assert.deepEqual(parsePatch(''), []);
    assert.deepEqual(parsePatch('\n\n'), []);
  });
});

describe('openPatchChange', () => {
  const root = mkdtempSync(join(tmpdir(), 'secreview-test-patch-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (files: Record<string, string>) => {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
  };
  write({ 'src/app.py': 'import os\nos.system(cmd)\n', 'src/ok.py': 'x = 1\ny = 2\n' });

  const patch = (name: string, text: string) => {
    writeFileSync(join(root, name), text);
    return openPatchChange(name, root);
  };

  it('maps patch paths onto the tree, stripping leading folders like patch -p1', () => {
    const { change } = patch('strip.diff', ['--- old/src/app.py', '+++ new/src/app.py', '@@ -2 +2 @@', '-os.system("ls")', '+os.system(cmd)', ''].join('\n'));
    assert.deepEqual(change.files.map((f) => [f.path, f.added]), [['src/app.py', [{ start: 2, end: 2 }]]]);
    assert.deepEqual(change.diagnostics, []);
    assert.equal(change.description, 'patch strip.diff');
  });

  it('reports a patch whose added lines are not in the file as an error', () => {
    const { change } = patch('stale.diff', ['--- a/src/ok.py', '+++ b/src/ok.py', '@@ -2 +2 @@', '-y = 1', '+y = 3', ''].join('\n'));
    assert.deepEqual(
      change.diagnostics.map((d) => [d.file, d.line, d.kind, d.error]),
      [['src/ok.py', 2, 'config', true]],
    );
  });

  it('reports files the tree does not have, and leaves deleted files alone', () => {
    const { change } = patch(
      'missing.diff',
      [
        'diff --git a/src/nothere.py b/src/nothere.py',
        '--- a/src/nothere.py',
        '+++ b/src/nothere.py',
        '@@ -1 +1 @@',
        '-a',
        '+b',
        'diff --git a/src/removed.py b/src/removed.py',
        'deleted file mode 100644',
        '--- a/src/removed.py',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-x',
        'diff --git a/../../etc/passwd b/../../etc/passwd',
        '--- a/../../etc/passwd',
        '+++ b/../../etc/passwd',
        '@@ -1 +1 @@',
        '-a',
        '+b',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      change.diagnostics.map((d) => `${d.file} ${d.kind}${d.error ? ' ERROR' : ''}`),
      ['src/nothere.py skipped', '../../etc/passwd skipped'],
    );
    assert.deepEqual(change.files.map((f) => `${f.status} ${f.path}`), ['modified src/nothere.py', 'deleted src/removed.py', 'modified ../../etc/passwd']);
  });

  it('rejects input that is not a diff, and an unreadable patch, in one line', () => {
    assert.throws(() => patch('prose.txt', 'hello, this is not a patch\n'), /^ChangeError: prose\.txt is not a unified diff$/);
    assert.throws(() => openPatchChange('absent.diff', root), /cannot read patch absent\.diff: ENOENT/);
  });
});
