import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cweCatalogVersion, cweEntry, pillarOf, pillars } from '../src/core/cwe.js';
import { lineCount, linesOf, splitLines, withLines } from '../src/core/source-file.js';

describe('CWE catalog', () => {
  it('is CWE 4.15 with the ten CWE-1000 pillars', () => {
    assert.equal(cweCatalogVersion(), '4.15');
    assert.deepEqual(
      pillars().map((p) => p.id),
      [284, 435, 664, 682, 691, 693, 697, 703, 707, 710],
    );
  });

  it('derives pillars from ChildOf links', () => {
    assert.equal(pillarOf(78).id, 707); // OS command injection -> 77 -> 74 -> 707
    assert.equal(pillarOf(416).id, 664); // use after free -> 825 -> 119 -> 118 -> 664
    assert.equal(pillarOf(390).id, 703); // error detected without action -> 755 -> 703
    assert.equal(pillarOf(89).id, 707);
    assert.equal(pillarOf(190).id, 682);
    assert.equal(pillarOf(367).id, 691);
    assert.equal(pillarOf(707).id, 707); // a pillar is its own pillar
    assert.equal(pillarOf(707).name, 'Improper Neutralization');
  });

  it('keeps names, abstraction and a mitigation', () => {
    const e = cweEntry(78)!;
    assert.match(e.name, /OS Command/);
    assert.equal(e.abstraction, 'Base');
    assert.ok(e.mitigation && e.mitigation.length > 20);
    assert.equal(cweEntry(999999), undefined);
  });

  it('refuses an unknown weakness rather than guessing a pillar', () => {
    assert.throws(() => pillarOf(999999), /not a weakness/);
  });
});

describe('source lines', () => {
  it('counts lines as splitLines splits them, whatever the line breaks', () => {
    for (const text of ['', 'a', 'a\n', 'a\nb', 'a\r\nb\r\n', 'a\rb', '\r\n\r\n', 'a\r\r\nb\n\rc', 'é😀\n\n']) {
      assert.equal(lineCount(text), splitLines(text).length, JSON.stringify(text));
    }
  });

  it('splits a file into lines when they are first read, once', () => {
    const file = withLines({ path: 'a.py', absPath: '/a.py', language: 'python', text: 'x = 1\r\ny = 2\n' });
    assert.deepEqual(file.lines, ['x = 1', 'y = 2', '']);
    assert.equal(file.lines, file.lines);
    assert.equal(linesOf(file, 2, 2), 'y = 2');
  });
});
