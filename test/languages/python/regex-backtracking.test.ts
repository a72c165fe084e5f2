import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exponentialBacktracking, withCallFlags } from '../../../src/languages/python/regex-backtracking.js';

test('nested and overlapping loops backtrack exponentially; single-class and fixed-sequence loops do not', () => {
  for (const p of [String.raw`(a+)+$`, String.raw`^(\w+\s?)*$`, String.raw`(?P<w>(x|x)*)y`, String.raw`^(a|aa)+$`, String.raw`((ab)*)*c`]) {
    assert.equal(exponentialBacktracking(p), true, p);
  }
  for (const p of [String.raw`\s*$`, String.raw`^\w+(\s\w+)*$`, String.raw`^(ab)+$`, String.raw`^.*foo.*$`, String.raw`^(WARNING: )?The directory .* is not writable.*$`, String.raw`(\d+)?x`]) {
    assert.equal(exponentialBacktracking(p), false, p);
  }
});

test('re.VERBOSE drops whitespace and comments, but not escaped or in a class', () => {
  assert.equal(withCallFlags('^a b$', 're.I'), '^a b$');
  assert.equal(withCallFlags('^a b$', 're.I | re.X'), '(?x)^a b$');
  assert.equal(withCallFlags('(?i)^a b$', 're.VERBOSE'), '(?ix)^a b$');
  // Read as verbose, `(\w+ )+` is `(\w+)+`.
  assert.equal(exponentialBacktracking(String.raw`(?x)^(\w+ )+$`), true);
  assert.equal(exponentialBacktracking(String.raw`^(\w+ )+$`), false);
  // A comment is not pattern; an escaped space and a space in a class are.
  assert.equal(exponentialBacktracking('(?x)^\\w+$  # (a+)+ only in a comment'), false);
  assert.equal(exponentialBacktracking(String.raw`(?x)^(\w+\ )+$`), false);
  assert.equal(exponentialBacktracking(String.raw`(?x)^(\w+[ ])+$`), false);
});
