import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestDefinition } from '../../../src/languages/c/linkage.js';

describe('the definition a call links to when several files define the name', () => {
  const id = (p: string): string => p;
  it('takes the only one, or the one in the nearest file', () => {
    assert.equal(nearestDefinition(['lib/a.c'], id, 'tools/x.c'), 'lib/a.c');
    assert.equal(nearestDefinition(['tools/ls/usage.c', 'tools/cp/usage.c'], id, 'tools/cp/main.c'), 'tools/cp/usage.c');
    assert.equal(nearestDefinition(['CWE78__execl_51b.c', 'CWE78__execl_52b.c'], id, 'CWE78__execl_51a.c'), 'CWE78__execl_51b.c');
  });

  it('takes none when two are equally near, or none is defined', () => {
    assert.equal(nearestDefinition(['a/x.c', 'b/x.c'], id, 'c/main.c'), undefined);
    assert.equal(nearestDefinition([], id, 'main.c'), undefined);
  });
});
