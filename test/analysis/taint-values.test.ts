/** Abstract values, constant folding and validator patterns. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldBinary, foldCompare, foldUnary, truthy } from '../../src/analysis/constants.js';
import { isStrictValidator } from '../../src/analysis/patterns.js';
import {
  constant,
  deepTaint,
  EMPTY,
  joinValue,
  keyOf,
  readAnyElement,
  readField,
  sanitize,
  SINK_BIT,
  step,
  splice,
  tainted,
  traceSteps,
  writeAnyElement,
  writeField,
  type Label,
} from '../../src/analysis/values.js';

function input(label = 'source'): Label {
  return { kind: 'input', index: -1, name: '', path: '', cleared: 0, trace: step(undefined, 0, 0, 1, label) };
}

describe('constant folding', () => {
  it('folds arithmetic, strings and comparisons the way the issue\'s examples need', () => {
    assert.equal(foldCompare('>', foldBinary('+', foldBinary('*', 7, 18)!, 106)!, 200), true);
    assert.equal(foldCompare('==', 'a', 'b'), false);
    assert.equal(foldBinary('+', 'ab', 'c'), 'abc');
    assert.equal(foldBinary('//', 7, 2), 3);
    assert.equal(foldBinary('%', -7, 3), 2);
    assert.equal(foldBinary('/', 1, 0), undefined);
    assert.equal(foldUnary('not', ''), true);
    assert.equal(truthy(0), false);
    assert.equal(foldCompare('in', 'ab', 'xaby'), true);
  });
});

describe('abstract values', () => {
  it('keeps constant keys apart: d["a"] = tainted leaves d["b"] clean', () => {
    const d = writeField(writeField(EMPTY, keyOf('a'), tainted([input()])), keyOf('b'), constant('x'));
    assert.equal(deepTaint(readField(d, keyOf('a'))).length, 1);
    assert.equal(deepTaint(readField(d, keyOf('b'))).length, 0);
    assert.equal(deepTaint(readField(d, keyOf('c'))).length, 0);
  });

  it('lets an unknown-key store reach every key', () => {
    const d = writeAnyElement(writeField(EMPTY, keyOf('a'), constant('x')), tainted([input()]));
    assert.equal(deepTaint(readField(d, keyOf('a'))).length, 1);
    assert.equal(deepTaint(readAnyElement(d)).length, 1);
  });

  it('joins branches key by key and forgets constants that differ', () => {
    const left = writeField(EMPTY, keyOf('a'), tainted([input()]));
    const right = writeField(EMPTY, keyOf('b'), constant(1));
    const joined = joinValue(left, right);
    assert.equal(deepTaint(readField(joined, keyOf('a'))).length, 1);
    assert.equal(deepTaint(readField(joined, keyOf('b'))).length, 0);
    assert.equal(joinValue(constant(1), constant(2)).c, undefined);
    assert.deepEqual(joinValue(constant('x'), constant('x')).c, { v: 'x' });
  });

  it('sanitises per sink class and drops input that is safe everywhere', () => {
    const v = tainted([input()]);
    const quoted = sanitize(v, SINK_BIT.command);
    assert.equal(quoted.taint[0].cleared & SINK_BIT.command, SINK_BIT.command);
    assert.equal(quoted.taint[0].cleared & SINK_BIT.sql, 0);
    assert.equal(sanitize(v, ~0).taint.length, 0);
    const weak: Label = { ...input(), kind: 'random' };
    assert.equal(sanitize(tainted([weak]), ~0).taint.length, 1, 'int(random.random()) is still weak randomness');
  });

  it('splices a callee\'s steps into the caller\'s trace without its parameter step', () => {
    const caller = step(step(undefined, 0, 0, 1, 'source'), 0, 2, 3, 'passed to f() as p');
    const callee = step(step(undefined, 1, 0, 1, 'parameter p of f()'), 1, 5, 6, 'assigned to q');
    assert.deepEqual(traceSteps(splice(caller, callee)).map((s) => s.label), ['source', 'passed to f() as p', 'assigned to q']);
  });
});

describe('validator patterns', () => {
  it('accepts anchored, restricted patterns and rejects loose ones', () => {
    assert.ok(isStrictValidator('^[a-z0-9_]{1,32}$', false, false));
    assert.ok(isStrictValidator('[A-Za-z]+', true, true));
    assert.ok(isStrictValidator('^(png|jpg)$', false, false));
    assert.ok(!isStrictValidator('^.*$', false, false));
    assert.ok(!isStrictValidator('[A-Za-z]+', false, false), 'unanchored search');
    assert.ok(!isStrictValidator('^[^<]+$', false, false), 'negated class');
    assert.ok(!isStrictValidator('^\\S+$', false, false));
    assert.ok(!isStrictValidator('^a$|b', false, false), 'top-level alternative');
  });
});
