import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxNumericWidth, parsePrintfFormat, parseScanfFormat } from '../../../src/languages/c/format.js';

describe('printf formats', () => {
  it('splits literal text from conversions and numbers the arguments', () => {
    const parsed = parsePrintfFormat('user=%s id=%-8.3d %% %*s %.*s\n')!;
    assert.equal(parsed.literalLength, 'user= id=  \n'.length + 1 + 1);
    assert.deepEqual(
      parsed.conversions.map((c) => [c.conversion, c.width, c.precision, c.widthArg, c.precisionArg, c.arg]),
      [
        ['s', undefined, undefined, undefined, undefined, 0],
        ['d', 8, 3, undefined, undefined, 1],
        ['s', 'arg', undefined, 2, undefined, 3],
        ['s', undefined, 'arg', undefined, 4, 5],
      ],
    );
  });

  it('honours positional arguments and rejects malformed directives', () => {
    assert.deepEqual(parsePrintfFormat('%2$s %1$d')!.conversions.map((c) => c.arg), [1, 0]);
    assert.equal(parsePrintfFormat('100%'), undefined);
    assert.equal(parsePrintfFormat('%y'), undefined);
  });

  it('bounds numeric conversions by their length modifier', () => {
    const width = (f: string) => maxNumericWidth(parsePrintfFormat(f)!.conversions[0]);
    assert.equal(width('%d'), 11);
    assert.equal(width('%u'), 10);
    assert.equal(width('%lld'), 20);
    assert.equal(width('%hhx'), 2);
    assert.equal(width('%#lx'), 18);
    assert.equal(width('%20d'), 20);
    assert.equal(width('%p'), 18);
    assert.equal(width('%f'), undefined);
    assert.equal(width('%*d'), undefined);
  });
});

describe('scanf formats', () => {
  it('reads widths, scansets, suppression and %m', () => {
    const parsed = parseScanfFormat('%31s %*d %64[^,] %ms %c')!;
    assert.deepEqual(
      parsed.map((c) => [c.conversion, c.width, c.suppressed, c.allocates, c.arg]),
      [
        ['s', 31, false, false, 0],
        ['d', undefined, true, false, undefined],
        ['[', 64, false, false, 1],
        ['s', undefined, false, true, 2],
        ['c', undefined, false, false, 3],
      ],
    );
  });
});
